import { Text } from '@fluentui/react-components';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import type { PaneHost } from '../host';

type Props = {
  api: ApiClient;
  host: PaneHost;
  organisation: Organisation | null;
  onError: (title: string, err: unknown) => void;
};

export function DataTab({ organisation }: Props) {
  if (!organisation) return <Text>Choose an organisation on the Connect tab first.</Text>;
  return <Text>Pulling {organisation.name}'s tables into sheets is not available in this version yet.</Text>;
}
