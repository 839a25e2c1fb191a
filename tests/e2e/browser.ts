import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { ROOT } from '../../server/paths';
import type { SheetGrid } from './excel-host';

/** Debian's chromium; the tests never download a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'tests', 'e2e', 'screenshots');

/** Where Office loads office.js from, and an Excel on the web origin that may frame the pane (both served by the test). */
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
const EXCEL_WEB = 'https://excel.officeapps.live.com';
const OFFICE_DIST = path.join(ROOT, 'node_modules', '@microsoft', 'office-js', 'dist');

/** True when chromium is installed; otherwise prints one line saying what is skipped. */
export function chromiumAvailable(): boolean {
  const present = fs.existsSync(CHROMIUM);
  // CI installs chromium (.ci/run) and says so: there a missing browser is a failure, not a skip.
  if (!present && process.env.BRIDGE_REQUIRE_BROWSER === '1') throw new Error(`chromium is not at ${CHROMIUM}, and BRIDGE_REQUIRE_BROWSER=1`);
  if (!present) process.stderr.write(`skipped: the browser tests (no chromium at ${CHROMIUM}; apt-get install chromium)\n`);
  return present;
}

/** One of Microsoft's scripts from the @microsoft/office-js package, followed by a stand-in of these tests (bundled). */
export async function microsoftScriptWith(script: string, standIn: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, standIn)],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  });
  return `${fs.readFileSync(path.join(OFFICE_DIST, script), 'utf8')}\n;\n${result.outputFiles[0]!.text}`;
}

/** The file of the @microsoft/office-js package that Office's script host serves at `url`, if the package has it. */
export function officeFile(url: string): string | null {
  const file = path.join(OFFICE_DIST, new URL(url).pathname.slice('/lib/1/hosted/'.length));
  return file.startsWith(OFFICE_DIST) && fs.existsSync(file) ? file : null;
}

/** office.js as the pane gets it in these tests: Microsoft's file, then the Excel host stand-in. */
const officeJsWithExcelHost = () => microsoftScriptWith('office.js', 'excel-host.ts');

/** The proxy's own answer, asked for directly (its certificate is the self-signed localhost one). */
export function proxyJson(origin: string, method: string, urlPath: string, options: { token?: string; body?: object; key?: string } = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = options.body ? { 'Content-Type': 'application/json' } : {};
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    if (options.key) headers['Idempotency-Key'] = options.key;
    const req = https.request(`${origin}${urlPath}`, { method, rejectUnauthorized: false, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve(JSON.parse(text)) : reject(new Error(`${res.statusCode}: ${text}`))));
    });
    req.on('error', reject);
    req.end(options.body ? JSON.stringify(options.body) : undefined);
  });
}

