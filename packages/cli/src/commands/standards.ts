import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildDocs,
  COMPATIBILITY_POLICIES,
  type CompatibilityPolicy,
  checkCompatibility,
  type DiffFormat,
  declaredRenames,
  diffSchemas,
  formatDiff,
  loadSchemaVersion,
  releaseStandard,
  upgrade,
  verifyReleaseLock,
  writeDocs,
} from '@gds/kit';
import { getStandard, type Issue } from '@gds/schema';
import { listEntities, listVersions } from '@gds/standards/fs';
import { type LegacyCommand as Command, type CommandContext, UsageError } from '../_internal/command.js';
import { readRecords } from '../_internal/input.js';

const ROOT_HELP = `  --root <dir>   标准目录（standards folder）; default ./standards when it exists, else the installed @gds/standards`;

/** Runs node:util parseArgs, turning its errors into usage errors (exit 2). */
function parse<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError('参数错误', (error as Error).message, { cause: error });
  }
}

const root = { type: 'string' } as const;

/** The standards folder: --root, else ./standards in a checkout, else the installed package. */
function location(ctx: CommandContext, root: unknown): { root?: string } {
  if (typeof root === 'string') {
    const dir = resolve(ctx.cwd, root);
    if (!existsSync(join(dir, 'schemas')))
      throw new UsageError(`${dir} 下没有 schemas/`, `no schemas/ under ${dir}`);
    return { root: dir };
  }
  const local = join(ctx.cwd, 'standards');
  return existsSync(join(local, 'schemas')) ? { root: local } : {};
}

/** Escapes a GitHub workflow command property. */
function prop(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/:/g, '%3A')
    .replace(/,/g, '%2C');
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new UsageError(
      `${flag} 的取值无效：${String(value)}`,
      `invalid ${flag} ${String(value)} (one of ${allowed.join(', ')})`,
    );
  }
  return value as T;
}

function knownEntity(entity: string | undefined, loc: { root?: string }): string {
  if (!entity) throw new UsageError('缺少标准名称', 'missing the standard (entity) name');
  if (!listVersions(entity, loc).length) {
    throw new UsageError(
      `未知标准 ${entity}`,
      `unknown standard ${entity}; known: ${listEntities(loc).join(', ') || 'none'}`,
    );
  }
  return entity;
}

const list: Command = {
  name: 'standards list',
  summary: { zh: '列出标准及其版本', en: 'list the standards and their versions' },
  usage: `用法（usage）: gds standards list [--format text|json] [--root <dir>]\n${ROOT_HELP}`,
  async run(ctx) {
    const { values } = parse(() =>
      parseArgs({ args: ctx.argv, options: { format: { type: 'string' }, root }, allowPositionals: true }),
    );
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const loc = location(ctx, values.root);
    const rows = listEntities(loc).map((entity) => {
      const versions = listVersions(entity, loc);
      return { entity, released: versions.filter((v) => v !== 'next'), draft: versions.includes('next') };
    });
    if (format === 'json') ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else
      for (const r of rows)
        ctx.stdout.write(
          `${r.entity}\t${r.released.join(' ') || '—'}${r.draft ? '\tnext（草案 draft）' : ''}\n`,
        );
    return 0;
  },
};

function versionArg(arg: string | undefined, entity: string | undefined): [string, string] {
  if (!arg) throw new UsageError('缺少版本', 'missing a version');
  if (arg.includes('@')) return arg.split('@', 2) as [string, string];
  if (!entity) throw new UsageError(`请写成 <标准>@<版本>：${arg}`, `write <entity>@<version>: ${arg}`);
  return [entity, arg];
}

