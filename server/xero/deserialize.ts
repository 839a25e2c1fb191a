import { ObjectSerializer } from 'xero-node';
import type {
  Accounts,
  Contacts,
  CreditNotes,
  Invoices,
  Items,
  Organisations,
  Overpayments,
  Payments,
  Prepayments,
  TaxRates,
} from 'xero-node';
import type { Ledger } from '../../core/domain';
import type { Organisation } from '../../core/domain';
import { endpoints, fieldPath } from './raw';
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
export function deserializeEndpoint<E extends EndpointName>(endpoint: E, body: unknown): Models[E] {
  const { schema, model } = endpoints[endpoint];
  const checked = schema.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new MalformedResponseError(endpoint, fieldPath(issue?.path ?? []), issue?.message ?? 'invalid');
  }
  return ObjectSerializer.deserialize(body, model) as Models[E];
}

export type RawBodies = Record<EndpointName, unknown>;

/** Reads every endpoint's raw body into one normalised ledger. */
export function ledgerFromRaw(bodies: RawBodies, source: Organisation['source']): Ledger {
  const orgs = deserializeEndpoint('Organisation', bodies.Organisation).organisations ?? [];
  const first = orgs[0];
  if (!first) throw new MalformedResponseError('Organisation', 'Organisations', 'expected one organisation');
  const organisation = normaliseOrganisation(first, source);
  const base = organisation.baseCurrency;
  return {
    organisation,
    accounts: (deserializeEndpoint('Accounts', bodies.Accounts).accounts ?? []).map(normaliseAccount),
    taxRates: (deserializeEndpoint('TaxRates', bodies.TaxRates).taxRates ?? []).map(normaliseTaxRate),
    contacts: (deserializeEndpoint('Contacts', bodies.Contacts).contacts ?? []).map(normaliseContact),
    items: (deserializeEndpoint('Items', bodies.Items).items ?? []).map(normaliseItem),
    invoices: (deserializeEndpoint('Invoices', bodies.Invoices).invoices ?? []).map((i) => normaliseInvoice(i, base)),
    creditNotes: (deserializeEndpoint('CreditNotes', bodies.CreditNotes).creditNotes ?? []).map((c) =>
      normaliseCreditNote(c, base),
    ),
    payments: (deserializeEndpoint('Payments', bodies.Payments).payments ?? []).map(normalisePayment),
    overpayments: (deserializeEndpoint('Overpayments', bodies.Overpayments).overpayments ?? []).map((o) =>
      normaliseOverpayment(o, base),
    ),
    prepayments: (deserializeEndpoint('Prepayments', bodies.Prepayments).prepayments ?? []).map((p) =>
      normalisePrepayment(p, base),
    ),
  };
}
