import type { Account, TaxRate } from '../domain';
import type { Cell } from './rows';
import { stripZeros } from './xero-data';
import type { XeroLookup } from './xero-data';

export type Severity = 'error' | 'warning';

/** Reports a problem with a field of the row being checked: what is wrong and how to fix it. */
export type Report = (field: string, severity: Severity, code: string, fix: string) => void;

/** An account named by code, with the problems of the code (unknown, lost leading zeros, archived). */
export function checkAccount(code: string, lookup: XeroLookup, field: string, report: Report, cell?: Cell): Account | undefined {
  const account = lookup.accountByCode.get(code);
  if (account && typeof cell === 'number') {
    const padded = lookup.accountsByStrippedCode.get(stripZeros(code))?.find((a) => a.code !== code);
    if (padded?.code)
      report(
        field,
        'warning',
        'lost-leading-zeros',
        `is the number ${code}, and Xero has both ${code} and ${padded.code}: if you meant ${padded.code}, format the column as Text and type it`,
      );
  }
  if (!account) {
    const zeros = lookup.accountsByStrippedCode.get(stripZeros(code))?.filter((a) => a.code !== code) ?? [];
    if (zeros.length > 0 && zeros[0]?.code) {
      report(
        field,
        'error',
        'lost-leading-zeros',
        `"${code}" is not an account in Xero, but ${zeros[0].code} is: Excel dropped its leading zeros; format the column as Text and type ${zeros[0].code}`,
      );
    } else report(field, 'error', 'unknown-account', `there is no account with code "${code}" in Xero: choose one from the Xero Accounts sheet`);
    return undefined;
  }
  if (account.status !== 'ACTIVE')
    report(field, 'error', 'archived-target', `account ${code} (${account.name}) is ${account.status} in Xero: choose an active account`);
  return account;
}

/** A tax rate named by tax type or name, with the problems of the name (unknown, archived). */
export function checkTaxRate(type: string, lookup: XeroLookup, field: string, report: Report): TaxRate | undefined {
  const rate = lookup.taxRateByType.get(type) ?? lookup.taxRateByName.get(type.toLowerCase());
  if (!rate) {
    report(field, 'error', 'unknown-tax-rate', `there is no tax rate "${type}" in Xero: choose one from the Xero Tax Rates sheet`);
    return undefined;
  }
  if (rate.status !== 'ACTIVE')
    report(field, 'error', 'archived-target', `tax rate ${rate.taxType} (${rate.name}) is ${rate.status} in Xero: choose an active tax rate`);
  return rate;
}
