import type { Organisation } from '../../core/domain';
import { writeTable } from './tables';
import type { TableSpec, WriteOptions, WriteResult } from './tables';

/** The organisation a workbook's sheets came from, kept in the workbook's own settings. */
export type BoundOrganisation = { tenantId: string; name: string };

const BINDING_KEY = 'xeroBridge.organisation';

export class WrongOrganisationError extends Error {
  override readonly name = 'WrongOrganisationError';
}

export async function readBinding(context: Excel.RequestContext): Promise<BoundOrganisation | null> {
  const setting = context.workbook.settings.getItemOrNullObject(BINDING_KEY);
  setting.load('value');
  await context.sync();
  if (setting.isNullObject) return null;
  const value = setting.value as unknown;
  const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
  const b = parsed as Partial<BoundOrganisation> | null;
  return b && typeof b.tenantId === 'string' && typeof b.name === 'string' ? { tenantId: b.tenantId, name: b.name } : null;
}

/**
 * Binds the workbook to an organisation on its first pull, and refuses a pull or write for any other
 * organisation afterwards, so that sheets from one organisation are never written to another.
 */
export async function ensureBinding(context: Excel.RequestContext, organisation: Organisation): Promise<BoundOrganisation> {
  const bound = await readBinding(context);
  if (bound && bound.tenantId !== organisation.tenantId) {
    throw new WrongOrganisationError(
      `This workbook's sheets came from "${bound.name}", not "${organisation.name}": choose "${bound.name}" on the Connect tab, or use a new workbook`,
    );
  }
  if (!bound) {
    context.workbook.settings.add(BINDING_KEY, JSON.stringify({ tenantId: organisation.tenantId, name: organisation.name }));
    await context.sync();
  }
  return { tenantId: organisation.tenantId, name: organisation.name };
}

/** Pulls one table into its sheet in the open workbook (the pane's entry point to the Excel API). */
export async function pullIntoSheet(organisation: Organisation, spec: TableSpec, options: WriteOptions = {}): Promise<WriteResult> {
  return Excel.run(async (context) => {
    await ensureBinding(context, organisation);
    return writeTable(context, spec, options);
  });
}

/** The organisation the open workbook is bound to, if any. */
export async function workbookOrganisation(): Promise<BoundOrganisation | null> {
  return Excel.run((context) => readBinding(context));
}
