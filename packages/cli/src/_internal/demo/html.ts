import { DEPARTMENTS, type DemoSummary } from './model.js';

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const names = (id: string) => DEPARTMENTS[id as keyof typeof DEPARTMENTS] ?? { zh: id, en: id };
const fmt = (n: number) => n.toLocaleString('en');

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least `max`. */
function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  max: number;
}

/** Horizontal grid lines with their values, and the y scale of a frame. */
function axis(f: Frame): { y: (v: number) => number; svg: string } {
  const plot = f.height - f.top - f.bottom;
  const y = (v: number) => f.top + plot - (v / f.max) * plot;
  let svg = '';
  for (let i = 0; i <= 4; i++) {
    const v = (f.max * i) / 4;
    svg += `<line class="grid" x1="${f.left}" x2="${f.width - f.right}" y1="${y(v)}" y2="${y(v)}"/>`;
    svg += `<text class="tick" x="${f.left - 6}" y="${y(v) + 4}" text-anchor="end">${esc(fmt(Math.round(v)))}</text>`;
  }
  return { y, svg };
}

/** Grouped bars: accepted and rejected rows of each department's conversion. */
export function rowsChart(conversions: DemoSummary['conversions']): string {
  const f: Frame = { width: 640, height: 300, left: 48, right: 16, top: 28, bottom: 56, max: 0 };
  f.max = niceMax(Math.max(0, ...conversions.map((c) => Math.max(c.rowsAccepted, c.rowsRejected))));
  const { y, svg: grid } = axis(f);
  const group = (f.width - f.left - f.right) / Math.max(1, conversions.length);
  const barW = Math.min(48, group * 0.3);
  let bars = '';
  conversions.forEach((c, i) => {
    const x0 = f.left + group * i + group / 2;
    const n = names(c.department);
    const bar = (kind: 'accepted' | 'rejected', v: number, x: number) => {
      const top = y(v);
      const h = y(0) - top;
      return (
        `<rect class="bar ${kind}" data-department="${esc(c.department)}" data-value="${v}" x="${x}" y="${top}" width="${barW}" height="${h}">` +
        `<title>${esc(`${n.zh} ${n.en}: ${v} ${kind === 'accepted' ? '接受 accepted' : '拒绝 rejected'}`)}</title></rect>` +
        `<text class="value" x="${x + barW / 2}" y="${top - 5}" text-anchor="middle">${v}</text>`
      );
    };
    bars += bar('accepted', c.rowsAccepted, x0 - barW - 2);
    bars += bar('rejected', c.rowsRejected, x0 + 2);
    bars += `<text class="label" x="${x0}" y="${f.height - f.bottom + 18}" text-anchor="middle">${esc(n.zh)}</text>`;
    bars += `<text class="label en" x="${x0}" y="${f.height - f.bottom + 34}" text-anchor="middle">${esc(n.en)}</text>`;
  });
  const legend =
    `<rect class="bar accepted legend" x="${f.left}" y="6" width="12" height="12"/><text class="tick" x="${f.left + 16}" y="16">接受 accepted</text>` +
    `<rect class="bar rejected legend" x="${f.left + 120}" y="6" width="12" height="12"/><text class="tick" x="${f.left + 136}" y="16">拒绝 rejected</text>`;
  return `<svg id="chart-rows" class="chart" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="各部门接受与拒绝的行数 Accepted and rejected rows per department">${grid}${legend}${bars}<line class="baseline" x1="${f.left}" x2="${f.width - f.right}" y1="${y(0)}" y2="${y(0)}"/></svg>`;
}

