import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDocs, writeDocs } from '@gds/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, 'fixtures', 'standards');
const CHROMIUM = process.env.GDS_CHROMIUM ?? '/usr/bin/chromium';

describe('buildDocs', () => {
  const files = buildDocs({ root });
  const byPath = new Map(files.map((f) => [f.path, f.content]));

  it('writes a page and a Markdown file per standard and version, an index, CSS and the search script', () => {
    for (const p of [
      'index.html',
      'README.md',
      'style.css',
      'search.js',
      'person/index.html',
      'person/1.0.0.html',
      'person/1.1.0.md',
      'person/next.html',
      'household/1.0.0.html',
    ]) {
      expect(byPath.has(p), p).toBe(true);
    }
  });

  it('references nothing outside the site', () => {
    for (const f of files.filter((x) => x.path.endsWith('.html'))) {
      const urls = [...f.content.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
      expect(
        urls.filter((u) => /^[a-z]+:\/\//i.test(u) || u.startsWith('//')),
        f.path,
      ).toEqual([]);
      for (const u of urls.filter((x) => !x.startsWith('#') && !x.startsWith('data:'))) {
        const target = join(f.path, '..', u.split('#')[0]!);
        expect(byPath.has(target.replace(/\\/g, '/')), `${f.path} → ${u}`).toBe(true);
      }
    }
  });

  it('documents the shipped standards too, every local link resolving', () => {
    const shipped = buildDocs();
    const paths = new Set(shipped.map((f) => f.path));
    for (const f of shipped.filter((x) => x.path.endsWith('.html'))) {
      for (const m of f.content.matchAll(/(?:href|src)="([^"#][^"]*)"/g)) {
        if (m[1]!.startsWith('data:')) continue;
        expect(
          paths.has(join(f.path, '..', m[1]!.split('#')[0]!).replace(/\\/g, '/')),
          `${f.path} → ${m[1]}`,
        ).toBe(true);
      }
    }
  });

  it('the field table carries governance metadata and links the code list', () => {
    const html = byPath.get('person/1.1.0.html')!;
    expect(html).toContain('<tr id="field-sex">');
    expect(html).toMatch(/<a href="#codelist-sex">sex<\/a> 封闭 closed/);
    expect(html).toContain('id="codelist-sex"');
    expect(html).toContain('public-security');
    expect(html).toContain('废止 deprecated 1.1.0 → contacts');
    const md = byPath.get('person/1.1.0.md')!;
    expect(md).toContain(
      '| `/idNumber` | string | no | 公民身份号码 | Resident ID number |  | important | sensitive | conditional | public-security | 1.0.0 |',
    );
  });

  it('says a nested field is required when its parent is present (issue 16), in HTML and Markdown', () => {
    const shipped = new Map(buildDocs({ entities: ['person'] }).map((f) => [f.path, f.content]));
    const md = shipped.get('person/1.1.0.md')!;
    const cell = (path: string) =>
      md
        .split('\n')
        .find((l) => l.startsWith(`| \`${path}\``))
        ?.split(' | ')[2];
    expect(cell('/registeredResidence/divisionCode')).toBe('yes, when `/registeredResidence` is present');
    expect(cell('/provenance/sourceDepartment')).toBe('yes, when `/provenance` is present');
    expect(cell('/contacts/*/kind')).toBe('yes, in each item of `/contacts`');
    expect(cell('/contacts/*')).toBe('—');
    expect(cell('/name')).toBe('yes');
    expect(md).toContain('the parent may be left out, but when it is present it must carry the field');
    const html = shipped.get('person/1.1.0.html')!;
    const row = html
      .split('\n')
      .find((l) => l.startsWith('<tr id="field-registeredResidence-divisionCode"'))!;
    expect(row).toContain('是，当 <code>/registeredResidence</code> 出现时');
    expect(row).toContain('yes, when <code>/registeredResidence</code> is present');
  });

  it('lists inline enumerations with their values, like bound code lists, and their labels when the schema has them', () => {
    const shipped = new Map(buildDocs({ entities: ['person'] }).map((f) => [f.path, f.content]));
    const html = shipped.get('person/1.1.0.html')!;
    const row = html.split('\n').find((l) => l.startsWith('<tr id="field-contacts-items-kind"'))!;
    expect(row).toContain('<a href="#enum-contacts-items-kind">枚举 enum</a>: <code>mobile</code>');
    expect(html).toMatch(
      /<section class="codelist enum" id="enum-contacts-items-kind">[\s\S]*<td><code>landline<\/code><\/td>/,
    );
    const md = shipped.get('person/1.1.0.md')!;
    expect(md).toContain('enum: `mobile`, `landline`, `email`, `other`');
    expect(md).toContain('### Inline enumeration `/contacts/*/kind` (closed)');
    // Labelled values (a oneOf of titled consts) carry their labels.
    const dir = mkdtempSync(join(tmpdir(), 'gds-kit-docs-enum-'));
    try {
      cpSync(root, dir, { recursive: true });
      const file = join(dir, 'schemas', 'household', '1.0.0', 'household.schema.json');
      const schema = JSON.parse(readFileSync(file, 'utf8'));
      schema.properties.tenure = {
        title: '产权',
        oneOf: [
          { const: 'owned', title: '自有', 'x-gds-en': { title: 'Owned' } },
          { const: 'rented', title: '租赁', 'x-gds-en': { title: 'Rented' } },
        ],
      };
      writeFileSync(file, JSON.stringify(schema));
      const out = buildDocs({ root: dir, entities: ['household'] });
      const page = out.find((f) => f.path === 'household/1.0.0.html')!.content;
      expect(page).toContain('<tr><td><code>rented</code></td><td>租赁</td><td>Rented</td></tr>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('each version page switches to the other versions and offers its JSON Schema for download', () => {
    const html = byPath.get('person/1.1.0.html')!;
    expect(html).toContain(
      '<nav class="switcher" aria-label="versions">版本 Version: <a href="1.0.0.html">1.0.0</a> · <strong aria-current="page">1.1.0</strong> · <a href="next.html">next</a></nav>',
    );
    expect(html).toContain('<a href="1.1.0.schema.json" download>');
    const schema = JSON.parse(byPath.get('person/1.1.0.schema.json')!);
    expect(schema.$id).toContain('1.1.0');
  });

  it('the changelog carries the compatibility report of each step, code lists as each version bound them', () => {
    const index = byPath.get('person/index.md')!;
    expect(index).toContain('1.1.0 → next: bump **major**');
    expect(index).toContain('field.renamed');
    expect(byPath.get('person/1.0.0.html')).toContain('<td><code>22</code></td>');
    expect(byPath.get('person/next.html')).not.toContain('<td><code>22</code></td>');
  });

  it('draws the entities and their references', () => {
    const html = byPath.get('person/next.html')!;
    expect(html).toContain('data-entity="person"');
    expect(html).toContain('data-entity="address"');
    expect(html).toContain('data-from="person" data-to="contact"');
  });
});

async function loadChromium() {
  if (!existsSync(CHROMIUM)) return { skip: `no Chromium at ${CHROMIUM} (install Debian's chromium)` };
  try {
    const { chromium } = await import('playwright-core');
    return { chromium };
  } catch (e) {
    return { skip: `playwright-core not installed: ${String(e)}` };
  }
}

const browser = await loadChromium();
if ('skip' in browser && process.env.CI === 'true')
  throw new Error(`docs browser test cannot run in CI: ${browser.skip}`);

describe.skipIf('skip' in browser)(
  `the site in headless Chromium${'skip' in browser ? ` (skipped: ${browser.skip})` : ''}`,
  () => {
    let out: string;
    let b: import('playwright-core').Browser;
    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), 'gds-kit-docs-'));
      writeDocs(buildDocs({ root }), out);
      b = await (browser as { chromium: typeof import('playwright-core').chromium }).chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });
    afterAll(async () => {
      await b?.close();
      if (out) rmSync(out, { recursive: true, force: true });
    });

    it('opens a standard page with no console errors, renders the field table and the diagram, and screenshots it', async () => {
      const page = await b.newPage({ viewport: { width: 1400, height: 1000 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
      });
      await page.goto(pathToFileURL(join(out, 'person', 'next.html')).href);
      await page.waitForLoadState('load');

      const rows = await page.locator('#field-table tbody tr').count();
      expect(rows).toBeGreaterThan(10);
      const table = await page.locator('#field-table').boundingBox();
      expect(table?.height ?? 0).toBeGreaterThan(200);
      await expect(page.locator('#field-sex td').nth(5).textContent()).resolves.toContain('sex');

      const svg = page.locator('svg.er-diagram');
      const box = await svg.boundingBox();
      expect(box?.width ?? 0).toBeGreaterThan(300);
      expect(box?.height ?? 0).toBeGreaterThan(100);
      expect(await svg.locator('g.er-entity').count()).toBe(3);
      expect(await svg.locator('path.er-link').count()).toBe(2);
      const rect = await svg.locator('g.er-entity rect').first().boundingBox();
      expect(rect?.width ?? 0).toBeGreaterThan(100);

      // Kept under the temporary site unless GDS_SCREENSHOT_DIR asks for them elsewhere (a CI artefact).
      const shots = process.env.GDS_SCREENSHOT_DIR ?? join(out, 'screenshots');
      mkdirSync(shots, { recursive: true });
      const full = join(shots, 'person-next.png');
      await page.screenshot({ path: full, fullPage: true });
      await svg.screenshot({ path: join(shots, 'person-next-diagram.png') });
      await page.locator('#field-table').screenshot({ path: join(shots, 'person-next-fields.png') });
      expect(statSync(full).size).toBeGreaterThan(10_000);
      expect(readFileSync(full).subarray(1, 4).toString()).toBe('PNG');

      // The filter and the search box work offline.
      await page.fill('#field-filter', '婚次');
      expect(await page.locator('#field-table tbody tr:visible').count()).toBe(1);
      await page.fill('#gds-search', 'division');
      await expect(page.locator('#gds-search-results li').count()).resolves.toBeGreaterThan(0);

      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    }, 120_000);

    it('the pages of the shipped standards open without errors and show their field table and diagram', async () => {
      const shipped = join(out, 'shipped');
      const files = writeDocs(buildDocs(), shipped).filter((f) => /[\\/](next|\d+\.\d+\.\d+)\.html$/.test(f));
      expect(files.length).toBeGreaterThan(0);
      const page = await b.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      for (const file of files) {
        await page.goto(pathToFileURL(file).href);
        expect(await page.locator('#field-table tbody tr').count(), file).toBeGreaterThan(0);
        expect((await page.locator('svg.er-diagram').boundingBox())?.width ?? 0, file).toBeGreaterThan(100);
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);

    it('the index page and every other page open without errors', async () => {
      const page = await b.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      for (const p of [
        'index.html',
        'person/index.html',
        'person/1.0.0.html',
        'person/1.1.0.html',
        'household/1.0.0.html',
      ]) {
        await page.goto(pathToFileURL(join(out, p)).href);
      }
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      await page.fill('#gds-search', '婚');
      await page.locator('#gds-search-results a').first().click();
      await page.waitForLoadState('load');
      expect(page.url()).toMatch(/person\/.*\.html#field-/);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  },
);
