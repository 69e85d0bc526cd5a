// Workbooks from an independent writer: Debian's python3-openpyxl (issue 15). A test that needs it skips
// with a visible reason when python3 or openpyxl is absent, and fails instead under GDS_REQUIRE_VECTORS=1
// (CI), as the published-schemas test does for python3-jsonschema.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

export const PYTHON =
  process.env.GDS_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
const probe = spawnSync(PYTHON, ['-c', 'import openpyxl'], { encoding: 'utf8' });
const available = probe.status === 0;
const required = process.env.CI === 'true' || process.env.GDS_REQUIRE_VECTORS === '1';
/** Pass to `it.skipIf` / `test.skipIf`. */
export const noOpenpyxl = !available && !required;
/** Appended to a test's name, so a skip says why. */
export const openpyxlNote = available ? '' : ' (SKIPPED: python3-openpyxl not installed)';

function python(script: string, args: string[]): string {
  expect(available, `${PYTHON} cannot import openpyxl: apt-get install python3-openpyxl`).toBe(true);
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8' });
  expect(r.stderr, 'the openpyxl script failed').toBe('');
  expect(r.status).toBe(0);
  return r.stdout;
}

/**
 * Runs `body` with `data` (JSON) and `wb`/`ws` names in scope, openpyxl imported, and returns the saved
 * workbook's bytes. `body` builds the workbook: `wb = openpyxl.Workbook()` is done already.
 */
export function openpyxlWrite(body: string, data: unknown): Uint8Array {
  const script = `import json, sys, datetime, openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
data = json.load(open(sys.argv[1], encoding='utf-8'))
wb = openpyxl.Workbook()
ws = wb.active
${body}
wb.save(sys.argv[2])
`;
  const dir = mkdtempSync(join(tmpdir(), 'gds-openpyxl-in-'));
  writeFileSync(join(dir, 'data.json'), JSON.stringify(data));
  python(script, [join(dir, 'data.json'), join(dir, 'out.xlsx')]);
  return new Uint8Array(readFileSync(join(dir, 'out.xlsx')));
}

/**
 * Opens `bytes` with openpyxl.load_workbook and returns what `body` prints as JSON (it has `wb` and
 * `warnings_seen`, the text of every warning openpyxl raised while loading: a workbook it had to
 * repair, such as one without a default cell style, warns).
 */
export function openpyxlRead<T>(bytes: Uint8Array, body: string): T {
  const dir = mkdtempSync(join(tmpdir(), 'gds-openpyxl-out-'));
  writeFileSync(join(dir, 'in.xlsx'), bytes);
  const script = `import json, sys, warnings, datetime, openpyxl
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter('always')
    wb = openpyxl.load_workbook(sys.argv[1])
warnings_seen = [str(w.message) for w in caught]
${body}
`;
  return JSON.parse(python(script, [join(dir, 'in.xlsx')])) as T;
}
