import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FieldMeta } from '@gds/schema';
import { isPlainObject } from '../_internal/fieldTree.js';
import { BufferedWriter, fnv1a, readLines } from '../_internal/files.js';
import {
  type CandidateInfo,
  candidateInfo,
  candidatePairs,
  cmpKey,
  createMerger,
  provenanceOf,
  type SourcedRecord,
} from '../_internal/merge.js';
import { GdsStoreError } from '../errors.js';
import type { GoldenRecord, Provenance } from '../GoldenRecord.js';

/**
 * One department's NDJSON file of canonical records (one record per line).
 *
 * @example
 * ```ts
 * import type { MergeFileInput } from '@gds/store/node';
 * const f: MergeFileInput = { path: 'police.ndjson', department: 'public-security', system: 'hukou' };
 * ```
 */
export interface MergeFileInput {
  path: string;
  department?: string;
  system?: string;
  time?: string;
}

/**
 * Options of {@link mergeFiles}.
 *
 * @example
 * ```ts
 * import type { MergeFilesOptions } from '@gds/store/node';
 * import { person } from '@gds/schema';
 * const o: MergeFilesOptions = { standard: person, inputs: [], out: 'golden.ndjson', conflicts: 'conflicts.ndjson' };
 * ```
 */
export interface MergeFilesOptions {
  standard: { entity: string; fields: readonly FieldMeta[] };
  inputs: readonly MergeFileInput[];
  /** Golden records, NDJSON, sorted by key: the same bytes as `mergeRecords` would give. */
  out: string;
  /** Conflicts, NDJSON, sorted by key and path. */
  conflicts: string;
  /** Candidate pairs for review, NDJSON (records without a key); not written when absent. */
  candidates?: string;
  key?: (record: Record<string, unknown>) => string | undefined;
  /**
   * Golden records of an earlier merge (NDJSON, as written to `out`): merging new files into them
   * equals merging everything again (incremental merge). Must not be the same path as `out`.
   */
  previous?: string;
  /** Where the temporary partitions go (default the OS temporary folder); removed afterwards. */
  tmpDir?: string;
  /** Bytes of input per partition (default 8 MiB): what bounds memory. */
  partitionBytes?: number;
}

/**
 * What {@link mergeFiles} did. Lines that are not JSON objects are reported, not merged.
 *
 * @example
 * ```ts
 * import type { MergeFilesReport } from '@gds/store/node';
 * function ok(r: MergeFilesReport) { return r.invalid.length === 0; }
 * ```
 */
export interface MergeFilesReport {
  records: number;
  golden: number;
  conflicts: number;
  unkeyed: Provenance[];
  candidates: number;
  /** Lines that could not be read as a record (at most the first 1000). */
  invalid: Array<{ file: string; line: number; message: string }>;
  invalidCount: number;
}

/**
 * Merges departments' NDJSON files into golden records with memory bounded by the partition size, not
 * by the files: records are partitioned by a hash of their key into temporary files, each partition is
 * merged in memory, and the sorted partitions are merged into the outputs. Same rules and same bytes
 * as {@link mergeRecords} (`@gds/store`): golden records sorted by key, conflicts by key and path.
 * Throws `GDS_STORE_IO` when a file cannot be read or written.
 *
 * @example
 * ```ts
 * import { mergeFiles } from '@gds/store/node';
 * import { person } from '@gds/schema';
 * const report = mergeFiles({
 *   standard: person,
 *   inputs: [
 *     { path: 'police.ndjson', department: 'public-security' },
 *     { path: 'civil.ndjson', department: 'civil-affairs' },
 *   ],
 *   out: 'golden.ndjson',
 *   conflicts: 'conflicts.ndjson',
 * });
 * ```
 */
