import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { parseJson } from '@gds/crypto';
import { Log } from '@gds/ledger';
import { createSqliteStore } from '@gds/ledger/sqlite';
import {
  createGrant,
  createMaskingRules,
  type GrantField,
  type MaskingConfig,
  project,
  revokeGrant,
} from '@gds/policy';
import { getStandard, type Locale, type Standard } from '@gds/schema';
import { mergeFiles } from '@gds/store/node';
import { type Command, type CommandContext, defineCommand, say, UsageError } from '../_internal/command.js';
import { readRecords } from '../_internal/input.js';
import { keyringOptions, openKeyring, readInput } from './keys.js';
import { loadLogSigner } from './log.js';

function standardOf(spec: string): Standard {
  const [entity, version] = spec.split('@') as [string, string | undefined];
  const s = getStandard(entity, version);
  if (!s) throw new UsageError(`未知的标准 ${spec}`, `unknown standard ${spec}`);
  return s;
}

/** Opens the ledger of `gds log init` in <dir> (default ./.gds), with its checkpoint signer. */
async function openLedger(ctx: CommandContext, dir: string | undefined) {
  const base = resolve(ctx.cwd, dir ?? '.gds');
  const config = join(base, 'log.json');
  if (!existsSync(config)) {
    throw new UsageError(
      `${base} 下没有账本，请先运行 gds log init（每次共享都要记入账本）`,
      `no ledger in ${base}; run gds log init first (every disclosure is logged)`,
    );
  }
  const { origin } = JSON.parse(await readFile(config, 'utf8')) as { origin: string };
  const signer = await loadLogSigner(ctx, base);
  const log = await Log.open(createSqliteStore({ path: join(base, 'ledger.sqlite') }), { origin, signer });
  return { log, base };
}

/** Masking configuration from JSON: parameters per rule; `community`/`street` as regular expressions. */
function maskingFrom(text: string, file: string): MaskingConfig {
  let cfg: Record<string, unknown>;
  try {
    cfg = parseJson(text) as Record<string, unknown>;
  } catch (cause) {
    throw new UsageError(`${file} 不是有效的 JSON`, `${file} is not valid JSON`, { cause });
  }
  const addr = cfg['address-community'] as { community?: string; street?: string } | undefined;
  if (addr && typeof addr === 'object') {
    cfg['address-community'] = {
      ...(addr.community ? { community: new RegExp(addr.community) } : {}),
      ...(addr.street ? { street: new RegExp(addr.street) } : {}),
    };
  }
  return cfg as MaskingConfig;
}

