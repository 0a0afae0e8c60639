// The dashboard: stations by status, level, host type and town-street; today's check-ins; open
// reports (GET /api/v1/admin/dashboard, limited to the caller's scope).
(function () {
  'use strict';
  var hostLabels = { bank: '银行', gas_station: '加油站', post_express: '邮政快递', community_center: '党群服务中心',
    sanitation: '环卫', union: '工会自建', commercial: '商超商户', transit: '车站', government: '政府机关',
    enterprise: '企业', other: '其他', unknown: '未填写' };

  function bars(el, rows) {
    var max = rows.reduce(function (m, r) { return Math.max(m, r[1]); }, 0) || 1;
    rows.forEach(function (r) {
      var fill = YZA.h('span', 'w' + (r[1] > 0 ? Math.max(1, Math.round(10 * r[1] / max)) : 0));
      el.appendChild(YZA.h('div', 'row', [YZA.h('span', null, r[0]), YZA.h('div', 'bar', fill), YZA.h('strong', null, String(r[1]))]));
    });
  }
  function fromObject(o, labels) {
    return Object.keys(o).map(function (k) { return [labels[k] || k, o[k]]; });
  }

  YZA.boot(function () {
    YZA.api('GET', '/api/v1/admin/dashboard').then(function (r) {
      if (r.status !== 200) return;
      var d = r.body;
      var stats = YZA.$('stats');
      [[d.stations, '站点'], [d.checkins_today, '今日签到'], [d.open_reports, '待处理报修'], [d.amenities_out_of_order, '损坏或缺失设施']]
        .forEach(function (s) {
          stats.appendChild(YZA.h('div', 'card', [YZA.h('div', 'stat', String(s[0])), YZA.h('div', 'stat-label', s[1])]));
        });
      bars(YZA.$('by-status'), fromObject(d.by_status, YZA.labels.status));
      bars(YZA.$('by-level'), fromObject(d.by_level, YZA.labels.level));
      bars(YZA.$('by-host'), fromObject(d.by_host_type, hostLabels));
      bars(YZA.$('by-region'), d.by_region.map(function (x) { return [x.name || '（未填写）', x.stations]; }));
    });
  });
})();
