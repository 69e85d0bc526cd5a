import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  buildDocs,
  COMPATIBILITY_POLICIES,
  type CompatibilityPolicy,
  checkCompatibility,
  declaredRenames,
  diffSchemas,
  formatDiff,
  loadSchemaVersion,
  releaseStandard,
  upgrade,
  verifyReleaseLock,
  writeDocs,
} from '@gds/kit';
import { getStandard, type Issue, type Locale } from '@gds/schema';
import { listEntities, listVersions } from '@gds/standards/fs';
import {
  type Command,
  type CommandContext,
  defineCommand,
  type OptionSpec,
  say,
  UsageError,
} from '../_internal/command.js';
import { annotation } from '../_internal/github.js';
import { readRecords } from '../_internal/input.js';

const root = {
  type: 'string',
  value: '<dir>',
  help: {
    zh: '标准目录；默认为存在时的 ./standards，否则为已安装的 @gds/standards',
    en: 'the standards folder; default ./standards when it exists, else the installed @gds/standards',
  },
} as const satisfies OptionSpec;

const policyOption = {
  type: 'string',
  choices: COMPATIBILITY_POLICIES,
  default: 'BACKWARD_TRANSITIVE',
  help: { zh: '兼容策略', en: 'the compatibility policy' },
} as const satisfies OptionSpec;

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

const list = defineCommand({
  name: 'standards list',
  summary: { zh: '列出标准及其版本', en: 'list the standards and their versions' },
  synopsis: '[options]',
  options: { root },
  formats: ['text', 'json'],
  async run(ctx, { values, format, locale }) {
    const loc = location(ctx, values.root);
    const rows = listEntities(loc).map((entity) => {
      const versions = listVersions(entity, loc);
      return { entity, released: versions.filter((v) => v !== 'next'), draft: versions.includes('next') };
    });
    if (format === 'json') ctx.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    else
      for (const r of rows)
        ctx.stdout.write(
          `${r.entity}\t${r.released.join(' ') || '—'}${r.draft ? `\tnext ${locale === 'en' ? '(draft)' : '（草案 draft）'}` : ''}\n`,
        );
    return 0;
  },
});

function versionArg(arg: string | undefined, entity: string | undefined): [string, string] {
  if (!arg) throw new UsageError('缺少版本', 'missing a version');
  if (arg.includes('@')) return arg.split('@', 2) as [string, string];
  if (!entity) throw new UsageError(`请写成 <标准>@<版本>：${arg}`, `write <entity>@<version>: ${arg}`);
  return [entity, arg];
}