const share = defineCommand({
  name: 'share',
  summary: {
    zh: '按共享规则和授权向请求部门提供记录（脱敏、说明、披露记录入账）',
    en: 'share records with a department by the rules and its grants (masking, explanations, disclosure logged)',
  },
  synopsis: '<records.ndjson|-> --as <department> [--grant <file>]... [--purpose <purpose>] [options]',
  description: {
    zh: '披露记录和账本回执写入 <dir>/disclosures/<id>.json。',
    en: 'The disclosure and its ledger receipt are written to <dir>/disclosures/<id>.json.',
  },
  options: {
    ...keyringOptions,
    as: { type: 'string', value: '<department>', help: { zh: '请求部门', en: 'the requesting department' } },
    grant: {
      type: 'string',
      multiple: true,
      value: '<file>',
      help: { zh: '授权信封', en: 'a signed grant envelope' },
    },
    purpose: {
      type: 'string',
      value: '<purpose>',
      help: { zh: '用途；默认为授权中唯一的用途', en: "the purpose; default the grants' single purpose" },
    },
    standard: {
      type: 'string',
      value: '<entity[@version]>',
      help: { zh: '记录的标准；默认为授权的实体', en: "the records' standard; default the grants' entity" },
    },
    revocations: {
      type: 'string',
      value: '<file>',
      help: { zh: '授权撤销，NDJSON', en: 'signed revocations, one per line' },
    },
    masking: {
      type: 'string',
      value: '<file.json>',
      help: { zh: '本地脱敏规则', en: "the jurisdiction's masking rules" },
    },
    out: {
      type: 'string',
      value: '<file>',
      help: {
        zh: '输出（投影后的记录，NDJSON）；默认标准输出',
        en: 'the projected records (NDJSON); default stdout',
      },
    },
    explain: {
      type: 'string',
      value: '<file>',
      help: { zh: '每个字段的说明，JSON', en: 'the decision on every field, JSON' },
    },
    dir: {
      type: 'string',
      value: '<dir>',
      help: {
        zh: 'gds log init 的账本目录；默认 ./.gds',
        en: 'the ledger folder of gds log init; default ./.gds',
      },
    },
  },
  positionals: Number.POSITIVE_INFINITY,
  exits: {
    0: { zh: '已共享', en: 'shared' },
    1: { zh: '有授权被拒绝，或有记录无法读取', en: 'a grant was refused or a record was unreadable' },
  },
  async run(ctx, { values, positionals, locale }) {
    if (!values.as) throw new UsageError('缺少 --as <部门>', 'missing --as <department>');
    if (positionals.length !== 1)
      throw new UsageError('需要一个记录文件（或 -）', 'one records file (or -) is needed');
    const grants: unknown[] = [];
    for (const file of values.grant ?? []) {
      try {
        grants.push(JSON.parse(await readInput(ctx, file)));
      } catch (cause) {
        if (cause instanceof UsageError) throw cause;
        throw new UsageError(`${file} 不是 JSON 授权信封`, `${file} is not a JSON grant envelope`, { cause });
      }
    }
    const claimed = grants.map((g) => (g as { payload?: { purposes?: unknown; entity?: unknown } })?.payload);
    let purpose = values.purpose;
    if (purpose === undefined) {
      const all = new Set(claimed.flatMap((p) => (Array.isArray(p?.purposes) ? p.purposes : [])));
      if (all.size !== 1) throw new UsageError('请用 --purpose 指明用途', 'name the purpose with --purpose');
      purpose = String([...all][0]);
    }
    let standardSpec = values.standard;
    if (standardSpec === undefined) {
      const all = new Set(claimed.map((p) => p?.entity).filter((e) => typeof e === 'string'));
      if (all.size !== 1)
        throw new UsageError('请用 --standard 指明标准', 'name the standard with --standard');
      standardSpec = String([...all][0]);
    }
    const standard = standardOf(standardSpec);
    const revocations = values.revocations
      ? (await readInput(ctx, values.revocations))
          .split(/\r?\n/)
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l))
      : [];
    const masking = values.masking
      ? createMaskingRules(maskingFrom(await readInput(ctx, values.masking), values.masking))
      : undefined;
    const input = await readRecords(positionals, ctx.cwd, ctx.stdin);
    let unreadable = 0;
    const records: unknown[] = [];
    for (const r of input) {
      if (
        r.syntaxError !== undefined ||
        r.value === null ||
        typeof r.value !== 'object' ||
        Array.isArray(r.value)
      ) {
        unreadable++;
        ctx.stderr.write(
          `gds: ${r.file}:${r.line ?? r.index ?? ''} ${say(locale, '不是 JSON 对象，未共享', 'not a JSON object, not shared')}\n`,
        );
        continue;
      }
      records.push(r.value);
    }
    const keys = await openKeyring(ctx, values, false);
    const { log, base } = await openLedger(ctx, values.dir);
    try {
      const p = await project(records, {
        standard,
        requester: { department: values.as, purpose },
        grants,
        revocations,
        keys,
        masking,
        ledger: log,
      });
      const text = p.records.map((r) => `${JSON.stringify(r)}\n`).join('');
      if (values.out) await writeFile(resolve(ctx.cwd, values.out), text);
      else ctx.stdout.write(text);
      if (values.explain) {
        await writeFile(resolve(ctx.cwd, values.explain), `${JSON.stringify(p.decisions, null, 2)}\n`);
      }
      const file = join(base, 'disclosures', `${p.disclosure.id}.json`);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, `${JSON.stringify({ disclosure: p.disclosure, receipt: p.receipt }, null, 2)}\n`);
      for (const g of p.grants) {
        if (g.valid)
          ctx.stderr.write(
            `gds: ✓ ${locale === 'en' ? 'grant ' : '授权（grant）'}${g.grant.id} ${g.grant.grantor} → ${g.grant.grantee}\n`,
          );
        else
          ctx.stderr.write(
            `gds: ✗ ${say(locale, '授权被拒绝', 'grant refused')} ${g.claimed?.id ?? ''}: ${g.refusal.message} [${g.refusal.code}]\n`,
          );
      }
      for (const d of p.decisions) {
        if (d.outcome !== 'clear')
          ctx.stderr.write(`gds: ${d.outcome} ${d.path} [${d.reason}] ${d.message}\n`);
      }
      ctx.stderr.write(
        locale === 'en'
          ? `gds: ${p.records.length} records shared with ${values.as}; disclosure #${p.receipt.index} ${file}\n`
          : `gds: ${p.records.length} 条记录已提供给 ${values.as}（records shared）; 披露记录（disclosure）#${p.receipt.index} ${file}\n`,
      );
      return unreadable > 0 || p.grants.some((g) => !g.valid) ? 1 : 0;
    } finally {
      await log.close();
    }
  },
});

