// Maintenance tickets in scope: the list with filters, and one ticket's detail with the steps the
// caller may take (派单, 开始维修, 等配件, 标记修好, 验收, 不予处理, 合并到重复的单).
(function () {
  'use strict';
  var $ = YZA.$;
  var current = null;

  function due(t) {
    if (!t.due_at_ms) return YZA.h('span', 'muted', '无时限');
    var text = YZA.time(t.due_at_ms);
    return t.overdue ? YZA.badge('closed', '超时 ' + text) : YZA.h('span', 'small', text);
  }
  function who(t) {
    var parts = [];
    if (t.team_name) parts.push(t.team_name);
    if (t.assignee) parts.push(t.assignee);
    return parts.join(' · ') || '—';
  }
  function problem(t) { return t.category_label + (t.amenity_label ? '：' + t.amenity_label : ''); }
  function badge(t) {
    var kind = t.open ? (t.status === 'new' ? 'planned' : 'in_progress') : (t.status === 'rejected' || t.status === 'merged' ? 'closed' : 'resolved');
    return YZA.badge(kind, t.status_label);
  }

  function load() {
    var params = new URLSearchParams();
    if ($('station').value.trim()) params.set('station', $('station').value.trim());
    if ($('status').value) params.set('status', $('status').value);
    if ($('overdue').checked) params.set('overdue', '1');
    if ($('mine').checked) params.set('mine', '1');
    YZA.api('GET', '/api/v1/admin/tickets?' + params.toString()).then(function (r) {
      var rows = YZA.clear($('rows'));
      if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
      $('message').hidden = true;
      r.body.tickets.forEach(function (t) {
        var open = YZA.h('a', null, t.number);
        open.href = '#' + t.id;
        open.addEventListener('click', function (e) { e.preventDefault(); show(t.id); });
        var station = YZA.h('a', null, t.station_name || t.station_code);
        station.href = '/admin/stations/' + encodeURIComponent(t.station_code);
        rows.appendChild(YZA.h('tr', t.overdue ? 'overdue' : null, [
          YZA.h('td', null, open), YZA.h('td', 'small', YZA.time(t.at_ms)), YZA.h('td', null, station),
          YZA.h('td', null, problem(t)), YZA.h('td', null, t.description), YZA.h('td', null, badge(t)),
          YZA.h('td', null, due(t)), YZA.h('td', 'small', who(t))
        ]));
      });
      if (!r.body.tickets.length) rows.appendChild(YZA.h('tr', null, YZA.h('td', 'muted', '没有工单。')));
    });
  }

  function fact(dl, label, value) {
    dl.appendChild(YZA.h('dt', null, label));
    dl.appendChild(YZA.h('dd', null, value));
  }

  // One step: a button, and for some a field (a person or team, a reason, a note).
  function act(action, extra) {
    var body = { action: action, version: current.version };
    Object.keys(extra || {}).forEach(function (k) { body[k] = extra[k]; });
    YZA.api('POST', '/api/v1/admin/tickets/' + encodeURIComponent(current.id) + '/actions', body).then(function (r) {
      if (r.status !== 200) { YZA.message($('action-message'), 'error', YZA.errorText(r.status, r.body)); return; }
      YZA.message($('action-message'), 'ok', '已保存：' + r.body.status_label);
      render(r.body);
      load();
    });
  }

  function assignForm(box) {
    if (!YZA.can('GET /api/v1/admin/tickets/{id}/assignees')) return;
    YZA.api('GET', '/api/v1/admin/tickets/' + encodeURIComponent(current.id) + '/assignees').then(function (r) {
      if (r.status !== 200) return;
      var select = YZA.h('select');
      select.id = 'assign-to';
      select.setAttribute('aria-label', '派给');
      select.appendChild(YZA.h('option', null, '选择维修人员或维修队'));
      r.body.teams.forEach(function (t) { var o = YZA.h('option', null, '维修队：' + t.name); o.value = 'team:' + t.id; select.appendChild(o); });
      r.body.maintainers.forEach(function (m) { var o = YZA.h('option', null, '维修人员：' + m); o.value = 'user:' + m; select.appendChild(o); });
      var button = YZA.h('button', 'primary', '派单');
      button.type = 'button';
      button.id = 'assign';
      button.addEventListener('click', function () {
        var v = select.value || '';
        if (v.indexOf('team:') === 0) act('assign', { team_id: Number(v.slice(5)) });
        else if (v.indexOf('user:') === 0) act('assign', { assignee: v.slice(5) });
        else YZA.message($('action-message'), 'error', '请先选择维修人员或维修队。');
      });
      box.insertBefore(YZA.h('span', 'assign', [select, button]), box.firstChild);
    });
  }

  function button(label, action, needs) {
    var b = YZA.h('button', null, label);
    b.type = 'button';
    b.dataset.action = action;
    b.addEventListener('click', function () {
      if (!needs) return act(action);
      var note = window.prompt(needs);
      if (note === null) return;
      act(action, { note: note });
    });
    return b;
  }

  function render(t) {
    current = t;
    $('detail').hidden = false;
    $('detail-title').textContent = '报修单 ' + t.number + ' · ' + t.status_label;
    var dl = YZA.clear($('detail-facts'));
    var upkeep = YZA.h('a', null, (t.station_name || '') + '（' + t.station_code + '）');
    upkeep.href = '/admin/stations/' + encodeURIComponent(t.station_code) + '/upkeep';
    fact(dl, '站点', upkeep);
    fact(dl, '问题', problem(t));
    fact(dl, '内容', t.description);
    fact(dl, '来源', t.source_label);
    fact(dl, '报修时间', YZA.time(t.at_ms));
    fact(dl, '应修好', t.due_at_ms ? YZA.time(t.due_at_ms) + (t.overdue ? '（已超时）' : '') : '无时限');
    fact(dl, '负责', who(t));
    if (t.status_note) fact(dl, '说明', t.status_note);
    if (t.worker_verdict) fact(dl, '报修人确认', t.worker_verdict === 'fixed' ? '修好了' : '还没修好');

    var photos = YZA.clear($('detail-photos'));
    (t.photos || []).forEach(function (p) {
      var img = YZA.h('img');
      img.src = p.url;
      img.alt = p.kind_label;
      photos.appendChild(YZA.h('figure', null, [img, YZA.h('figcaption', null, p.kind_label + ' · ' + YZA.time(p.at_ms))]));
    });

    var dup = YZA.clear($('duplicates'));
    if (t.likely_duplicates && t.likely_duplicates.length) {
      dup.appendChild(YZA.h('p', 'message', '同一站点同一设施还有未办结的报修单，可能是同一个问题：'));
      t.likely_duplicates.forEach(function (d) {
        var merge = YZA.h('button', null, '合并到 ' + d.number);
        merge.type = 'button';
        merge.addEventListener('click', function () { act('merge', { into: d.id }); });
        dup.appendChild(YZA.h('p', null, [YZA.h('span', null, d.number + ' · ' + YZA.time(d.at_ms) + ' · ' + d.description + ' '), merge]));
      });
    }

    var box = YZA.clear($('detail-actions'));
    var manager = YZA.can('GET /api/v1/admin/tickets/{id}/assignees');
    var s = t.status;
    if (manager && ['new', 'assigned', 'in_progress', 'waiting_parts', 'resolved'].indexOf(s) >= 0) assignForm(box);
    if (s === 'assigned' || s === 'waiting_parts') box.appendChild(button('开始维修', 'start'));
    if (s === 'in_progress') box.appendChild(button('等配件', 'wait_parts', '缺什么配件？'));
    if (['assigned', 'in_progress', 'waiting_parts'].indexOf(s) >= 0) box.appendChild(button('标记修好', 'resolve', '怎么修好的？（可不填）'));
    if (manager && s === 'resolved') box.appendChild(button('验收', 'verify'));
    if (manager && t.open) box.appendChild(button('不予处理', 'reject', '不予处理的理由：'));
    if (!box.firstChild && !manager) box.appendChild(YZA.h('span', 'muted', '这张单现在没有您可做的处理。'));

    var list = YZA.clear($('history'));
    (t.history || []).forEach(function (e) {
      var label = { opened: '报修', assign: '派单', start: '开始维修', wait_parts: '等配件', resolve: '标记修好',
        verify: '验收', reject: '不予处理', merge: '合并', worker_fixed: '报修人确认修好', worker_not_fixed: '报修人说没修好', overdue: '超过服务时限' }[e.action] || e.action;
      var actor = e.actor === 'worker' ? '报修人' : e.actor === 'system' ? '系统' : e.actor;
      list.appendChild(YZA.h('li', null, YZA.time(e.at_ms) + ' ' + actor + ' ' + label + ' → ' + e.status_label + (e.note ? '：' + e.note : '')));
    });
  }

  function show(id) {
    YZA.api('GET', '/api/v1/admin/tickets/' + encodeURIComponent(id)).then(function (r) {
      if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
      $('action-message').hidden = true;
      render(r.body);
      $('detail').scrollIntoView();
    });
  }

  YZA.boot(function () {
    $('station').value = YZA.query('station');
    if (YZA.query('status')) $('status').value = YZA.query('status');
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    load();
    if (window.location.hash.length > 1) show(window.location.hash.slice(1));
  });
})();
