/** A department of the demo: its id (as in the standards' `x-gds-source`) and its names. */
export interface DemoDepartment {
  id: string;
  zh: string;
  en: string;
}

export const DEPARTMENTS = {
  'public-security': { id: 'public-security', zh: '公安局', en: 'Public Security Bureau' },
  'civil-affairs': { id: 'civil-affairs', zh: '民政局', en: 'Civil Affairs Bureau' },
  health: { id: 'health', zh: '卫生健康委', en: 'Health Commission' },
  'grid-management': { id: 'grid-management', zh: '网格化管理中心', en: 'Grid Management Centre' },
  'data-administration': { id: 'data-administration', zh: '数据管理局', en: 'Data Administration Bureau' },
} as const satisfies Record<string, DemoDepartment>;

export type DepartmentId = keyof typeof DEPARTMENTS;

/**
 * The three departments whose official samples are persons, so that their records can be merged into
 * golden records: the mapping id under standards/mappings/ and the department that owns it.
 */
export const SOURCES: ReadonlyArray<{ department: DepartmentId; mapping: string }> = [
  { department: 'public-security', mapping: 'public-security/population' },
  { department: 'civil-affairs', mapping: 'civil-affairs/dibao-person' },
  { department: 'health', mapping: 'health/elderly-checkup' },
];

/** The log operator, the two witnessing departments and the requesting department of the share. */
export const LOG_OPERATOR: DepartmentId = 'data-administration';
export const WITNESSES: readonly DepartmentId[] = ['civil-affairs', 'health'];
export const REQUESTER: DepartmentId = 'grid-management';
export const PURPOSE = 'elderly-care-visit';
/** Residents born before this date are the share's subject (elderly residents to visit). */
export const SHARE_BORN_BEFORE = '1955-01-01';

/** One conversion's figures, as in its report file. */
export interface ConversionFigures {
  department: DepartmentId;
  mapping: string;
  input: string;
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  blankRows: number;
  rowsSkipped: number;
  /** Paths relative to the demo folder. */
  records: string;
  report: string;
  rejects: string;
}

/** One batch appended to the log and the tree size after it. */
export interface LogBatch {
  label: string;
  department: DepartmentId;
  entries: number;
  size: number;
  rootHash: string;
}

/** What `gds demo` did, with every figure it printed; written to summary.json. */
export interface DemoSummary {
  format: 'gds-demo-summary/v1';
  createdAt: string;
  durationMs: number;
  /** The demo folder, absolute. Other paths in the summary are relative to it. */
  dir: string;
  conversions: ConversionFigures[];
  merge: {
    records: number;
    golden: number;
    /** Golden records built from more than one department's records. */
    multiDepartment: number;
    conflicts: number;
    unkeyed: number;
    candidates: number;
    file: string;
    conflictsFile: string;
    /** The golden records kept in the store (SQLite), one submission per department. */
    store: { db: string; golden: number; seq: number; submissions: number };
  };
  keys: { departments: number; keys: number; keyring: string; secretsSaved: boolean };
  signing: { envelopes: number; byDepartment: Record<string, number>; file: string };
  ledger: {
    origin: string;
    db: string;
    batches: LogBatch[];
    size: number;
    rootHash: string;
  };
  witnesses: {
    checkpointSize: number;
    cosigners: string[];
    verified: boolean;
    checkpoint: string;
    policy: string;
  };
  share: {
    requester: DepartmentId;
    purpose: string;
    grants: number;
    recordsOffered: number;
    recordsShared: number;
    fieldsClear: number;
    fieldsMasked: number;
    fieldsDropped: number;
    disclosureId: string;
    disclosureIndex: number;
    sealedRecordsOpened: number;
    disclosure: string;
    receipt: string;
    sealed: string;
  };
  receipt: {
    verified: boolean;
    index: number;
    treeSize: number;
    cosigners: string[];
    checks: Array<{ name: string; ok: boolean; detail: string }>;
  };
  report: string;
}
