import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { convertStream, loadMapping } from '@gds/convert/node';
import { getStandard, type Locale, type Standard } from '@gds/schema';
import { type GoldenRecord, mergeRecords, openStore } from '@gds/store';
import { createSqliteAdapter } from '@gds/store/sqlite';
import { UsageError } from '../command.js';
import { type ConversionFigures, type DemoSummary, SOURCES } from './model.js';

export interface Converted {
  figures: ConversionFigures;
  records: Record<string, unknown>[];
  standard: Standard;
}

/** The official sample of a mapping: standards/mappings/<department>/golden/<name>/input.<ext>. */
function sampleOf(mappingPath: string, mapping: string): string {
  const dir = join(dirname(mappingPath), 'golden', basename(mapping));
  const input = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('input.')) : undefined;
  if (!input) {
    throw new UsageError(
      `找不到映射 ${mapping} 的样例文件（${dir}）`,
      `no sample input of the mapping ${mapping} in ${dir}`,
    );
  }
  return join(dir, input);
}

/**
 * Converts the three departments' official samples: accepted records as NDJSON, rejected rows in the
 * source format, and the full report, under `<demo>/convert/`.
 */
export async function convertSamples(
  demo: string,
  locale: Locale,
  each: (c: Converted) => void,
): Promise<Converted[]> {
  const out: Converted[] = [];
  for (const source of SOURCES) {
    const loaded = loadMapping(source.mapping);
    const input = sampleOf(loaded.path, source.mapping);
    const accepted: Uint8Array[] = [];
    const rejected: Uint8Array[] = [];
    const report = await convertStream(loaded, {
      input: createReadStream(input),
      file: basename(input),
      output: (c) => void accepted.push(c),
      rejects: (c) => void rejected.push(c),
      locale,
    });
    const standard = getStandard(report.target.standard, report.target.version);
    if (!standard) {
      const id = `${report.target.standard}@${report.target.version}`;
      throw new UsageError(`未知的标准 ${id}`, `unknown standard ${id}`);
    }
    const rel = {
      records: `convert/${source.department}.ndjson`,
      report: `convert/${source.department}.report.json`,
      rejects: `convert/${source.department}.rejects${extname(input)}`,
    };
    const text = Buffer.concat(accepted).toString('utf8');
    await writeFile(join(demo, rel.records), text);
    await writeFile(join(demo, rel.rejects), Buffer.concat(rejected));
    await writeFile(join(demo, rel.report), `${JSON.stringify(report, null, 2)}\n`);
    const s = report.stats;
    const c: Converted = {
      figures: {
        department: source.department,
        mapping: source.mapping,
        input: basename(input),
        rowsRead: s.rowsRead,
        rowsAccepted: s.rowsAccepted,
        rowsRejected: s.rowsRejected,
        blankRows: s.blankRows,
        rowsSkipped: s.rowsSkipped,
        ...rel,
      },
      records: text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
      standard,
    };
    out.push(c);
    each(c);
  }
  return out;
}

/** Merges the accepted records into golden records; writes them and the conflicts under `<demo>/golden/`. */
export async function mergeGolden(
  demo: string,
  converted: Converted[],
): Promise<{ golden: GoldenRecord[]; figures: DemoSummary['merge'] }> {
  const standard = converted[0]!.standard;
  const r = mergeRecords(
    converted.map((c) => ({
      department: c.figures.department,
      system: c.figures.mapping,
      records: c.records,
    })),
    { standard },
  );
  const file = 'golden/golden.ndjson';
  const conflictsFile = 'golden/conflicts.ndjson';
  const ndjson = (rows: readonly unknown[]) => rows.map((x) => `${JSON.stringify(x)}\n`).join('');
  await writeFile(join(demo, file), ndjson(r.golden));
  await writeFile(join(demo, conflictsFile), ndjson(r.conflicts));
  // The integrated data's home: each department's accepted records as one submission to the store.
  const db = 'golden/store.sqlite';
  const store = openStore(createSqliteAdapter({ path: join(demo, db) }));
  let submissions = 0;
  // One export time for every department, so no department's records are newer than another's.
  const exportedAt = new Date().toISOString();
  let storeFigures: DemoSummary['merge']['store'];
  try {
    for (const c of converted) {
      const text = ndjson(c.records);
      const result = await store.ingest({
        department: c.figures.department,
        system: c.figures.mapping,
        standard: standard.entity,
        version: standard.version,
        fileSha256: createHash('sha256').update(text).digest('hex'),
        exportedAt,
        mode: 'delta',
        records: c.records,
      });
      if (result.status === 'applied') submissions++;
    }
    storeFigures = {
      db,
      golden: await store.count({ entity: standard.entity }),
      seq: await store.seq(),
      submissions,
    };
  } finally {
    await store.close();
  }
  return {
    golden: r.golden,
    figures: {
      records: converted.reduce((n, c) => n + c.records.length, 0),
      golden: r.golden.length,
      multiDepartment: r.golden.filter((g) => new Set(g.sources.map((s) => s.department)).size > 1).length,
      conflicts: r.conflicts.length,
      unkeyed: r.unkeyed.length,
      candidates: r.candidates.length,
      file,
      conflictsFile,
      store: storeFigures,
    },
  };
}