/** The page around the pane: an Excel-on-the-web-like frame with a sheet view on the left and the pane on the right. */
function excelPage(paneUrl: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Book1 - Excel</title><style>
body{margin:0;font:12px "Segoe UI",system-ui,sans-serif;display:grid;grid-template-rows:36px 1fr 28px;grid-template-columns:1fr 380px;height:100vh;color:#222}
header{grid-column:1/3;background:#107c41;color:#fff;display:flex;align-items:center;padding:0 12px;font-weight:600;font-size:14px}
#grid{overflow:hidden;background:#fff}
#grid table{border-collapse:collapse;table-layout:fixed}
#grid td,#grid th{border:1px solid #e1e1e1;padding:1px 4px;height:18px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:140px;min-width:40px}
#grid th{background:#f3f3f3;color:#555;font-weight:400}
#grid td.r{text-align:right}
#grid td.h{background:#107c41;color:#fff;font-weight:600}
#grid tr.f td{border-bottom:2px solid #9a9a9a}
#pane{grid-row:2/4;grid-column:2;border:0;border-left:1px solid #c8c8c8;width:380px;height:100%}
footer{display:flex;gap:2px;background:#f3f3f3;border-top:1px solid #d0d0d0;padding:0 8px;align-items:stretch}
footer span{padding:5px 10px}
footer span.on{background:#fff;color:#107c41;font-weight:600;border-bottom:2px solid #107c41}
</style></head><body><header>Book1 - Excel</header><div id="grid"></div>
<iframe id="pane" title="Xero Bridge" src="${paneUrl}"></iframe><footer id="tabs"></footer></body></html>`;
}

export type PaneSession = {
  page: Page;
  /** The pane's iframe, for locators. */
  pane: FrameLocator;
  /** The pane's frame, for reading the workbook double. */
  paneFrame: () => Frame;
  /** Requests that tried to leave the machine (refused). */
  refused: string[];
  /** Uncaught errors in the pane. */
  pageErrors: string[];
  workbook: WorkbookReader;
  screenshot: (name: string, sheet?: string) => Promise<string>;
  close: () => Promise<void>;
};

type WorkbookReader = {
  sheetNames: () => Promise<string[]>;
  values: (sheet: string, address: string) => Promise<(string | number | boolean)[][]>;
  format: (sheet: string, address: string) => Promise<string>;
  tables: () => Promise<{ name: string; sheet: string; address: string; rows: number; columns: number }[]>;
  frozenRows: (sheet: string) => Promise<number>;
  validations: () => Promise<Record<string, unknown>>;
  conditionalFormats: () => Promise<Record<string, { type: string; font: string | null; fill: string | null; rule: unknown }[]>>;
  settings: () => Promise<Record<string, unknown>>;
  documentSettings: () => Promise<{ values: Record<string, unknown>; saved: number }>;
  syncs: () => Promise<{ count: number; largestBytes: number }>;
  calculations: () => Promise<string[]>;
  edit: (sheet: string, address: string, value: string) => Promise<void>;
};

type HostApi = Record<string, (...args: unknown[]) => unknown>;

/**
 * Opens the pane from the proxy at `origin` inside the Excel-like page, in headless chromium. Every request
 * that is not to the proxy is answered by the test (office.js from the package) or refused and recorded.
 */
export async function openPane(origin: string): Promise<PaneSession> {
  const officeJs = await officeJsWithExcelHost();
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-chromium-'));
  // As in Chrome's and Edge's default settings, a framed page may use its storage (the pane keeps its proxy
  // session in localStorage); this chromium's fresh profile would otherwise block third-party storage.
  fs.mkdirSync(path.join(userDataDir, 'Default'));
  fs.writeFileSync(
    path.join(userDataDir, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }),
  );
  // A fresh user-data dir per run (launchPersistentContext is how Playwright takes one).
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1280, height: 860 },
    ignoreHTTPSErrors: true,
    acceptDownloads: true,
    // The pane on 127.0.0.1 framed by an Excel-on-the-web page: Chromium asks the user to allow local network
    // access, as it does for a sideloaded add-in; the test says yes.
    permissions: ['local-network-access'],
  });
  const refused: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    if (url === `${OFFICE_JS}office.js`) return route.fulfill({ body: officeJs, contentType: 'application/javascript' });
    if (url.startsWith(OFFICE_JS)) {
      const file = officeFile(url);
      return file ? route.fulfill({ path: file, contentType: 'application/javascript' }) : route.fulfill({ status: 404, body: '' });
    }
    if (url === `${EXCEL_WEB}/book1`) return route.fulfill({ body: excelPage(`${origin}/taskpane.html`), contentType: 'text/html' });
    refused.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  // Uncaught errors in any frame of the context (the pane's included), with where they came from.
  context.on('weberror', (e) => pageErrors.push(`${e.error().message} @ ${(e.error().stack ?? '').slice(0, 300)}`));
  await page.goto(`${EXCEL_WEB}/book1`);
  const paneFrame = (): Frame => {
    const frame = page.frames().find((f) => f.url().startsWith(`${origin}/taskpane.html`));
    if (!frame) throw new Error('the pane frame is not loaded');
    return frame;
  };
  const call = <T>(name: string, ...args: unknown[]): Promise<T> =>
    paneFrame().evaluate(([n, a]) => (window as unknown as { __workbook: HostApi }).__workbook[n as string]!(...(a as unknown[])), [
      name,
      args,
    ] as const) as Promise<T>;
  const workbook: WorkbookReader = {
    sheetNames: () => call('sheetNames'),
    values: (sheet, address) => call('values', sheet, address),
    format: (sheet, address) => call('format', sheet, address),
    tables: () => call('tables'),
    frozenRows: (sheet) => call('frozenRows', sheet),
    validations: () => call('validations'),
    conditionalFormats: () => call('conditionalFormats'),
    settings: () => call('settings'),
    documentSettings: () => call('documentSettings'),
    syncs: () => call('syncs'),
    calculations: () => call('calculations'),
    edit: (sheet, address, value) => call('edit', sheet, address, value),
  };
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    pane: page.frameLocator('#pane'),
    paneFrame,
    refused,
    pageErrors,
    workbook,
    async screenshot(name, sheet) {
      const grid = sheet ? await call<SheetGrid>('grid', sheet, 34, 9) : null;
      await page.evaluate(showSheet, grid);
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Runs in the Excel-like page: draws the top-left of a sheet and the sheet tabs (the pane stays as it is). */
function showSheet(grid: SheetGrid | null): void {
  const host = document.getElementById('grid')!;
  const tabs = document.getElementById('tabs')!;
  host.textContent = '';
  tabs.textContent = '';
  const names = grid ? grid.sheets : ['Sheet1'];
  for (const name of names) {
    const tab = document.createElement('span');
    tab.textContent = name;
    if (!grid || name === grid.name) tab.className = 'on';
    tabs.appendChild(tab);
  }
  const cells = grid?.cells ?? Array.from({ length: 34 }, () => Array.from({ length: 9 }, () => ({ value: '', format: 'General', right: false })));
  const headerRows = new Set((grid?.tables ?? []).map((t) => Number(/^[A-Z]+(\d+)/.exec(t.address)?.[1] ?? 0) - 1));
  const table = document.createElement('table');
  const head = table.insertRow();
  head.appendChild(document.createElement('th'));
  cells[0]!.forEach((_c, j) => {
    const th = document.createElement('th');
    th.textContent = String.fromCharCode(65 + j);
    head.appendChild(th);
  });
  cells.forEach((row, i) => {
    const tr = table.insertRow();
    if (grid && i === grid.frozenRows - 1) tr.className = 'f';
    const th = document.createElement('th');
    th.textContent = String(i + 1);
    tr.appendChild(th);
    for (const cell of row) {
      const td = tr.insertCell();
      td.textContent = cell.value;
      td.className = headerRows.has(i) && cell.value !== '' ? 'h' : cell.right ? 'r' : '';
    }
  });
  host.appendChild(table);
}
