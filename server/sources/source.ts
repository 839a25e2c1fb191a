import type { Ledger, Organisation } from '../../core/domain';
import type { ContactDefaults, WriteResult } from '../../core/mapping/writes';

/** The records the pane can pull into sheets, by the name the routes use. */
export type PullTable = 'accounts' | 'taxRates' | 'contacts' | 'items';

export type ReadOptions = {
  /** Bypass any cache and read everything again. */
  full?: boolean;
  /** Reuse what was fetched from the organisation at most this long ago (milliseconds) without asking it again. */
  maxAgeMs?: number;
};

export type TableRead<K extends keyof Ledger> = {
  records: Ledger[K];
  /** When these records were read from the organisation, ISO-8601 UTC. */
  fetchedAt: string;
};

/** What mappings write into the organisation itself (each call carries an idempotency key). */
export type OrganisationWrites = {
  updateContactDefaults(changes: readonly ContactDefaults[], idempotencyKey: string): Promise<WriteResult[]>;
  setPaymentsEnabled(accountId: string, enabled: boolean, idempotencyKey: string): Promise<WriteResult>;
  /** Creates a tax rate with one component; the result's id is the new TaxType. */
  createTaxRate(rate: { name: string; percent: string }, idempotencyKey: string): Promise<WriteResult>;
};

/**
 * One organisation, whichever way its records arrive: Xero's API or a recorded snapshot.
 * Both read raw Xero bodies through xero-node's models and normalise them once into core types.
 */
export type OrganisationSource = {
  readonly kind: Organisation['source'];
  readonly organisation: Organisation;
  read<K extends Exclude<keyof Ledger, 'organisation'>>(table: K, options?: ReadOptions): Promise<TableRead<K>>;
  /** Keeps something built from the organisation's tables (the reports' index) with them in the ledger cache, counted as `bytes`. */
  remember(name: string, value: unknown, bytes: number): void;
  /** Xero's remaining API calls for this organisation, as last reported. */
  usage(): { dayRemaining: number | null; minuteRemaining: number | null };
  readonly writes: OrganisationWrites;
};
