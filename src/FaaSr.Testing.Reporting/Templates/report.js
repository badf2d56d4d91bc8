// The report's only script: sorting and filtering the test table, expanding a test's details. It reads the tests
// from the JSON block (never from HTML) and only ever sets textContent, hidden and attributes.
(function () {
  'use strict';
  var dataElement = document.getElementById('report-data');
  var data = dataElement ? JSON.parse(dataElement.textContent) : { tests: [] };
  var table = document.getElementById('test-table');
  if (!table) {
    return;
  }

  var bodies = Array.prototype.slice.call(table.tBodies);
  var filter = document.getElementById('test-filter');
  var outcome = document.getElementById('outcome-filter');
  var count = document.getElementById('test-count');
  var outcomeOrder = { failed: 0, skipped: 1, passed: 2 };
  var sortKey = null;
  var ascending = true;

  function testOf(body) {
    return data.tests[Number(body.getAttribute('data-index'))];
  }

  function applyFilter() {
    var text = filter.value.trim().toLowerCase();
    var wanted = outcome.value;
    var shown = 0;
    bodies.forEach(function (body) {
      var test = testOf(body);
      var matches = (!wanted || test.outcome === wanted)
        && (!text || (test.name + ' ' + test.className).toLowerCase().indexOf(text) >= 0);
      body.hidden = !matches;
      if (matches) {
        shown++;
      }
    });
    count.textContent = shown + ' of ' + bodies.length + ' tests';
  }

  function sortBy(header) {
    var key = header.getAttribute('data-sort');
    ascending = sortKey === key ? !ascending : true;
    sortKey = key;
    bodies.sort(function (a, b) {
      var x = testOf(a)[key];
      var y = testOf(b)[key];
      if (key === 'outcome') {
        x = outcomeOrder[x];
        y = outcomeOrder[y];
      }
      var order = typeof x === 'number' ? x - y : String(x).localeCompare(String(y));
      return ascending ? order : -order;
    });
    bodies.forEach(function (body) {
      table.appendChild(body);
    });
    Array.prototype.forEach.call(table.querySelectorAll('th[data-sort]'), function (th) {
      th.removeAttribute('aria-sort');
    });
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  }

  table.tHead.addEventListener('click', function (event) {
    var header = event.target.closest('th[data-sort]');
    if (header) {
      sortBy(header);
    }
  });

  table.addEventListener('click', function (event) {
    var row = event.target.closest('tr.test-row.expandable');
    if (!row || event.target.closest('details')) {
      return;
    }
    var detail = row.nextElementSibling;
    var opening = detail.hidden;
    detail.hidden = !opening;
    row.setAttribute('aria-expanded', String(opening));
  });

  filter.addEventListener('input', applyFilter);
  outcome.addEventListener('change', applyFilter);
  applyFilter();
}());
