import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { checkMapping, draftMapping, type KnownMapping, type MappingProblem } from '@gds/convert';
import { readCsv } from '@gds/convert/csv';
import { readXlsx } from '@gds/convert/xlsx';
import { getStandard } from '@gds/schema';
import { standardsDir } from '@gds/standards/fs';
import { type Command, defineCommand, UsageError } from '../_internal/command.js';

/** Reads and checks one mapping file: the JSON text, then everything `checkMapping` checks. */
function check(path: string): MappingProblem[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return [
      {
        code: 'GDS_CONVERT_INVALID_MAPPING',
        kind: 'schema',
        pointer: '',
        messageZh: `不是有效的 JSON：${(error as Error).message}`,
        messageEn: `not valid JSON: ${(error as Error).message}`,
      },
    ];
  }
  const root = standardsDir();
  return checkMapping(json, {
    hasCrosswalk: (id) => existsSync(join(root, 'crosswalks', `${id}.csv`)),
    hasCodeList: (id) => /^[a-z0-9-]+$/.test(id) && existsSync(join(root, 'codelists', `${id}.csv`)),
  });
}

/** The official mappings (standards/mappings/<department>/<name>.mapping.json), by id: the known column names. */
function officialMappings(): KnownMapping[] {
  const dir = join(standardsDir(), 'mappings');
  const out: KnownMapping[] = [];
  for (const dept of readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort())
    for (const f of readdirSync(join(dir, dept))
      .filter((n) => n.endsWith('.mapping.json'))
      .sort())
      out.push(JSON.parse(readFileSync(join(dir, dept, f), 'utf8')) as KnownMapping);
  return out;
}

/** The header and encoding of a legacy file, read to its end so that the encoding is verified over every byte. */
async function describeFile(path: string, format: 'csv' | 'tsv' | 'xlsx', headerRow: number, sheet?: string) {
  const bytes = readFileSync(path);
  const reader =
    format === 'xlsx'
      ? readXlsx(bytes, {
          headerRow,
          file: basename(path),
          ...(sheet !== undefined ? { sheet: /^\d+$/.test(sheet) ? Number(sheet) : sheet } : {}),
        })
      : readCsv(bytes, {
          headerRow,
          encoding: 'auto',
          file: basename(path),
          ...(format === 'tsv' ? { delimiter: '\t' } : {}),
        });
  let rows = 0;
  let undecodable = 0;
  for await (const rec of reader) {
    rows++;
    undecodable += rec.issues.filter((i) => i.code.startsWith('encoding.')).length;
  }
  undecodable += reader.info.issues.filter((i) => i.code.startsWith('encoding.')).length;
  return {
    header: reader.info.header ?? [],
    encoding: reader.info.encoding,
    rows,
    undecodable,
    issues: reader.info.issues,
  };
}

