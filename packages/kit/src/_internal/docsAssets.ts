/** The stylesheet of the documentation site: system fonts, no external resource. */
export const DOCS_CSS = `:root { --ink: #1d2533; --muted: #5b6472; --line: #d8dde6; --accent: #2b4c7e; --bad: #b42318; --bg: #f7f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #fff; }
header.site { display: flex; gap: 1rem; align-items: center; padding: .6rem 1.2rem; background: var(--accent); color: #fff; position: sticky; top: 0; z-index: 2; }
header.site a.home { color: #fff; font-weight: 600; text-decoration: none; }
form.search { position: relative; margin-left: auto; }
form.search input { width: 22rem; max-width: 60vw; padding: .35rem .6rem; border-radius: 4px; border: 0; font: inherit; }
#gds-search-results { position: absolute; right: 0; top: 2.3rem; width: 30rem; max-width: 90vw; max-height: 60vh; overflow: auto; margin: 0; padding: .3rem 0; list-style: none; background: #fff; color: var(--ink); border: 1px solid var(--line); border-radius: 4px; box-shadow: 0 6px 18px rgba(0,0,0,.15); }
#gds-search-results li a { display: block; padding: .3rem .8rem; color: var(--ink); text-decoration: none; }
#gds-search-results li a:hover { background: var(--bg); }
#gds-search-results small { color: var(--muted); display: block; }
main { padding: 1rem 1.6rem 3rem; max-width: 1400px; }
h1 .version { font-size: .7em; color: var(--muted); margin-left: .4rem; }
.en { color: var(--muted); }
.badge { display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 3px; background: #fde68a; color: #5c3d00; }
.badge.open { background: #d1fae5; color: #064e3b; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1.2rem; font-size: .88rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--bg); }
.table-wrap { overflow-x: auto; }
tr.deprecated td { color: var(--muted); }
td.breaking { color: var(--bad); font-weight: 600; }
.verdict { margin: .4rem 0; }
figure.diagram { margin: 0; overflow-x: auto; border: 1px solid var(--line); border-radius: 6px; padding: .6rem; background: var(--bg); }
figure.diagram figcaption { color: var(--muted); font-size: .8rem; }
pre { background: var(--bg); padding: .6rem; border-radius: 4px; overflow-x: auto; }
#field-filter { padding: .3rem .5rem; width: 18rem; font: inherit; }
nav.crumbs { color: var(--muted); margin-bottom: .4rem; }
`;

/** The search box script: filters the field table and searches the embedded index. No network access. */
export const DOCS_JS = `(function () {
  'use strict';
  var data = document.getElementById('gds-search-index');
  var entries = [];
  var base = '';
  if (data) {
    try { entries = JSON.parse(data.textContent || '[]'); } catch (e) { entries = []; }
    base = data.getAttribute('data-base') || '';
  }
  var input = document.getElementById('gds-search');
  var list = document.getElementById('gds-search-results');
  function render(q) {
    if (!list) return;
    list.textContent = '';
    q = q.trim().toLowerCase();
    if (!q) { list.hidden = true; return; }
    var hits = entries.filter(function (e) { return (e.t + ' ' + e.d).toLowerCase().indexOf(q) >= 0; }).slice(0, 30);
    hits.forEach(function (e) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = base + e.u;
      a.textContent = e.t;
      var small = document.createElement('small');
      small.textContent = e.d;
      a.appendChild(small);
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!hits.length) {
      var none = document.createElement('li');
      none.textContent = '无结果 no results';
      list.appendChild(none);
    }
    list.hidden = false;
  }
  if (input) input.addEventListener('input', function () { render(input.value); });
  var filter = document.getElementById('field-filter');
  var table = document.getElementById('field-table');
  if (filter && table) {
    filter.addEventListener('input', function () {
      var q = filter.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== '' && row.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }
})();
`;
