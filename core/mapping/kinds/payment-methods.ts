import { cellText } from '../rows';
import { checkAccount } from '../targets';
import { sameCode } from './accounts';
import type { MappingKindDefinition } from './types';

const takesPayments = (a: { type: string; enablePaymentsToAccount: boolean }) => a.type === 'BANK' || a.enablePaymentsToAccount;

/** A till's or shop's payment methods onto the Xero accounts that take the payments (bank accounts, or payments enabled). */
export const paymentMethodsKind: MappingKindDefinition = {
  kind: 'payment-methods',
  title: 'Payment methods',
  layout: {
    sheet: 'Map Payments',
    table: 'MapPayments',
    source: [
      { field: 'source', header: 'Method', kind: 'code', csv: ['method', 'payment method', 'code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'description'] },
      { field: 'action', header: 'Action', kind: 'text', csv: ['action'] },
    ],
    targets: { table: 'XeroAccounts', column: 'Code' },
  },

  check(row, { lookup, report, resolved, target }) {
    if (target === null) return;
    const account = checkAccount(target, lookup, 'target', report);
    if (!account) return;
    resolved.account = account;
    if (!takesPayments(account) && row.action !== 'enable-payments') {
      report(
        'target',
        'error',
        'payments-disabled',
        `account ${account.code} (${account.name}) does not accept payments: choose a bank account, or choose the action "enable payments" to turn them on in Xero`,
      );
    }
  },

  suggestions: {
    candidates: (lookup) =>
      lookup.tables.accounts
        .filter((a) => a.status === 'ACTIVE' && a.code && takesPayments(a))
        .map((a) => ({ key: a.code as string, label: `${a.code} ${a.name}`, name: a.name })),
    direct: sameCode(() => 'takes no payments: choose the action "enable payments" to turn them on, or another account'),
  },

  value: (row, r) => (r.account?.code ? { target: r.account.code, details: { name: cellText(row.name).trim(), account: r.account.name } } : null),
  fromStored: (details) => (details.enablePayments ? { action: 'enable-payments' } : {}),

  /** "enable payments" on an account that takes none turns them on in Xero; a revert turns them off again. */
  xeroWrite: (row, { account }) =>
    account && !takesPayments(account) && row.action === 'enable-payments'
      ? { type: 'payments-enabled', accountId: account.accountId, code: account.code ?? '', before: false, after: true }
      : null,
};
