import { resolve } from 'node:path';
import type { Locale } from '@gds/schema';
import { type Correction, type GoldenRow, type GoldenStore, openStore } from '@gds/store';
import { submissionFromFile } from '@gds/store/node';
import {
  type Command,
  type CommandContext,
  defineCommand,
  type OptionSpecs,
  say,
  UsageError,
} from '../_internal/command.js';

/** Where the store is: the SQLite file (default) or a PostgreSQL database. */
const STORE_OPTIONS = {
  db: {
    type: 'string',
    value: '<file>',
    default: '.gds/store.sqlite',
    help: { zh: 'SQLite 存储文件', en: 'the SQLite store file' },
  },
  pg: {
    type: 'string',
    value: '<url>',
    help: {
      zh: '改用 PostgreSQL（连接串，如 postgres://user@host/db）',
      en: 'use PostgreSQL instead (a connection string, e.g. postgres://user@host/db)',
    },
  },
  'pg-schema': {
    type: 'string',
    value: '<schema>',
    default: 'gds_store',
    help: { zh: 'PostgreSQL 模式名', en: 'the PostgreSQL schema' },
  },
} as const satisfies OptionSpecs;

async function open(
  ctx: CommandContext,
  values: { db: string; pg?: string; 'pg-schema': string },
): Promise<GoldenStore> {
  if (values.pg) {
    const { createPostgresAdapter } = await import('@gds/store/postgres');
    return openStore(createPostgresAdapter({ connectionString: values.pg, schema: values['pg-schema'] }));
  }
  const { createSqliteAdapter } = await import('@gds/store/sqlite');
  return openStore(createSqliteAdapter({ path: resolve(ctx.cwd, values.db) }));
}

