import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeList } from '@gds/standards';
import { listEntities, listVersions, type StandardsLocation, standardsDir } from '@gds/standards/fs';
import { DOCS_CSS, DOCS_JS } from '../_internal/docsAssets.js';
import { erDiagramSvg } from '../_internal/erDiagram.js';
import {
  codeListOf,
  collectFields,
  type FieldNode,
  isObject,
  type JsonSchema,
  parentPath,
  typeLabel,
} from '../_internal/fields.js';
import { escapeCell, escapeHtml, fieldAnchor } from '../_internal/html.js';
import { declaredRenames } from '../compat/declaredRenames.js';
import { type DiffReport, diffSchemas, type SchemaVersion } from '../compat/diffSchemas.js';
import { loadSchemaVersion } from '../compat/loadSchemaVersion.js';

/** One file of the documentation site, relative to its output folder. */
export interface DocsFile {
  path: string;
  content: string;
}

/** Options of {@link buildDocs}. */
export interface BuildDocsOptions extends StandardsLocation {
  /** Only these entities (default: all). */
  entities?: readonly string[];
  /** Leave out the draft (`next`) of each standard. Default false: the draft is documented, marked as such. */
  releasedOnly?: boolean;
}

interface FieldRow {
  path: string;
  type: string;
  /**
   * `always`: every record has it; `parent`: required in its parent object, which is itself optional (so
   * required whenever that parent is present); `item`: an array's items row; `no`: optional.
   */
  required: 'always' | 'parent' | 'item' | 'no';
  /** For `parent`: the parent object's path (`/registeredResidence`, `/contacts/*`). */
  parentPath?: string;
  /** An inline `enum` (or `oneOf` of labelled `const`s) not bound to a code list. */
  enumValues?: EnumValue[];
  zh: string;
  en: string;
  codeList?: { list: string; closed: boolean };
  dataClass: string;
  sensitivity: string;
  sharing: string;
  source: string;
  since: string;
  deprecated?: string;
}

interface EnumValue {
  value: string;
  zh: string;
  en: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The values of an inline enumeration, with the labels a `oneOf`/`anyOf` of titled `const`s gives. */
function inlineEnum(n: JsonSchema): EnumValue[] | undefined {
  if (codeListOf(n)) return undefined;
  const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  if (Array.isArray(n.enum)) return n.enum.map((v) => ({ value: show(v), zh: '', en: '' }));
  const alts = Array.isArray(n.oneOf) ? n.oneOf : Array.isArray(n.anyOf) ? n.anyOf : undefined;
  if (alts && alts.length > 0 && alts.every((a) => isObject(a) && 'const' in a)) {
    return (alts as JsonSchema[]).map((a) => {
      const en = isObject(a['x-gds-en']) ? a['x-gds-en'] : {};
      return { value: show(a.const), zh: str(a.title), en: str(en.title) };
    });
  }
  return undefined;
}

function requiredState(
  f: FieldNode,
  fields: Map<string, FieldNode>,
): Pick<FieldRow, 'required' | 'parentPath'> {
  if (f.path.endsWith('/*')) return { required: 'item' };
  if (!f.required) return { required: 'no' };
  if (parentRequired(f, fields)) return { required: 'always' };
  return { required: 'parent', parentPath: parentPath(f.path) };
}

function fieldRows(schema: JsonSchema): FieldRow[] {
  const fields = collectFields(schema);
  const rows: FieldRow[] = [];
  for (const f of fields.values()) {
    if (f.path === '') continue;
    const n = f.node;
    const en = isObject(n['x-gds-en']) ? n['x-gds-en'] : {};
    const dep = n['x-gds-deprecated'];
    const enumValues = inlineEnum(n);
    rows.push({
      path: f.path,
      type: typeLabel(f, fields),
      ...requiredState(f, fields),
      ...(enumValues ? { enumValues } : {}),
      zh: [str(n.title), str(n.description)].filter(Boolean).join('：'),
      en: [str(en.title), str(en.description)].filter(Boolean).join(': '),
      ...(codeListOf(n) ? { codeList: codeListOf(n)! } : {}),
      dataClass: str(n['x-gds-data-class']),
      sensitivity: str(n['x-gds-sensitivity']),
      sharing: str(n['x-gds-sharing']),
      source: str(n['x-gds-source']),
      since: str(n['x-gds-since']),
      ...(isObject(dep)
        ? {
            deprecated: `${str(dep.since)}${typeof dep.replacedBy === 'string' ? ` → ${dep.replacedBy}` : ''}`,
          }
        : n.deprecated === true
          ? { deprecated: 'deprecated' }
          : {}),
    });
  }
  return rows;
}

/** A nested field is required in every record only if every object above it is. */
function parentRequired(f: FieldNode, fields: Map<string, FieldNode>): boolean {
  let path = f.path;
  while (path.lastIndexOf('/') > 0) {
    path = path.slice(0, path.lastIndexOf('/'));
    const p = fields.get(path);
    if (p && !p.required) return false;
  }
  return true;
}

function readExamples(
  root: string,
  entity: string,
  version: string,
): Array<{ name: string; valid: boolean; text: string }> {
  const base =
    version === 'next' ? join(root, 'examples', entity) : join(root, 'schemas', entity, version, 'examples');
  const out: Array<{ name: string; valid: boolean; text: string }> = [];
  for (const kind of ['valid', 'invalid'] as const) {
    const dir = join(base, kind);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      out.push({ name, valid: kind === 'valid', text: readFileSync(join(dir, name), 'utf8').trim() });
    }
  }
  return out;
}

