(function () {
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
