import { OfficeMockObject } from 'office-addin-mock';
import { ensureBinding, readBinding, WrongOrganisationError } from '../../addin/excel/workbook';
import type { Organisation } from '../../core/domain';

const demo: Organisation = {
  tenantId: 'tenant-a',
  name: 'Harbour & Vine',
  legalName: null,
  baseCurrency: 'AUD',
  countryCode: 'AU',
  timezone: null,
  shortCode: null,
  source: 'snapshot',
};

/** Excel's workbook settings, mocked with office-addin-mock (values load only through load() and sync()). */
function excelWithSettings(existing: string | null) {
  const added: Array<[string, string]> = [];
  const data = {
    context: {
      workbook: {
        settings: {
          setting: { value: existing ?? '' },
          getItemOrNullObject(this: { setting: unknown }) {
            return this.setting;
          },
          add: (key: string, value: string) => {
            added.push([key, value]);
          },
        },
      },
    },
  };
  const mock = new OfficeMockObject(data) as unknown as { context: Excel.RequestContext & { workbook: { settings: { setting: { isNullObject: boolean } } } } };
  // isNullObject is Office.js's own flag on *OrNullObject results, not a loadable property.
  mock.context.workbook.settings.setting.isNullObject = existing === null;
  return { context: mock.context as Excel.RequestContext, added };
}

describe('binding a workbook to the organisation its sheets came from', () => {
  it('binds an unbound workbook on its first pull', async () => {
    const { context, added } = excelWithSettings(null);
    expect(await readBinding(context)).toBeNull();
    await ensureBinding(context, demo);
    expect(added).toEqual([['xeroBridge.organisation', JSON.stringify({ tenantId: 'tenant-a', name: 'Harbour & Vine' })]]);
  });

  it('lets the same organisation pull again without rebinding', async () => {
    const { context, added } = excelWithSettings(JSON.stringify({ tenantId: 'tenant-a', name: 'Harbour & Vine' }));
    await expect(ensureBinding(context, demo)).resolves.toEqual({ tenantId: 'tenant-a', name: 'Harbour & Vine' });
    expect(added).toEqual([]);
  });

  it('refuses another organisation, naming both', async () => {
    const { context } = excelWithSettings(JSON.stringify({ tenantId: 'tenant-b', name: 'Other Org Ltd' }));
    const error = await ensureBinding(context, demo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongOrganisationError);
    expect((error as Error).message).toBe(
      'This workbook\'s sheets came from "Other Org Ltd", not "Harbour & Vine": choose "Other Org Ltd" on the Connect tab, or use a new workbook',
    );
  });
});