const diff: Command = {
  name: 'standards diff',
  summary: { zh: '列出两个版本之间的每处变更及其兼容性', en: 'classify every change between two versions' },
  usage: `用法（usage）: gds standards diff <entity>@<a> <entity>@<b> | <entity> <a> <b>
                           [--format text|json|github] [--lang zh|en|both] [--root <dir>]

  每处变更：对读方、写方是否兼容，以及所需的版本升级。--format github 输出 CI 注解（::error file=…::）。
  Each change with its effect on readers and writers and the semver bump it requires; github prints CI
  annotations. Renames declared by the migrations in between are honoured. Exit 0 (the diff is information;
  gds standards check is the gate).
${ROOT_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: { format: { type: 'string' }, lang: { type: 'string' }, root },
        allowPositionals: true,
      }),
    );
    const format = oneOf<DiffFormat>(values.format, ['text', 'json', 'github'], '--format', 'text');
    const lang = oneOf(values.lang, ['zh', 'en', 'both'] as const, '--lang', 'zh');
    const loc = location(ctx, values.root);
    let a: [string, string];
    let b: [string, string];
    if (positionals.length === 3) {
      a = [positionals[0]!, positionals[1]!];
      b = [positionals[0]!, positionals[2]!];
    } else if (positionals.length === 2) {
      a = versionArg(positionals[0], undefined);
      b = versionArg(positionals[1], a[0]);
    } else throw new UsageError('需要两个版本', 'expected two versions: <entity>@<a> <entity>@<b>');
    if (a[0] !== b[0])
      throw new UsageError('只能比较同一标准的版本', 'both versions must be of the same standard');
    const entity = knownEntity(a[0], loc);
    const renames = declaredRenames(entity, a[1], b[1], loc);
    const report = diffSchemas(loadSchemaVersion(entity, a[1], loc), loadSchemaVersion(entity, b[1], loc), {
      renames,
    });
    ctx.stdout.write(formatDiff(report, format, { lang, relativeTo: ctx.cwd }));
    return 0;
  },
};

const check: Command = {
  name: 'standards check',
  summary: {
    zh: '按兼容策略检查草案，并核对已发布文件的锁',
    en: 'check drafts against releases under a policy, and verify the release lock',
  },
  usage: `用法（usage）: gds standards check [entity...] [--policy ${COMPATIBILITY_POLICIES.join('|')}]
                            [--format text|json|github] [--no-lock] [--root <dir>]

  检查每个草案（schemas/<entity>/next）与已发布版本的兼容性（默认 BACKWARD_TRANSITIVE：与所有已发布版本比较）；
  有意的不兼容变更须在 compat/exemptions.json 中记录豁免（理由、批准人）。同时核对 releases.lock.json。
  Checks every draft against the releases under the policy (default BACKWARD_TRANSITIVE); an intended
  breaking change passes only with an exemption in compat/exemptions.json. Also verifies that no released
  file changed (releases.lock.json). Exit 0: compatible; 1: violations or lock problems; 2: usage error.
${ROOT_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          policy: { type: 'string' },
          format: { type: 'string' },
          'no-lock': { type: 'boolean' },
          root,
        },
        allowPositionals: true,
      }),
    );
    const policy = oneOf<CompatibilityPolicy>(
      values.policy,
      COMPATIBILITY_POLICIES,
      '--policy',
      'BACKWARD_TRANSITIVE',
    );
    const format = oneOf(values.format, ['text', 'json', 'github'] as const, '--format', 'text');
    const loc = location(ctx, values.root);
    const entities = positionals.length
      ? positionals.map((e) => knownEntity(e, loc))
      : listEntities(loc).filter((e) => listVersions(e, loc).includes('next'));
    const results = entities
      .filter((e) => listVersions(e, loc).includes('next'))
      .map((e) => checkCompatibility(e, { ...loc, policy }));
    const lock = values['no-lock'] ? undefined : verifyReleaseLock(loc);
    const ok = results.every((r) => r.ok) && (lock?.ok ?? true);
    if (format === 'json') {
      ctx.stdout.write(`${JSON.stringify({ ok, policy, results, lock }, null, 2)}\n`);
      return ok ? 0 : 1;
    }
    for (const r of results) {
      const file = loadSchemaVersion(r.entity, r.version, loc).file;
      const rel = file?.startsWith(ctx.cwd) ? file.slice(ctx.cwd.length + 1) : file;
      if (format === 'github') {
        for (const v of r.violations) {
          const title = prop(`${r.entity} ${r.policy} vs ${v.against}: ${v.change.kind}`);
          ctx.stdout.write(
            `::error file=${prop(rel ?? '')},title=${title}::${v.change.messageZh}（${v.change.messageEn}）; record an exemption in compat/exemptions.json if intended\n`,
          );
        }
        for (const p of r.problems)
          ctx.stdout.write(
            `::error file=${prop(rel ?? '')},title=${prop(`${r.entity} ${p.code} ${p.path}`)}::${p.messageZh}（${p.messageEn}）\n`,
          );
        continue;
      }
      ctx.stdout.write(
        `${r.ok ? '✓' : '✗'} ${r.entity} next vs ${r.against.join(', ') || '—'} (${r.policy}): ${r.violations.length} 处违反（violations），${r.exempted.length} 处已豁免（exempted）\n`,
      );
      for (const v of r.violations)
        ctx.stdout.write(
          `    ✗ ${v.against}: ${v.change.kind} ${v.change.messageZh}（${v.change.messageEn}）\n`,
        );
      for (const p of r.problems) ctx.stdout.write(`    ✗ ${p.code}: ${p.messageZh}（${p.messageEn}）\n`);
      for (const v of r.exempted)
        ctx.stdout.write(
          `    ~ ${v.against}: ${v.change.kind} ${v.change.path} — ${v.exemption?.reason}（${v.exemption?.approver}）\n`,
        );
    }
    if (lock) {
      if (format === 'github')
        for (const p of lock.problems)
          ctx.stdout.write(`::error file=${prop(`standards/${p.file}`)}::${p.messageZh}（${p.messageEn}）\n`);
      else {
        ctx.stdout.write(
          `${lock.ok ? '✓' : '✗'} releases.lock.json: ${lock.locked} 个已发布文件（released files），${lock.problems.length} 处问题（problems）\n`,
        );
        for (const p of lock.problems) ctx.stdout.write(`    ✗ ${p.messageZh}（${p.messageEn}）\n`);
      }
    }
    return ok ? 0 : 1;
  },
};

