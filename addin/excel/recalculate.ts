/**
 * Recalculates every formula in the workbook, the XERO functions included (they are not volatile, so Excel
 * recalculates them only when their arguments change or on a full recalculation like this one).
 */
export async function recalculateWorkbook(): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.application.calculate('Full');
    await context.sync();
  });
}