/** `[department[/system]=]path`: a department's file. */
function inputSpec(spec: string, cwd: string) {
  const eq = spec.indexOf('=');
  const path = resolve(cwd, eq < 0 ? spec : spec.slice(eq + 1));
  if (eq < 0) return { path };
  const [department, system] = spec.slice(0, eq).split('/') as [string, string | undefined];
  if (!department) throw new UsageError(`输入 ${spec} 的部门为空`, `empty department in ${spec}`);
  return system ? { path, department, system } : { path, department };
}

const merge = defineCommand({
  name: 'merge',
  summary: {
    zh: '把多个部门的记录合并为黄金记录（逐字段来源、冲突报告）',
    en: "merge departments' records into golden records (per-field provenance, conflicts report)",
  },
  synopsis:
    '<[department[/system]=]file.ndjson>... --standard <entity[@version]> --out <golden.ndjson> --conflicts <file> [options]',
  description: {
    zh: '<department>=<file> 指明文件所属部门；不写时每条记录须带 provenance.sourceDepartment。',
    en: 'A <department>=<file> argument names the department whose file it is; without it, every record\nmust carry provenance.sourceDepartment.',
  },
  options: {
    standard: {
      type: 'string',
      value: '<entity[@version]>',
      help: { zh: '标准，如 person', en: 'the standard, e.g. person' },
    },
    out: {
      type: 'string',
      value: '<file>',
      help: { zh: '黄金记录（NDJSON，按键排序）', en: 'the golden records (NDJSON, sorted by key)' },
    },
    conflicts: {
      type: 'string',
      value: '<file>',
      help: { zh: '冲突报告（NDJSON）', en: 'the conflicts (NDJSON)' },
    },
    candidates: {
      type: 'string',
      value: '<file>',
      help: {
        zh: '无证件号人员的待核对配对；默认 <conflicts>.candidates.ndjson',
        en: 'review pairs for residents without an ID number; default <conflicts>.candidates.ndjson',
      },
    },
    previous: {
      type: 'string',
      value: '<golden.ndjson>',
      help: { zh: '上次的黄金记录，增量合并', en: 'earlier golden records: an incremental merge' },
    },
    tmp: {
      type: 'string',
      value: '<dir>',
      help: {
        zh: '临时分区目录；默认系统临时目录',
        en: 'the folder for temporary partitions; default the OS one',
      },
    },
  },
  positionals: Number.POSITIVE_INFINITY,
  formats: ['text', 'json'],
  exits: {
    0: { zh: '已合并', en: 'merged' },
    1: { zh: '有的行不是记录', en: 'some lines were not records' },
  },
  async run(ctx, { values, positionals, locale, format }) {
    if (positionals.length === 0) throw new UsageError('缺少输入文件', 'missing input files');
    if (!values.standard) throw new UsageError('缺少 --standard', 'missing --standard');
    if (!values.out) throw new UsageError('缺少 --out', 'missing --out');
    if (!values.conflicts) throw new UsageError('缺少 --conflicts', 'missing --conflicts');
    const standard = standardOf(values.standard);
    const conflicts = resolve(ctx.cwd, values.conflicts);
    const ext = extname(conflicts);
    const candidates = values.candidates
      ? resolve(ctx.cwd, values.candidates)
      : `${ext ? conflicts.slice(0, -ext.length) : conflicts}.candidates.ndjson`;
    const r = mergeFiles({
      standard,
      inputs: positionals.map((p) => inputSpec(p, ctx.cwd)),
      out: resolve(ctx.cwd, values.out),
      conflicts,
      candidates,
      ...(values.tmp ? { tmpDir: resolve(ctx.cwd, values.tmp) } : {}),
      ...(values.previous ? { previous: resolve(ctx.cwd, values.previous) } : {}),
    });
    for (const i of r.invalid)
      ctx.stderr.write(`gds: ${i.file}:${i.line} ${say(locale, '不是记录', 'not a record')}: ${i.message}\n`);
    if (format === 'json') {
      const doc = {
        records: r.records,
        golden: r.golden,
        conflicts: r.conflicts,
        unkeyed: r.unkeyed.length,
        candidates: r.candidates,
        invalid: r.invalidCount,
        files: { out: resolve(ctx.cwd, values.out), conflicts, candidates },
      };
      ctx.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    } else ctx.stderr.write(mergeSummary(r, candidates, locale));
    return r.invalidCount > 0 ? 1 : 0;
  },
});

