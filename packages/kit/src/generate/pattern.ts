// Simple `pattern`s compiled to character scans. Most patterns in the standards are a few ASCII
// character classes with counts (`^[0-9]{6}([0-9]{6})?$`, `^[A-Z]{2}$`); a scan over character codes
// is several times faster than a RegExp call on a short string, and a checker runs one per field.

/** One run of characters of one class: inclusive code ranges, repeated min..max times. */
interface Run {
  ranges: [number, number][];
  min: number;
  max: number;
}

const SPECIAL = new Set([...'.*+?()[]{}|^$\\/']);

/**
 * Parses a pattern into runs when its language is "strings whose character at each position belongs
 * to a class fixed by that position": `^`, runs of fixed length, then either one run of variable length
 * or one optional group of fixed-length runs, then `$`. Classes are ASCII only, so a non-ASCII
 * character (or half of a surrogate pair) fails both this scan and the `u`-flag RegExp. Returns null
 * for anything else (alternation, negated classes, `.`, nested or repeated groups), which keeps its RegExp.
 */
export function parseSimplePattern(pattern: string): { head: Run[]; group: Run[] | null } | null {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return null;
  const src = pattern.slice(1, -1);
  const head: Run[] = [];
  let group: Run[] | null = null;
  let i = 0;
  let target = head;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '(') {
      if (group !== null || target !== head) return null;
      group = [];
      target = group;
      i++;
      continue;
    }
    if (ch === ')') {
      if (target !== group || src[i + 1] !== '?' || i + 2 !== src.length) return null;
      target = head;
      i += 2;
      continue;
    }
    let ranges: [number, number][];
    if (ch === '[') {
      const end = src.indexOf(']', i + 1);
      if (end < 0) return null;
      const parsed = parseClass(src.slice(i + 1, end));
      if (!parsed) return null;
      ranges = parsed;
      i = end + 1;
    } else if (ch === '\\') {
      const next = src[i + 1];
      if (next === 'd') ranges = [[48, 57]];
      else if (next !== undefined && SPECIAL.has(next)) ranges = [[next.charCodeAt(0), next.charCodeAt(0)]];
      else return null;
      i += 2;
    } else if (SPECIAL.has(ch) || ch.charCodeAt(0) > 126 || ch.charCodeAt(0) < 32) {
      return null;
    } else {
      ranges = [[ch.charCodeAt(0), ch.charCodeAt(0)]];
      i++;
    }
    let min = 1;
    let max = 1;
    const q = src[i];
    if (q === '?' || q === '*' || q === '+') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Number.POSITIVE_INFINITY;
      i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(src.slice(i));
      if (!m) return null;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[2] === '' ? Number.POSITIVE_INFINITY : Number(m[2]);
      if (max < min) return null;
      i += m[0].length;
    }
    target.push({ ranges, min, max });
  }
  if (target !== head) return null;
  // Only the last run of the head may vary, and not when a group follows; group runs are fixed.
  const variable = head.findIndex((r) => r.min !== r.max);
  if (variable >= 0 && (variable !== head.length - 1 || group !== null)) return null;
  if (group !== null && (group.length === 0 || group.some((r) => r.min !== r.max))) return null;
  return { head, group };
}

function parseClass(body: string): [number, number][] | null {
  if (body.length === 0 || body.startsWith('^')) return null;
  const chars: number[] = [];
  const out: [number, number][] = [];
  for (let i = 0; i < body.length; i++) {
    let c = body[i]!;
    if (c === '\\') {
      const next = body[++i];
      if (next === 'd') {
        out.push([48, 57]);
        continue;
      }
      if (next === undefined || !(SPECIAL.has(next) || next === '-')) return null;
      c = next;
    } else if (c === '[') return null;
    const code = c.charCodeAt(0);
    if (code < 32 || code > 126) return null;
    // A range a-z: a dash between two characters (a leading or trailing dash is literal).
    if (body[i + 1] === '-' && i + 2 < body.length && body[i + 2] !== '\\') {
      const to = body.charCodeAt(i + 2);
      if (to < code || to > 126) return null;
      out.push([code, to]);
      i += 2;
      continue;
    }
    chars.push(code);
  }
  for (const c of chars) out.push([c, c]);
  return out;
}

function test(ranges: [number, number][]): string {
  const terms = ranges.map(([a, b]) => (a === b ? `c === ${a}` : `c >= ${a} && c <= ${b}`));
  return terms.length === 1 ? terms[0]! : terms.map((t) => (t.includes('&&') ? `(${t})` : t)).join(' || ');
}

function scan(run: Run, from: string, to: string, out: string[]): void {
  out.push(`  for (let i = ${from}; i < ${to}; i++) {`);
  out.push('    const c = s.charCodeAt(i);');
  out.push(`    if (!(${test(run.ranges)})) return false;`);
  out.push('  }');
}

/**
 * The source of a function `name(s: string): boolean` equivalent to `new RegExp(pattern, 'u').test(s)`,
 * or null when the pattern is not one `parseSimplePattern` accepts.
 */
export function emitPatternFunction(name: string, pattern: string): string | null {
  const parsed = parseSimplePattern(pattern);
  if (!parsed) return null;
  const { head, group } = parsed;
  const out: string[] = [
    `/** ${JSON.stringify(pattern)} as a character scan (equivalent to the RegExp with the u flag). */`,
    `function ${name}(s: string): boolean {`,
    '  const n = s.length;',
  ];
  const fixed = head.filter((r) => r.min === r.max).reduce((sum, r) => sum + r.min, 0);
  const last = head[head.length - 1];
  const tail = last && last.min !== last.max ? last : null;
  if (group) {
    const extra = group.reduce((sum, r) => sum + r.min, 0);
    out.push(`  if (n !== ${fixed} && n !== ${fixed + extra}) return false;`);
  } else if (tail) {
    const max = Number.isFinite(tail.max) ? ` || n > ${fixed + tail.max}` : '';
    out.push(`  if (n < ${fixed + tail.min}${max}) return false;`);
  } else {
    out.push(`  if (n !== ${fixed}) return false;`);
  }
  let at = 0;
  for (const run of head) {
    if (run === tail) scan(run, String(at), 'n', out);
    else {
      scan(run, String(at), String(at + run.min), out);
      at += run.min;
    }
  }
  if (group) {
    out.push(`  if (n === ${at}) return true;`);
    for (const run of group) {
      scan(run, String(at), String(at + run.min), out);
      at += run.min;
    }
  }
  out.push('  return true;', '}');
  return out.join('\n');
}
