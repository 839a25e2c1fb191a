import { z } from 'zod';

/** The four kinds of mapping, each its own sheet. */
export const mappingKinds = ['accounts', 'tax-rules', 'payment-methods', 'customers'] as const;
export type MappingKind = (typeof mappingKinds)[number];

/** A cell as it comes from a sheet or a CSV file: text, a number, a true/false, or empty. */
const cellSchema = z.union([z.string().max(2000, 'is longer than 2,000 characters'), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof cellSchema>;

export const rowStatuses = ['Draft', 'Approved', 'Written', 'Failed', 'Reverted'] as const;

const roles = ['revenue', 'expense', 'cost of sales', 'asset', 'liability'] as const;
export type Role = (typeof roles)[number];

/** The class of Xero account each role needs (a revenue code maps onto a REVENUE account, and so on). */
export const ACCOUNT_CLASS_OF_ROLE: Record<Role, string> = {
  revenue: 'REVENUE',
  expense: 'EXPENSE',
  'cost of sales': 'EXPENSE',
  asset: 'ASSET',
  liability: 'LIABILITY',
};

/** A row's role, when it is one of the known roles. */
export function roleOf(cell: Cell | undefined): Role | null {
  const role = cellText(cell).trim().toLowerCase();
  return (roles as readonly string[]).includes(role) ? (role as Role) : null;
}

/**
 * One row of a mapping sheet: the source system's code and what describes it, the Xero target, and
 * the reviewer's decision. Which fields matter depends on the kind.
 */
export const mappingRowSchema = z.strictObject({
  /** The sheet row the user sees (1-based), so every message can name it. */
  row: z.number().int().min(1).max(1_048_576),
  source: cellSchema,
  name: cellSchema.optional(),
  /** accounts: revenue, expense, cost of sales, asset or liability. */
  role: cellSchema.optional(),
  /** tax rules: the rate in per cent. */
  rate: cellSchema.optional(),
  /** tax rules: the kind of account the rule is used with (revenue by default). */
  usedWith: cellSchema.optional(),
  /** customers */
  email: cellSchema.optional(),
  accountNumber: cellSchema.optional(),
  /** The Xero account code, tax type or contact (name, number or id). */
  target: cellSchema.optional(),
  /** customers: the contact's default sales account and tax type to set in Xero. */
  salesAccount: cellSchema.optional(),
  taxType: cellSchema.optional(),
  status: z.enum(rowStatuses).optional(),
  /** payment methods: enable payments on a non-bank account; tax rules: create the tax rate named in the target. */
  action: z.enum(['enable-payments', 'create-tax-rate']).optional(),
  /** customers: the reviewer confirmed that several source customers share this contact. */
  confirmShared: z.boolean().optional(),
  /** The Xero record's UpdatedDateUTC when the plan was made; a change since is a conflict. */
  xeroUpdatedAt: z.string().max(40).nullable().optional(),
});
export type MappingRow = z.infer<typeof mappingRowSchema>;

const EXCEL_ERRORS = /^#(N\/A|REF!|VALUE!|DIV\/0!|NAME\?|NULL!|NUM!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|UNKNOWN!|BUSY!|CONNECT!|EXTERNAL!|PYTHON!)$/i;

export function isExcelError(cell: Cell | undefined): boolean {
  return typeof cell === 'string' && EXCEL_ERRORS.test(cell.trim());
}

/** A cell's text as given (numbers as Excel shows them), or '' when empty. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell;
}
