import { describe, expect, it } from 'vitest';
import { gds } from './_io.js';

// The command table as the user sees it: every name `gds --help` lists.
const help = await gds(['--help']);
const names = [...help.stdout.matchAll(/^ {2}gds (\S+(?: [a-z][\w-]*)?) {2,}/gm)].map((m) => m[1]!);
const groups = [...new Set(names.filter((n) => n.includes(' ')).map((n) => n.split(' ')[0]!))];

describe('gds grammar', () => {
  it('bare gds prints the top-level help to stdout and exits 0; --version and -V are listed', async () => {
    const r = await gds([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(help.stdout);
    expect(r.stdout).toMatch(/-V, --version/);
    expect(r.stdout).toMatch(/--locale zh-CN\|en/);
    for (const flag of ['--version', '-V']) {
      const v = await gds([flag]);
      expect(v.code).toBe(0);
      expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
    }
    expect((await gds(['help'])).stdout).toBe(help.stdout);
  });

  it('the help lists the commands and the groups of the table', () => {
    expect(names.length).toBeGreaterThan(30);
    expect(names).toContain('validate');
    expect(names).toContain('log append');
    expect(groups).toEqual(
      expect.arrayContaining(['codelist', 'keys', 'log', 'note', 'standards', 'witness']),
    );
  });

  it.each(groups)(
    'group %s answers bare, --help, -h and help with its subcommands (stdout, exit 0)',
    async (group) => {
      const members = names.filter((n) => n.startsWith(`${group} `));
      // `grant` is also a command of its own: bare, it runs (and asks for its options).
      const bare = names.includes(group) ? [] : [[group]];
      for (const argv of [...bare, [group, '--help'], [group, '-h'], ['help', group]]) {
        const r = await gds(argv);
        expect(r.code, argv.join(' ')).toBe(0);
        expect(r.stderr).toBe('');
        for (const m of members) expect(r.stdout).toContain(`gds ${m}`);
      }
    },
  );

  it.each(names)('command %s answers --help, -h and help with its usage (stdout, exit 0)', async (name) => {
    const words = name.split(' ');
    const outputs = [];
    for (const argv of [
      [...words, '--help'],
      [...words, '-h'],
      ['help', ...words],
    ]) {
      const r = await gds(argv);
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toContain(`gds ${name}`);
      outputs.push(r.stdout);
    }
    expect(new Set(outputs).size).toBe(1);
  });

  it('an unknown subcommand names the group, lists its commands on stderr and exits 2', async () => {
    const r = await gds(['log', 'apend']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/gds log 没有命令 apend；是否想用 gds log append？/);
    expect(r.stderr).toMatch(/gds log has no command apend; did you mean gds log append\?/);
    expect(r.stderr).toContain('gds log verify-receipt');
  });

  it('an unknown command is bilingual, suggests the nearest one and exits 2', async () => {
    const r = await gds(['valdate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /未知命令 valdate；是否想用 gds validate？（unknown command valdate; did you mean gds validate\?）/,
    );
    const h = await gds(['help', 'nope']);
    expect(h.code).toBe(2);
    expect(h.stderr).toMatch(/unknown command nope/);
    expect((await gds(['help', 'validate', 'extra'])).code).toBe(2);
    expect((await gds(['--bogus'])).stderr).toMatch(/未知选项 --bogus（unknown option --bogus）/);
  });

  it('a usage error prints the message and the command usage to stderr, exits 2, no stack trace', async () => {
    const r = await gds(['codelist', 'show', '--bogus']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /gds codelist show 没有选项 --bogus（unknown option --bogus for gds codelist show）/,
    );
    expect(r.stderr).toMatch(/用法（usage）: gds codelist show <id> \[options\]/);
    expect(r.stderr).toMatch(/gds codelist show --help/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each([
    [
      ['validate', '-s', 'person', '--standrad', 'x'],
      /没有选项 --standrad；是否想用 --standard？.*did you mean --standard\?/,
    ],
    [['validate', '--standard'], /选项 --standard 需要一个取值.*option --standard needs a value/],
    [
      ['validate', '--standard', '--format', 'json'],
      /option --standard needs a value.*write --standard=--format/,
    ],
    [['codelist', 'list', '--help=yes'], /选项 --help 不带取值.*option --help takes no value/],
    [['codelist', 'list', 'extra'], /多余的参数 extra.*unexpected argument extra/],
    [['codelist', 'show', 'sex', 'ethnicity'], /参数过多：ethnicity.*too many arguments: ethnicity/],
    [
      ['codelist', 'list', '--locale', 'fr'],
      /--locale 的取值无效：fr.*invalid --locale fr \(one of zh-CN, en\)/,
    ],
    [['codelist', 'list', '-x'], /没有选项 -x.*unknown option -x/],
  ])('%j is a bilingual usage error', async (argv, message) => {
    const r = await gds(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/ERR_PARSE_ARGS|Unknown option '/);
  });

  it('in English mode errors and help are English only', async () => {
    const r = await gds(['codelist', 'show', '--bogus', '--locale', 'en']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'gds: unknown option --bogus for gds codelist show\nUsage: gds codelist show <id> [options]\nrun gds codelist show --help for every option\n',
    );
    for (const argv of [
      ['--help', '--locale', 'en'],
      ['log', '--locale', 'en'],
      ['validate', '--help', '--locale', 'en'],
    ]) {
      const h = await gds(argv);
      expect(h.code).toBe(0);
      expect(h.stdout, argv.join(' ')).not.toMatch(/\p{Script=Han}/u);
    }
    const first = await gds(['--locale', 'en', 'codelist', 'show']);
    expect(first.stderr).toMatch(/^gds: missing the code list id/);
  });

  it('LC_ALL, LC_MESSAGES and LANG choose the language when --locale is not given, in that order', async () => {
    const run = (env: NodeJS.ProcessEnv, extra: string[] = []) =>
      gds(['codelist', 'show', ...extra], { env, keepLocaleEnv: true });
    expect((await run({ LANG: 'en_US.UTF-8' })).stderr).toMatch(/^gds: missing the code list id/);
    expect((await run({ LANG: 'zh_CN.UTF-8' })).stderr).toMatch(/^gds: 缺少代码表标识/);
    expect((await run({ LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).stderr).toMatch(
      /^gds: 缺少代码表标识/,
    );
    expect((await run({ LC_MESSAGES: 'en_GB', LANG: 'zh_CN' })).stderr).toMatch(/^gds: missing/);
    expect((await run({ LANG: 'C.UTF-8' })).stderr).toMatch(/^gds: 缺少代码表标识/);
    expect((await run({})).stderr).toMatch(/^gds: 缺少代码表标识/);
    // The flag wins over the environment.
    expect((await run({ LANG: 'en_US.UTF-8' }, ['--locale', 'zh-CN'])).stderr).toMatch(
      /^gds: 缺少代码表标识/,
    );
  });

  it('-- ends the options: what follows is a positional even when it looks like one', async () => {
    const r = await gds(['codelist', 'show', '--', '--help']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/未知代码表 --help/);
  });
});

describe('exit codes', () => {
  it('an I/O failure of the environment (a report path in a missing folder) exits 74, bilingual, no stack', async () => {
    const { standardsDir } = await import('@gds/standards/fs');
    const { join } = await import('node:path');
    const input = join(standardsDir(), 'mappings', 'public-security', 'golden', 'population', 'input.csv');
    const r = await gds([
      'convert',
      input,
      '-m',
      'public-security/population',
      '--out',
      '/dev/null',
      '--report',
      '/nonexistent-gds-dir/r.json',
    ]);
    expect(r.code).toBe(74);
    expect(r.stderr).toMatch(/gds: 系统错误（system error）: ENOENT/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const en = await gds([
      'convert',
      input,
      '-m',
      'public-security/population',
      '--out',
      '/dev/null',
      '--report',
      '/nonexistent-gds-dir/r.json',
      '--locale',
      'en',
    ]);
    expect(en.stderr).toMatch(/^gds: system error: ENOENT/m);
  });
});