function mergeSummary(
  r: {
    records: number;
    golden: number;
    conflicts: number;
    unkeyed: unknown[];
    candidates: number;
    invalidCount: number;
  },
  candidates: string,
  locale: Locale,
): string {
  if (locale === 'en')
    return (
      `gds: ${r.records} records → ${r.golden} golden, ${r.conflicts} conflicts, ` +
      `${r.unkeyed.length} without a key (not merged), ${r.candidates} review pairs (${candidates})` +
      `${r.invalidCount ? `, ${r.invalidCount} invalid lines` : ''}\n`
    );
  return (
    `gds: ${r.records} 条记录（records） → ${r.golden} 条黄金记录（golden）, ${r.conflicts} 个冲突（conflicts）, ` +
    `${r.unkeyed.length} 条无匹配键（without a key, not merged）, ${r.candidates} 对待核对（review pairs: ${candidates}）` +
    `${r.invalidCount ? `, ${r.invalidCount} 行无效（invalid lines）` : ''}\n`
  );
}

const grant = defineCommand({
  name: 'grant',
  summary: { zh: '签发共享授权（签名信封）', en: 'issue a sharing grant (a signed envelope)' },
  synopsis:
    '--to <department> --standard <entity> --purpose <purpose>... --field <path>[:masked]... --until <time> [options]',
  options: {
    ...keyringOptions,
    to: { type: 'string', value: '<department>', help: { zh: '被授权部门', en: 'the grantee' } },
    standard: {
      type: 'string',
      value: '<entity>',
      help: { zh: '标准（实体），如 person', en: 'the standard (entity), e.g. person' },
    },
    purpose: { type: 'string', multiple: true, value: '<purpose>', help: { zh: '用途', en: 'a purpose' } },
    field: {
      type: 'string',
      multiple: true,
      value: '<path>[:masked]',
      help: { zh: '字段；加 :masked 只允许脱敏', en: 'a field; :masked for masked only' },
    },
    until: {
      type: 'string',
      value: '<time>',
      help: { zh: '有效期至（RFC 3339）', en: 'valid until (RFC 3339)' },
    },
    from: {
      type: 'string',
      value: '<time>',
      help: { zh: '生效时间；默认现在', en: 'valid from; default now' },
    },
    basis: {
      type: 'string',
      value: '<text>',
      help: { zh: '法律或政策依据', en: 'the legal or policy basis' },
    },
    id: {
      type: 'string',
      value: '<id>',
      help: { zh: '授权标识；默认随机', en: 'the grant id; default random' },
    },
    issuer: {
      type: 'string',
      value: '<dept>',
      help: { zh: '授权部门；默认为密钥的部门', en: "the grantor; default the key's issuer" },
    },
    kid: { type: 'string', value: '<kid>', help: { zh: '签名密钥', en: 'the signing key' } },
  },
  async run(ctx, { values }) {
    for (const k of ['to', 'standard', 'until'] as const) {
      if (!values[k]) throw new UsageError(`缺少 --${k}`, `missing --${k}`);
    }
    if (!values.purpose?.length) throw new UsageError('缺少 --purpose', 'missing --purpose');
    if (!values.field?.length) throw new UsageError('缺少 --field', 'missing --field');
    const fields: GrantField[] = values.field.map((f) =>
      f.endsWith(':masked')
        ? { path: f.slice(0, -':masked'.length), form: 'masked' }
        : { path: f, form: 'clear' },
    );
    const ring = await openKeyring(ctx, values, true);
    const kid = values.kid ?? ring.activeKey({ use: 'sign', issuer: values.issuer }).kid;
    const env = await createGrant({
      signer: ring.signer(kid),
      ...(values.issuer ? { grantor: values.issuer } : {}),
      grantee: values.to!,
      entity: values.standard!,
      purposes: values.purpose,
      fields,
      validUntil: values.until!,
      ...(values.from ? { validFrom: values.from } : {}),
      ...(values.basis ? { basis: values.basis } : {}),
      ...(values.id ? { id: values.id } : {}),
    });
    ctx.stdout.write(`${JSON.stringify(env)}\n`);
    return 0;
  },
});

