// Shared benchmark harness: every GDS benchmark runs the peer in the same process on the same data,
// prints a table with the ratio to the peer, and writes bench/results/<suite>.json.
//
// Ours and the peer run in alternating rounds (ours, peer, ours, peer, ...) and the ratio reported is
// the median of the per-round ratios: on a machine shared with other work, load that comes and goes
// then slows both sides of a round alike instead of whichever task happened to run during it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Comparison {
  /** What is measured, e.g. "valid person records". */
  name: string;
  /** How many items one call processes (records, bytes, leaves), so the table can show items/s. */
  itemsPerCall: number;
  unit?: string;
  ours: { name: string; fn: () => unknown };
  peer: { name: string; fn: () => unknown };
  /** The target ratio ours/peer from the issue, if there is one. */
  target?: number;
  /**
   * Rounds of exactly one call per side, for calls that take long (converting a 1M-row file); by
   * default each side runs for a time slice per round.
   */
  iterations?: number;
}

export interface ComparisonResult {
  name: string;
  unit: string;
  ours: string;
  peer: string;
  oursPerSecond: number;
  peerPerSecond: number;
  ratio: number;
  /** The lowest and highest per-round ratio, to show how steady the machine was. */
  ratioRange: [number, number];
  rounds: number;
  target: number | null;
  met: boolean | null;
}

const ROUNDS = 9;

/** Runs `fn` for about `ms` milliseconds (at least `minCalls` calls); returns calls per second. */
async function slice(fn: () => unknown, ms: number, minCalls: number): Promise<number> {
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    const r = fn();
    if (r instanceof Promise) await r;
    calls++;
    elapsed = performance.now() - t0;
  } while (calls < minCalls || elapsed < ms);
  return calls / (elapsed / 1000);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function compare(
  suite: string,
  comparisons: Comparison[],
  time = 1500,
): Promise<ComparisonResult[]> {
  const results: ComparisonResult[] = [];
  for (const c of comparisons) {
    const fixed = c.iterations !== undefined;
    const rounds = fixed ? Math.max(c.iterations!, 1) : ROUNDS;
    const ms = fixed ? 0 : time / rounds;
    const minCalls = fixed ? 1 : 3;
    // Warm-up: let both reach optimised code before anything is measured.
    await slice(c.ours.fn, fixed ? 0 : 300, 1);
    await slice(c.peer.fn, fixed ? 0 : 300, 1);
    const ours: number[] = [];
    const peer: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // Alternate which side goes first, so neither always runs right after the other's garbage.
      const [a, b] = r % 2 ? [c.peer, c.ours] : [c.ours, c.peer];
      const ra = await slice(a.fn, ms, minCalls);
      const rb = await slice(b.fn, ms, minCalls);
      const [o, p] = r % 2 ? [rb, ra] : [ra, rb];
      ours.push(o * c.itemsPerCall);
      peer.push(p * c.itemsPerCall);
      ratios.push(o / p);
    }
    const ratio = median(ratios);
    const round2 = (x: number) => Math.round(x * 100) / 100;
    results.push({
      name: c.name,
      unit: c.unit ?? 'items',
      ours: c.ours.name,
      peer: c.peer.name,
      oursPerSecond: Math.round(median(ours)),
      peerPerSecond: Math.round(median(peer)),
      ratio: round2(ratio),
      ratioRange: [round2(Math.min(...ratios)), round2(Math.max(...ratios))],
      rounds,
      target: c.target ?? null,
      met: c.target === undefined ? null : ratio >= c.target,
    });
  }
  report(suite, results);
  return results;
}

/** Records a measured figure that has no peer (a memory peak, a bundle size, a proof size). */
export function record(suite: string, figures: Record<string, unknown>): void {
  process.stdout.write(`\n${suite}\n`);
  for (const [k, v] of Object.entries(figures)) process.stdout.write(`  ${k}: ${JSON.stringify(v)}\n`);
  write(suite, figures);
}

function report(suite: string, results: ComparisonResult[]): void {
  process.stdout.write(`\n${suite}\n`);
  const rows = results.map((r) => ({
    case: r.name,
    ours: `${r.ours}: ${r.oursPerSecond.toLocaleString('en')} ${r.unit}/s`,
    peer: `${r.peer}: ${r.peerPerSecond.toLocaleString('en')} ${r.unit}/s`,
    ratio: `${r.ratio}x (${r.ratioRange[0]}-${r.ratioRange[1]})`,
    target: r.target === null ? '-' : `${r.target}x ${r.met ? 'met' : 'MISSED'}`,
  }));
  console.table(rows);
  write(suite, results);
}

function write(suite: string, data: unknown): void {
  const dir = join(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, `${suite}.json`),
    `${JSON.stringify({ suite, node: process.version, at: new Date().toISOString(), data }, null, 2)}\n`,
  );
}