const diff = defineCommand({
  name: 'standards diff',
  summary: { zh: '列出两个版本之间的每处变更及其兼容性', en: 'classify every change between two versions' },
  synopsis: '<entity>@<a> <entity>@<b> | <entity> <a> <b> [options]',
  description: {
    zh: '每处变更：对读方、写方是否兼容，以及所需的版本升级；两版本之间的迁移所声明的改名会被识别。\n差异只是信息（退出码 0），gds standards check 才是关卡。',
    en: 'Each change with its effect on readers and writers and the semver bump it requires; renames declared\nby the migrations in between are honoured. The diff is information (exit 0); gds standards check is the gate.',
  },
  options: {
    root,
    lang: {
      type: 'string',
      choices: ['zh', 'en', 'both'],
      help: { zh: '文本中变更说明的语言', en: 'language of the change messages in the text' },
      deprecated: '--locale (zh-CN, en); both has no --locale equivalent',
    },
  },
  positionals: 3,
  formats: ['text', 'json', 'github'],
  examples: [
    'gds standards diff person@1.1.0 person@next',
    'gds standards diff person 1.0.0 1.1.0 --format github',
  ],
  async run(ctx, { values, positionals, format, locale }) {
    const lang = values.lang ?? (locale === 'en' ? 'en' : 'zh');
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
});

/** A pair of messages in the output language. */
function both(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : `${zh}（${en}）`;
}

const check = defineCommand({
  name: 'standards check',
  summary: {
    zh: '按兼容策略检查草案，并核对已发布文件的锁',
    en: 'check drafts against releases under a policy, and verify the release lock',
  },
  synopsis: '[entity...] [options]',
  description: {
    zh: '检查每个草案（schemas/<entity>/next）与已发布版本的兼容性（默认 BACKWARD_TRANSITIVE：与所有已发布版本比较）；\n有意的不兼容变更须在 compat/exemptions.json 中记录豁免（理由、批准人）。同时核对 releases.lock.json。',
    en: 'Checks every draft against the releases under the policy (default BACKWARD_TRANSITIVE); an intended\nbreaking change passes only with an exemption in compat/exemptions.json. Also verifies that no released\nfile changed (releases.lock.json).',
  },
  options: {
    policy: policyOption,
    'no-lock': {
      type: 'boolean',
      help: { zh: '不核对 releases.lock.json', en: 'skip the releases.lock.json check' },
    },
    root,
  },
  positionals: Number.POSITIVE_INFINITY,
  formats: ['text', 'json', 'github'],
  exits: {
    0: { zh: '兼容，锁一致', en: 'compatible, and the lock holds' },
    1: { zh: '有违反或锁问题', en: 'violations or lock problems' },
  },
  async run(ctx, { values, positionals, format, locale }) {
    const policy: CompatibilityPolicy = values.policy;
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
          ctx.stdout.write(
            annotation(
              'error',
              {
                ...(rel ? { file: rel } : {}),
                title: `${r.entity} ${r.policy} vs ${v.against}: ${v.change.kind}`,
              },
              `${both(locale, v.change.messageZh, v.change.messageEn)}; ${locale === 'en' ? 'record an exemption in compat/exemptions.json if intended' : '如属有意，请在 compat/exemptions.json 中记录豁免（record an exemption in compat/exemptions.json if intended）'}`,
            ),
          );
        }
        for (const p of r.problems)
          ctx.stdout.write(
            annotation(
              'error',
              { ...(rel ? { file: rel } : {}), title: `${r.entity} ${p.code} ${p.path}` },
              both(locale, p.messageZh, p.messageEn),
            ),
          );
        continue;
      }
      ctx.stdout.write(
        `${r.ok ? '✓' : '✗'} ${r.entity} next vs ${r.against.join(', ') || '—'} (${r.policy}): ${
          locale === 'en'
            ? `${r.violations.length} violation(s), ${r.exempted.length} exempted`
            : `${r.violations.length} 处违反（violations），${r.exempted.length} 处已豁免（exempted）`
        }\n`,
      );
      for (const v of r.violations)
        ctx.stdout.write(
          `    ✗ ${v.against}: ${v.change.kind} ${both(locale, v.change.messageZh, v.change.messageEn)}\n`,
        );
      for (const p of r.problems)
        ctx.stdout.write(`    ✗ ${p.code}: ${both(locale, p.messageZh, p.messageEn)}\n`);
      // The reason and approver are data the standards body wrote: echoed as written.
      for (const v of r.exempted)
        ctx.stdout.write(
          `    ~ ${v.against}: ${v.change.kind} ${v.change.path} — ${v.exemption?.reason} (${v.exemption?.approver})\n`,
        );
    }
    if (lock) {
      if (format === 'github')
        for (const p of lock.problems)
          ctx.stdout.write(
            annotation('error', { file: `standards/${p.file}` }, both(locale, p.messageZh, p.messageEn)),
          );
      else {
        ctx.stdout.write(
          `${lock.ok ? '✓' : '✗'} releases.lock.json: ${
            locale === 'en'
              ? `${lock.locked} released file(s), ${lock.problems.length} problem(s)`
              : `${lock.locked} 个已发布文件（released files），${lock.problems.length} 处问题（problems）`
          }\n`,
        );
        for (const p of lock.problems) ctx.stdout.write(`    ✗ ${both(locale, p.messageZh, p.messageEn)}\n`);
      }
    }
    return ok ? 0 : 1;
  },
});

const release = defineCommand({
  name: 'standards release',
  summary: { zh: '将草案发布为差异所要求的版本', en: 'freeze the draft as the version the diff requires' },
  synopsis: '<entity> [options]',
  description: {
    zh: '将 schemas/<entity>/next 冻结为新版本：写入 $id 与版本号，复制所绑定的代码表、迁移与示例，更新\nreleases.lock.json，并写一个 changeset。兼容性检查未通过（且无豁免）时拒绝发布。',
    en: 'Freezes the draft: writes $id and the version, copies the bound code lists, migration and examples,\nrecords the hashes in releases.lock.json and writes a changeset. Refuses when the check fails.',
  },
  options: {
    policy: policyOption,
    'dry-run': {
      type: 'boolean',
      help: { zh: '只列出将写的文件', en: 'only list the files it would write' },
    },
    'no-changeset': { type: 'boolean', help: { zh: '不写 changeset', en: 'write no changeset' } },
    root,
  },
  positionals: 1,
  async run(ctx, { values, positionals, locale }) {
    const loc = location(ctx, values.root);
    const entity = knownEntity(positionals[0], loc);
    const result = releaseStandard(entity, {
      ...loc,
      policy: values.policy,
      ...(values['dry-run'] ? { dryRun: true } : {}),
      ...(values['no-changeset'] ? { changesetDir: false as const } : {}),
    });
    const dry = values['dry-run'] ? (locale === 'en' ? '(dry run) ' : '（演练 dry run）') : '';
    ctx.stdout.write(
      `${dry}${entity} ${result.previous ?? '—'} → ${result.version} (${result.bump})\n${result.files.map((f) => `  ${f}\n`).join('')}${result.changeset ? `  changeset: ${result.changeset}\n` : ''}`,
    );
    return 0;
  },
});