const release: Command = {
  name: 'standards release',
  summary: { zh: '将草案发布为差异所要求的版本', en: 'freeze the draft as the version the diff requires' },
  usage: `用法（usage）: gds standards release <entity> [--policy <policy>] [--dry-run] [--no-changeset] [--root <dir>]

  将 schemas/<entity>/next 冻结为新版本：写入 $id 与版本号，复制所绑定的代码表、迁移与示例，更新
  releases.lock.json，并写一个 changeset。兼容性检查未通过（且无豁免）时拒绝发布。
  Freezes the draft: writes $id and the version, copies the bound code lists, migration and examples,
  records the hashes in releases.lock.json and writes a changeset. Refuses when the check fails.
${ROOT_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          policy: { type: 'string' },
          'dry-run': { type: 'boolean' },
          'no-changeset': { type: 'boolean' },
          root,
        },
        allowPositionals: true,
      }),
    );
    const loc = location(ctx, values.root);
    const entity = knownEntity(positionals[0], loc);
    const policy = oneOf<CompatibilityPolicy>(
      values.policy,
      COMPATIBILITY_POLICIES,
      '--policy',
      'BACKWARD_TRANSITIVE',
    );
    const result = releaseStandard(entity, {
      ...loc,
      policy,
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(values['no-changeset'] ? { changesetDir: false as const } : {}),
    });
    ctx.stdout.write(
      `${values['dry-run'] ? '（演练 dry run）' : ''}${entity} ${result.previous ?? '—'} → ${result.version} (${result.bump})\n${result.files.map((f) => `  ${f}\n`).join('')}${result.changeset ? `  changeset: ${result.changeset}\n` : ''}`,
    );
    return 0;
  },
};

const docs: Command = {
  name: 'standards docs',
  summary: {
    zh: '生成标准文档站点（HTML 与 Markdown）',
    en: 'generate the standards documentation (HTML and Markdown)',
  },
  usage: `用法（usage）: gds standards docs --out <dir> [--released-only] [--root <dir>] [entity...]

  生成静态站点（纯 HTML 与 CSS，无需服务器）与 Markdown：字段表、实体关系图、代码表、示例、变更记录。
  Writes a static site (open <dir>/index.html from the disk) and Markdown beside it.
${ROOT_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: { out: { type: 'string' }, 'released-only': { type: 'boolean' }, root },
        allowPositionals: true,
      }),
    );
    if (!values.out) throw new UsageError('缺少 --out', 'missing --out <dir>');
    const loc = location(ctx, values.root);
    const entities = positionals.map((e) => knownEntity(e, loc));
    const files = buildDocs({
      ...loc,
      ...(entities.length ? { entities } : {}),
      ...(values['released-only'] ? { releasedOnly: true } : {}),
    });
    const out = resolve(ctx.cwd, values.out);
    writeDocs(files, out);
    ctx.stdout.write(`${files.length} 个文件写入 ${out}（files written）: ${join(out, 'index.html')}\n`);
    return 0;
  },
};

