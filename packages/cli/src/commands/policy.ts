import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
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
import { mergeFiles } from '@gds/policy/node';
import { getStandard, type Standard } from '@gds/schema';
import { type LegacyCommand as Command, type CommandContext, UsageError } from '../_internal/command.js';
import { readRecords } from '../_internal/input.js';
import { KEYRING_HELP, keyringOptions, openKeyring, parse, readInput } from './keys.js';
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

const share: Command = {
  name: 'share',
  summary: {
    zh: '按共享规则和授权向请求部门提供记录（脱敏、说明、披露记录入账）',
    en: 'Share records with a department by the rules and its grants (masking, explanations, disclosure logged)',
  },
  usage: `gds share <records.ndjson|-> --as <department> [--grant <file>]... [--purpose <purpose>] [options]
  --as <department>      请求部门（requesting department）
  --grant <file>         授权信封，可重复（signed grant envelope, repeatable）
  --purpose <purpose>    用途（purpose）; default: the grants' single purpose
  --standard <entity[@version]>  记录的标准（standard）; default: the grants' entity
  --revocations <file>   授权撤销，NDJSON（signed revocations, one per line）
  --masking <file.json>  本地脱敏规则（jurisdiction's masking rules）
  --out <file>           输出（projected records, NDJSON）; default stdout
  --explain <file>       每个字段的说明，JSON（field decisions）
  --dir <dir>            账本目录（ledger folder of gds log init）, default ./.gds
${KEYRING_HELP}
  披露记录和账本回执写入 <dir>/disclosures/<id>.json（disclosure and receipt）.
  退出码（exit）: 0 shared; 1 a grant was refused or a record was unreadable; 2 usage.`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...keyringOptions,
          as: { type: 'string' },
          grant: { type: 'string', multiple: true },
          purpose: { type: 'string' },
          standard: { type: 'string' },
          revocations: { type: 'string' },
          masking: { type: 'string' },
          out: { type: 'string' },
          explain: { type: 'string' },
          dir: { type: 'string' },
        },
        allowPositionals: true,
      }),
    );
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
          `gds: ${r.file}:${r.line ?? r.index ?? ''} 不是 JSON 对象，未共享（not a JSON object, not shared）\n`,
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
          ctx.stderr.write(`gds: ✓ 授权（grant）${g.grant.id} ${g.grant.grantor} → ${g.grant.grantee}\n`);
        else
          ctx.stderr.write(
            `gds: ✗ 授权被拒绝（grant refused）${g.claimed?.id ?? ''}: ${g.refusal.message} [${g.refusal.code}]\n`,
          );
      }
      for (const d of p.decisions) {
        if (d.outcome !== 'clear')
          ctx.stderr.write(`gds: ${d.outcome} ${d.path} [${d.reason}] ${d.message}\n`);
      }
      ctx.stderr.write(
        `gds: ${p.records.length} 条记录已提供给 ${values.as}（records shared）; 披露记录（disclosure）#${p.receipt.index} ${file}\n`,
      );
      return unreadable > 0 || p.grants.some((g) => !g.valid) ? 1 : 0;
    } finally {
      await log.close();
    }
  },
};

/** `[department[/system]=]path`: a department's file. */
function inputSpec(spec: string, cwd: string) {
  const eq = spec.indexOf('=');
  const path = resolve(cwd, eq < 0 ? spec : spec.slice(eq + 1));
  if (eq < 0) return { path };
  const [department, system] = spec.slice(0, eq).split('/') as [string, string | undefined];
  if (!department) throw new UsageError(`输入 ${spec} 的部门为空`, `empty department in ${spec}`);
  return system ? { path, department, system } : { path, department };
}

