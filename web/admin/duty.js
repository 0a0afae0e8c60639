// The coordinator's week of a station: shifts, who holds them (name, masked phone, arrival),
// the gaps; adding a shift, confirming an arrival by hand; the city's duty rules (city admins).
(function () {
  'use strict';
  var $ = YZA.$;
  var ruleFields = { 'r-signup': 'signup_days_ahead', 'r-cancel': 'cancel_until_hours',
    'r-late': 'late_cancel_hours', 'r-noshow': 'no_show_after_minutes',
    'r-pause-after': 'pause_after_no_shows', 'r-window': 'no_show_window_days', 'r-pause': 'pause_days' };
  function localParts(iso) {
    var d = new Date(new Date(iso).getTime() + 8 * 3600 * 1000);
    var days = ['日', '一', '二', '三', '四', '五', '六'];
    var two = function (n) { return ('0' + n).slice(-2); };
    return { date: (d.getUTCMonth() + 1) + '月' + d.getUTCDate() + '日 周' + days[d.getUTCDay()],
             time: two(d.getUTCHours()) + ':' + two(d.getUTCMinutes()) };
  }
  function today() {
    var d = new Date(Date.now() + 8 * 3600 * 1000);
    return d.toISOString().slice(0, 10);
  }
  function load() {
    var code = $('station').value.trim();
    if (!code) return;
    var url = '/api/v1/admin/stations/' + encodeURIComponent(code) + '/roster?from=' +
      encodeURIComponent($('from').value || today()) + '&days=' + $('days').value;
    YZA.api('GET', url).then(function (r) {
      var rows = YZA.clear($('rows'));
      if (r.status !== 200) { YZA.message($('status'), 'error', YZA.errorText(r.status, r.body)); return; }
      YZA.clear($('status'));
      $('summary').textContent = r.body.shifts.length + ' 个班次，还缺 ' + r.body.free_places + ' 人。';
      if (!r.body.shifts.length) {
        var empty = YZA.h('td', 'small', '这段时间没有班次。');
        empty.colSpan = 6;
        rows.appendChild(YZA.h('tr', null, empty));
      }
      r.body.shifts.forEach(function (s) {
        var start = localParts(s.starts_at), end = localParts(s.ends_at);
        var people = YZA.h('td');
        if (!s.places.length) people.appendChild(YZA.h('span', 'small', '（无人报名）'));
        s.places.forEach(function (p) {
          var line = YZA.h('div', 'small', [p.name + ' ' + p.phone_masked + ' · ']);
          if (p.arrived_at) {
            line.appendChild(YZA.badge('success', (p.departed_at ? '已完成' : '已到岗') + (p.arrival_by ? '（' + p.arrival_by + '）' : '')));
          } else {
            line.appendChild(YZA.badge('in_progress', p.state_label));
            var confirm = YZA.h('button', 'small', '确认到岗');
            confirm.type = 'button';
            confirm.addEventListener('click', function () {
              YZA.api('POST', '/api/v1/admin/shifts/' + s.id + '/arrivals/' + p.volunteer_id, {}).then(function (x) {
                if (x.status === 200) load(); else YZA.message($('status'), 'error', YZA.errorText(x.status, x.body));
              });
            });
            line.appendChild(confirm);
          }
          people.appendChild(line);
        });
        var gap = s.free > 0 ? YZA.badge('failed', '缺 ' + s.free + ' 人') : YZA.badge('success', '已满');
        var tr = YZA.h('tr', s.free > 0 ? 'gap' : null, [YZA.h('td', 'nowrap', start.date),
          YZA.h('td', 'nowrap', start.time + '–' + end.time), YZA.h('td', null, s.role),
          YZA.h('td', null, s.held + ' / ' + s.needed), people, YZA.h('td', null, gap)]);
        rows.appendChild(tr);
      });
    });
  }
  function addShift(e) {
    e.preventDefault();
    var code = $('station').value.trim();
    var date = $('add-date').value;
    if (!code || !date) { YZA.message($('add-status'), 'error', '请先填写站点编码和日期。'); return; }
    var start = date + 'T' + $('add-start').value + ':00+08:00';
    var endDate = $('add-end').value <= $('add-start').value
      ? new Date(new Date(date + 'T00:00:00Z').getTime() + 86400000).toISOString().slice(0, 10) : date;
    var body = { starts_at: start, ends_at: endDate + 'T' + $('add-end').value + ':00+08:00',
                 role: $('add-role').value.trim() || '值班', needed: Number($('add-needed').value) };
    YZA.api('POST', '/api/v1/admin/stations/' + encodeURIComponent(code) + '/shifts', body).then(function (r) {
      if (r.status === 201) { YZA.message($('add-status'), 'success', '已新增班次。'); load(); }
      else YZA.message($('add-status'), 'error', YZA.errorText(r.status, r.body));
    });
  }
  function loadTemplates() {
    var code = $('station').value.trim();
    var list = YZA.clear($('templates'));
    if (!code) return;
    YZA.api('GET', '/api/v1/admin/stations/' + encodeURIComponent(code) + '/duty-templates').then(function (r) {
      if (r.status !== 200) return;
      if (!r.body.templates.length) list.appendChild(YZA.h('li', 'small', '还没有值班模板。'));
      r.body.templates.forEach(function (t) {
        var stop = YZA.h('button', 'small', '停用');
        stop.type = 'button';
        stop.addEventListener('click', function () {
          YZA.api('DELETE', '/api/v1/admin/duty-templates/' + t.id).then(function (x) {
            if (x.status === 200) loadTemplates();
            else YZA.message($('template-status'), 'error', YZA.errorText(x.status, x.body));
          });
        });
        list.appendChild(YZA.h('li', null, [t.description + '（自 ' + t.valid_from +
          (t.valid_until ? ' 至 ' + t.valid_until : ' 起') + '） ', stop]));
      });
    });
  }
  function addTemplate(e) {
    e.preventDefault();
    var code = $('station').value.trim();
    if (!code) { YZA.message($('template-status'), 'error', '请先填写站点编码。'); return; }
    var days = [];
    Array.prototype.forEach.call(document.querySelectorAll('#add-template .days input:checked'), function (i) {
      days.push(Number(i.value));
    });
    var body = { weekdays: days, start: $('t-start').value, end: $('t-end').value,
                 role: $('t-role').value.trim() || '值班', needed: Number($('t-needed').value) };
    if ($('t-until').value) body.valid_until = $('t-until').value;
    YZA.api('POST', '/api/v1/admin/stations/' + encodeURIComponent(code) + '/duty-templates', body).then(function (r) {
      if (r.status === 201) {
        YZA.message($('template-status'), 'success', '已新增：' + r.body.template.description + '。');
        loadTemplates();
        load();
      } else {
        YZA.message($('template-status'), 'error', YZA.errorText(r.status, r.body));
      }
    });
  }
  function loadGaps(e) {
    if (e) e.preventDefault();
    var list = YZA.clear($('gaps'));
    var url = '/api/v1/admin/duty/gaps?from=' + encodeURIComponent($('from').value || today()) +
      '&days=' + $('days').value + '&region=' + encodeURIComponent($('gaps-region').value.trim());
    YZA.api('GET', url).then(function (r) {
      if (r.status !== 200) { list.appendChild(YZA.h('li', 'small', YZA.errorText(r.status, r.body))); return; }
      if (!r.body.stations.length) list.appendChild(YZA.h('li', 'small', '这段时间没有缺人的班次。'));
      r.body.stations.forEach(function (g) {
        var open = YZA.h('button', 'small', g.name + '（' + g.station + '）');
        open.type = 'button';
        open.addEventListener('click', function () { $('station').value = g.station; load(); loadTemplates(); });
        list.appendChild(YZA.h('li', null, [open, ' ' + g.open_shifts + ' 个班次缺 ' + g.free_places + ' 人，最早 ' +
          localParts(g.first_gap).date + ' ' + localParts(g.first_gap).time]));
      });
    });
  }
  function hoursQuery() {
    var p = new URLSearchParams();
    if ($('h-region').value.trim()) p.set('region', $('h-region').value.trim());
    if ($('h-from').value) p.set('from', $('h-from').value);
    if ($('h-to').value) p.set('to', $('h-to').value);
    p.set('by', $('h-by').value);
    return p.toString();
  }
  function loadHours(e) {
    if (e) e.preventDefault();
    var names = { volunteer: ['志愿者', '服务站点数'], station: ['站点', '志愿者人数'],
                  region: ['区划代码', '志愿者人数'], month: ['月份', '志愿者人数'] };
    var by = $('h-by').value;
    $('h-what').textContent = names[by][0];
    $('h-others').textContent = names[by][1];
    $('h-export').href = '/api/v1/admin/volunteers/hours.xlsx?' + hoursQuery();
    YZA.api('GET', '/api/v1/admin/volunteers/hours?' + hoursQuery()).then(function (r) {
      var rows = YZA.clear($('h-rows'));
      if (r.status !== 200) { $('h-summary').textContent = YZA.errorText(r.status, r.body); return; }
      $('h-summary').textContent = r.body.from + ' 至 ' + r.body.to + '：合计 ' + (r.body.minutes / 60).toFixed(1) +
        ' 小时，' + r.body.times + ' 人次。';
      r.body.lines.forEach(function (l) {
        rows.appendChild(YZA.h('tr', null, [YZA.h('td', null, l.label + (l.phone_masked ? ' ' + l.phone_masked : '')),
          YZA.h('td', null, l.hours.toFixed(1)), YZA.h('td', null, String(l.times)), YZA.h('td', null, String(l.others))]));
      });
    });
  }
  var approvable = ['first_aid', 'legal', 'medical'];
  function loadRegister() {
    if (!YZA.can('GET /api/v1/admin/volunteers')) return;
    YZA.api('GET', '/api/v1/admin/volunteers').then(function (r) {
      if (r.status !== 200) return;
      $('register-box').hidden = false;
      var rows = YZA.clear($('register-rows'));
      r.body.volunteers.forEach(function (v) {
        var approved = v.approved_skills.map(function (s) { return s.code; });
        var cell = YZA.h('td');
        v.skills.filter(function (s) { return approvable.indexOf(s.code) >= 0; }).forEach(function (s) {
          var box = YZA.h('input');
          box.type = 'checkbox';
          box.checked = approved.indexOf(s.code) >= 0;
          box.addEventListener('change', function () {
            var next = Array.prototype.filter.call(cell.querySelectorAll('input'), function (i) { return i.checked; })
              .map(function (i) { return i.value; });
            YZA.api('PUT', '/api/v1/admin/volunteers/' + v.id + '/approved-skills', { skills: next }).then(function (x) {
              if (x.status !== 200) { box.checked = !box.checked; YZA.message($('status'), 'error', YZA.errorText(x.status, x.body)); }
            });
          });
          box.value = s.code;
          cell.appendChild(YZA.h('label', 'nowrap', [box, s.label + ' ']));
        });
        rows.appendChild(YZA.h('tr', null, [YZA.h('td', null, v.name), YZA.h('td', 'nowrap', v.phone_masked),
          YZA.h('td', null, v.region), YZA.h('td', null, v.skills.map(function (s) { return s.label; }).join('、')), cell]));
      });
    });
  }
  function loadRules() {
    if (!YZA.can('GET /api/v1/admin/volunteers/rules')) return;
    YZA.api('GET', '/api/v1/admin/volunteers/rules').then(function (r) {
      if (r.status !== 200) return;
      $('rules-box').hidden = false;
      Object.keys(ruleFields).forEach(function (id) { $(id).value = r.body[ruleFields[id]]; });
      var editable = YZA.can('PUT /api/v1/admin/volunteers/rules');
      $('save-rules').hidden = !editable;
      Object.keys(ruleFields).forEach(function (id) { $(id).disabled = !editable; });
    });
  }
  function saveRules(e) {
    e.preventDefault();
    var body = {};
    Object.keys(ruleFields).forEach(function (id) { body[ruleFields[id]] = Number($(id).value); });
    YZA.api('PUT', '/api/v1/admin/volunteers/rules', body).then(function (r) {
      if (r.status === 200) YZA.message($('rules-status'), 'success', '规则已保存。');
      else YZA.message($('rules-status'), 'error', YZA.errorText(r.status, r.body));
    });
  }
  YZA.boot(function () {
    $('from').value = today();
    $('add-date').value = today();
    $('station').value = YZA.query('station');
    $('pick').addEventListener('submit', function (e) { e.preventDefault(); load(); loadTemplates(); });
    $('add-template').addEventListener('submit', addTemplate);
    $('gaps-form').addEventListener('submit', loadGaps);
    $('hours-form').addEventListener('submit', loadHours);
    $('h-by').addEventListener('change', loadHours);
    loadHours();
    $('gaps-box').addEventListener('toggle', function () { if ($('gaps-box').open) loadGaps(); });
    $('add').addEventListener('submit', addShift);
    $('rules').addEventListener('submit', saveRules);
    load();
    loadTemplates();
    loadRules();
    loadRegister();
  });
})();