const upgradeCommand: Command = {
  name: 'upgrade',
  summary: { zh: '将记录升级到标准的新版本', en: 'upgrade records to a later version of a standard' },
  usage: `用法（usage）: gds upgrade --standard <entity> --from <version> [--to <version>] [--validate] [--root <dir>] [files...]

  依次执行两版本之间的迁移（如 1.0.0 → 1.1.0 → 2.0.0），输出 NDJSON；无法自动迁移之处写到标准错误。
  Runs the migrations in between, chained, on the @gds/convert engine, and writes the upgraded records as
  NDJSON to stdout; records that could not be migrated, and why, go to stderr. --validate also checks each
  result with the target version's checker from @gds/schema. Files are JSON or NDJSON (stdin when none or -). Exit 0: all upgraded; 1: some need a person.
${ROOT_HELP}`,
  async run(ctx) {
    const { values, positionals } = parse(() =>
      parseArgs({
        args: ctx.argv,
        options: {
          standard: { type: 'string', short: 's' },
          from: { type: 'string' },
          to: { type: 'string' },
          validate: { type: 'boolean' },
          root,
        },
        allowPositionals: true,
      }),
    );
    const loc = location(ctx, values.root);
    const entity = knownEntity(values.standard, loc);
    if (!values.from) throw new UsageError('缺少 --from', 'missing --from <version>');
    let validate: ((r: unknown) => { ok: boolean; issues: readonly Issue[] }) | undefined;
    if (values.validate) {
      const to =
        values.to ??
        listVersions(entity, loc)
          .filter((v) => v !== 'next')
          .pop();
      const standard = to ? getStandard(entity, to) : undefined;
      if (!standard)
        throw new UsageError(
          `没有 ${entity}@${to} 的校验器`,
          `no validator for ${entity}@${to} in @gds/schema`,
        );
      validate = (r) => standard.validate(r);
    }
    const records = await readRecords(positionals, ctx.cwd, ctx.stdin);
    let problems = 0;
    for (const record of records) {
      const where = `${record.file}${record.line !== undefined ? `:${record.line}` : ''}${record.index !== undefined ? `#${record.index}` : ''}`;
      if (record.syntaxError !== undefined) {
        problems++;
        ctx.stderr.write(`${where}: JSON 语法错误（JSON syntax error）: ${record.syntaxError}\n`);
        continue;
      }
      const result = upgrade(entity, record.value, {
        ...loc,
        from: values.from,
        ...(values.to ? { to: values.to } : {}),
        ...(validate ? { validate } : {}),
      });
      if (result.ok) ctx.stdout.write(`${JSON.stringify(result.value)}\n`);
      else problems++;
      for (const issue of result.issues) {
        if (issue.severity === 'error') problems++;
        ctx.stderr.write(
          `${where} ${issue.path} [${issue.step}] ${issue.code}: ${issue.messageZh}（${issue.messageEn}）\n`,
        );
      }
    }
    return problems ? 1 : 0;
  },
};

/** `gds standards list|diff|check|release|docs` and `gds upgrade`: the standards lifecycle. */
export const standardsCommands: Command[] = [list, diff, check, release, docs, upgradeCommand];