function json(ctx: CommandContext, value: unknown): void {
  ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function goldenText(g: GoldenRow, locale: Locale): string {
  const lines = [
    `${g.id}  ${g.entity}  v${g.version}  #${g.seq}  ${g.txTime}${g.division ? `  ${g.division}` : ''}`,
  ];
  for (const [path, p] of Object.entries(g.provenance).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const value = path
      .split('/')
      .slice(1)
      .reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], g.record);
    lines.push(
      `  ${path}  ${JSON.stringify(value)}  ← ${p.department}${p.system ? `/${p.system}` : ''}${p.recordId ? ` ${p.recordId}` : ''}${p.time ? ` ${p.time}` : ''}`,
    );
  }
  lines.push(`  ${say(locale, '来源', 'sources')}: ${g.sources.map((s) => s.department).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function progressBar(ctx: CommandContext) {
  if (!ctx.isTTY) return undefined;
  const start = performance.now();
  return (records: number) => {
    const secs = (performance.now() - start) / 1000;
    const rate = secs > 0 ? Math.round(records / secs) : 0;
    ctx.stderr.write(
      `\r${records.toLocaleString('en')} 条（records） ${rate.toLocaleString('en')} 条/秒（records/s）`,
    );
  };
}

function entityVersion(spec: string | undefined, what: string): [string, string] {
  if (!spec) throw new UsageError(`缺少 ${what}`, `missing ${what}`);
  const [entity, version] = spec.split('@') as [string, string | undefined];
  if (!entity || !version)
    throw new UsageError(
      `${what} 须写成 实体@版本，如 person@1.1.0`,
      `${what} must be entity@version, e.g. person@1.1.0`,
    );
  return [entity, version];
}

const ingest = defineCommand({
  name: 'store ingest',
  summary: {
    zh: '把一个部门提交的记录并入存储（黄金记录、历史、变更流）',
    en: "ingest a department's submission into the store (golden records, history, change feed)",
  },
  synopsis:
    '<accepted.ndjson> --department <dept> --standard <entity@version> --exported-at <time> --mode full|delta [options]',
  description: {
    zh: '读取 gds convert 输出的已接受记录（NDJSON）。同一提交再次导入不改变任何内容；任何一条记录不符合所声明的标准版本，整个提交被拒绝，存储不变。',
    en: 'Reads the accepted records gds convert writes (NDJSON). The same submission twice changes nothing;\none record failing its declared standard version refuses the whole submission and the store is unchanged.',
  },
  options: {
    department: {
      type: 'string',
      value: '<dept>',
      help: { zh: '提交部门', en: 'the submitting department' },
    },
    system: { type: 'string', value: '<system>', help: { zh: '来源系统', en: 'the source system' } },
    standard: {
      type: 'string',
      value: '<entity@version>',
      help: { zh: '记录所声明的标准及版本', en: "the records' declared standard and version" },
    },
    'exported-at': {
      type: 'string',
      value: '<time>',
      help: { zh: '导出时间（RFC 3339）', en: 'when the department exported them (RFC 3339)' },
    },
    mode: {
      type: 'string',
      choices: ['full', 'delta'],
      help: {
        zh: 'full：全量，未再提交的记录撤回；delta：增量',
        en: 'full: everything the system holds (what is no longer sent is withdrawn); delta: changes',
      },
    },
    withdraw: {
      type: 'string',
      multiple: true,
      value: '<identifier>',
      help: { zh: '增量中撤回的证件号，可重复', en: 'an identifier a delta withdraws, repeatable' },
    },
    ...STORE_OPTIONS,
  },
  positionals: 1,
  formats: ['text', 'json'],
  exits: {
    0: { zh: '已导入，或此前已导入', en: 'applied, or already applied' },
    1: { zh: '有记录不符合标准，提交被拒绝', en: 'records failed validation: the submission was refused' },
  },
  examples: [
    'gds store ingest police.accepted.ndjson --department public-security --system hukou --standard person@1.1.0 --exported-at 2026-06-30T18:00:00Z --mode full',
  ],
  async run(ctx, { values, positionals, locale, format }) {
    const file = positionals[0];
    if (!file) throw new UsageError('缺少输入文件', 'missing the input file');
    if (!values.department) throw new UsageError('缺少 --department', 'missing --department');
    if (!values['exported-at']) throw new UsageError('缺少 --exported-at', 'missing --exported-at');
    if (!values.mode) throw new UsageError('缺少 --mode（full 或 delta）', 'missing --mode (full or delta)');
    const [standard, version] = entityVersion(values.standard, '--standard');
    const store = await open(ctx, values);
    try {
      const onProgress = progressBar(ctx);
      const sub = await submissionFromFile(resolve(ctx.cwd, file), {
        department: values.department,
        ...(values.system ? { system: values.system } : {}),
        standard,
        version,
        exportedAt: values['exported-at'],
        mode: values.mode,
        ...(values.withdraw?.length ? { withdraw: values.withdraw } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
      const r = await store.ingest(sub);
      if (onProgress) ctx.stderr.write('\n');
      if (format === 'json') json(ctx, r);
      else {
        const status = {
          applied: say(locale, '已导入', 'applied'),
          duplicate: say(locale, '此前已导入，未作改变', 'already applied, nothing changed'),
          refused: say(locale, '已拒绝，存储未改变', 'refused, the store is unchanged'),
        }[r.status];
        ctx.stdout.write(
          `${status}: ${r.submission}\n` +
            (locale === 'en'
              ? `${r.records} records: ${r.created} golden records created, ${r.updated} updated, ${r.removed} withdrawn; ${r.withdrawn} facts withdrawn, ${r.unkeyedCount} without a key, ${r.refusedCount} refused\n`
              : `${r.records} 条记录：新建黄金记录 ${r.created} 条，更新 ${r.updated} 条，撤回 ${r.removed} 条；撤回本部门事实 ${r.withdrawn} 条，无匹配键 ${r.unkeyedCount} 条，拒绝 ${r.refusedCount} 条\n`),
        );
        for (const x of r.refused.slice(0, 50)) {
          ctx.stdout.write(`  #${x.index}${x.recordId ? ` ${x.recordId}` : ''}\n`);
          for (const i of x.issues.filter((i) => i.severity === 'error'))
            ctx.stdout.write(`    /${i.path.join('/')}  ${i.code}  ${i.message}\n`);
        }
      }
      return r.status === 'refused' ? 1 : 0;
    } finally {
      await store.close();
    }
  },
});

