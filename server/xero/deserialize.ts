import type { Accounts, Contacts, CreditNotes, Invoices, Items, Organisations, Overpayments, Payments, Prepayments, TaxRates } from 'xero-node';
import type { Ledger } from '../../core/domain';
import type { Organisation } from '../../core/domain';
import { hasFastReader, readRecords } from './fast-read';
import { endpoints, fieldPath } from './raw';
import { xeroNode } from './xero-node';
import { readOrganisation, readSmallRecords } from './small-read';
import type { SmallTable } from './small-read';
import type { EndpointName } from './raw';
import {
  normaliseAccount,
  normaliseContact,
  normaliseCreditNote,
  normaliseInvoice,
  normaliseItem,
  normaliseOrganisation,
  normaliseOverpayment,
  normalisePayment,
  normalisePrepayment,
  normaliseTaxRate,
} from './normalise';

/** A raw response body that does not have the shape Xero gives it, naming the field that is wrong. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
  constructor(
    readonly endpoint: EndpointName,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${endpoint}: ${field}: ${problem}`);
  }
}

type Models = {
  Organisation: Organisations;
  Accounts: Accounts;
  TaxRates: TaxRates;
  Contacts: Contacts;
  Items: Items;
  Invoices: Invoices;
  CreditNotes: CreditNotes;
  Payments: Payments;
  Overpayments: Overpayments;
  Prepayments: Prepayments;
};

/**
 * Checks a raw body (parsed JSON, PascalCase) against the endpoint's shape, then reads it with
 * xero-node's own deserializer, so a snapshot and a live response become the same models.
 */
function deserializeEndpoint<E extends EndpointName>(endpoint: E, body: unknown): Models[E] {
  checkBody(endpoint, body);
  return xeroNode().ObjectSerializer.deserialize(body, endpoints[endpoint].model) as Models[E];
}

export type RawBodies = Record<EndpointName, unknown>;

type Tables = Omit<Ledger, 'organisation'>;

/** Which endpoint holds each ledger table. */
export const endpointOfTable: Record<keyof Tables, Exclude<EndpointName, 'Organisation'>> = {
  accounts: 'Accounts',
  taxRates: 'TaxRates',
  contacts: 'Contacts',
  items: 'Items',
  invoices: 'Invoices',
  creditNotes: 'CreditNotes',
  payments: 'Payments',
  overpayments: 'Overpayments',
  prepayments: 'Prepayments',
};

/** Checks a raw body against Xero's format, naming the field that is wrong. */
function checkBody(endpoint: EndpointName, body: unknown): void {
  const checked = endpoints[endpoint].schema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new MalformedResponseError(endpoint, fieldPath(issue?.path ?? []), issue?.message ?? 'invalid');
  }
}

/**
 * Reads one endpoint's raw body into normalised core records: its shape checked, then read straight from the JSON
 * (fast-read.ts for the large tables, small-read.ts for the small ones), never through xero-node's models.
 */
export function tableFromRaw<K extends keyof Tables>(table: K, body: unknown, baseCurrency: string): Tables[K] {
  const endpoint = endpointOfTable[table];
  checkBody(endpoint, body);
  const list = ((body as Record<string, unknown>)[endpoints[endpoint].key] as unknown[] | undefined) ?? [];
  return (hasFastReader(table) ? readRecords(table, list, baseCurrency) : readSmallRecords(table as SmallTable, list)) as Tables[K];
}

/** Reads one endpoint's raw body through xero-node's models and the normaliser (the reference the fast reader is held to). */
export function tableThroughModels<K extends keyof Tables>(table: K, body: unknown, baseCurrency: string): Tables[K] {
  const read = {
    accounts: () => (deserializeEndpoint('Accounts', body).accounts ?? []).map(normaliseAccount),
    taxRates: () => (deserializeEndpoint('TaxRates', body).taxRates ?? []).map(normaliseTaxRate),
    contacts: () => (deserializeEndpoint('Contacts', body).contacts ?? []).map(normaliseContact),
    items: () => (deserializeEndpoint('Items', body).items ?? []).map(normaliseItem),
    invoices: () => (deserializeEndpoint('Invoices', body).invoices ?? []).map((i) => normaliseInvoice(i, baseCurrency)),
    creditNotes: () => (deserializeEndpoint('CreditNotes', body).creditNotes ?? []).map((c) => normaliseCreditNote(c, baseCurrency)),
    payments: () => (deserializeEndpoint('Payments', body).payments ?? []).map(normalisePayment),
    overpayments: () => (deserializeEndpoint('Overpayments', body).overpayments ?? []).map((o) => normaliseOverpayment(o, baseCurrency)),
    prepayments: () => (deserializeEndpoint('Prepayments', body).prepayments ?? []).map((p) => normalisePrepayment(p, baseCurrency)),
  };
  return read[table]() as Tables[K];
}

/** Reads the Organisation endpoint's body into the core organisation. */
export function organisationFromRaw(body: unknown, source: Organisation['source']): Organisation {
  checkBody('Organisation', body);
  const first = ((body as Record<string, unknown>)[endpoints.Organisation.key] as Array<Record<string, unknown>> | undefined)?.[0];
  if (!first) throw new MalformedResponseError('Organisation', 'Organisations', 'expected one organisation');
  return readOrganisation(first, source);
}

/** The same through xero-node's models and the normaliser (the reference `organisationFromRaw` is held to). */
export function organisationThroughModels(body: unknown, source: Organisation['source']): Organisation {
  const first = (deserializeEndpoint('Organisation', body).organisations ?? [])[0];
  if (!first) throw new MalformedResponseError('Organisation', 'Organisations', 'expected one organisation');
  return normaliseOrganisation(first, source);
}

/** Reads every endpoint's raw body into one normalised ledger. */
export function ledgerFromRaw(bodies: RawBodies, source: Organisation['source']): Ledger {
  const organisation = organisationFromRaw(bodies.Organisation, source);
  const base = organisation.baseCurrency;
  return {
    organisation,
    accounts: tableFromRaw('accounts', bodies.Accounts, base),
    taxRates: tableFromRaw('taxRates', bodies.TaxRates, base),
    contacts: tableFromRaw('contacts', bodies.Contacts, base),
    items: tableFromRaw('items', bodies.Items, base),
    invoices: tableFromRaw('invoices', bodies.Invoices, base),
    creditNotes: tableFromRaw('creditNotes', bodies.CreditNotes, base),
    payments: tableFromRaw('payments', bodies.Payments, base),
    overpayments: tableFromRaw('overpayments', bodies.Overpayments, base),
    prepayments: tableFromRaw('prepayments', bodies.Prepayments, base),
  };
}
