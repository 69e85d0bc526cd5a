import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkMapping, type MappingProblem } from '@gds/convert';
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
];
