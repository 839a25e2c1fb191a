/**
 * npm run bench: speed, call-count and memory figures, each with the target it is held to and,
 * where one makes sense, a ratio against a baseline run in the same process.
 */
import { benchExcel } from './excel';
import { benchFormulas } from './formulas';
import { checks } from './format';
import { benchMapping } from './mapping';
import { benchMappingSheet } from './mapping-sheet';
import { benchLoad } from './load';
import { benchScaleOut } from './scale-out';
import { benchPull } from './pull';
import { benchReports } from './reports';
import { benchRefresh } from './refresh';
import { benchColdStart, bigOrganisation } from './cold-start';

async function main(): Promise<void> {
  process.stdout.write(`Xero Bridge benchmarks (node ${process.version}, ${new Date().toISOString()})\n`);
  // Reports first: their memory figure is the process's peak, so nothing else may have run before.
  await benchReports();
  await benchMapping();
  await benchMappingSheet();
  await benchExcel();
  await benchPull();
  await benchRefresh();
  await benchColdStart(bigOrganisation());
  await benchFormulas();
  await benchLoad();
  await benchScaleOut();
  process.stdout.write('\n== Targets\n');
  for (const c of checks) process.stdout.write(`${c.ok ? 'met   ' : 'MISSED'} ${c.name}: ${c.detail}\n`);
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

void main();
