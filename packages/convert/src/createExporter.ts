import { createIssue, type Issue } from '@gds/schema';
import { compileRules, own } from './_internal/compile.js';
import type { MappingRuntimeOptions } from './createConverter.js';
import type { Mapping } from './mapping.js';
import type { SourceValue } from './record.js';
import type { PipelineValue, TransformContext } from './transforms.js';

/** A compiled mapping for the export direction. */
export interface Exporter {
  readonly mapping: Mapping;
  /** The legacy columns written, in order. */
  readonly columns: readonly string[];
  /** Turns one canonical record into a legacy row (values parallel to `columns`). */
  exportRecord(record: unknown): { values: SourceValue[]; issues: Issue[] };
  /** Fields whose pipeline has no inverse: they are left empty on export (`transform.not_exportable`, once each). */
  readonly notExportable: readonly Issue[];
}

function getPath(obj: unknown, path: readonly string[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, k)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/**
 * Compiles a mapping for export, the same file read backwards: for each field, the canonical value goes
 * through the crosswalk in reverse (the first equivalent legacy code) and the transforms' inverses in
 * reverse order (`date` writes `exportFormat`, `join` splits back into its columns). A field whose
 * pipeline has a transform without inverse is left empty and named once in `notExportable`.
 *
 * @example
 * ```ts
 * import { createExporter } from '@gds/convert';
 * import { createCsvWriter } from '@gds/convert/csv';
 * const exporter = createExporter(mapping, { crosswalks });
 * const w = createCsvWriter({ encoding: 'gb18030' });
 * const chunks = [w.begin(exporter.columns), ...records.map((r) => w.row(exporter.exportRecord(r).values)), w.end()];
 * ```
 */
export function createExporter(mapping: Mapping, options: MappingRuntimeOptions = {}): Exporter {
  const locale = options.locale ?? 'zh-CN';
  const rules = compileRules(mapping, options);
  const columns = mapping.source.exportColumns ?? [...new Set(rules.flatMap((r) => r.cols))];
  const colAt = new Map(columns.map((c, i) => [c, i]));
  const notExportable: Issue[] = [];
  const blocked = new Set<number>();
  rules.forEach((r, i) => {
    if (r.cols.length === 0) return;
    const stop = r.steps.find((s) => s.def.inverse === null);
    if (stop) {
      blocked.add(i);
      notExportable.push(
        createIssue(
          'transform.not_exportable',
          r.path,
          { field: r.rule.target, transform: stop.name },
          locale,
        ),
      );
    }
  });
  let issues: Issue[] = [];
  let curPath: string[] = [];
  const ctx: TransformContext = {
    issue: (code, params = {}) => {
      issues.push(createIssue(code as 'required', curPath, params, locale));
    },
    codeList: (id) => own(options.codeLists, id),
  };
  return {
    mapping,
    columns,
    notExportable,
    exportRecord(record) {
      issues = [];
      const values: SourceValue[] = new Array(columns.length).fill(null);
      rules.forEach((r, i) => {
        if (r.cols.length === 0 || blocked.has(i)) return;
        curPath = r.path;
        let v = getPath(record, r.path) as PipelineValue | undefined;
        if (v === undefined || v === null) return;
        if (r.crosswalk) {
          const entry = r.crosswalk.reverse(String(v));
          if (entry) v = entry.source;
        }
        for (let s = r.steps.length - 1; s >= 0 && v !== undefined && v !== null; s--) {
          const step = r.steps[s]!;
          v = step.def.inverse!(v, step.params, ctx);
        }
        if (v === undefined || v === null) return;
        if (r.multi) {
          const list = Array.isArray(v) ? v : [v];
          r.cols.forEach((c, k) => {
            const at = colAt.get(c);
            const item = list[k];
            if (at !== undefined && values[at] === null && item !== undefined && !Array.isArray(item))
              values[at] = item;
          });
        } else {
          const at = colAt.get(r.cols[0]!);
          if (at !== undefined && values[at] === null) values[at] = Array.isArray(v) ? v.join('') : v;
        }
      });
      return { values, issues };
    },
  };
}
