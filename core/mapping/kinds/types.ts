import type { Account, Contact, TaxRate } from '../../domain';
import type { ColumnKind } from '../../sheets/cells';
import type { MappingKind, MappingRow } from '../rows';
import type { Report } from '../targets';
import type { XeroWrite } from '../writes';
import type { XeroLookup } from '../xero-data';

/** What a row resolves to in Xero, when it does. */
export type Resolved = { account?: Account; taxRate?: TaxRate; contact?: Contact; salesAccount?: Account; taxType?: TaxRate };

/** A mapping as stored: the Xero target and what describes it. */
export type MappingValue = { target: string; details: Record<string, string> };

/** A source column of a mapping sheet: the row field it fills, its header, how it is written, the CSV headers it is read from. */
type SourceColumn = { field: keyof MappingRow; header: string; kind: ColumnKind; csv: string[] };

/** The mapping sheet of a kind. Its review columns (Xero Target … Result) follow the source columns; see sheet.ts. */
export type MappingSheetLayout = {
  sheet: string;
  table: string;
  source: SourceColumn[];
  /** The pulled Xero table whose column feeds the target drop-down. */
  targets: { table: string; column: string };
};

type CheckContext = {
  lookup: XeroLookup;
  report: Report;
  /** Filled with the Xero records the row names. */
  resolved: Resolved;
  /** The target's text, or null when it is blank or an Excel error (reported already). */
  target: string | null;
  /** Per request: Xero records already named by earlier rows (contact id → rows), for checks across rows. */
  seen: Map<string, number[]>;
};

/** A Xero record a row may map to: the key written as the target, a label, and the name compared with the row's. */
export type Candidate = { key: string; label: string; name: string };

/**
 * A match that needs no name similarity; or, with no target, the reason there is none: the source's own record in
 * Xero exists but cannot be used (archived, or of another class), which is said rather than redirected to a look-alike.
 */
type DirectSuggestion = { target: string | null; label: string | null; confidence: number; reason: string };

/**
 * Everything about one kind of mapping, in one module: its sheet, how its rows are checked, where its
 * suggestions come from, what it stores, and what applying it writes into Xero.
 */
export type MappingKindDefinition = {
  kind: MappingKind;
  /** As the pane names it ("Tax rules"). */
  title: string;
  layout: MappingSheetLayout;
  /** The kind's own checks of a row (the checks every kind shares run first). */
  check(row: MappingRow, ctx: CheckContext): void;
  suggestions: {
    /** Which candidates fit a row (accounts: the class its role needs), or null for all of them. */
    scope?(row: MappingRow): string | null;
    candidates(lookup: XeroLookup, scope: string | null): Candidate[];
    /** A match that needs no name similarity (the same code, email or rate), or null. */
    direct?(row: MappingRow, lookup: XeroLookup, candidates: readonly Candidate[]): DirectSuggestion | null;
  };
  /** What a valid row stores, or null when its target was not found. */
  value(row: MappingRow, resolved: Resolved): MappingValue | null;
  /** A stored mapping's details as the fields of a row again (for drift checks). */
  fromStored(details: Record<string, string>): Partial<MappingRow>;
  /** The target cell for a stored mapping, when it is not the stored target itself (a contact's name, not its id). */
  storedTarget?(value: MappingValue): string;
  /** What applying a row writes into Xero besides the mapping store, if anything. */
  xeroWrite?(row: MappingRow, resolved: Resolved, after: MappingValue): XeroWrite | null;
};
