/**
 * What applying a mapping writes into Xero itself, once for the kinds that describe it, the proxy's apply
 * step that runs it, and the gateway that sends it.
 */

/** A contact's sales defaults as a customer mapping sets them in Xero. */
export type ContactDefaults = { contactId: string; salesDefaultAccountCode: string | null; accountsReceivableTaxType: string | null };

/** Xero's answer to one write: the record's id, whether it took, and what Xero said. */
export type WriteResult = { id: string; ok: boolean; message: string };

/** One row's write into Xero, with what it replaces so that a revert can put it back. */
export type XeroWrite =
  | { type: 'contact-defaults'; before: ContactDefaults; after: ContactDefaults }
  | { type: 'payments-enabled'; accountId: string; code: string; before: boolean; after: boolean }
  | { type: 'tax-rate'; name: string; percent: string };