const get = defineCommand({
  name: 'store get',
  summary: { zh: '按黄金记录标识读取', en: 'read a golden record by its id' },
  synopsis: '<golden-id> [--as-of <time>] [options]',
  options: {
    'as-of': {
      type: 'string',
      value: '<time>',
      help: { zh: '读取该时间的状态', en: 'the state the store knew at that time' },
    },
    ...STORE_OPTIONS,
  },
  positionals: 1,
  formats: ['text', 'json'],
  exits: { 1: { zh: '没有该记录', en: 'no such record' } },
  async run(ctx, { values, positionals, locale, format }) {
    const id = positionals[0];
    if (!id) throw new UsageError('缺少黄金记录标识', 'missing the golden id');
    const store = await open(ctx, values);
    try {
      const g = values['as-of'] ? await store.getAsOf(id, values['as-of']) : await store.get(id);
      return found(ctx, g, locale, format);
    } finally {
      await store.close();
    }
  },
});

function found(ctx: CommandContext, g: GoldenRow | undefined, locale: Locale, format: string): number {
  if (!g) {
    if (format === 'json') ctx.stdout.write('null\n');
    ctx.stderr.write(`gds: ${say(locale, '没有该记录', 'no such record')}\n`);
    return 1;
  }
  if (format === 'json') json(ctx, g);
  else ctx.stdout.write(goldenText(g, locale));
  return 0;
}

const find = defineCommand({
  name: 'store find',
  summary: {
    zh: '按证件号（身份证号、统一社会信用代码）查找黄金记录',
    en: 'find a golden record by identifier (resident ID, credit code)',
  },
  synopsis: '<identifier> --entity <entity> [options]',
  options: {
    entity: {
      type: 'string',
      value: '<entity>',
      default: 'person',
      help: { zh: '实体，如 person、organization', en: 'the entity, e.g. person, organization' },
    },
    ...STORE_OPTIONS,
  },
  positionals: 1,
  formats: ['text', 'json'],
  exits: { 1: { zh: '没有该记录', en: 'no such record' } },
  async run(ctx, { values, positionals, locale, format }) {
    const identifier = positionals[0];
    if (!identifier) throw new UsageError('缺少证件号', 'missing the identifier');
    const store = await open(ctx, values);
    try {
      return found(ctx, await store.find(values.entity, identifier), locale, format);
    } finally {
      await store.close();
    }
  },
});

const history = defineCommand({
  name: 'store history',
  summary: {
    zh: '黄金记录的历史：逐字段变化及来源、纠错',
    en: "a golden record's history: field changes with provenance, corrections",
  },
  synopsis: '<golden-id> [options]',
  options: { ...STORE_OPTIONS },
  positionals: 1,
  formats: ['text', 'json'],
  exits: { 1: { zh: '没有该记录', en: 'no such record' } },
  async run(ctx, { values, positionals, locale, format }) {
    const id = positionals[0];
    if (!id) throw new UsageError('缺少黄金记录标识', 'missing the golden id');
    const store = await open(ctx, values);
    try {
      const h = await store.history(id);
      if (h.length === 0) {
        if (format === 'json') ctx.stdout.write('[]\n');
        ctx.stderr.write(`gds: ${say(locale, '没有该记录', 'no such record')}\n`);
        return 1;
      }
      if (format === 'json') json(ctx, h);
      else
        for (const e of h) {
          if ('correction' in e) {
            const c = e.correction;
            ctx.stdout.write(
              `#${e.seq} ${e.txTime} ${e.kind} ${c.id} ${c.path} ${JSON.stringify(c.value)} ${c.filedBy} → ${c.routedTo}${e.kind === 'correction-filed' ? `: ${c.reason}` : `: ${c.decisionReason ?? ''}`}\n`,
            );
            continue;
          }
          ctx.stdout.write(`#${e.seq} ${e.txTime} ${e.kind} v${e.version} ${e.submission}\n`);
          for (const c of e.changes)
            ctx.stdout.write(
              `  ${c.path}  ${c.before === undefined ? '-' : JSON.stringify(c.before)} → ${c.after === undefined ? '-' : JSON.stringify(c.after)}${c.provenance ? `  ← ${c.provenance.department}${c.provenance.recordId ? ` ${c.provenance.recordId}` : ''}` : ''}\n`,
            );
        }
      return 0;
    } finally {
      await store.close();
    }
  },
});

