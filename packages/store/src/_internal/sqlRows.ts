import type { Correction, FactRow, GoldenRow, SubmissionRow, VersionRow } from '../StoreAdapter.js';

// Row shapes shared by the SQL adapters: JSON members are stored as JSON text (SQLite) or JSONB
// (PostgreSQL) and come back parsed; optional columns are NULL, never an empty string.

export type Raw = Record<string, unknown>;

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
const num = (v: unknown): number => (typeof v === 'string' ? Number(v) : (v as number));
const time = (v: unknown): string => (v instanceof Date ? v.toISOString() : (v as string));

export function factFrom(r: Raw): FactRow {
  return {
    entity: r.entity as string,
    key: r.key as string,
    department: r.department as string,
    system: r.system as string,
    recordId: r.record_id as string,
    record: json(r.record),
    provenance: json(r.provenance),
    submission: r.submission as string,
  };
}

export function goldenFrom(r: Raw): GoldenRow {
  const g: GoldenRow = {
    id: r.id as string,
    entity: r.entity as string,
    key: r.key as string,
    record: json(r.record),
    provenance: json(r.provenance),
    sources: json(r.sources),
    version: num(r.version),
    seq: num(r.seq),
    txTime: time(r.tx_time),
    withdrawn: Boolean(r.withdrawn),
  };
  if (r.division != null) g.division = r.division as string;
  if (r.grid != null) g.grid = r.grid as string;
  // Keep the member order of the other adapters, so rows compare equal whatever stored them.
  const { id, entity, key, division, grid, ...rest } = g;
  return {
    id,
    entity,
    key,
    ...(division !== undefined ? { division } : {}),
    ...(grid !== undefined ? { grid } : {}),
    ...rest,
  };
}

export function versionFrom(r: Raw): VersionRow {
  return {
    ...goldenFrom(r),
    kind: r.kind as VersionRow['kind'],
    submission: r.submission as string,
    changes: json(r.changes),
  };
}

export function submissionFrom(r: Raw): SubmissionRow {
  return json<SubmissionRow>(r.body);
}

export function correctionFrom(r: Raw): Correction {
  return json<Correction>(r.body);
}
