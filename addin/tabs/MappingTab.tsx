import { Text } from '@fluentui/react-components';

export function MappingTab() {
  return (
    <section aria-label="Mapping">
      <Text>
        Mapping sales, POS and inventory codes onto Xero accounts, tax rates and contacts is not available in this
        version yet.
      </Text>
    </section>
  );
}