const docs = defineCommand({
  name: 'standards docs',
  summary: {
    zh: '生成标准文档站点（HTML 与 Markdown）',
    en: 'generate the standards documentation (HTML and Markdown)',
  },
  synopsis: '--out <dir> [options] [entity...]',
  description: {
    zh: '生成静态站点（纯 HTML 与 CSS，无需服务器）与 Markdown：字段表、实体关系图、代码表、示例、变更记录。',
    en: 'Writes a static site (open <dir>/index.html from the disk) and Markdown beside it: field tables,\nthe entity diagram, code lists, examples, the changelog.',
  },
  options: {
    out: { type: 'string', value: '<dir>', help: { zh: '输出目录', en: 'the output folder' } },
    'released-only': { type: 'boolean', help: { zh: '不含草案', en: 'leave the drafts out' } },
    root,
  },
  positionals: Number.POSITIVE_INFINITY,
  async run(ctx, { values, positionals, locale }) {
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
    ctx.stdout.write(
      locale === 'en'
        ? `${files.length} files written to ${out}: ${join(out, 'index.html')}\n`
        : `${files.length} 个文件写入 ${out}（files written）: ${join(out, 'index.html')}\n`,
    );
    return 0;
  },
});

const upgradeCommand = defineCommand({
  name: 'upgrade',
  summary: { zh: '将记录升级到标准的新版本', en: 'upgrade records to a later version of a standard' },
  synopsis: '--standard <entity> --from <version> [--to <version>] [options] [files...]',
  description: {
    zh: '依次执行两版本之间的迁移（如 1.0.0 → 1.1.0 → 2.0.0），把升级后的记录以 NDJSON 写到标准输出；\n无法自动迁移之处及原因写到标准错误。文件为 JSON 或 NDJSON（无文件或 - 时读标准输入）。',
    en: 'Runs the migrations in between, chained, on the @gds/convert engine, and writes the upgraded records as\nNDJSON to stdout; records that could not be migrated, and why, go to stderr. Files are JSON or NDJSON\n(stdin when none or -).',
  },
  options: {
    standard: { type: 'string', short: 's', value: '<entity>', help: { zh: '标准', en: 'the standard' } },
    from: {
      type: 'string',
      value: '<version>',
      help: { zh: '记录现在的版本', en: 'the version the records are in' },
    },
    to: {
      type: 'string',
      value: '<version>',
      help: { zh: '目标版本；默认最新发布版', en: 'the target version; default the latest release' },
    },
    validate: {
      type: 'boolean',
      help: {
        zh: '再用 @gds/schema 中目标版本的校验器检查结果',
        en: "also check each result with the target version's checker from @gds/schema",
      },
    },
    root,
  },
  positionals: Number.POSITIVE_INFINITY,
  exits: {
    0: { zh: '全部升级', en: 'every record upgraded' },
    1: { zh: '有记录需要人工处理', en: 'some records need a person' },
  },
  async run(ctx, { values, positionals, locale }) {
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
      validate = (r) => standard.validate(r, { locale });
    }
    const records = await readRecords(positionals, ctx.cwd, ctx.stdin);
    let problems = 0;
    for (const record of records) {
      const where = `${record.file}${record.line !== undefined ? `:${record.line}` : ''}${record.index !== undefined ? `#${record.index}` : ''}`;
      if (record.syntaxError !== undefined) {
        problems++;
        ctx.stderr.write(
          `${where}: ${say(locale, 'JSON 语法错误', 'JSON syntax error')}: ${record.syntaxError}\n`,
        );
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
          `${where} ${issue.path} [${issue.step}] ${issue.code}: ${both(locale, issue.messageZh, issue.messageEn)}\n`,
        );
      }
    }
    return problems ? 1 : 0;
  },
});

/** `gds standards list|diff|check|release|docs` and `gds upgrade`: the standards lifecycle. */
export const standardsCommands: Command[] = [list, diff, check, release, docs, upgradeCommand];
