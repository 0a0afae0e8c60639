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
      var editable = YZA.can('PUT /api/v1/admin/maintenance-teams/{id}');
      r.body.teams.forEach(function (t) {
        var edit = null;
        if (editable) {
          edit = YZA.h('button', 'small', '修改');
          edit.type = 'button';
          edit.addEventListener('click', function () { editTeam(t); });
        }
        list.appendChild(YZA.h('tr', null, [YZA.h('td', null, t.name), YZA.h('td', null, t.region), YZA.h('td', 'small', t.members.join('、') || '—'), YZA.h('td', null, edit)]));
      });
      $('team-form').hidden = !YZA.can('POST /api/v1/admin/maintenance-teams');
    });
    loadLevels();
    loadCatalogue();
  }

  // ---- service levels: the city admin edits the whole list and saves it at once ----
  var CATEGORIES = { facility: '设施损坏', supplies: '物资短缺', cleanliness: '卫生问题', safety: '安全隐患', suggestion: '意见建议', other: '其他' };
  var levels = [];
  function renderLevels() {
    var body = YZA.clear($('levels'));
    var editable = YZA.can('PUT /api/v1/admin/service-levels');
    levels.forEach(function (l, i) {
      var hours = String(l.hours), remove = null;
      if (editable) {
        hours = YZA.h('input', 'hours');
        hours.type = 'number'; hours.min = '1'; hours.max = '8760'; hours.value = String(l.hours);
        hours.setAttribute('aria-label', '时限（小时）');
        hours.addEventListener('change', function () { l.hours = Number(hours.value); });
        remove = YZA.h('button', 'small', '删除');
        remove.type = 'button';
        remove.addEventListener('click', function () { levels.splice(i, 1); renderLevels(); });
      }
      body.appendChild(YZA.h('tr', null, [
        YZA.h('td', null, CATEGORIES[l.category] || l.category),
        YZA.h('td', null, l.amenity ? ((YZ.amenities[l.amenity] || [l.amenity])[0]) : '全部'),
        YZA.h('td', null, l.months.length ? l.months.join('、') + ' 月' : '全年'), YZA.h('td', null, hours), YZA.h('td', null, remove)
      ]));
    });
    $('level-form').hidden = !editable;
  }
  function loadLevels() {
    YZA.api('GET', '/api/v1/admin/service-levels').then(function (r) {
      if (r.status !== 200) return;
      levels = r.body.levels.map(function (l) { return { category: l.category, amenity: l.amenity, months: l.months, hours: l.hours }; });
      renderLevels();
    });
  }
  function fillLevelForm() {
    Object.keys(CATEGORIES).forEach(function (c) { var o = YZA.h('option', null, CATEGORIES[c]); o.value = c; $('l-category').appendChild(o); });
    Object.keys(YZ.amenities).forEach(function (a) { var o = YZA.h('option', null, YZ.amenities[a][0]); o.value = a; $('l-amenity').appendChild(o); });
    $('l-add').addEventListener('click', function () {
      var months = $('l-months').value.split(/[,，、\s]+/).filter(Boolean).map(Number);
      if (months.some(function (m) { return !(m >= 1 && m <= 12); })) { YZA.message($('message'), 'error', '月份应为 1 到 12。'); return; }
      levels.push({ category: $('l-category').value, amenity: $('l-amenity').value || null, months: months, hours: Number($('l-hours').value) });
      renderLevels();
    });
    $('level-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var body = levels.map(function (l) { var o = { category: l.category, months: l.months, hours: l.hours }; if (l.amenity) o.amenity = l.amenity; return o; });
      YZA.api('PUT', '/api/v1/admin/service-levels', { levels: body }).then(function (r) {
        if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
        YZA.message($('message'), 'ok', '服务时限已保存；此后的报修按新的时限计时。');
        loadLevels();
      });
    });
  }

  // ---- maintenance teams ----
  var editingTeam = 0;
  function editTeam(t) {
    editingTeam = t.id;
    $('t-name').value = t.name;
    $('t-region').value = t.region;
    $('t-members').value = t.members.join(', ');
    $('t-new').hidden = false;
    $('t-name').focus();
  }
  function fillTeamForm() {
    $('t-new').addEventListener('click', function () {
      editingTeam = 0;
      $('team-form').reset();
      $('t-new').hidden = true;
    });
    $('team-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var body = { name: $('t-name').value.trim(), region: $('t-region').value.trim(),
        members: $('t-members').value.split(/[,，、\s]+/).filter(Boolean) };
      var call = editingTeam ? YZA.api('PUT', '/api/v1/admin/maintenance-teams/' + editingTeam, body)
        : YZA.api('POST', '/api/v1/admin/maintenance-teams', body);
      call.then(function (r) {
        if (r.status !== 200 && r.status !== 201) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
        YZA.message($('message'), 'ok', '维修队已保存。');
        editingTeam = 0;
        $('team-form').reset();
        $('t-new').hidden = true;
        load();
      });
    });
  }

  // ---- the city's catalogue of supplies and medicines ----
  function loadCatalogue() {
    YZA.api('GET', '/api/v1/admin/supplies/catalogue').then(function (r) {
      if (r.status !== 200) return;
      var body = YZA.clear($('catalogue'));
      var editable = YZA.can('PUT /api/v1/admin/supplies/catalogue/{code}');
      r.body.items.forEach(function (i) {
        var edit = null;
        if (editable) {
          edit = YZA.h('button', 'small', '修改');
          edit.type = 'button';
          edit.addEventListener('click', function () {
            $('c-code').value = i.code; $('c-code').readOnly = true;
            $('c-name').value = i.name; $('c-unit').value = i.unit;
            $('c-medicine').checked = i.medicine; $('c-minimum').value = String(i.default_minimum);
            $('c-name').focus();
          });
        }
        body.appendChild(YZA.h('tr', null, [YZA.h('td', null, i.name), YZA.h('td', null, i.unit), YZA.h('td', null, i.medicine ? '是' : '—'),
          YZA.h('td', null, String(i.default_minimum)), YZA.h('td', 'small muted', i.code), YZA.h('td', null, edit)]));
      });
      $('item-form').hidden = !editable;
    });
  }
  function fillItemForm() {
    $('item-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var code = $('c-code').value.trim();
      YZA.api('PUT', '/api/v1/admin/supplies/catalogue/' + encodeURIComponent(code), {
        name: $('c-name').value.trim(), unit: $('c-unit').value.trim(), medicine: $('c-medicine').checked,
        default_minimum: Number($('c-minimum').value)
      }).then(function (r) {
        if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
        YZA.message($('message'), 'ok', '已保存“' + r.body.name + '”。');
        $('item-form').reset();
        $('c-code').readOnly = false;
        loadCatalogue();
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
    fillLevelForm();
    fillTeamForm();
    fillItemForm();
    loadDue();
    $('region').value = YZA.query('region');
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    load();
  });
})();
