// Shared benchmark harness: every GDS benchmark runs the peer in the same process on the same data,
// prints a table with the ratio to the peer, and writes bench/results/<suite>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bench } from 'tinybench';

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
  /** Minimum runs per task (tinybench's default is 64; a call that converts a 1M-row file needs a few). */
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
  target: number | null;
  met: boolean | null;
}

export async function compare(
  suite: string,
  comparisons: Comparison[],
  time = 1500,
): Promise<ComparisonResult[]> {
  const results: ComparisonResult[] = [];
  for (const c of comparisons) {
    const runs = c.iterations === undefined ? {} : { iterations: c.iterations, warmupIterations: 1 };
    const bench = new Bench({ time, warmup: true, warmupTime: 300, ...runs });
    bench.add(c.ours.name, c.ours.fn).add(c.peer.name, c.peer.fn);
    await bench.run();
    const [ours, peer] = bench.tasks.map((t) => {
      const r = t.result as { throughput?: { mean: number }; hz?: number } | undefined;
      return (r?.throughput?.mean ?? r?.hz ?? 0) * c.itemsPerCall;
    }) as [number, number];
    const ratio = ours / peer;
    results.push({
      name: c.name,
      unit: c.unit ?? 'items',
      ours: c.ours.name,
      peer: c.peer.name,
      oursPerSecond: Math.round(ours),
      peerPerSecond: Math.round(peer),
      ratio: Math.round(ratio * 100) / 100,
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
    ratio: `${r.ratio}x`,
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
