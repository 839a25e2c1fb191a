/** What the reports share: which side, which kinds of document, which statuses count. */

export type Side = 'receivables' | 'payables';

export type DocumentKind = 'invoice' | 'credit-note' | 'overpayment' | 'prepayment';

export const COUNTING_STATUSES = new Set(['AUTHORISED', 'PAID']);
