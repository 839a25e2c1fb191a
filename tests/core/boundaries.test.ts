import { execFileSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

type Case = { file: string; code: string };

/**
 * Lints snippets as if they were files at the given paths, with the project's own ESLint config.
 * ESLint loads its config through dynamic import, which Jest's module sandbox does not allow,
 * so the linting runs in a child Node process, once for all cases.
 */
function lintAll(cases: Case[]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const path = require('node:path');
    const cases = JSON.parse(process.argv[1]);
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const c of cases) {
        const [r] = await eslint.lintText(c.code, { filePath: path.join(process.cwd(), c.file) });
        out.push(r.messages.map((m) => m.ruleId + ': ' + m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' }));
}

const coreRefusals: [string, string][] = [
  ["import express from 'express';", 'no Express'],
  ["import { XeroClient } from 'xero-node';", 'no xero-node'],
  ["import { useState } from 'react';", 'no React'],
  ["import { Button } from '@fluentui/react-components';", 'no UI'],
  ["import fs from 'node:fs';", 'no I/O'],
  ["import { createApp } from '../server/app';", 'must not import from server'],
  ["import { App } from '../addin/App';", 'must not import from server/ or addin/'],
];
const xeroCode = "import { XeroClient } from 'xero-node';\nexport const x = XeroClient;\n";
const excelCode = 'export const run = () => Excel.run(async () => undefined);\n';
const officeCode = 'export const ready = () => Office.onReady();\n';
const longFunction = `export function long(): number {\n  let n = 0;\n${'  n += 1;\n'.repeat(85)}  return n;\n}\n`;

const cases: Case[] = [
  ...coreRefusals.map(([code]) => ({ file: 'core/example.ts', code: `${code}\nexport const x = 1;\n` })),
  { file: 'core/example.ts', code: "import { z } from 'zod';\nimport { cents } from './money';\nexport const x = [z, cents];\n" },
  { file: 'server/routes/example.ts', code: xeroCode },
  { file: 'server/xero/example.ts', code: xeroCode },
  { file: 'addin/tabs/Example.ts', code: excelCode },
  { file: 'addin/excel/example.ts', code: excelCode },
  { file: 'addin/tabs/Example.ts', code: officeCode },
  { file: 'addin/office/example.ts', code: officeCode },
  { file: 'addin/excel/example.ts', code: officeCode },
  { file: 'server/example.ts', code: longFunction },
  { file: 'server/example.ts', code: `${'export const a0 = 0;\n'.repeat(301)}` },
];

describe('the lint step enforces the architecture', () => {
  let results: string[][];
  beforeAll(() => {
    results = lintAll(cases);
  });
  const at = (i: number) => (results[i] ?? []).join('\n');

  it.each(coreRefusals.map(([code, message], i) => [code, message, i] as const))('core/ refuses %s', (_code, message, i) => {
    expect(at(i)).toContain(message);
  });

  it('lets core/ import zod and its own modules', () => {
    expect(results[coreRefusals.length]).toEqual([]);
  });

  it('keeps xero-node inside the Xero gateway', () => {
    expect(at(coreRefusals.length + 1)).toContain('Only server/xero/');
    expect(results[coreRefusals.length + 2]).toEqual([]);
  });

  it('keeps the Excel API inside addin/excel', () => {
    expect(at(coreRefusals.length + 3)).toContain('Only addin/excel/');
    expect(results[coreRefusals.length + 4]).toEqual([]);
  });

  it('keeps Office inside addin/office and addin/excel', () => {
    expect(at(coreRefusals.length + 5)).toContain('Only addin/office/ and addin/excel/ touch Office');
    expect(results[coreRefusals.length + 6]).toEqual([]);
    expect(results[coreRefusals.length + 7]).toEqual([]);
  });

  it('keeps functions to 80 lines and files to 300', () => {
    expect(at(coreRefusals.length + 8)).toContain('max-lines-per-function');
    expect(at(coreRefusals.length + 9)).toMatch(/^max-lines: /m);
  });
});

describe('the lint step checks formatting', () => {
  it('finds an unformatted file, and passes a formatted one', () => {
    const check = (code: string) => {
      try {
        execFileSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--check', '--stdin-filepath', 'server/example.ts'], {
          cwd: root,
          input: code,
          stdio: 'pipe',
        });
        return 'formatted';
      } catch {
        return 'unformatted';
      }
    };
    expect(check('export const x = {a:1,b:2}\n')).toBe('unformatted');
    expect(check('export const x = { a: 1, b: 2 };\n')).toBe('formatted');
  });
});