/** The log's growth: tree size after each batch, from an empty log. */
export function growthChart(batches: DemoSummary['ledger']['batches']): string {
  const f: Frame = { width: 640, height: 300, left: 48, right: 56, top: 28, bottom: 56, max: 0 };
  f.max = niceMax(Math.max(0, ...batches.map((b) => b.size)));
  const { y, svg: grid } = axis(f);
  const step = (f.width - f.left - f.right) / Math.max(1, batches.length);
  const x = (i: number) => f.left + step * i;
  const points = [`${x(0)},${y(0)}`, ...batches.map((b, i) => `${x(i + 1)},${y(b.size)}`)];
  let marks = `<text class="label en" x="${x(0)}" y="${f.height - f.bottom + 18}" text-anchor="middle">0</text>`;
  batches.forEach((b, i) => {
    const n = names(b.department);
    const label = b.label === 'disclosure' ? '披露 disclosure' : n.zh;
    marks +=
      `<circle class="point" data-size="${b.size}" cx="${x(i + 1)}" cy="${y(b.size)}" r="5">` +
      `<title>${esc(`${label}: +${b.entries} → ${b.size}`)}</title></circle>` +
      `<text class="value" x="${x(i + 1)}" y="${y(b.size) - 9}" text-anchor="middle">${b.size}</text>` +
      `<text class="label" x="${x(i + 1)}" y="${f.height - f.bottom + 18}" text-anchor="middle">${esc(label)}</text>` +
      `<text class="label en" x="${x(i + 1)}" y="${f.height - f.bottom + 34}" text-anchor="middle">+${b.entries}</text>`;
  });
  return `<svg id="chart-growth" class="chart" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="账本增长 Log growth">${grid}<polyline class="growth" points="${points.join(' ')}"/>${marks}</svg>`;
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2933;background:#f7f8fa}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:.2em 0}h2{font-size:1.2rem;margin-top:2em;border-bottom:1px solid #d9dee5;padding-bottom:.3em}
.en{color:#52606d;font-weight:normal}
table{border-collapse:collapse;width:100%;background:#fff;margin:.5em 0}
th,td{border:1px solid #d9dee5;padding:6px 8px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
code{font-size:.9em;word-break:break-all}
.chart{width:100%;max-width:640px;height:auto;background:#fff;border:1px solid #d9dee5}
.chart .grid{stroke:#e4e7eb}.chart .baseline{stroke:#7b8794}
.chart .tick,.chart .label,.chart .value{font-size:11px;fill:#3e4c59}.chart .label.en{fill:#7b8794}
.chart .bar.accepted{fill:#2f855a}.chart .bar.rejected{fill:#c53030}
.chart .growth{fill:none;stroke:#2b6cb0;stroke-width:2}.chart .point{fill:#2b6cb0}
.ok{color:#2f855a;font-weight:bold}.fail{color:#c53030;font-weight:bold}
.note{background:#fffbea;border:1px solid #f0d98c;padding:8px 12px}
`;

/** A link to a file of the demo folder, relative to the report. */
type Href = (file: string) => string;

function row(cells: Array<string | number>, numeric: boolean[] = []): string {
  return `<tr>${cells.map((c, i) => (numeric[i] ? `<td class="n">${esc(c)}</td>` : `<td>${esc(c)}</td>`)).join('')}</tr>`;
}

const link = (href: Href, file: string) => `<a href="${esc(href(file))}"><code>${esc(file)}</code></a>`;

/**
 * The demo's report: one self-contained HTML file (inline CSS and SVG, no script, nothing loaded from
 * anywhere, which its Content-Security-Policy enforces), bilingual headings, every value escaped.
 */
export function renderReport(s: DemoSummary, href: Href): string {
  const conv = s.conversions;
  const totals = conv.reduce(
    (t, c) => ({ read: t.read + c.rowsRead, ok: t.ok + c.rowsAccepted, no: t.no + c.rowsRejected }),
    { read: 0, ok: 0, no: 0 },
  );
  const figures: Array<[string, string, string | number]> = [
    ['读取行数', 'rows read', totals.read],
    ['接受行数', 'rows accepted', totals.ok],
    ['拒绝行数', 'rows rejected', totals.no],
    ['黄金记录', 'golden records', s.merge.golden],
    ['来自多个部门的黄金记录', 'golden records from several departments', s.merge.multiDepartment],
    ['合并冲突', 'merge conflicts', s.merge.conflicts],
    ['密钥', 'keys', s.keys.keys],
    ['签名信封', 'signed envelopes', s.signing.envelopes],
    ['账本树大小', 'ledger tree size', s.ledger.size],
    ['副署见证人', 'cosigning witnesses', s.witnesses.cosigners.join(', ') || '-'],
    ['共享记录', 'records shared', `${s.share.recordsShared}/${s.share.recordsOffered}`],
    ['回执离线验证', 'receipt verified offline', s.receipt.verified ? '✓' : '✗'],
  ];
  const mergeNote =
    s.merge.multiDepartment === 0
      ? `<p class="note">三个部门的官方样例中没有同一居民（身份证号无重合），因此没有跨部门合并的字段，也没有冲突。<br><span class="en">No resident appears in more than one department's official sample (no shared ID number), so no fields were merged across departments and there are no conflicts.</span></p>`
      : '';
  const verdict = s.receipt.verified
    ? '<p class="ok" id="receipt-verdict">✓ 有效 valid</p>'
    : '<p class="fail" id="receipt-verdict">✗ 无效 invalid</p>';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>GDS 演示报告 · GDS demo report</title>
<style>${STYLE}</style>
</head>
<body><main>
<h1>GDS 演示报告 <span class="en">GDS demo report</span></h1>
<p>生成于 <span class="en">created</span> ${esc(s.createdAt)} · 用时 <span class="en">took</span> ${esc((s.durationMs / 1000).toFixed(1))} s · 目录 <span class="en">folder</span> <code>${esc(s.dir)}</code></p>

<h2>概览 <span class="en">Figures</span></h2>
<table id="figures"><tbody>
${figures.map(([zh, en, v]) => `<tr><th>${esc(zh)} <span class="en">${esc(en)}</span></th><td class="n">${esc(v)}</td></tr>`).join('\n')}
</tbody></table>

<h2>各部门接受与拒绝的行数 <span class="en">Accepted and rejected rows per department</span></h2>
${rowsChart(conv)}
<table id="conversions"><thead><tr><th>部门 <span class="en">department</span></th><th>映射 <span class="en">mapping</span></th><th>读取 <span class="en">read</span></th><th>接受 <span class="en">accepted</span></th><th>拒绝 <span class="en">rejected</span></th><th>空行 <span class="en">blank</span></th><th>报告 <span class="en">report</span></th></tr></thead><tbody>
${conv
  .map(
    (c) =>
      `<tr><td>${esc(names(c.department).zh)} <span class="en">${esc(names(c.department).en)}</span></td><td><code>${esc(c.mapping)}</code><br>${esc(c.input)}</td><td class="n">${c.rowsRead}</td><td class="n">${c.rowsAccepted}</td><td class="n">${c.rowsRejected}</td><td class="n">${c.blankRows}</td><td>${link(href, c.report)}<br>${link(href, c.rejects)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>

<h2>黄金记录 <span class="en">Golden records</span></h2>
<table><tbody>
${row(['输入记录 input records', s.merge.records], [false, true])}
${row(['黄金记录 golden records', s.merge.golden], [false, true])}
${row(['来自多个部门 from several departments', s.merge.multiDepartment], [false, true])}
${row(['冲突 conflicts', s.merge.conflicts], [false, true])}
${row(['无匹配键 without a key', s.merge.unkeyed], [false, true])}
${row(['待核对配对 review pairs', s.merge.candidates], [false, true])}
</tbody></table>
${mergeNote}
<p>${link(href, s.merge.file)} · ${link(href, s.merge.conflictsFile)} · ${link(href, s.signing.file)}</p>

<h2>账本增长 <span class="en">Log growth</span></h2>
${growthChart(s.ledger.batches)}
<table id="batches"><thead><tr><th>批次 <span class="en">batch</span></th><th>条目 <span class="en">entries</span></th><th>树大小 <span class="en">tree size</span></th><th>根哈希 <span class="en">root hash</span></th></tr></thead><tbody>
${s.ledger.batches.map((b) => `<tr><td>${esc(b.label)}</td><td class="n">${b.entries}</td><td class="n">${b.size}</td><td><code>${esc(b.rootHash)}</code></td></tr>`).join('\n')}
</tbody></table>
<p>来源 <span class="en">origin</span> <code>${esc(s.ledger.origin)}</code> · ${link(href, s.ledger.db)} · 检查点 <span class="en">checkpoint</span> ${esc(s.witnesses.checkpointSize)} 副署 <span class="en">cosigned by</span> ${esc(s.witnesses.cosigners.join(', '))} ${s.witnesses.verified ? '<span class="ok">✓</span>' : '<span class="fail">✗</span>'} · ${link(href, s.witnesses.policy)}</p>

<h2>有条件共享 <span class="en">Conditional share</span></h2>
<table><tbody>
${row(['请求部门 requester', `${names(s.share.requester).zh} ${s.share.requester}`])}
${row(['用途 purpose', s.share.purpose])}
${row(['授权 grants', s.share.grants], [false, true])}
${row(['共享记录 records shared', `${s.share.recordsShared}/${s.share.recordsOffered}`], [false, true])}
${row(['明文字段 fields in clear', s.share.fieldsClear], [false, true])}
${row(['脱敏字段 fields masked', s.share.fieldsMasked], [false, true])}
${row(['未提供的标准字段 standard fields withheld', s.share.fieldsDropped], [false, true])}
${row(['请求方解密的记录 records opened by the requester', s.share.sealedRecordsOpened], [false, true])}
${row(['披露记录 disclosure', `${s.share.disclosureId} (#${s.share.disclosureIndex})`])}
</tbody></table>
<p>${link(href, s.share.disclosure)} · ${link(href, s.share.receipt)} · ${link(href, s.share.sealed)}</p>

<h2>回执离线验证 <span class="en">Receipt verified offline</span></h2>
${verdict}
<table id="receipt-checks"><tbody>
${s.receipt.checks.map((c) => `<tr><td>${c.ok ? '<span class="ok">✓</span>' : '<span class="fail">✗</span>'}</td><td>${esc(c.name)}</td><td>${esc(c.detail)}</td></tr>`).join('\n')}
</tbody></table>
</main></body>
</html>
`;
}
