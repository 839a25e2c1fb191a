import type { ContactDefaults, XeroWrite } from '../../core/mapping/writes';
import type { OrganisationWrites } from '../sources/source';
import type { AuditEntry } from './store';

/** What a batch's writes into Xero did: the rows Xero refused (with why), and each row's before and after for the audit. */
export type XeroWritten = {
  failed: Map<number, string>;
  before: Map<number, unknown>;
  after: Map<number, unknown>;
  /** Rows whose write created a tax rate: its new tax type, which becomes the mapping's target. */
  created: Map<number, string>;
};

type RowWrite = { row: number; write: XeroWrite };

/**
 * Runs the writes the kinds describe (core/mapping/writes.ts), each with an idempotency key made from the
 * batch, so that a replayed batch never writes twice: contact defaults 50 to a call, the others one by one.
 * A write Xero refuses fails its row alone.
 */
export async function writeIntoXero(writes: OrganisationWrites, batchId: string, rows: readonly RowWrite[]): Promise<XeroWritten> {
  const done: XeroWritten = { failed: new Map(), before: new Map(), after: new Map(), created: new Map() };
  const contacts = rows.flatMap((r) => (r.write.type === 'contact-defaults' ? [{ row: r.row, write: r.write }] : []));
  if (contacts.length > 0) {
    for (const c of contacts) {
      done.before.set(c.row, c.write.before);
      done.after.set(c.row, c.write.after);
    }
    const outcomes = await writes.updateContactDefaults(
      contacts.map((c) => c.write.after),
      batchId,
    );
    contacts.forEach((c, i) => {
      const o = outcomes[i];
      if (!o?.ok) done.failed.set(c.row, `Row ${c.row}: Xero refused the contact's defaults: ${o?.message ?? 'no answer'}`);
    });
  }
  for (const { row, write } of rows) {
    if (write.type === 'payments-enabled') {
      done.before.set(row, { accountId: write.accountId, enablePaymentsToAccount: write.before });
      done.after.set(row, { accountId: write.accountId, enablePaymentsToAccount: write.after });
      const o = await writes.setPaymentsEnabled(write.accountId, write.after, `${batchId}-row-${row}`);
      if (!o.ok) done.failed.set(row, `Row ${row}: Xero did not enable payments on ${write.code}: ${o.message}`);
    } else if (write.type === 'tax-rate') {
      const o = await writes.createTaxRate({ name: write.name, percent: write.percent }, `${batchId}-taxrate-${row}`);
      if (!o.ok) done.failed.set(row, `Row ${row}: Xero did not create the tax rate: ${o.message}`);
      else {
        done.after.set(row, { createdTaxType: o.id });
        done.created.set(row, o.id);
      }
    }
  }
  return done;
}

/**
 * Puts back in Xero what a batch's audit entries changed there: contacts' defaults, payments on accounts. Returns
 * the entries (by index) Xero refused to restore, with its reason.
 */
export async function restoreInXero(writes: OrganisationWrites, batchId: string, entries: readonly AuditEntry[]): Promise<Map<number, string>> {
  const refused = new Map<number, string>();
  const contacts = entries.flatMap((e, i) => {
    const before = e.xeroBefore as Partial<ContactDefaults> | null;
    return before?.contactId ? [{ i, before: before as ContactDefaults }] : [];
  });
  if (contacts.length > 0) {
    const outcomes = await writes.updateContactDefaults(
      contacts.map((c) => c.before),
      `${batchId}-revert`,
    );
    contacts.forEach((c, k) => {
      const o = outcomes[k];
      if (!o?.ok) refused.set(c.i, `Xero refused the contact's defaults: ${o?.message ?? 'no answer'}`);
    });
  }
  for (const [i, e] of entries.entries()) {
    const payments = e.xeroBefore as { accountId?: string; enablePaymentsToAccount?: boolean } | null;
    if (!payments?.accountId) continue;
    const o = await writes.setPaymentsEnabled(payments.accountId, payments.enablePaymentsToAccount === true, `${batchId}-revert-${e.sourceCode}`);
    if (!o.ok) refused.set(i, `Xero did not turn payments back off: ${o.message}`);
  }
  return refused;
}
