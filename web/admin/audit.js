// The audit log, newest first, for the auditor.
(function () {
  'use strict';
  // "station:SG-C001" → "站点 SG-C001": the kind of object in Chinese, its id as stored.
  var kinds = { station: '站点', account: '账号', ticket: '报修单', person: '职工', region: '区域', host: '共建单位',
                shift: '班次', volunteer: '志愿者', run: '评定批次', session: '会话', report: '报修单', team: '维修队', device: '设备' };
  function objectLabel(object) {
    if (!object) return '—';
    var colon = object.indexOf(':');
    if (colon < 0) return object;
    var kind = object.slice(0, colon);
    return (kinds[kind] || kind) + ' ' + object.slice(colon + 1);
  }
  var $ = YZA.$;
  var oldest = 0;
  function load(more) {
    var params = new URLSearchParams({ limit: '100' });
    if ($('actor').value.trim()) params.set('actor', $('actor').value.trim());
    if ($('action').value.trim()) params.set('action', $('action').value.trim());
    if (more && oldest) params.set('before', String(oldest));
    YZA.api('GET', '/api/v1/admin/audit?' + params.toString()).then(function (r) {
      if (r.status !== 200) return;
      var rows = $('rows');
      if (!more) YZA.clear(rows);
      r.body.entries.forEach(function (e) {
        oldest = e.id;
        rows.appendChild(YZA.h('tr', null, [
          YZA.h('td', 'small', String(e.id)), YZA.h('td', 'small', YZA.time(e.at_ms)), YZA.h('td', null, e.actor || '—'),
          YZA.h('td', 'small', YZA.labels.role[e.role] || e.role || '—'), YZA.h('td', null, YZA.labels.action[e.action] || e.action), YZA.h('td', 'small', objectLabel(e.object)),
          YZA.h('td', 'small', e.address), YZA.h('td', null, YZA.badge(e.outcome, YZA.labels.outcome[e.outcome] || e.outcome)),
          YZA.h('td', 'small', e.detail)
        ]));
      });
      $('more').hidden = r.body.entries.length < 100;
    });
  }
  YZA.boot(function () {
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); oldest = 0; load(false); });
    $('more').addEventListener('click', function () { load(true); });
    load(false);
  });
})();