const revoke = defineCommand({
  name: 'grant revoke',
  summary: { zh: '撤销共享授权', en: 'revoke a sharing grant' },
  synopsis: '<grant-id> --reason <text> [--at <time>] [options]',
  description: {
    zh: '输出签名的撤销记录，追加到 gds share --revocations 使用的文件。',
    en: 'Prints a signed revocation, to append to the file gds share --revocations reads.',
  },
  options: {
    ...keyringOptions,
    reason: { type: 'string', value: '<text>', help: { zh: '撤销原因', en: 'why the grant is revoked' } },
    at: { type: 'string', value: '<time>', help: { zh: '撤销时间；默认现在', en: 'when; default now' } },
    issuer: { type: 'string', value: '<dept>', help: { zh: '撤销部门', en: 'the revoking department' } },
    kid: { type: 'string', value: '<kid>', help: { zh: '签名密钥', en: 'the signing key' } },
  },
  positionals: 1,
  async run(ctx, { values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('需要一个授权标识', 'one grant id is needed');
    if (!values.reason) throw new UsageError('缺少 --reason', 'missing --reason');
    const ring = await openKeyring(ctx, values, true);
    const kid = values.kid ?? ring.activeKey({ use: 'sign', issuer: values.issuer }).kid;
    const env = await revokeGrant(positionals[0]!, {
      signer: ring.signer(kid),
      reason: values.reason,
      ...(values.at ? { at: values.at } : {}),
      ...(values.issuer ? { issuer: values.issuer } : {}),
    });
    ctx.stdout.write(`${JSON.stringify(env)}\n`);
    return 0;
  },
});

/** `gds grant`, `gds grant revoke`, `gds share` and `gds merge`. */
export const policyCommands: Command[] = [grant, revoke, share, merge];
