import { contactsTable } from '../sheets/xero-tables';

/**
 * The addresses on the pulled Xero Contacts sheet, by contact id: where a user typed another address for a customer,
 * its statement goes there. Empty when the sheet is not in this workbook.
 */
export async function contactEmailsInSheet(): Promise<Map<string, string>> {
  return Excel.run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(contactsTable.table);
    table.load('name');
    await context.sync();
    const emails = new Map<string, string>();
    if (table.isNullObject) return emails;
    const range = table.getRange();
    range.load('values');
    await context.sync();
    const [header = [], ...rows] = range.values as unknown[][];
    const email = header.indexOf('Email');
    const id = header.indexOf('Contact ID');
    if (email < 0 || id < 0) return emails;
    for (const row of rows) {
      const address = String(row[email] ?? '').trim();
      if (address) emails.set(String(row[id] ?? ''), address);
    }
    return emails;
  });
}