export function mergeFiles(options: MergeFilesOptions): MergeFilesReport {
  const merger = createMerger(options.standard, options.key);
  let total = 0;
  const all = options.previous ? [...options.inputs, { path: options.previous }] : options.inputs;
  for (const input of all) {
    try {
      total += statSync(input.path).size;
    } catch (cause) {
      throw new GdsStoreError('GDS_STORE_IO', `无法读取 ${input.path}`, `cannot read ${input.path}`, {
        cause,
      });
    }
  }
  const partitions = Math.min(4096, Math.max(1, Math.ceil(total / (options.partitionBytes ?? 8 << 20))));
  const dir = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'gds-merge-'));
  const report: MergeFilesReport = {
    records: 0,
    golden: 0,
    conflicts: 0,
    unkeyed: [],
    candidates: 0,
    invalid: [],
    invalidCount: 0,
  };
  try {
    // 1. Partition by key.
    // Every partition buffers while the inputs are read: together at most about 16 Mi characters.
    const flushAt = Math.max(1 << 14, Math.floor((1 << 24) / partitions));
    const parts = Array.from(
      { length: partitions },
      (_, i) => new BufferedWriter(join(dir, `p${i}`), flushAt),
    );
    const unkeyed: CandidateInfo[] = [];
    options.inputs.forEach((input, index) => {
      let n = 0;
      for (let line of readLines(input.path)) {
        n++;
        if (n === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (line.trim() === '') continue;
        let record: unknown;
        try {
          record = JSON.parse(line);
        } catch (e) {
          invalid(report, input.path, n, (e as Error).message);
          continue;
        }
        if (!isPlainObject(record)) {
          invalid(report, input.path, n, 'not a JSON object');
          continue;
        }
        report.records++;
        const key = merger.keyOf(record);
        if (key === undefined) {
          const src = provenanceOf(record, input);
          report.unkeyed.push(src);
          const info = candidateInfo(record, src);
          if (info) unkeyed.push(info);
          continue;
        }
        parts[fnv1a(key) % partitions]!.write(`${index}\t${line}\n`);
      }
    });
    if (options.previous) {
      let n = 0;
      for (const line of readLines(options.previous)) {
        n++;
        if (line.trim() === '') continue;
        let g: GoldenRecord;
        try {
          g = JSON.parse(line);
        } catch (e) {
          invalid(report, options.previous, n, (e as Error).message);
          continue;
        }
        if (typeof g?.key !== 'string' || !isPlainObject(g.record) || !isPlainObject(g.provenance)) {
          invalid(report, options.previous, n, 'not a golden record');
          continue;
        }
        parts[fnv1a(g.key) % partitions]!.write(`P\t${line}\n`);
      }
    }
    for (const p of parts) p.close();

    // 2. Merge each partition in memory; write it sorted by key.
    const blocks = new Set(unkeyed.map((u) => u.block));
    const keyed: CandidateInfo[] = [];
    for (let i = 0; i < partitions; i++) {
      const groups = new Map<string, SourcedRecord[]>();
      const previous = new Map<string, GoldenRecord>();
      for (const line of readLines(join(dir, `p${i}`))) {
        if (line === '') continue;
        const tab = line.indexOf('\t');
        if (line.startsWith('P\t')) {
          const g = JSON.parse(line.slice(2)) as GoldenRecord;
          previous.set(g.key, g);
          if (!groups.has(g.key)) groups.set(g.key, []);
          continue;
        }
        const input = options.inputs[Number(line.slice(0, tab))]!;
        const record = JSON.parse(line.slice(tab + 1)) as Record<string, unknown>;
        const key = merger.keyOf(record)!;
        const src = provenanceOf(record, input);
        const g = groups.get(key);
        if (g) g.push({ record, src });
        else groups.set(key, [{ record, src }]);
      }
      rmSync(join(dir, `p${i}`));
      const golden = new BufferedWriter(join(dir, `g${i}`));
      const conflicts = new BufferedWriter(join(dir, `c${i}`));
      for (const key of [...groups.keys()].sort(cmpKey)) {
        const r = merger.mergeGroup(key, groups.get(key)!, previous.get(key));
        const k = JSON.stringify(key);
        golden.write(`${k}\t${JSON.stringify(r.golden)}\n`);
        report.golden++;
        for (const c of r.conflicts) {
          conflicts.write(`${k}\t${JSON.stringify(c)}\n`);
          report.conflicts++;
        }
        if (blocks.size > 0) {
          const info = candidateInfo(r.golden.record, {
            key,
            department: r.golden.provenance['/name']?.department ?? '',
          });
          if (info && blocks.has(info.block))
            keyed.push({ ...info, ref: { key, department: info.ref.department } });
        }
      }
      golden.close();
      conflicts.close();
    }

    // 3. Merge the sorted partitions into the outputs.
    kWayMerge(
      Array.from({ length: partitions }, (_, i) => join(dir, `g${i}`)),
      options.out,
    );
    kWayMerge(
      Array.from({ length: partitions }, (_, i) => join(dir, `c${i}`)),
      options.conflicts,
    );
    const pairs = candidatePairs(unkeyed, keyed);
    report.candidates = pairs.length;
    if (options.candidates) {
      const w = new BufferedWriter(options.candidates);
      for (const p of pairs) w.write(`${JSON.stringify(p)}\n`);
      w.close();
    }
    report.unkeyed.sort((a, b) => cmpKey(JSON.stringify(a), JSON.stringify(b)));
    return report;
  } catch (cause) {
    if (cause instanceof GdsStoreError) throw cause;
    throw new GdsStoreError(
      'GDS_STORE_IO',
      '合并文件失败',
      `merging files failed: ${(cause as Error).message}`,
      {
        cause,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function invalid(report: MergeFilesReport, file: string, line: number, message: string): void {
  report.invalidCount++;
  if (report.invalid.length < 1000) report.invalid.push({ file, line, message });
}

/** Merges files of `"<key>"\t<json>` lines, each sorted by key, into one file of the JSON parts. */
function kWayMerge(files: string[], out: string): void {
  // Many partitions are open at once here: small chunks keep their buffers small.
  const readers = files.map((f) => readLines(f, 1 << 16));
  const heads: Array<{ key: string; text: string } | undefined> = readers.map((r) => next(r));
  const w = new BufferedWriter(out);
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h && (best < 0 || h.key < heads[best]!.key)) best = i;
    }
    if (best < 0) break;
    // All lines of one key sit in one partition, in order: copy them together.
    const key = heads[best]!.key;
    while (heads[best] && heads[best]!.key === key) {
      w.write(`${heads[best]!.text}\n`);
      heads[best] = next(readers[best]!);
    }
  }
  w.close();
}

function next(r: Generator<string>): { key: string; text: string } | undefined {
  for (;;) {
    const it = r.next();
    if (it.done) return undefined;
    const line = it.value;
    if (line === '') continue;
    const tab = line.indexOf('\t');
    return { key: JSON.parse(line.slice(0, tab)) as string, text: line.slice(tab + 1) };
  }
}
