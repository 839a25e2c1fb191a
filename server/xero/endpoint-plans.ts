import type { AccountingApi } from 'xero-node';
import type { EndpointName } from './raw';

export type Call = (
  api: AccountingApi,
  tenantId: string,
  since: Date | undefined,
  page: number,
  pageSize: number,
) => Promise<{ response: { data: unknown; headers: unknown } }>;

type EndpointPlan = {
  /** The record's id field in Xero's JSON. */
  id: string;
  /** Xero honours If-Modified-Since here (not on TaxRates or Organisation). */
  modifiedSince: boolean;
  paged: boolean;
  call: Call;
};

/** How each endpoint is read: xero-node's method, paging and incremental support. */
export const plans: Record<EndpointName, EndpointPlan> = {
  Organisation: { id: 'OrganisationID', modifiedSince: false, paged: false, call: (api, t) => api.getOrganisations(t) },
  Accounts: { id: 'AccountID', modifiedSince: true, paged: false, call: (api, t, since) => api.getAccounts(t, since) },
  TaxRates: { id: 'TaxType', modifiedSince: false, paged: false, call: (api, t) => api.getTaxRates(t) },
  Contacts: {
    id: 'ContactID',
    modifiedSince: true,
    paged: true,
    call: (api, t, since, page, size) => api.getContacts(t, since, undefined, undefined, undefined, page, true, false, undefined, size),
  },
  Items: { id: 'ItemID', modifiedSince: true, paged: false, call: (api, t, since) => api.getItems(t, since) },
  Invoices: {
    id: 'InvoiceID',
    modifiedSince: true,
    paged: true,
    call: (api, t, since, page, size) =>
      api.getInvoices(t, since, undefined, undefined, undefined, undefined, undefined, undefined, page, true, undefined, undefined, false, size),
  },
  CreditNotes: {
    id: 'CreditNoteID',
    modifiedSince: true,
    paged: true,
    call: (api, t, since, page, size) => api.getCreditNotes(t, since, undefined, undefined, page, undefined, size),
  },
  Payments: {
    id: 'PaymentID',
    modifiedSince: true,
    paged: true,
    call: (api, t, since, page, size) => api.getPayments(t, since, undefined, undefined, page, size),
  },
  Overpayments: {
    id: 'OverpaymentID',
    modifiedSince: true,
    paged: true,
    call: (api, t, since, page, size) => api.getOverpayments(t, since, undefined, undefined, page, undefined, size),
  },
  Prepayments: {
    id: 'PrepaymentID',
    modifiedSince: true,
    paged: true,
    call: (api, t, since, page, size) => api.getPrepayments(t, since, undefined, undefined, page, undefined, size),
  },
};
