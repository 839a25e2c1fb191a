import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, OFFICE_JS, microsoftScriptWith, officeFile } from './browser';

const RUNTIME_JS = `${OFFICE_JS}custom-functions-runtime.js`;

/** A cell's outcome: its value, or the error Excel shows (#N/A, #VALUE!) with its message. */
export type CellOutcome = { value: number | string } | { error: string; message: string };

export type FunctionsSession = {
  page: Page;
  /** Calls the recorded functions as one recalculation would (all at once), each with its arguments. */
  recalculate: (cells: ReadonlyArray<readonly [id: string, args: readonly unknown[]]>) => Promise<CellOutcome[]>;
  /** How long the last recalculation took in the page, from the first call to the last answer. */
  lastRecalculationMs: () => number;
  /** The ids CustomFunctions.associate received. */
  associated: () => Promise<string[]>;
  /** Requests the functions made to the proxy's formulas route. */
  formulaRequests: () => number;
  /** Requests that tried to leave the machine (refused). */
  refused: string[];
  close: () => Promise<void>;
};

/**
 * Opens the proxy's functions.html in headless chromium as Excel's custom functions runtime would, with
 * OfficeRuntime.storage holding `storage` (what the pane shares). Nothing leaves the machine.
 */
export async function openFunctions(origin: string, storage: Record<string, string>): Promise<FunctionsSession> {
  const runtime = await microsoftScriptWith('custom-functions-runtime.js', 'functions-host.ts');
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const refused: string[] = [];
  let formulaRequests = 0;
  let lastMs = 0;
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) {
      if (url.includes('/formulas') && route.request().method() === 'POST') formulaRequests++;
      return route.continue();
    }
    if (url === RUNTIME_JS) return route.fulfill({ body: runtime, contentType: 'application/javascript' });
    // The runtime's own files, from the same package, as Office's script host would serve them.
    const file = url.startsWith(OFFICE_JS) ? officeFile(url) : null;
    if (file) return route.fulfill({ path: file, contentType: 'application/javascript' });
    refused.push(url);
    return route.abort();
  });
  await context.addInitScript((items) => {
    (window as unknown as { __sharedStorage: Record<string, string> }).__sharedStorage = items;
  }, storage);
  const page = await context.newPage();
  await page.goto(`${origin}/functions.html`);
  await page.waitForFunction(() => Object.keys((window as unknown as { __functions?: object }).__functions ?? {}).length >= 7);
  return {
    page,
    refused,
    formulaRequests: () => formulaRequests,
    associated: () => page.evaluate(() => Object.keys((window as unknown as { __functions: object }).__functions).sort()),
    recalculate: async (cells) => {
      const { outcomes, ms } = await page.evaluate(
        async (list) => {
          const fns = (window as unknown as { __functions: Record<string, (...a: unknown[]) => Promise<number | string>> }).__functions;
          const start = performance.now();
          const settled = await Promise.allSettled(list.map(([id, args]) => fns[id]!(...args)));
          const ms = performance.now() - start;
          const outcomes = settled.map((s) =>
            s.status === 'fulfilled'
              ? { value: s.value }
              : { error: String((s.reason as { code?: string }).code ?? 'thrown'), message: String((s.reason as { message?: string }).message ?? s.reason) },
          );
          return { outcomes, ms };
        },
        cells as Array<[string, unknown[]]>,
      );
      lastMs = ms;
      return outcomes;
    },
    lastRecalculationMs: () => lastMs,
    close: () => browser.close(),
  };
}
