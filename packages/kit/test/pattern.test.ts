// Simple patterns are compiled to character scans instead of RegExps (packages/kit/src/generate/pattern.ts).
// These properties hold the scans to the RegExp they replace, with the u flag, on strings built from the
// pattern's own characters, its near misses and arbitrary Unicode.
import { fc, test as prop } from '@fast-check/vitest';
import { emitChecker } from '@gds/kit';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

const doc = (pattern: string) =>
  ({
    $id: 'urn:gds:schema:x:next',
    type: 'string',
    pattern,
  }) as unknown as Parameters<typeof emitChecker>[0];

/** The compiled scan of a pattern as a JS function, or null when the checker keeps a RegExp. */
function scanOf(pattern: string): ((s: string) => boolean) | null {
  const code = emitChecker(doc(pattern), '../../..');
  const m = /function (MATCH_\d+)\(s: string\): boolean \{[\s\S]*?\n\}/.exec(code);
  if (!m) return null;
  const js = transformSync(m[0], { loader: 'ts' }).code;
  return new Function(`${js}; return ${m[1]};`)() as (s: string) => boolean;
}

// Every pattern the standards use, and some the compiler must get right or refuse.
const PATTERNS = [
  '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$',
  '^[0-9]{6}([0-9]{6})?$',
  '^[0-9A-Za-z]{6,32}$',
  '^[a-z][a-z0-9-]*$',
  '^[A-Z]{2}$',
  '^[a-z0-9-]+/[a-z0-9-]+$',
  '^[0-9]{12}$',
  '^(next|(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*))$',
  '^\\d+\\.\\d+\\.\\d+$',
  '^[A-Za-z0-9._:-]*$',
  '^[0-9a-f]{64}$',
  '^[0-9A-Za-z-]{1,30}$',
  '^#/\\$defs/[A-Za-z][A-Za-z0-9]*$',
  '^1[3-9]\\d{9}$',
  '^0\\d{2,3}-?\\d{7,8}$',
  '^[1-9]\\d{5}$',
  '^[A-Z]{3}\\d{12}$',
  '^ab?c$',
  '^a[^b]c$',
  '^[0-9]{2}(-[0-9]{4})?$',
  '^$',
];

describe('pattern scans agree with the RegExp they replace', () => {
  it('compiles the simple patterns of the standards and refuses the others', () => {
    expect(scanOf('^[0-9]{6}([0-9]{6})?$')).not.toBeNull();
    expect(scanOf('^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$')).not.toBeNull();
    expect(scanOf('^[a-z0-9-]+/[a-z0-9-]+$')).toBeNull(); // a variable run before the end
    expect(scanOf('^(next|(0|[1-9][0-9]*))$')).toBeNull(); // alternation
    expect(scanOf('^a[^b]c$')).toBeNull(); // negated class
  });

  for (const pattern of PATTERNS) {
    const scan = scanOf(pattern);
    if (!scan) continue;
    const re = new RegExp(pattern, 'u');
    const alphabet = [
      ...new Set([...pattern.replace(/[\\^$]/g, ''), '0', '9', 'a', 'Z', '-', '.', '/', 'é', '𠮷', ' ']),
    ];
    const near = fc.array(fc.constantFrom(...alphabet), { maxLength: 70 }).map((cs) => cs.join(''));
    prop.prop([fc.oneof(fc.stringMatching(re), near, fc.string({ unit: 'grapheme', maxLength: 20 }))], {
      numRuns: 2000,
    })(`${pattern}`, (s) => {
      expect(scan(s)).toBe(re.test(s));
    });
  }
});