const merge: Command = {
  name: 'merge',
  summary: {
    zh: '把多个部门的记录合并为黄金记录（逐字段来源、冲突报告）',
    en: "Merge departments' records into golden records (per-field provenance, conflicts report)",
  },
  usage: `gds merge <[department[/system]=]file.ndjson>... --standard <entity[@version]> --out <golden.ndjson> --conflicts <file>
  <department>=<file>    文件所属部门（the department whose file it is）; without it, every record
                         must carry provenance.sourceDepartment
  --standard <entity>    标准（standard）, e.g. person
  --out <file>           黄金记录（golden records, NDJSON, sorted by key）
  --conflicts <file>     冲突报告（conflicts, NDJSON）
  --candidates <file>    无证件号人员的待核对配对（review pairs for residents without an ID number）;
                         default: <conflicts>.candidates.ndjson
  --previous <golden.ndjson>  上次的黄金记录，增量合并（earlier golden records: incremental merge）
  --tmp <dir>            临时分区目录（folder for temporary partitions）, default the OS one
  退出码（exit）: 0 merged; 1 some lines were not records; 2 usage.`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          standard: { type: 'string' },
          out: { type: 'string' },
          conflicts: { type: 'string' },
          candidates: { type: 'string' },
          previous: { type: 'string' },
          tmp: { type: 'string' },
        },
        allowPositionals: true,
      }),
    );
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
      ctx.stderr.write(`gds: ${i.file}:${i.line} 不是记录（not a record）: ${i.message}\n`);
    ctx.stderr.write(
      `gds: ${r.records} 条记录（records） → ${r.golden} 条黄金记录（golden）, ${r.conflicts} 个冲突（conflicts）, ` +
        `${r.unkeyed.length} 条无匹配键（without a key, not merged）, ${r.candidates} 对待核对（review pairs: ${candidates}）` +
        `${r.invalidCount ? `, ${r.invalidCount} 行无效（invalid lines）` : ''}\n`,
    );
    return r.invalidCount > 0 ? 1 : 0;
  },
};

const grant: Command = {
  name: 'grant',
  summary: { zh: '签发共享授权（签名信封）', en: 'Issue a sharing grant (a signed envelope)' },
  usage: `gds grant --to <department> --standard <entity> --purpose <purpose>... --field <path>[:masked]... --until <time> [options]
  --to <department>      被授权部门（grantee）
  --standard <entity>    标准（entity）, e.g. person
  --purpose <purpose>    用途，可重复（purpose, repeatable）
  --field <path>         字段，可重复；加 :masked 只允许脱敏（field, repeatable; :masked for masked only）
  --until <time>         有效期至（valid until, RFC 3339）
  --from <time>          生效时间（valid from）, default now
  --basis <text>         依据（legal or policy basis）
  --id <id>              授权标识（grant id）, default random
  --issuer <dept>        授权部门（grantor）, default the key's issuer
  --kid <kid>            签名密钥（signing key）
${KEYRING_HELP}`,
  async run(ctx) {
    const { values } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...keyringOptions,
          to: { type: 'string' },
          standard: { type: 'string' },
          purpose: { type: 'string', multiple: true },
          field: { type: 'string', multiple: true },
          until: { type: 'string' },
          from: { type: 'string' },
          basis: { type: 'string' },
          id: { type: 'string' },
          issuer: { type: 'string' },
          kid: { type: 'string' },
        },
      }),
    );
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
};

const revoke: Command = {
  name: 'grant revoke',
  summary: { zh: '撤销共享授权', en: 'Revoke a sharing grant' },
  usage: `gds grant revoke <grant-id> --reason <text> [--at <time>] [--issuer <dept>] [--kid <kid>]
  输出签名的撤销记录，追加到 gds share --revocations 使用的文件（prints a signed revocation for --revocations）
${KEYRING_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          ...keyringOptions,
          reason: { type: 'string' },
          at: { type: 'string' },
          issuer: { type: 'string' },
          kid: { type: 'string' },
        },
        allowPositionals: true,
      }),
    );
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
};

/** `gds grant`, `gds grant revoke`, `gds share` and `gds merge`. */
export const policyCommands: Command[] = [grant, revoke, share, merge];
