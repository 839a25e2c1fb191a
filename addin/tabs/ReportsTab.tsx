import { Text } from '@fluentui/react-components';

export function ReportsTab() {
  return (
    <section aria-label="Reports">
      <Text>Aged receivables and payables and running account summaries are not available in this version yet.</Text>
    </section>
  );
}
