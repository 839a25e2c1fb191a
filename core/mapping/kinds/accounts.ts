import type { Account } from '../../domain';
import { ACCOUNT_CLASS_OF_ROLE, cellText, roleOf } from '../rows';
import { checkAccount } from '../targets';
import type { MappingKindDefinition } from './types';

type Direct = NonNullable<MappingKindDefinition['suggestions']['direct']>;

/**
 * The account with the source's own code, when it is one of the kind's candidates. When it exists but is not, the
 * row is told why (archived, or `unfit` says how it does not fit the kind), and no look-alike is offered instead.
 */
export function sameCode(unfit: (account: Account) => string): Direct {
  return (row, lookup, candidates) => {
    const exact = lookup.accountByCode.get(cellText(row.source).trim());
    if (!exact) return null;
    if (candidates.some((c) => c.key === exact.code))
      return { target: exact.code as string, label: `${exact.code} ${exact.name}`, confidence: 100, reason: 'same code' };
    const why =
      exact.status !== 'ACTIVE'
        ? `matches the ${exact.status.toLowerCase()} account ${exact.code} (${exact.name}): restore it in Xero or choose another`
        : `matches account ${exact.code} (${exact.name}), which ${unfit(exact)}`;
    return { target: null, label: null, confidence: 0, reason: why };
  };
}

/** A sales, POS or inventory system's account codes onto Xero accounts of the class their role needs. */
export const accountsKind: MappingKindDefinition = {
  kind: 'accounts',
  title: 'Accounts',
  layout: {
    sheet: 'Map Accounts',
    table: 'MapAccounts',
    source: [
      { field: 'source', header: 'Source Code', kind: 'code', csv: ['source code', 'code', 'source', 'revenue code', 'gl code'] },
      { field: 'name', header: 'Name', kind: 'text', csv: ['name', 'description'] },
      { field: 'role', header: 'Role', kind: 'text', csv: ['role', 'type'] },
    ],
    targets: { table: 'XeroAccounts', column: 'Code' },
  },

  check(row, { lookup, report, resolved, target }) {
    const role = roleOf(row.role);
    if (!role) report('role', 'error', 'unknown-role', `"${cellText(row.role)}" is not a role: use revenue, expense, cost of sales, asset or liability`);
    if (target === null) return;
    const account = checkAccount(target, lookup, 'target', report, row.target);
    if (!account) return;
    resolved.account = account;
    const needed = role ? ACCOUNT_CLASS_OF_ROLE[role] : null;
    if (needed && account.class !== needed) {
      report(
        'target',
        'error',
        'class-mismatch',
        `account ${account.code} (${account.name}) is ${account.class ?? 'without a class'}, not ${needed} as a ${role} code needs: choose a ${needed.toLowerCase()} account`,
      );
    }
  },

  suggestions: {
    // A code's role says which class of account it needs: only those are suggested, so that a suggestion never
    // fails the class check (a revenue code is not offered an expense account with a similar name).
    scope: (row) => {
      const role = roleOf(row.role);
      return role ? ACCOUNT_CLASS_OF_ROLE[role] : null;
    },
    candidates: (lookup, accountClass) =>
      lookup.tables.accounts
        .filter((a) => a.status === 'ACTIVE' && a.code && (!accountClass || a.class === accountClass))
        .map((a) => ({ key: a.code as string, label: `${a.code} ${a.name}`, name: a.name })),
    direct: sameCode((a) => `is ${a.class ?? 'without a class'}, not the class this row's role needs: choose another`),
  },

  value: (row, r) =>
    r.account?.code
      ? { target: r.account.code, details: { role: cellText(row.role).trim().toLowerCase(), name: cellText(row.name).trim(), account: r.account.name } }
      : null,
  fromStored: (details) => ({ role: details.role ?? null }),
};
