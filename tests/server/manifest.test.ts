import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { formulaNames } from '../../core/contract';
import { MANIFEST_ORIGIN } from '../../server/routes/pane';
import { MANIFEST_PATH } from '../../server/paths';
import { SHARED_DIR, sharedAvailable } from '../shared';
import { testApp } from './helpers';

const manifest = fs.readFileSync(MANIFEST_PATH, 'utf8');
const urls = [...new Set([...manifest.matchAll(/"(https:\/\/localhost:3000[^"]*)"/g)].map((m) => m[1] as string))];

const withSchemas = sharedAvailable('office-manifest-xsd', 'manifest.xml schema validation');
(withSchemas ? describe : describe.skip)('manifest.xml against the Office manifest schemas', () => {
  it('validates with xmllint', () => {
    const schema = path.join(SHARED_DIR, 'office-manifest-xsd', 'OfficeAppManifestV1_1.xsd');
    let output: string;
    try {
      output = execFileSync('xmllint', ['--noout', '--schema', schema, MANIFEST_PATH], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { code?: string; stderr?: string };
      if (e.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils');
      throw new Error(`manifest.xml does not validate:\n${e.stderr ?? String(err)}`);
    }
    expect(output).toBe('');
  });
});

describe('manifest.xml', () => {
  const { app } = testApp();

  it('names an Excel task pane with a Home tab button, icons at 16/32/80 px and the ExcelApi it needs', () => {
    expect(manifest).toContain('xsi:type="TaskPaneApp"');
    expect(manifest).toContain('<Host Name="Workbook"/>');
    expect(manifest).toContain('<OfficeTab id="TabHome">');
    for (const size of [16, 32, 80]) expect(manifest).toContain(`assets/icon-${size}.png`);
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
  });

  it.each(urls)('every URL it names is served: %s', async (url) => {
    const res = await request(app).get(new URL(url).pathname).expect(200);
    if (url.endsWith('.png')) {
      expect(res.headers['content-type']).toBe('image/png');
      expect((res.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');
    } else if (url.endsWith('.js')) {
      expect(res.headers['content-type']).toMatch(/javascript/);
      expect(res.text).toContain('CustomFunctions.associate("BALANCE"');
    } else if (url.endsWith('.json')) {
      expect(res.headers['content-type']).toMatch(/json/);
    } else if (url.endsWith('/functions.html')) {
      expect(res.text).toContain('custom-functions-runtime.js');
      expect(res.text).toMatch(/src="?functions\.js/);
    } else {
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('office.js');
      // the pane's own script is served too
      const script = /src="?(taskpane\.[0-9a-f]+\.js)/.exec(res.text)?.[1];
      expect(script).toBeDefined();
      await request(app)
        .get(`/${script}`)
        .expect(200)
        .expect('content-type', /javascript/);
    }
  });

  it('declares the XERO worksheet functions, and the metadata it names lists every one with its arguments', async () => {
    expect(manifest).toMatch(/<ExtensionPoint xsi:type="CustomFunctions">/);
    expect(manifest).toContain('<bt:String id="Functions.Namespace" DefaultValue="XERO"/>');
    expect(manifest).toContain('<bt:Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>');
    const res = await request(app).get('/functions.json').expect(200);
    const metadata = res.body as { functions: Array<{ id: string; name: string; parameters: Array<{ name: string; optional?: boolean }> }> };
    expect(metadata.functions.map((f) => f.id).sort()).toEqual([...formulaNames].sort());
    const balance = metadata.functions.find((f) => f.id === 'BALANCE')!;
    expect(balance.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ['contact', false],
      ['asAt', true],
      ['side', true],
      ['currency', true],
    ]);
  });

  it('is served with the public URL in place of localhost when deployed', async () => {
    const { app: deployed } = testApp({ publicUrl: 'https://bridge.example.com' });
    const res = await request(deployed).get('/manifest.xml').expect(200);
    expect(res.text).not.toContain(MANIFEST_ORIGIN);
    expect(res.text).toContain('https://bridge.example.com/taskpane.html');
    expect(res.text).toContain('https://bridge.example.com/assets/icon-80.png');
  });
});
