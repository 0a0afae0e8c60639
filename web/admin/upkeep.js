// The overdue board (per region one level down and per team, with the on-time rate of the last
// 30 days), the city's service levels and the maintenance teams.
(function () {
  'use strict';
  var $ = YZA.$;

  function rate(counts, key) {
    var c = (counts || []).filter(function (x) { return x.key === key; })[0];
    if (!c || !c.resolved) return '—';
    return Math.round(100 * c.on_time / c.resolved) + '%（' + c.on_time + '/' + c.resolved + '）';
  }
  function lines(tbody, items, counts, name) {
    YZA.clear(tbody);
    items.forEach(function (l) {
      tbody.appendChild(YZA.h('tr', l.overdue ? 'overdue' : null, [
        YZA.h('td', null, name(l.key)), YZA.h('td', null, String(l.open)),
        YZA.h('td', null, l.overdue ? YZA.badge('closed', String(l.overdue)) : '0'),
        YZA.h('td', 'small', l.oldest_due_ms ? YZA.time(l.oldest_due_ms) : '—'),
        YZA.h('td', null, rate(counts, l.key))
      ]));
    });
    if (!items.length) tbody.appendChild(YZA.h('tr', null, YZA.h('td', 'muted', '没有未办结的工单。')));
  }

  function load() {
    var region = $('region').value.trim();
    YZA.api('GET', '/api/v1/admin/upkeep/board' + (region ? '?region=' + encodeURIComponent(region) : '')).then(function (r) {
      if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
      $('message').hidden = true;
      var teams = {};
      r.body.teams.forEach(function (t) { teams[String(t.id)] = t.name; });
      lines($('regions'), r.body.by_region, r.body.on_time_by_region, function (k) { return k || '（未填区域）'; });
      lines($('teams'), r.body.by_team, r.body.on_time_by_team, function (k) { return k ? (teams[k] || '维修队 ' + k) : '（未派给维修队）'; });
      var list = YZA.clear($('team-list'));
      r.body.teams.forEach(function (t) {
        list.appendChild(YZA.h('tr', null, [YZA.h('td', null, t.name), YZA.h('td', null, t.region), YZA.h('td', 'small', t.members.join('、') || '—')]));
      });
    });
    YZA.api('GET', '/api/v1/admin/service-levels').then(function (r) {
      if (r.status !== 200) return;
      var body = YZA.clear($('levels'));
      r.body.levels.forEach(function (l) {
        body.appendChild(YZA.h('tr', null, [
          YZA.h('td', null, l.category_label), YZA.h('td', null, l.amenity_label || '全部'),
          YZA.h('td', null, l.months.length ? l.months.join('、') + ' 月' : '全年'), YZA.h('td', null, String(l.hours))
        ]));
      });
    });
  }

  function loadDue() {
    if (!YZA.can('GET /api/v1/admin/inspections/due')) return;
    YZA.api('GET', '/api/v1/admin/inspections/due').then(function (r) {
      if (r.status !== 200) return;
      $('due-card').hidden = false;
      $('due-hint').textContent = '每 ' + r.body.interval_days + ' 天至少暗访一次；从没去过的排在最前。共 ' + r.body.stations.length + ' 个站点。';
      var rows = YZA.clear($('due'));
      r.body.stations.slice(0, 30).forEach(function (s) {
        var a = YZA.h('a', null, s.name);
        a.href = '/admin/stations/' + encodeURIComponent(s.code) + '/upkeep';
        rows.appendChild(YZA.h('tr', null, [YZA.h('td', null, a), YZA.h('td', null, s.region), YZA.h('td', 'small', s.last_at_ms ? YZA.time(s.last_at_ms) : '从未')]));
      });
    });
  }

  YZA.boot(function () {
    loadDue();
    $('region').value = YZA.query('region');
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    load();
  });
})();