function requiredHtml(r: FieldRow): string {
  switch (r.required) {
    case 'always':
      return '是 yes';
    case 'no':
      return '否 no';
    case 'item':
      return '<span class="muted" title="数组的元素 the items of an array">—</span>';
    case 'parent': {
      const p = escapeHtml(r.parentPath!);
      return r.parentPath!.endsWith('/*')
        ? `是，每一项中 <span class="en">yes, in each item of <code>${escapeHtml(r.parentPath!.slice(0, -2))}</code></span>`
        : `是，当 <code>${p}</code> 出现时 <span class="en">yes, when <code>${p}</code> is present</span>`;
    }
  }
}

function requiredMd(r: FieldRow): string {
  switch (r.required) {
    case 'always':
      return 'yes';
    case 'no':
      return 'no';
    case 'item':
      return '—';
    case 'parent':
      return r.parentPath!.endsWith('/*')
        ? `yes, in each item of \`${escapeCell(r.parentPath!.slice(0, -2))}\``
        : `yes, when \`${escapeCell(r.parentPath!)}\` is present`;
  }
}

const REQUIRED_NOTE_HTML =
  '<p class="note">必填：“是”指每条记录都必须有该字段；“是，当 <code>/a</code> 出现时”指该字段在其上级对象中必填——上级对象可省略，但一旦出现就必须带有该字段；“—”为数组元素所在的行。<br><span class="en">Required: “yes” means every record has the field; “yes, when <code>/a</code> is present” means the field is required in its parent object: the parent may be left out, but when it is present it must carry the field; “—” marks the row of an array’s items.</span></p>';
const REQUIRED_NOTE_MD =
  'Required: “yes” means every record has the field; “yes, when `/a` is present” means the field is required in its parent object: the parent may be left out, but when it is present it must carry the field; “—” marks the row of an array’s items.';

function enumId(path: string): string {
  return `enum${fieldAnchor(path).slice('field'.length)}`;
}

function enumHtml(r: FieldRow): string {
  const labelled = r.enumValues!.some((e) => e.zh || e.en);
  return `<section class="codelist enum" id="${enumId(r.path)}"><h3>内联枚举 Inline enumeration <code>${escapeHtml(r.path)}</code> <span class="badge">封闭 closed</span></h3>
${labelled ? '' : '<p class="note">模式未给出取值的标签，下列为取值本身。<span class="en">The schema gives no labels for these values; the values are listed as they must be written.</span></p>\n'}<table><thead><tr><th>取值 value</th><th>中文 zh</th><th>English</th></tr></thead><tbody>
${r.enumValues!.map((e) => `<tr><td><code>${escapeHtml(e.value)}</code></td><td>${escapeHtml(e.zh)}</td><td>${escapeHtml(e.en)}</td></tr>`).join('\n')}
</tbody></table></section>`;
}

