import { builtinTransforms, type PipelineValue, type TransformContext } from '@gds/convert';
import { readCodeList } from '@gds/standards/fs';
import { describe, expect, it } from 'vitest';

// Issue 16: TRANSFORMS.md, the reference of the built-in transforms, is generated here from the registry
// (`builtinTransforms`, each with its `doc`) and guarded: every transform, its parameters, its inverse or
// "none", and examples whose outputs, issues and export values are computed by running the transform.
// Regenerate: npx vitest run --project convert test/transforms-doc.test.ts -u
const REGENERATE = 'npx vitest run --project convert test/transforms-doc.test.ts -u';

// Invisible and unusual spaces are written as JSON escapes, so the reader sees what a cell held.
const INVISIBLE = /[\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const show = (v: PipelineValue | undefined): string =>
  v === undefined
    ? '— (failed)'
    : `\`${JSON.stringify(v)
        .replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replaceAll('|', '\\|')}\``;
const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** Runs one direction with the bundled code lists, collecting the issues it raises. */
function run(
  fn: NonNullable<(typeof builtinTransforms)[string]['inverse']>,
  value: PipelineValue,
  params: Record<string, unknown>,
) {
  const issues: string[] = [];
  const ctx: TransformContext = {
    issue: (code, p) => issues.push(`\`${code}\` ${JSON.stringify(p ?? {})}`),
    codeList: (id) => readCodeList(id).entries,
  };
  return { out: fn(value, params, ctx), issues };
}

function render(): string {
  const names = Object.keys(builtinTransforms).sort((a, b) => a.localeCompare(b, 'en'));
  const out: string[] = [
    '# Transforms',
    '',
    '<!-- 由测试生成，请勿手工修改（generated from builtinTransforms by packages/convert/test/transforms-doc.test.ts;',
    `regenerate with ${REGENERATE}). -->`,
    '',
    'The transforms a mapping\'s `transforms` pipeline can name (`"trim"`, or `{ "name": "date", "exportFormat":',
    '"yyyyMMdd" }` with parameters), applied in order on import and undone in reverse order on export. The',
    'mapping format itself is described in [the mapping reference](../../standards/profile/README.md#mappings)',
    '(checked by [`mapping.schema.json`](../../standards/profile/mapping.schema.json)). A transform without an',
    'inverse loses information: on export its column is left empty and the report says so. Issues a transform',
    'raises are at the field\'s cell (see [ISSUES.md](../schema/ISSUES.md)); "— (failed)" means the value was',
    'not converted. Every output below was computed by running the transform (with the bundled code lists).',
    '',
    names.map((n) => `[\`${n}\`](#${n.toLowerCase()})`).join(' · '),
    '',
  ];
  for (const name of names) {
    const def = builtinTransforms[name]!;
    const doc = def.doc!;
    out.push(`## ${name}`, '', doc.summary, '');
    out.push(
      `**Export (inverse):** ${def.inverse ? doc.inverse : 'none: export leaves the column empty and the report says so.'}`,
      '',
    );
    if (doc.params?.length) {
      out.push('| parameter | type | default | meaning |', '|---|---|---|---|');
      for (const p of doc.params)
        out.push(
          `| \`${p.name}\` | ${p.type} | ${p.required ? 'required' : p.default ? `\`${p.default}\`` : '—'} | ${cell(p.description)} |`,
        );
      out.push('');
    } else out.push('No parameters.', '');
    out.push(
      `| in | parameters | out | issues |${def.inverse ? ' exported back |' : ''}`,
      `|---|---|---|---|${def.inverse ? '---|' : ''}`,
    );
    for (const example of doc.examples) {
      const params = example.params ?? {};
      const forward = run(def.forward, example.value, params);
      const back =
        def.inverse && forward.out !== undefined ? run(def.inverse, forward.out, params) : undefined;
      const row = [
        show(example.value),
        Object.keys(params).length ? cell(`\`${JSON.stringify(params)}\``) : '',
        show(forward.out),
        cell(forward.issues.join('; ')),
      ];
      if (def.inverse)
        row.push(back ? show(back.out) + (back.issues.length ? ` ${cell(back.issues.join('; '))}` : '') : '');
      out.push(`| ${row.join(' | ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

describe('TRANSFORMS.md', () => {
  it('documents every built-in transform, with parameters and examples', () => {
    for (const [name, def] of Object.entries(builtinTransforms)) {
      expect(def.doc, `${name} has a doc`).toBeDefined();
      expect(def.doc!.examples.length, `${name} has examples`).toBeGreaterThan(0);
      // An inverse is described exactly when there is one.
      expect(def.doc!.inverse !== undefined, `${name}: inverse described iff it exists`).toBe(
        def.inverse !== null,
      );
    }
  });

  it('documents each parameter a transform reads, and only those', () => {
    for (const [name, def] of Object.entries(builtinTransforms)) {
      const source = `${def.forward.toString()}\n${def.inverse?.toString() ?? ''}`;
      const read = new Set([...source.matchAll(/\bp\.(\w+)/g)].map((m) => m[1]!));
      expect(new Set((def.doc!.params ?? []).map((p) => p.name)), name).toEqual(read);
    }
  });

  it(`is current (regenerate: ${REGENERATE})`, async () => {
    await expect(render()).toMatchFileSnapshot('../TRANSFORMS.md');
  });
});
