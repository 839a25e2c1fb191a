import type { Account, Contact, TaxRate } from '../domain';
import { ACCOUNT_CLASS_OF_ROLE, cellText, isExcelError, roleOf } from './rows';
import type { Cell, MappingKind, MappingRow } from './rows';
import { findContact, stripZeros } from './xero-data';
import type { XeroLookup } from './xero-data';

export type Severity = 'error' | 'warning';

/** Something about a row that would fail (error) or surprise (warning) a later sync, with the fix. */
export type RowProblem = { row: number; field: string; severity: Severity; code: string; message: string };

/** What a row resolves to in Xero, when it does. */
export type Resolved = { account?: Account; taxRate?: TaxRate; contact?: Contact; salesAccount?: Account; taxType?: TaxRate };

const CAN_APPLY: Record<string, keyof TaxRate> = {
  REVENUE: 'canApplyToRevenue',
  EXPENSE: 'canApplyToExpenses',
  ASSET: 'canApplyToAssets',
  LIABILITY: 'canApplyToLiabilities',
  EQUITY: 'canApplyToEquity',
};
const FIELD_LABEL: Record<string, string> = {
  source: 'Source code', name: 'Name', role: 'Role', rate: 'Rate %', usedWith: 'Used with', email: 'Email',
  accountNumber: 'Account number', target: 'Xero target', salesAccount: 'Sales account', taxType: 'Tax type',
};

type Report = (field: string, severity: Severity, code: string, fix: string) => void;

/** Cells that no sync could take: Excel error values, spaces around text. */
const CELL_FIELDS = Object.keys(FIELD_LABEL) as Array<keyof MappingRow>;

function cellChecks(row: MappingRow, report: Report): void {
  for (const field of CELL_FIELDS) {
    const value = row[field] as Cell | undefined;
    if (value === undefined) continue;
    if (isExcelError(value)) report(field, 'error', 'excel-error', `holds the Excel error ${String(value).trim()}: fix the formula or type the value`);
    else if (typeof value === 'string' && value !== value.trim() && value.trim() !== '') report(field, 'warning', 'whitespace', 'has spaces at the start or end, which Xero would keep: remove them');
  }
}

function accountProblems(code: string, lookup: XeroLookup, field: string, report: Report, cell?: Cell): Account | undefined {
  const account = lookup.accountByCode.get(code);
  if (account && typeof cell === 'number') {
    const padded = lookup.accountsByStrippedCode.get(stripZeros(code))?.find((a) => a.code !== code);
    if (padded?.code) report(field, 'warning', 'lost-leading-zeros', `is the number ${code}, and Xero has both ${code} and ${padded.code}: if you meant ${padded.code}, format the column as Text and type it`);
  }
  if (!account) {
    const zeros = lookup.accountsByStrippedCode.get(stripZeros(code))?.filter((a) => a.code !== code) ?? [];
    if (zeros.length > 0 && zeros[0]?.code) {
      report(field, 'error', 'lost-leading-zeros', `"${code}" is not an account in Xero, but ${zeros[0].code} is: Excel dropped its leading zeros; format the column as Text and type ${zeros[0].code}`);
    } else report(field, 'error', 'unknown-account', `there is no account with code "${code}" in Xero: choose one from the Xero Accounts sheet`);
    return undefined;
  }
  if (account.status !== 'ACTIVE') report(field, 'error', 'archived-target', `account ${code} (${account.name}) is ${account.status} in Xero: choose an active account`);
  return account;
}

function taxRateProblems(type: string, lookup: XeroLookup, field: string, report: Report): TaxRate | undefined {
  const rate = lookup.taxRateByType.get(type) ?? lookup.taxRateByName.get(type.toLowerCase());
  if (!rate) {
    report(field, 'error', 'unknown-tax-rate', `there is no tax rate "${type}" in Xero: choose one from the Xero Tax Rates sheet`);
    return undefined;
  }
  if (rate.status !== 'ACTIVE') report(field, 'error', 'archived-target', `tax rate ${rate.taxType} (${rate.name}) is ${rate.status} in Xero: choose an active tax rate`);
  return rate;
}

