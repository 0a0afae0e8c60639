// Workers' reports on the stations in scope, each with its status.
(function () {
  'use strict';
  var $ = YZA.$;
  function load() {
    var params = new URLSearchParams();
    if ($('station').value.trim()) params.set('station', $('station').value.trim());
    if ($('status').value) params.set('status', $('status').value);
    YZA.api('GET', '/api/v1/admin/reports?' + params.toString()).then(function (r) {
      var rows = YZA.clear($('rows'));
      if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
      $('message').hidden = true;
      r.body.reports.forEach(function (rep) {
        var select = YZA.h('select');
        select.setAttribute('aria-label', '状态');
        Object.keys(YZA.labels.reportStatus).forEach(function (k) {
          var o = YZA.h('option', null, YZA.labels.reportStatus[k]); o.value = k; select.appendChild(o);
        });
        select.value = rep.status;
        select.addEventListener('change', function () {
          YZA.api('PATCH', '/api/v1/admin/reports/' + encodeURIComponent(rep.id), { status: select.value }).then(function (x) {
            if (x.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(x.status, x.body)); select.value = rep.status; }
            else rep.status = select.value;
          });
        });
        var link = YZA.h('a', null, rep.station_name);
        link.href = '/admin/stations/' + encodeURIComponent(rep.station_code);
        rows.appendChild(YZA.h('tr', null, [
          YZA.h('td', 'small', YZA.time(rep.at_ms)), YZA.h('td', null, link), YZA.h('td', null, rep.category_label),
          YZA.h('td', 'small', rep.amenity || ''), YZA.h('td', null, rep.description), YZA.h('td', null, select)
        ]));
      });
      if (!r.body.reports.length) rows.appendChild(YZA.h('tr', null, YZA.h('td', 'muted', '没有记录。')));
    });
  }
  YZA.boot(function () {
    $('station').value = YZA.query('station');
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    load();
  });
})();