const changes = defineCommand({
  name: 'store changes',
  summary: {
    zh: '变更流：新建、更新、撤回的黄金记录，按序号，可从任一序号续读',
    en: 'the change feed: golden records created, updated, withdrawn, by sequence number, resumable',
  },
  synopsis: '[--since <n>] [--entity <entity>] [options]',
  options: {
    since: {
      type: 'string',
      value: '<n>',
      default: '0',
      help: { zh: '从此序号之后', en: 'after this sequence number' },
    },
    entity: { type: 'string', value: '<entity>', help: { zh: '只看该实体', en: 'only this entity' } },
    limit: { type: 'string', value: '<n>', help: { zh: '最多条数', en: 'at most this many' } },
    ...STORE_OPTIONS,
  },
  formats: ['text', 'json'],
  async run(ctx, { values, format }) {
    const since = Number(values.since);
    if (!Number.isSafeInteger(since) || since < 0)
      throw new UsageError('--since 须为非负整数', '--since must be a non-negative integer');
    const limit = values.limit === undefined ? Number.POSITIVE_INFINITY : Number(values.limit);
    if (!(limit > 0)) throw new UsageError('--limit 须为正整数', '--limit must be a positive integer');
    const store = await open(ctx, values);
    try {
      let n = 0;
      // A JSON array written as the feed streams, one change per line: memory does not grow with it.
      if (format === 'json') ctx.stdout.write('[');
      for await (const c of store.changes({ since, ...(values.entity ? { entity: values.entity } : {}) })) {
        if (n >= limit) break;
        ctx.stdout.write(
          format === 'json'
            ? `${n ? ',' : ''}\n${JSON.stringify(c)}`
            : `${c.seq}\t${c.kind}\t${c.entity}\t${c.id}\tv${c.version}\t${c.txTime}\t${c.changes.map((x) => x.path).join(',')}\n`,
        );
        n++;
      }
      if (format === 'json') ctx.stdout.write(n ? '\n]\n' : ']\n');
      return 0;
    } finally {
      await store.close();
    }
  },
});

const stats = defineCommand({
  name: 'store stats',
  summary: {
    zh: '存储概况：各实体黄金记录数、序号',
    en: 'the store at a glance: golden records per entity, sequence',
  },
  synopsis: '[--division <prefix>] [options]',
  options: {
    division: {
      type: 'string',
      value: '<prefix>',
      help: { zh: '行政区划代码前缀', en: 'a division-code prefix' },
    },
    ...STORE_OPTIONS,
  },
  formats: ['text', 'json'],
  async run(ctx, { values, locale, format }) {
    const store = await open(ctx, values);
    try {
      const { listStandards } = await import('@gds/schema');
      const entities = [...new Set(listStandards().map((s) => s.entity))].sort();
      const counts: Record<string, number> = {};
      for (const entity of entities) {
        const n = await store.count({ entity, ...(values.division ? { division: values.division } : {}) });
        if (n > 0) counts[entity] = n;
      }
      const seq = await store.seq();
      if (format === 'json') json(ctx, { seq, golden: counts });
      else {
        ctx.stdout.write(`${say(locale, '序号', 'sequence')}: ${seq}\n`);
        for (const [e, n] of Object.entries(counts)) ctx.stdout.write(`  ${e}\t${n}\n`);
        if (Object.keys(counts).length === 0) ctx.stdout.write(`  ${say(locale, '（空）', '(empty)')}\n`);
      }
      return 0;
    } finally {
      await store.close();
    }
  },
});