/** `gds mapping check`: a mapping file against the mapping schema and the standard it targets. */
export const mappingCommands: Command[] = [
  defineCommand({
    name: 'mapping check',
    summary: { zh: '检查映射文件', en: 'check a mapping file' },
    synopsis: '<file.mapping.json> [options]',
    description: {
      zh: '按 mapping.schema.json 检查映射文件（未知的键如拼错的 tranforms 会被拒绝），再检查含义：目标字段存在于目标标准版本，\nfrom 列在 source.exportColumns 中，转换及其参数、对照表、代码表存在，onlyIf 指向映射产生的字段。每个问题带 JSON 指针。',
      en: 'Checks a mapping file against mapping.schema.json (an unknown key such as a misspelt tranforms is\nrefused), then for meaning: targets exist in the target standard version, from columns are in\nsource.exportColumns, transforms and their parameters, crosswalks and code lists exist, onlyIf names a\nfield the mapping produces. Each problem comes with its JSON pointer.',
    },
    positionals: 1,
    formats: ['text', 'json'],
    exits: {
      0: { zh: '映射没有问题', en: 'the mapping has no problem' },
      1: { zh: '映射有问题', en: 'the mapping has problems' },
    },
    examples: ['gds mapping check my-system.mapping.json', 'gds mapping check my.mapping.json --format json'],
    async run(ctx, { positionals, format, locale }) {
      const [file] = positionals;
      if (!file)
        throw new UsageError(
          '缺少映射文件',
          'missing the mapping file, e.g. gds mapping check x.mapping.json',
        );
      const path = resolve(ctx.cwd, file);
      if (!existsSync(path)) throw new UsageError(`找不到文件 ${file}`, `no file ${file}`);
      const problems = check(path);
      if (format === 'json') {
        ctx.stdout.write(`${JSON.stringify({ file, valid: problems.length === 0, problems }, null, 2)}\n`);
        return problems.length === 0 ? 0 : 1;
      }
      const en = locale === 'en';
      if (problems.length === 0) {
        ctx.stdout.write(en ? `${file}: OK\n` : `${file}：没有问题（OK）\n`);
        return 0;
      }
      for (const p of problems) {
        const msg = en ? p.messageEn : `${p.messageZh}（${p.messageEn}）`;
        ctx.stdout.write(`${file}:${p.pointer || '/'}  ✗ ${msg} [${p.code}]\n`);
      }
      ctx.stdout.write(en ? `${problems.length} problem(s)\n` : `${problems.length} 处问题（problems）\n`);
      return 1;
    },
  }),
  defineCommand({
    name: 'mapping init',
    summary: { zh: '从旧格式文件起草映射', en: 'draft a mapping from a legacy file' },
    synopsis: '<legacy.csv|legacy.xlsx> [options]',
    description: {
      zh: '读取表头与整个文件（编码按每个字节检测），起草映射：source.exportColumns 为各列；目标字段按官方映射\n（standards/mappings）中的同名列（连同其转换、对照表）或按标准字段名猜测；官方映射忽略的列列入\nignoreColumns；其余列的 target 为 "<fill: target field>"，填好后 gds mapping check 即通过。\n映射写入 --out（否则标准输出）；有 --out 时摘要写标准输出，否则写标准错误输出。',
      en: 'Reads the header and the whole file (the encoding is detected over every byte) and drafts a mapping:\nsource.exportColumns lists the columns; targets are guessed from the official mappings (standards/mappings)\nthat read a column of the same name (with their transforms and crosswalks), or from the standard\'s field\nnames; columns an official mapping ignores go to ignoreColumns; the others get the target\n"<fill: target field>": once filled, gds mapping check passes. The mapping goes to --out (stdout\notherwise); the summary goes to stdout with --out, to stderr otherwise.',
    },
    positionals: 1,
    formats: ['text', 'json'],
    options: {
      standard: {
        type: 'string',
        short: 's',
        value: '<entity>[@version]',
        help: {
          zh: '目标标准（默认：列名与官方映射最吻合者）',
          en: 'the target standard (default: the one whose official mappings know most columns)',
        },
      },
      out: {
        type: 'string',
        short: 'o',
        value: '<file.mapping.json|->',
        help: { zh: '映射输出文件（- 为标准输出）', en: 'where the mapping goes (- for stdout)' },
      },
      id: {
        type: 'string',
        value: '<department>/<name>',
        help: { zh: '映射的 id（默认 local/<文件名>）', en: "the mapping's id (default local/<file name>)" },
      },
      sheet: {
        type: 'string',
        value: '<name|n>',
        help: { zh: 'XLSX：工作表名或序号', en: 'XLSX: sheet name or 1-based position' },
      },
      'header-row': {
        type: 'string',
        value: '<n>',
        default: '1',
        help: {
          zh: '表头所在行（按电子表格行号）',
          en: 'the row with the column names, as a spreadsheet numbers it',
        },
      },
    },
    exits: {
      0: { zh: '已起草映射', en: 'the mapping was drafted' },
    },
    examples: [
      'gds mapping init population.csv --out population.mapping.json',
      'gds mapping init dibao.xlsx --standard person@1.0.0 --format json --out dibao.mapping.json',
    ],
    async run(ctx, { positionals, values, format, locale }) {
      const [file] = positionals;
      if (!file)
        throw new UsageError('缺少旧格式文件', 'missing the legacy file, e.g. gds mapping init export.csv');
      const path = resolve(ctx.cwd, file);
      if (!existsSync(path)) throw new UsageError(`找不到文件 ${file}`, `no file ${file}`);
      const headerRow = Number(values['header-row']);
      if (!Number.isInteger(headerRow) || headerRow < 1)
        throw new UsageError(
          `--header-row 应为正整数：${values['header-row']}`,
          `--header-row must be a positive integer: ${values['header-row']}`,
        );
      const ext = extname(path).toLowerCase();
      const fmt = ext === '.xlsx' ? 'xlsx' : ext === '.tsv' ? 'tsv' : 'csv';
      const described = await describeFile(path, fmt, headerRow, values.sheet);
      if (described.header.length === 0)
        throw new UsageError(
          `${file} 第 ${headerRow} 行没有列名`,
          `${file} has no column names on row ${headerRow}`,
        );
      const known = officialMappings();
      const cols = new Set(described.header.map((c) => c.trim().toLowerCase()));
      let entity: string | undefined;
      let version: string | undefined;
      if (values.standard) [entity, version] = values.standard.split('@') as [string, string | undefined];
      if (!entity) {
        // The standard whose official mappings name most of the columns.
        let best = 0;
        for (const m of known) {
          const names = [
            ...m.fields.flatMap((f) => (f.from === undefined ? [] : [f.from].flat())),
            ...(m.ignoreColumns ?? []),
          ];
          const hits = new Set(names.map((n) => n.toLowerCase()).filter((n) => cols.has(n))).size;
          if (hits > best) {
            best = hits;
            entity = m.target.standard;
            version = m.target.version;
          }
        }
        if (!entity)
          throw new UsageError(
            '没有官方映射认得这些列名，请用 --standard 指定目标标准',
            'no official mapping knows these column names: name the target with --standard',
          );
      }
      const standard = getStandard(entity, version);
      if (!standard)
        throw new UsageError(
          `没有标准 ${values.standard ?? entity}`,
          `no standard ${values.standard ?? entity}`,
        );
      const slug =
        basename(path, extname(path))
          .toLowerCase()
          .replace(/[^a-z0-9-]+/g, '-')
          .replace(/^-+|-+$/g, '') || 'draft';
      const id = values.id ?? `local/${slug}`;
      const draft = draftMapping({
        id,
        columns: described.header,
        source: {
          system: id,
          format: fmt,
          ...(fmt === 'xlsx' ? {} : { encoding: (described.encoding ?? 'utf-8') as 'utf-8' | 'gb18030' }),
          headerRow,
          ...(values.sheet !== undefined
            ? { sheet: /^\d+$/.test(values.sheet) ? Number(values.sheet) : values.sheet }
            : {}),
        },
        target: { standard: standard.entity, version: standard.version, fields: standard.fields },
        known,
      });
      const json = `${JSON.stringify(draft.mapping, null, 2)}\n`;
      const toStdout = values.out === undefined || values.out === '-';
      if (toStdout) ctx.stdout.write(json);
      else {
        // Written beside the target and renamed, as gds convert writes its outputs: never half a file.
        const target = resolve(ctx.cwd, values.out!);
        const partial = join(dirname(target), `.${basename(target)}.${process.pid}.partial`);
        writeFileSync(partial, json);
        renameSync(partial, target);
      }
      const report = toStdout ? ctx.stderr : ctx.stdout;
      const summary = {
        file,
        out: toStdout ? '-' : values.out,
        format: fmt,
        encoding: described.encoding ?? null,
        undecodable: described.undecodable,
        rows: described.rows,
        target: { standard: standard.entity, version: standard.version },
        columns: draft.columns,
        toFill: draft.toFill,
      };
      if (format === 'json') {
        report.write(`${JSON.stringify(summary, null, 2)}\n`);
        return 0;
      }
      const en = locale === 'en';
      report.write(
        en
          ? `${file}: ${fmt}${described.encoding ? `, ${described.encoding}` : ''}, ${described.rows} rows${described.undecodable ? `, ${described.undecodable} undecodable byte sequences` : ''}; target ${standard.entity}@${standard.version}\n`
          : `${file}：${fmt}${described.encoding ? `，${described.encoding}` : ''}，${described.rows} 行${described.undecodable ? `，${described.undecodable} 处无法解码` : ''}；目标 ${standard.entity}@${standard.version}\n`,
      );
      for (const g of draft.columns) {
        const how = g.ignored
          ? en
            ? `ignored (as ${g.mapping})`
            : `忽略（同 ${g.mapping}）`
          : g.by === 'mapping'
            ? en
              ? `-> ${g.target} (as ${g.mapping})`
              : `-> ${g.target}（同 ${g.mapping}）`
            : g.by === 'name'
              ? en
                ? `-> ${g.target} (by name)`
                : `-> ${g.target}（按字段名）`
              : en
                ? 'to fill'
                : '待填写（to fill）';
        report.write(`  ${g.column}  ${how}\n`);
      }
      report.write(
        draft.toFill.length === 0
          ? en
            ? 'nothing to fill: gds mapping check should pass\n'
            : '无待填写项：gds mapping check 应通过\n'
          : en
            ? `${draft.toFill.length} target(s) to fill: ${draft.toFill.join(', ')}\n`
            : `${draft.toFill.length} 个目标待填写：${draft.toFill.join('、')}\n`,
      );
      return 0;
    },
  }),
];
