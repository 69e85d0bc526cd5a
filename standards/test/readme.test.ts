// Keeps the root README honest: its TypeScript compiles against the workspace packages, its links lead
// somewhere, its quick start is the two commands CI and new users run, and every script it names exists.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listEntities } from '@gds/standards/fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const scripts = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The fenced blocks of a language, with the line each starts on. */
function fencedBlocks(markdown: string, lang: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  for (const m of markdown.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm')))
    blocks.push({ line: markdown.slice(0, m.index).split('\n').length, code: m[1]! });
  return blocks;
}

/**
 * Type-checks each block as a module of its own at the repository root, with the root tsconfig's options
 * (so `@gds/*` resolve through the `@gds/source` condition to the packages' sources), all in one program.
 * Returns, per block, one line per diagnostic pointing at the README line.
 */
function typeCheck(blocks: Array<{ line: number; code: string }>): string[][] {
  const config = ts.readConfigFile(join(repoRoot, 'tsconfig.json'), ts.sys.readFile);
  const options = {
    ...ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot).options,
    noEmit: true,
  };
  // `export {}` makes each block a module, as a user's file with imports is, so top-level await is allowed.
  const files = new Map(
    blocks.map((b, i) => [
      join(repoRoot, `__readme_block_${i}.ts`),
      { ...b, text: `${b.code}\nexport {};\n` },
    ]),
  );
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  host.fileExists = (f) => files.has(f) || fileExists(f);
  host.readFile = (f) => files.get(f)?.text ?? readFile(f);
  host.getSourceFile = (f, language, ...rest) => {
    const file = files.get(f);
    return file ? ts.createSourceFile(f, file.text, language) : getSourceFile(f, language, ...rest);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  return [...files].map(([name, block]) => {
    const source = program.getSourceFile(name)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => {
        const line = source.getLineAndCharacterOfPosition(d.start ?? 0).line + block.line + 1;
        return `README.md:${line} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
      },
    );
  });
}

const tsBlocks = fencedBlocks(readme, 'ts');
// Two wrong uses of the API, checked in the same program: proof that the check can fail.
const canaries = [
  { line: 0, code: "import { person } from '@gds/schema';\nperson.validateRecord({});\n" },
  { line: 10, code: "import { diffSchemas } from '@gds/kit';\ndiffSchemas('person', '1.0.0');\n" },
];
let checked: string[][] | undefined;
const diagnostics = () => {
  checked ??= typeCheck([...tsBlocks, ...canaries]);
  return { readme: checked.slice(0, tsBlocks.length).flat(), canaries: checked.slice(tsBlocks.length) };
};

describe('README.md', () => {
  it('every ```ts block type-checks against the workspace packages', { timeout: 120_000 }, () => {
    expect(tsBlocks.length).toBeGreaterThanOrEqual(7);
    // Every package of the tour is exercised by a snippet, by its real name.
    for (const pkg of ['standards', 'schema', 'convert', 'crypto', 'ledger', 'policy', 'kit'])
      expect(
        tsBlocks.some((b) => b.code.includes(`from '@gds/${pkg}`)),
        pkg,
      ).toBe(true);
    expect(diagnostics().readme).toEqual([]);
  });

  it('the type check does catch a wrong API name or signature', { timeout: 120_000 }, () => {
    const [wrongName, wrongSignature] = diagnostics().canaries;
    expect(wrongName).toHaveLength(1);
    expect(wrongName![0]).toContain("'validateRecord' does not exist");
    expect(wrongSignature).toHaveLength(1);
    expect(wrongSignature![0]).toMatch(/^README\.md:12 TS2345/);
  });

  it('every relative link points to an existing file or folder', () => {
    const targets = [
      ...[...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!),
      ...[...readme.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!),
    ];
    const relative = targets.filter((t) => !/^(https?:|mailto:|#)/.test(t));
    expect(relative.length).toBeGreaterThan(10);
    const missing = relative.filter(
      (t) => !existsSync(join(repoRoot, decodeURIComponent(t.split(/[#?]/)[0]!))),
    );
    expect(missing).toEqual([]);
  });

  it('links the generated documentation: its entry page and a page for every standard', () => {
    expect(readme).toContain('](docs/standards/index.html)');
    for (const entity of listEntities())
      expect(readme, entity).toContain(`](docs/standards/${entity}/index.html)`);
  });

  it('the quick start is exactly the two commands: install and run the demo, run the tests', () => {
    const section = readme.slice(readme.indexOf('## Quick start'));
    expect(fencedBlocks(section, 'sh')[0]?.code).toBe('npm ci && npm run demo\nnpm test\n');
  });

  it('every `npm run <script>` it names is a script of the root package.json', () => {
    const named = new Set([...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!));
    named.delete('demo'); // its own test below, which says why it fails until the demo lands
    expect(named.size).toBeGreaterThanOrEqual(4);
    expect([...named].filter((s) => !(s in scripts))).toEqual([]);
  });

  it('the root package.json has the demo script of the quick start', () => {
    expect(
      scripts.demo,
      'package.json needs "demo": "gds demo" (the quick start runs npm run demo)',
    ).toBeTypeOf('string');
  });
});