function correctionText(c: Correction): string {
  return `${c.id}  ${c.status}  ${c.golden} ${c.path} ${JSON.stringify(c.value)}  ${c.filedBy} → ${c.routedTo}  ${c.reason}${c.decisionReason ? ` | ${c.decisionReason}` : ''}\n`;
}

const correct = defineCommand({
  name: 'store correct',
  summary: {
    zh: '校核纠错：提出、由数源部门决定、列出',
    en: 'corrections: file one, decide it as the source department, list them',
  },
  synopsis:
    '<golden-id> --path <field> --value <json> --department <dept> --reason <text> | --decide <id> --accept|--reject --department <dept> --reason <text> | --list --department <dept>',
  description: {
    zh: '纠错送交字段的数源部门（标准中的 x-gds-source）；只有它可以接受或驳回。',
    en: "A correction is routed to the field's authoritative source (x-gds-source in the standard); only it\nmay accept or reject.",
  },
  options: {
    path: {
      type: 'string',
      value: '<field>',
      help: { zh: '字段路径，如 /name', en: 'the field path, e.g. /name' },
    },
    value: {
      type: 'string',
      value: '<json>',
      help: { zh: '正确的值（JSON）', en: 'the right value (JSON)' },
    },
    department: { type: 'string', value: '<dept>', help: { zh: '本部门', en: 'your department' } },
    reason: { type: 'string', value: '<text>', help: { zh: '理由', en: 'the reason' } },
    decide: {
      type: 'string',
      value: '<correction-id>',
      help: { zh: '决定该纠错', en: 'decide this correction' },
    },
    accept: { type: 'boolean', help: { zh: '接受', en: 'accept' } },
    reject: { type: 'boolean', help: { zh: '驳回', en: 'reject' } },
    list: {
      type: 'boolean',
      help: { zh: '列出本部门提出或待决定的纠错', en: "list your department's corrections" },
    },
    ...STORE_OPTIONS,
  },
  positionals: 1,
  formats: ['text', 'json'],
  async run(ctx, { values, positionals, format }) {
    if (!values.department) throw new UsageError('缺少 --department', 'missing --department');
    const store = await open(ctx, values);
    try {
      if (values.list) {
        const cs = await store.corrections({ department: values.department });
        if (format === 'json') json(ctx, cs);
        else for (const c of cs) ctx.stdout.write(correctionText(c));
        return 0;
      }
      if (!values.reason) throw new UsageError('缺少 --reason', 'missing --reason');
      let c: Correction;
      if (values.decide) {
        if (values.accept === values.reject)
          throw new UsageError(
            '须给出 --accept 或 --reject 之一',
            'give exactly one of --accept and --reject',
          );
        c = await store.decideCorrection(values.decide, {
          department: values.department,
          accept: Boolean(values.accept),
          reason: values.reason,
        });
      } else {
        const golden = positionals[0];
        if (!golden) throw new UsageError('缺少黄金记录标识', 'missing the golden id');
        if (!values.path) throw new UsageError('缺少 --path', 'missing --path');
        if (values.value === undefined) throw new UsageError('缺少 --value', 'missing --value');
        let value: unknown;
        try {
          value = JSON.parse(values.value);
        } catch {
          throw new UsageError('--value 须为 JSON（字符串加引号）', '--value must be JSON (quote a string)');
        }
        c = await store.fileCorrection({
          golden,
          path: values.path,
          value,
          department: values.department,
          reason: values.reason,
        });
      }
      if (format === 'json') json(ctx, c);
      else ctx.stdout.write(correctionText(c));
      return 0;
    } finally {
      await store.close();
    }
  },
});

/** `gds store …`: the integrated data (golden records) in ./.gds/store.sqlite or PostgreSQL. */
export const storeCommands: Command[] = [ingest, get, find, history, changes, stats, correct];