function codeListCell(r: FieldRow): string {
  if (r.codeList)
    return `<a href="#codelist-${escapeHtml(r.codeList.list)}">${escapeHtml(r.codeList.list)}</a> ${r.codeList.closed ? '封闭 closed' : '开放 open'}`;
  if (r.enumValues)
    return `<a href="#${enumId(r.path)}">枚举 enum</a>: ${r.enumValues.map((e) => `<code>${escapeHtml(e.value)}</code>`).join(' ')}`;
  return '';
}

function page(title: string, depth: number, body: string, index: string): string {
  const up = '../'.repeat(depth);
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${up}style.css">
<link rel="icon" href="data:,">
</head>
<body>
<header class="site"><a class="home" href="${up}index.html">GDS 标准 Standards</a>
<form class="search" role="search" onsubmit="return false"><input id="gds-search" type="search" placeholder="搜索字段、代码表 Search fields, code lists" aria-label="search" autocomplete="off"><ul id="gds-search-results" hidden></ul></form></header>
<main>
${body}
</main>
<script id="gds-search-index" type="application/json" data-base="${up}">${index.replace(/</g, '\\u003c')}</script>
<script src="${up}search.js"></script>
</body>
</html>
`;
}

function changeTable(diff: DiffReport): string {
  if (diff.changes.length === 0) return '<p>无变更（no changes）</p>';
  const rows = diff.changes
    .map(
      (c) =>
        `<tr class="${c.readers === 'breaking' || c.writers === 'breaking' ? 'breaking' : 'safe'}"><td><code>${escapeHtml(c.kind)}</code></td><td><code>${escapeHtml(c.path || '/')}</code></td><td>${escapeHtml(c.messageZh)}<br><span class="en">${escapeHtml(c.messageEn)}</span></td><td class="${c.readers}">${c.readers}</td><td class="${c.writers}">${c.writers}</td><td>${c.bump}</td></tr>`,
    )
    .join('\n');
  return `<p class="verdict">${escapeHtml(diff.from)} → ${escapeHtml(diff.to)}：升级 <strong>${diff.bump}</strong>；读方 readers <strong>${diff.readers}</strong>；写方 writers <strong>${diff.writers}</strong></p>
<table class="changes"><thead><tr><th>变更 kind</th><th>路径 path</th><th>说明 description</th><th>读方 readers</th><th>写方 writers</th><th>升级 bump</th></tr></thead><tbody>
${rows}
</tbody></table>`;
}

function changeMd(diff: DiffReport): string {
  if (diff.changes.length === 0) return '无变更（no changes）\n';
  return `${diff.from} → ${diff.to}: bump **${diff.bump}**, readers **${diff.readers}**, writers **${diff.writers}**\n\n| kind | path | description | readers | writers | bump |\n|---|---|---|---|---|---|\n${diff.changes
    .map(
      (c) =>
        `| ${c.kind} | \`${escapeCell(c.path || '/')}\` | ${escapeCell(`${c.messageZh}（${c.messageEn}）`)} | ${c.readers} | ${c.writers} | ${c.bump} |`,
    )
    .join('\n')}\n`;
}

function codeListHtml(list: CodeList, closed: boolean | undefined): string {
  return `<section class="codelist" id="codelist-${escapeHtml(list.id)}"><h3>代码表 Code list <code>${escapeHtml(list.id)}</code>${closed === undefined ? '' : closed ? ' <span class="badge">封闭 closed</span>' : ' <span class="badge open">开放 open</span>'}</h3>
<table><thead><tr><th>代码 code</th><th>中文 zh</th><th>English</th><th>说明 description</th><th>废止 deprecated</th><th>来源 source</th></tr></thead><tbody>
${list.entries
  .map(
    (e) =>
      `<tr${e.deprecated ? ' class="deprecated"' : ''}><td><code>${escapeHtml(e.code)}</code></td><td>${escapeHtml(e.zh)}</td><td>${escapeHtml(e.en)}</td><td>${escapeHtml(e.description)}</td><td>${e.deprecated ? '是 yes' : ''}</td><td>${escapeHtml(e.source)}</td></tr>`,
  )
  .join('\n')}
</tbody></table></section>`;
}

interface SearchEntry {
  t: string;
  d: string;
  u: string;
}

/**
 * Builds the documentation of the standards as a static site (plain HTML and CSS, one small local script
 * for the search box; no server, no external URL) and Markdown. For each standard and version: a field
 * table (path, type, required, zh and en description, code list link, data class, sensitivity, sharing
 * type, source department, since, deprecation), an entity-relationship diagram as inline SVG, the code
 * lists as that version binds them, the worked examples, and the changelog with each step's
 * compatibility report. Pure: returns the files; {@link writeDocs} puts them on disk.
 *
 * @example
 * ```ts
 * import { buildDocs, writeDocs } from '@gds/kit';
 * writeDocs(buildDocs(), 'site');
 * ```
 */
export function buildDocs(options: BuildDocsOptions = {}): DocsFile[] {
  const location = options.root !== undefined ? { root: options.root } : {};
  const root = options.root ?? standardsDir();
  const entities = (options.entities ?? listEntities(location)).filter(
    (e) => listVersions(e, location).length > 0,
  );
  const files: DocsFile[] = [];
  const search: SearchEntry[] = [];
  const loaded = new Map<string, SchemaVersion[]>();
  for (const entity of entities) {
    const versions = listVersions(entity, location).filter((v) => !(options.releasedOnly && v === 'next'));
    loaded.set(
      entity,
      versions.map((v) => loadSchemaVersion(entity, v, location)),
    );
    for (const v of versions) {
      const schema = loaded.get(entity)!.find((s) => s.version === v)!.schema;
      search.push({
        t: `${entity} ${v} ${str(schema.title)}`,
        d: str(schema.description),
        u: `${entity}/${v}.html`,
      });
      for (const row of fieldRows(schema)) {
        search.push({
          t: `${entity} ${v} ${row.path}`,
          d: `${row.zh} ${row.en}`.trim(),
          u: `${entity}/${v}.html#${fieldAnchor(row.path)}`,
        });
      }
    }
  }
  const index = JSON.stringify(search);

  const indexRows: string[] = [];
  const indexMd: string[] = ['# GDS 标准（GDS standards）', '', '| standard | versions |', '|---|---|'];
  for (const entity of entities) {
    const versions = loaded.get(entity)!;
    const latest = versions[versions.length - 1]!;
    const diffs: DiffReport[] = [];
    for (let i = 1; i < versions.length; i++) {
      const a = versions[i - 1]!;
      const b = versions[i]!;
      diffs.push(diffSchemas(a, b, { renames: declaredRenames(entity, a.version, b.version, location) }));
    }
    const en = isObject(latest.schema['x-gds-en']) ? latest.schema['x-gds-en'] : {};
    indexRows.push(
      `<tr><td><a href="${entity}/index.html">${escapeHtml(entity)}</a></td><td>${escapeHtml(str(latest.schema.title))}<br><span class="en">${escapeHtml(str(en.title))}</span></td><td>${versions
        .map(
          (v) =>
            `<a href="${entity}/${v.version}.html">${escapeHtml(v.version === 'next' ? 'next（草案 draft）' : v.version)}</a>`,
        )
        .join(' · ')}</td></tr>`,
    );
    indexMd.push(
      `| [${entity}](${entity}/index.md) | ${versions.map((v) => `[${v.version}](${entity}/${v.version}.md)`).join(', ')} |`,
    );

    const changelogHtml = diffs
      .slice()
      .reverse()
      .map(
        (d) =>
          `<section class="release"><h3><a href="${d.to}.html">${escapeHtml(d.to)}</a></h3>${changeTable(d)}</section>`,
      )
      .join('\n');
    const changelogMd = diffs
      .slice()
      .reverse()
      .map((d) => `### ${d.to}\n\n${changeMd(d)}`)
      .join('\n');
    files.push({
      path: `${entity}/index.html`,
      content: page(
        `${entity} — GDS`,
        1,
        `<h1>${escapeHtml(entity)} · ${escapeHtml(str(latest.schema.title))}</h1>
<p>${escapeHtml(str(latest.schema.description))}</p>
<h2>版本 Versions</h2><ul class="versions">${versions.map((v) => `<li><a href="${v.version}.html">${escapeHtml(v.version)}</a>${v.version === 'next' ? ' （草案 draft）' : ''}</li>`).join('')}</ul>
<h2 id="changelog">变更记录 Changelog</h2>
${changelogHtml || '<p>只有一个版本（a single version）</p>'}`,
        index,
      ),
    });
    files.push({
      path: `${entity}/index.md`,
      content: `# ${entity} · ${str(latest.schema.title)}\n\n${str(latest.schema.description)}\n\n## Versions\n\n${versions.map((v) => `- [${v.version}](${v.version}.md)`).join('\n')}\n\n## Changelog\n\n${changelogMd || 'A single version.\n'}`,
    });

    versions.forEach((v, i) => {
      const schema = v.schema;
      const rows = fieldRows(schema);
      const en = isObject(schema['x-gds-en']) ? schema['x-gds-en'] : {};
      const bindings = new Map<string, boolean>();
      for (const r of rows) if (r.codeList) bindings.set(r.codeList.list, r.codeList.closed);
      const diff = i > 0 ? diffs[i - 1] : undefined;
      const examples = readExamples(root, entity, v.version);
      const table = rows
        .map(
          (r) =>
            `<tr id="${fieldAnchor(r.path)}"${r.deprecated ? ' class="deprecated"' : ''}><td><code>${escapeHtml(r.path)}</code>${r.deprecated ? `<br><span class="badge">废止 deprecated ${escapeHtml(r.deprecated)}</span>` : ''}</td><td>${escapeHtml(r.type)}</td><td>${requiredHtml(r)}</td><td>${escapeHtml(r.zh)}</td><td>${escapeHtml(r.en)}</td><td>${codeListCell(r)}</td><td>${escapeHtml(r.dataClass)}</td><td>${escapeHtml(r.sensitivity)}</td><td>${escapeHtml(r.sharing)}</td><td>${escapeHtml(r.source)}</td><td>${escapeHtml(r.since)}</td></tr>`,
        )
        .join('\n');
      const body = `<nav class="crumbs"><a href="../index.html">标准 Standards</a> › <a href="index.html">${escapeHtml(entity)}</a> › ${escapeHtml(v.version)}</nav>
<nav class="switcher" aria-label="versions">版本 Version: ${versions.map((o) => (o.version === v.version ? `<strong aria-current="page">${escapeHtml(o.version)}</strong>` : `<a href="${o.version}.html">${escapeHtml(o.version)}</a>`)).join(' · ')}</nav>
<p class="downloads">下载 Download: <a href="${v.version}.schema.json" download>JSON Schema (${escapeHtml(entity)} ${escapeHtml(v.version)})</a></p>
<h1>${escapeHtml(str(schema.title))} <span class="en">${escapeHtml(str(en.title))}</span> <span class="version">${escapeHtml(v.version)}</span>${v.version === 'next' ? ' <span class="badge">草案 draft</span>' : ''}</h1>
<p>${escapeHtml(str(schema.description))}</p>${str(en.description) ? `<p class="en">${escapeHtml(str(en.description))}</p>` : ''}
<p class="id"><code>${escapeHtml(str(schema.$id))}</code></p>
<h2 id="fields">字段 Fields</h2>
<input id="field-filter" type="search" placeholder="筛选字段 Filter fields" aria-label="filter fields">
<div class="table-wrap"><table id="field-table" class="fields"><thead><tr><th>路径 path</th><th>类型 type</th><th>必填 required</th><th>说明（中文）</th><th>Description (en)</th><th>代码表 code list</th><th>数据分级 data class</th><th>敏感程度 sensitivity</th><th>共享类型 sharing</th><th>数源部门 source</th><th>起始版本 since</th></tr></thead><tbody>
${table}
</tbody></table></div>
${REQUIRED_NOTE_HTML}
<h2 id="diagram">实体关系图 Entity-relationship diagram</h2>
<figure class="diagram">${erDiagramSvg(schema, entity)}<figcaption>● 必填 required · ○ 可选 optional · 1 对象 object · * 数组 array</figcaption></figure>
<h2 id="codelists">代码表 Code lists</h2>
${[...[...bindings].map(([id, closed]) => (v.codeLists[id] ? codeListHtml(v.codeLists[id]!, closed) : `<p id="codelist-${escapeHtml(id)}">代码表 ${escapeHtml(id)} 缺失（code list missing）</p>`)), ...rows.filter((r) => r.enumValues).map(enumHtml)].join('\n') || '<p>无（none）</p>'}
<h2 id="examples">示例 Examples</h2>
${examples.map((e) => `<details${e.valid ? ' open' : ''}><summary>${e.valid ? '有效 valid' : '无效 invalid'}: ${escapeHtml(e.name)}</summary><pre><code>${escapeHtml(e.text)}</code></pre></details>`).join('\n') || '<p>无（none）</p>'}
<h2 id="changes">与上一版本相比 Compared with the previous version</h2>
${diff ? changeTable(diff) : '<p>首个版本（first version）</p>'}`;
      files.push({
        path: `${entity}/${v.version}.schema.json`,
        content: `${JSON.stringify(schema, null, 2)}\n`,
      });
      files.push({
        path: `${entity}/${v.version}.html`,
        content: page(`${entity} ${v.version} — GDS`, 1, body, index),
      });

      const md = [
        `# ${str(schema.title)} (${str(en.title)}) ${v.version}`,
        '',
        str(schema.description),
        '',
        `\`${str(schema.$id)}\``,
        '',
        '## Fields',
        '',
        '| path | type | required | 中文 | English | code list | data class | sensitivity | sharing | source | since |',
        '|---|---|---|---|---|---|---|---|---|---|---|',
        ...rows.map(
          (r) =>
            `| \`${escapeCell(r.path)}\`${r.deprecated ? ` (deprecated ${escapeCell(r.deprecated)})` : ''} | ${escapeCell(r.type)} | ${requiredMd(r)} | ${escapeCell(r.zh)} | ${escapeCell(r.en)} | ${r.codeList ? `[${r.codeList.list}](#code-list-${r.codeList.list}) (${r.codeList.closed ? 'closed' : 'open'})` : r.enumValues ? `enum: ${r.enumValues.map((e) => `\`${escapeCell(e.value)}\``).join(', ')}` : ''} | ${r.dataClass} | ${r.sensitivity} | ${r.sharing} | ${r.source} | ${r.since} |`,
        ),
        '',
        REQUIRED_NOTE_MD,
        '',
        '## Code lists',
        '',
        ...[...bindings.keys()].flatMap((id) => {
          const list = v.codeLists[id];
          if (!list) return [`### Code list ${id}`, '', 'missing', ''];
          return [
            `### Code list ${id}`,
            '',
            '| code | 中文 | English | deprecated |',
            '|---|---|---|---|',
            ...list.entries.map(
              (e) =>
                `| ${escapeCell(e.code)} | ${escapeCell(e.zh)} | ${escapeCell(e.en)} | ${e.deprecated ? 'yes' : ''} |`,
            ),
            '',
          ];
        }),
        ...rows
          .filter((r) => r.enumValues)
          .flatMap((r) => [
            `### Inline enumeration \`${escapeCell(r.path)}\` (closed)`,
            '',
            '| value | 中文 | English |',
            '|---|---|---|',
            ...r.enumValues!.map(
              (e) => `| \`${escapeCell(e.value)}\` | ${escapeCell(e.zh)} | ${escapeCell(e.en)} |`,
            ),
            '',
          ]),
        '## Examples',
        '',
        ...examples.flatMap((e) => [
          `### ${e.valid ? 'valid' : 'invalid'}: ${e.name}`,
          '',
          '```json',
          e.text,
          '```',
          '',
        ]),
        '## Compared with the previous version',
        '',
        diff ? changeMd(diff) : 'First version.\n',
      ];
      files.push({ path: `${entity}/${v.version}.md`, content: `${md.join('\n')}\n` });
    });
  }
  files.push({
    path: 'index.html',
    content: page(
      'GDS 标准 Standards',
      0,
      `<h1>GDS 标准 <span class="en">Standards</span></h1>
<table class="standards"><thead><tr><th>标准 standard</th><th>名称 title</th><th>版本 versions</th></tr></thead><tbody>
${indexRows.join('\n')}
</tbody></table>`,
      index,
    ),
  });
  files.push({ path: 'README.md', content: `${indexMd.join('\n')}\n` });
  files.push({ path: 'style.css', content: DOCS_CSS });
  files.push({ path: 'search.js', content: DOCS_JS });
  return files;
}
