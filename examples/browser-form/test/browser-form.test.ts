import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { person } from '@gds/schema/standards/person';
import { readCodeList } from '@gds/standards/fs';
import type { Browser, Page } from 'playwright-core';
import { build, type UserConfigFnObject } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import viteConfig from '../vite.config.js';

const CHROMIUM = process.env.GDS_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = join(import.meta.dirname, '..', 'screenshots', 'invalid-id.png');

async function chromiumOrSkipReason() {
  if (!existsSync(CHROMIUM)) return { skip: `no Chromium at ${CHROMIUM} (install Debian's chromium)` };
  try {
    return { chromium: (await import('playwright-core')).chromium };
  } catch (e) {
    return { skip: `playwright-core not installed: ${String(e)}` };
  }
}
const found = await chromiumOrSkipReason();
if ('skip' in found && process.env.CI === 'true')
  throw new Error(`browser-form cannot run in CI: ${found.skip}`);

/** The resident the tests type in; the record id is fixed so the screenshot is the same each run. */
const RESIDENT = {
  id: 'form-example-0001',
  identity: { type: 'resident-id', number: '11010519491231002X' },
  name: '李秀英',
  sex: '2',
  birthDate: '1949-12-31',
  ethnicity: '01',
  nationality: 'CN',
  populationKind: 'registered',
  contacts: [{ kind: 'mobile', value: '13800138000' }],
  email: 'li.xiuying@example.cn',
  registeredResidence: { divisionCode: '110105', detail: '建国路 88 号 3 单元 502 室' },
};
const WRONG_CHECK_DIGIT = '110105194912310021';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves the built page as a static site: module scripts do not load from file: URLs. */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const file = join(dir, normalize(path === '/' ? '/index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf('skip' in found)(
  `the resident form in headless Chromium${'skip' in found ? ` (skipped: ${found.skip})` : ''}`,
  () => {
    let out: string;
    let server: Server;
    let browser: Browser;
    let url: string;

    beforeAll(async () => {
      out = mkdtempSync(join(tmpdir(), 'gds-browser-form-'));
      // The `source` mode reads @gds/schema from src/, as this test's own `person.validate` does, so the
      // messages compared are those of the same code; `npm run build` covers the dist/ resolution.
      const config = await (viteConfig as UserConfigFnObject)({ command: 'build', mode: 'source' });
      await build({
        ...config,
        configFile: false,
        mode: 'source',
        logLevel: 'silent',
        build: { ...config.build, outDir: out, emptyOutDir: true },
      });
      server = await serve(out);
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      browser = await (found as { chromium: typeof import('playwright-core').chromium }).chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
        ],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
      if (out) rmSync(out, { recursive: true, force: true });
    });

    /** Opens the page, runs `body`, then checks that the page logged no error or warning and threw nothing. */
    async function onPage(body: (page: Page) => Promise<void>): Promise<void> {
      // navigator.language as in a township office. (The date control follows Chromium's UI language
      // instead, which stays English without Debian's chromium-l10n.)
      const page = await browser.newPage({ viewport: { width: 960, height: 900 }, locale: 'zh-CN' });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      try {
        await page.goto(url);
        await page.locator('#f-identity-number').waitFor();
        await body(page);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    }

    async function fillResident(page: Page): Promise<void> {
      const r = RESIDENT;
      await page.fill('#f-id', r.id);
      await page.selectOption('#f-identity-type', r.identity.type);
      await page.fill('#f-identity-number', r.identity.number);
      await page.fill('#f-name', r.name);
      await page.selectOption('#f-sex', r.sex);
      await page.fill('#f-birthDate', r.birthDate);
      await page.selectOption('#f-ethnicity', r.ethnicity);
      await page.fill('#f-nationality', r.nationality);
      await page.selectOption('#f-populationKind', r.populationKind);
      await page.selectOption('#f-contacts-0-kind', r.contacts[0]!.kind);
      await page.fill('#f-contacts-0-value', r.contacts[0]!.value);
      await page.fill('#f-email', r.email);
      await page.fill('#f-registeredResidence-divisionCode', r.registeredResidence.divisionCode);
      await page.fill('#f-registeredResidence-detail', r.registeredResidence.detail);
    }

    const pageRecord = async (page: Page) =>
      JSON.parse((await page.textContent('#record-json')) ?? '') as unknown;
    const shownMessages = (page: Page) => page.locator('.messages li').allTextContents();

    it('labels every control from the field metadata and options from the code lists', () =>
      onPage(async (page) => {
        await expect(page.textContent('label[for="f-identity-number"]')).resolves.toContain(
          person.fields.find((f) => f.path === '/identity/number')!.title.zh,
        );
        // Deprecated codes (sex 5 and 6) are not offered for a new record.
        const sex = readCodeList('sex').entries.filter((e) => !e.deprecated);
        expect(sex.length).toBeLessThan(readCodeList('sex').entries.length);
        await expect(page.locator('#f-sex option').allTextContents()).resolves.toEqual([
          '— 请选择 —',
          ...sex.map((e) => e.zh),
        ]);
        await expect(page.locator('#f-ethnicity option[value="05"]').textContent()).resolves.toBe('维吾尔族');
        await expect(page.getAttribute('#f-identity-number', 'aria-describedby')).resolves.toContain(
          'f-identity-number-msg',
        );
      }));

    it('a valid resident: the record the page builds validates, and no message is shown', () =>
      onPage(async (page) => {
        await fillResident(page);
        await page.click('button[type="submit"]');
        const record = await pageRecord(page);
        expect(record).toEqual(RESIDENT);
        expect(person.validate(record).issues).toEqual([]);
        expect(await shownMessages(page)).toEqual([]);
        expect(await page.locator('[aria-invalid]').count()).toBe(0);
        await expect(page.getAttribute('#status', 'class')).resolves.toContain('ok');
        await expect(page.textContent('#status')).resolves.toContain(person.id);
        expect(await page.locator('#pending, #unplaced').count()).toBe(0);
      }));

    it('an ID number with a wrong GB 11643 check digit: the zh-CN message under the ID field', () =>
      onPage(async (page) => {
        await fillResident(page);
        await page.fill('#f-identity-number', WRONG_CHECK_DIGIT);

        const record = await pageRecord(page);
        expect(record).toEqual({
          ...RESIDENT,
          identity: { ...RESIDENT.identity, number: WRONG_CHECK_DIGIT },
        });
        const issues = person.validate(record).issues;
        expect(issues.map((i) => [i.code, i.path])).toEqual([
          ['id_card.check_digit', ['identity', 'number']],
        ]);
        expect(issues[0]!.message).toMatch(/^公民身份号码校验码错误/);

        const message = page.locator('#f-identity-number-msg li');
        await expect(message.allTextContents()).resolves.toEqual([issues[0]!.message]);
        await expect(page.getAttribute('#f-identity-number', 'aria-invalid')).resolves.toBe('true');
        expect(await shownMessages(page)).toEqual([issues[0]!.message]);

        mkdirSync(join(SCREENSHOT, '..'), { recursive: true });
        await page.screenshot({ path: SCREENSHOT, fullPage: true });
        expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
        if (process.env.GDS_SCREENSHOT_DIR) {
          mkdirSync(process.env.GDS_SCREENSHOT_DIR, { recursive: true });
          copyFileSync(SCREENSHOT, join(process.env.GDS_SCREENSHOT_DIR, 'browser-form-invalid-id.png'));
        }

        // The ID box and its message sit together: the message is right under the field.
        const box = (await page.locator('#f-identity-number').boundingBox())!;
        const under = (await message.boundingBox())!;
        expect(under.y).toBeGreaterThanOrEqual(box.y + box.height);
        expect(under.y - (box.y + box.height)).toBeLessThan(20);

        await page.fill('#f-identity-number', RESIDENT.identity.number);
        expect(await shownMessages(page)).toEqual([]);
        expect(await page.getAttribute('#f-identity-number', 'aria-invalid')).toBeNull();
      }));

    it('issues of untouched fields are counted, then shown under their fields on submit', () =>
      onPage(async (page) => {
        const issues = person.validate(await pageRecord(page)).issues;
        expect(issues.length).toBeGreaterThan(0);
        await expect(page.textContent('#pending')).resolves.toContain(String(issues.length));
        expect(await shownMessages(page)).toEqual([]);

        await page.click('button[type="submit"]');
        expect(await page.locator('#pending').count()).toBe(0);
        expect((await shownMessages(page)).sort()).toEqual(issues.map((i) => i.message).sort());
        const name = person.validate({ ...RESIDENT, name: undefined }).issues;
        await expect(page.locator('#f-name-msg li').allTextContents()).resolves.toEqual(
          name.map((i) => i.message),
        );
        await expect(page.getAttribute('#f-name', 'aria-invalid')).resolves.toBe('true');
        // Focus goes to the first field in error, so a keyboard or screen-reader user lands on it.
        await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('f-identity-number');
      }));

    it('the language toggle switches labels and messages to English', () =>
      onPage(async (page) => {
        await fillResident(page);
        await page.fill('#f-identity-number', WRONG_CHECK_DIGIT);
        await page.click('#lang');
        await expect(page.getAttribute('html', 'lang')).resolves.toBe('en');
        await expect(page.textContent('label[for="f-identity-number"]')).resolves.toContain(
          person.fields.find((f) => f.path === '/identity/number')!.title.en,
        );
        const en = person.validate(await pageRecord(page), { locale: 'en' }).issues.map((i) => i.message);
        await expect(page.locator('#f-identity-number-msg li').allTextContents()).resolves.toEqual(en);
        await expect(page.locator('#f-sex option[value="2"]').textContent()).resolves.toBe('Female');
        await page.click('#lang');
        await expect(page.getAttribute('html', 'lang')).resolves.toBe('zh-CN');
      }));
  },
);