function parseRate(cell: Cell | undefined, report: Report): number | null {
  if (cell === null || cell === undefined || cell === '') {
    report('rate', 'error', 'blank', 'is blank: give the source rule’s rate in per cent, e.g. 10');
    return null;
  }
  if (typeof cell === 'number') return cell < 1 && cell > 0 ? cell * 100 : cell;
  const text = String(cell).trim().replace(/%$/, '').trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) {
    report('rate', 'error', 'not-a-number', `"${String(cell)}" is not a rate: type a number of per cent, e.g. 10`);
    return null;
  }
  report('rate', 'warning', 'number-as-text', `is a number stored as text ("${String(cell)}"): it is read as ${value}%`);
  return value;
}

/**
 * Every check of the mapping rules, for every row: what would fail a later sync is an error, what
 * merely looks wrong is a warning. Run by the pane as the user edits and again by the proxy, against
 * fresh Xero data, on everything it receives.
 */
export function checkRows(kind: MappingKind, rows: readonly MappingRow[], lookup: XeroLookup): { problems: RowProblem[]; resolved: Map<number, Resolved> } {
  const problems: RowProblem[] = [];
  const resolved = new Map<number, Resolved>();
  const seenSource = new Map<string, number>();
  const contactRows = new Map<string, number[]>();

  for (const row of rows) {
    const report: Report = (field, severity, code, fix) =>
      problems.push({ row: row.row, field, severity, code, message: `Row ${row.row}, ${FIELD_LABEL[field] ?? field}: ${fix}` });
    const r: Resolved = {};
    resolved.set(row.row, r);
    cellChecks(row, report);

    const source = cellText(row.source).trim();
    if (!source) report('source', 'error', 'blank', 'is blank: every row needs the source system’s code');
    else if (!isExcelError(row.source)) {
      if (typeof row.source === 'number') report('source', 'warning', 'number-code', `is the number ${row.source}: if the source system's code has leading zeros, format the column as Text and type it again`);
      const key = source.toLowerCase();
      const first = seenSource.get(key);
      if (first !== undefined) report('source', 'error', 'duplicate', `"${source}" is mapped already on row ${first}: keep one row per source code`);
      else seenSource.set(key, row.row);
    }

    const target = cellText(row.target).trim();
    const targetMissing = !target || isExcelError(row.target);
    if (!target) report('target', row.status === 'Approved' ? 'error' : 'warning', 'blank', 'is blank: choose the Xero target (or accept the suggestion)');

    if (kind === 'accounts') {
      const role = roleOf(row.role);
      if (!role) report('role', 'error', 'unknown-role', `"${cellText(row.role)}" is not a role: use revenue, expense, cost of sales, asset or liability`);
      if (!targetMissing) {
        const account = accountProblems(target, lookup, 'target', report, row.target);
        if (account) {
          r.account = account;
          if (role && account.class !== ACCOUNT_CLASS_OF_ROLE[role]) {
            report('target', 'error', 'class-mismatch', `account ${account.code} (${account.name}) is ${account.class ?? 'without a class'}, not ${ACCOUNT_CLASS_OF_ROLE[role]} as a ${role} code needs: choose a ${ACCOUNT_CLASS_OF_ROLE[role].toLowerCase()} account`);
          }
        }
      }
    } else if (kind === 'tax-rules') {
      const rate = parseRate(row.rate, report);
      if (!targetMissing && row.action === 'create-tax-rate') {
        // A new tax rate, named by the target, at the source rule's rate.
        if (lookup.taxRateByName.has(target.toLowerCase()) || lookup.taxRateByType.has(target)) {
          report('target', 'error', 'exists', `a tax rate "${target}" exists in Xero already: choose it instead of creating it`);
        } else if (target.length > 50) report('target', 'error', 'too-long', 'is longer than the 50 characters Xero allows for a tax rate name');
        else if (rate !== null && (rate < 0 || rate > 100)) report('rate', 'error', 'out-of-range', `${rate}% is not a rate Xero accepts: use 0 to 100`);
      } else if (!targetMissing) {
        const taxRate = taxRateProblems(target, lookup, 'target', report);
        if (taxRate) {
          r.taxRate = taxRate;
          if (rate !== null && Math.abs(Number(taxRate.effectiveRate) - rate) > 1e-9) {
            report('target', 'warning', 'rate-differs', `tax rate ${taxRate.taxType} is ${taxRate.effectiveRate}%, the source rule ${rate}%: check that this is intended`);
          }
          const usedWith = cellText(row.usedWith).trim() === '' ? 'revenue' : roleOf(row.usedWith);
          const cls = usedWith ? ACCOUNT_CLASS_OF_ROLE[usedWith] : null;
          if (!cls) report('usedWith', 'error', 'unknown-role', `"${cellText(row.usedWith)}" is not a kind of account: use revenue, expense, cost of sales, asset or liability`);
          else if (taxRate[CAN_APPLY[cls] as keyof TaxRate] !== true) {
            report('target', 'error', 'cannot-apply', `tax rate ${taxRate.taxType} (${taxRate.name}) cannot be used on ${cls.toLowerCase()} accounts in Xero: choose another tax rate`);
          }
        }
      }
    } else if (kind === 'payment-methods') {
      if (!targetMissing) {
        const account = accountProblems(target, lookup, 'target', report);
        if (account) {
          r.account = account;
          const takesPayments = account.type === 'BANK' || account.enablePaymentsToAccount;
          if (!takesPayments && row.action !== 'enable-payments') {
            report('target', 'error', 'payments-disabled', `account ${account.code} (${account.name}) does not accept payments: choose a bank account, or choose the action "enable payments" to turn them on in Xero`);
          }
        }
      }
    } else {
      if (!targetMissing) {
        const { contact, ambiguous } = findContact(lookup, target);
        if (ambiguous) report('target', 'error', 'ambiguous-contact', `several Xero contacts are named "${target}": use the contact number instead`);
        else if (!contact) report('target', 'error', 'unknown-contact', `there is no contact "${target}" in Xero: choose one from the Xero Contacts sheet`);
        else {
          r.contact = contact;
          if (contact.status !== 'ACTIVE') report('target', 'error', 'archived-target', `contact "${contact.name}" is ${contact.status} in Xero: choose an active contact`);
          else if (!contact.isCustomer) report('target', 'warning', 'not-a-customer', `"${contact.name}" has no sales in Xero yet: check that this is the customer`);
          const list = contactRows.get(contact.contactId) ?? [];
          if (list.length > 0 && !row.confirmShared) report('target', 'error', 'shared-contact', `"${contact.name}" is the target of row ${list[0]} too: confirm that these source customers share one contact, or choose another`);
          list.push(row.row);
          contactRows.set(contact.contactId, list);
        }
      }
      const sales = cellText(row.salesAccount).trim();
      if (sales && !isExcelError(row.salesAccount)) {
        const account = accountProblems(sales, lookup, 'salesAccount', report);
        if (account) {
          r.salesAccount = account;
          if (account.class !== 'REVENUE') report('salesAccount', 'error', 'class-mismatch', `account ${account.code} is ${account.class}, not a revenue account: choose a revenue account`);
        }
      }
      const tax = cellText(row.taxType).trim();
      if (tax && !isExcelError(row.taxType)) {
        const taxRate = taxRateProblems(tax, lookup, 'taxType', report);
        if (taxRate) {
          r.taxType = taxRate;
          if (!taxRate.canApplyToRevenue) report('taxType', 'error', 'cannot-apply', `tax rate ${taxRate.taxType} cannot be used on sales in Xero: choose another`);
        }
      }
      const email = cellText(row.email).trim();
      if (email && !isExcelError(row.email) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) report('email', 'warning', 'bad-email', `"${email}" does not look like an email address`);
    }
  }
  return { problems, resolved };
}

/** Rows without errors, by row number. */
export function rowsWithErrors(problems: readonly RowProblem[]): Set<number> {
  return new Set(problems.filter((p) => p.severity === 'error').map((p) => p.row));
}
