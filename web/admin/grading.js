// Star grading (星级评定): start a run over a region, read its proposals with the reason for
// every criterion, correct a station's stars with a reason, approve or reject (someone other than
// the one who started it), and read or change the city's rules (each change a new version).
(function () {
  'use strict';
  var $ = YZA.$;
  var WORDS = ['零星', '一星', '二星', '三星', '四星', '五星'];
  var current = null;   // the run shown
  var after = '';       // paging of its proposals
  var measures = [];    // [{code, label, unit}]

  function stars(n) {
    var text = '';
    for (var i = 0; i < 5; i++) text += i < n ? '★' : '☆';
    return YZA.h('span', 'stars', [YZA.h('span', 'grade-glyphs', text), ' ', WORDS[n] || '']);
  }
  function fail(r) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); }
  function ok(text) { YZA.message($('message'), 'ok', text); }
  function label(code) {
    var m = measures.filter(function (x) { return x.code === code; })[0];
    return m ? m.label + (m.unit ? '（' + m.unit + '）' : '') : code;
  }

  function loadRuns() {
    return YZA.api('GET', '/api/v1/admin/grading/runs').then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      var body = YZA.clear($('runs'));
      r.body.runs.forEach(function (run) {
        var open = YZA.h('a', null, '第 ' + run.id + ' 次');
        open.href = '#run-' + run.id;
        open.addEventListener('click', function (e) { e.preventDefault(); openRun(run); });
        body.appendChild(YZA.h('tr', null, [
          YZA.h('td', null, open), YZA.h('td', null, run.first_month + ' 至 ' + run.last_month),
          YZA.h('td', null, run.region || '全部'), YZA.h('td', null, String(run.stations)),
          YZA.h('td', 'small', run.by_stars.join(' / ')),
          YZA.h('td', null, YZA.badge(run.status === 'approved' ? 'success' : (run.status === 'rejected' ? 'failed' : 'in_progress'), run.status_label)),
          YZA.h('td', 'small', run.created_by + ' ' + YZA.time(run.created_at_ms)),
          YZA.h('td', 'small', run.reviewed_by ? run.reviewed_by + ' ' + YZA.time(run.reviewed_at_ms) + (run.review_note ? '：' + run.review_note : '') : '—')
        ]));
      });
      if (!r.body.runs.length) body.appendChild(YZA.h('tr', null, YZA.h('td', 'muted', '还没有评定过。')));
    });
  }

  function openRun(run) {
    current = run;
    after = '';
    $('run-card').hidden = false;
    $('detail-card').hidden = true;
    $('run-title').textContent = '第 ' + run.id + ' 次评定（' + run.status_label + '）';
    $('run-hint').textContent = '期间 ' + run.first_month + ' 至 ' + run.last_month + '，区域 ' + (run.region || '全部') +
      '，第 ' + run.rules_version + ' 版评星标准，共 ' + run.stations + ' 个站点。点站点名看每项指标的得分和理由。';
    var reviewable = run.status === 'proposed' && YZA.can('POST /api/v1/admin/grading/runs/{id}/approve');
    $('review').hidden = !reviewable;
    YZA.clear($('proposals'));
    loadProposals();
  }

  function loadProposals() {
    var url = '/api/v1/admin/grading/runs/' + current.id + '/proposals?limit=100' +
      (after ? '&after=' + encodeURIComponent(after) : '') + ($('changed-only').checked ? '&changed=1' : '');
    YZA.api('GET', url).then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      var body = $('proposals');
      r.body.proposals.forEach(function (p) {
        var name = YZA.h('a', null, p.name || p.station_code);
        name.href = '#' + p.station_code;
        name.addEventListener('click', function (e) { e.preventDefault(); openDetail(p.station_code); });
        var proposed = [stars(p.final_stars)];
        if (p.override_stars !== null) proposed.push(YZA.h('div', 'small muted', '按标准为' + WORDS[p.stars] + '，已调整：' + p.override_reason));
        body.appendChild(YZA.h('tr', null, [
          YZA.h('td', null, name), YZA.h('td', null, p.region),
          YZA.h('td', null, p.previous_stars === null ? '未评' : stars(p.previous_stars)),
          YZA.h('td', null, proposed), YZA.h('td', null, String(p.points)),
          YZA.h('td', 'small', p.held_back.join('；') || '—')
        ]));
      });
      if (!body.firstChild) body.appendChild(YZA.h('tr', null, YZA.h('td', 'muted', '没有站点。')));
      after = r.body.next_after || '';
      $('more').hidden = !r.body.next_after;
    });
  }

  function openDetail(code) {
    YZA.api('GET', '/api/v1/admin/grading/runs/' + current.id + '/proposals/' + encodeURIComponent(code)).then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      var p = r.body;
      $('detail-card').hidden = false;
      $('detail-title').textContent = (p.name || p.station_code) + '：' + p.points + ' 分，建议' + WORDS[p.final_stars];
      var body = YZA.clear($('criteria'));
      p.criteria.forEach(function (c) {
        body.appendChild(YZA.h('tr', null, [YZA.h('td', null, c.label), YZA.h('td', null, c.value_text),
          YZA.h('td', null, c.points + ' / ' + c.max_points), YZA.h('td', 'small', c.explanation)]));
      });
      var held = YZA.clear($('held'));
      p.held_back.forEach(function (h) { held.appendChild(YZA.h('li', null, h)); });
      var form = $('override');
      form.hidden = !(current.status === 'proposed' && YZA.can('PUT /api/v1/admin/grading/runs/{id}/proposals/{code}'));
      form.dataset.code = p.station_code;
      $('override-stars').value = p.override_stars === null ? '' : String(p.override_stars);
      $('override-reason').value = p.override_reason || '';
      $('detail-card').scrollIntoView({ block: 'nearest' });
    });
  }

  function saveOverride(e) {
    e.preventDefault();
    var code = $('override').dataset.code;
    var value = $('override-stars').value;
    YZA.api('PUT', '/api/v1/admin/grading/runs/' + current.id + '/proposals/' + encodeURIComponent(code),
      { stars: value === '' ? null : Number(value), reason: $('override-reason').value.trim() }).then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      ok('已保存调整。');
      openDetail(code);
      after = '';
      YZA.clear($('proposals'));
      loadProposals();
      loadRuns();
    });
  }

  function review(approve) {
    YZA.api('POST', '/api/v1/admin/grading/runs/' + current.id + (approve ? '/approve' : '/reject'),
      { note: $('review-note').value.trim() }).then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      ok(approve ? '已批准：星级已在职工端站点页和搜索中生效。' : '已退回。');
      openRun(r.body);
      loadRuns();
    });
  }

  function start(e) {
    e.preventDefault();
    $('start-run').disabled = true;
    YZA.api('POST', '/api/v1/admin/grading/runs', { region: $('region').value.trim() }).then(function (r) {
      $('start-run').disabled = false;
      if (r.status !== 201) { fail(r); return; }
      ok('评定完成，等待审核。');
      loadRuns();
      openRun(r.body);
    });
  }

  // The rules: editable for whoever may change them, read-only otherwise.
  function numberInput(value, cls) {
    var input = YZA.h('input', cls);
    input.type = 'number';
    input.step = 'any';
    input.value = String(value);
    return input;
  }
  function measureSelect(code) {
    var select = YZA.h('select', 'measure');
    measures.forEach(function (m) {
      var o = YZA.h('option', null, m.label + (m.unit ? '（' + m.unit + '）' : ''));
      o.value = m.code;
      if (m.code === code) o.selected = true;
      select.appendChild(o);
    });
    return select;
  }
  function requirementRow(req, editable) {
    if (!editable) {
      return YZA.h('li', null, label(req.measure) + (req.comparison === 'at_least' ? ' 至少 ' : ' 至多 ') + req.threshold);
    }
    var comparison = YZA.h('select', 'comparison', [YZA.h('option', null, '至少'), YZA.h('option', null, '至多')]);
    comparison.options[0].value = 'at_least';
    comparison.options[1].value = 'at_most';
    comparison.value = req.comparison;
    var remove = YZA.h('button', null, '删除');
    remove.type = 'button';
    var li = YZA.h('li', 'requirement', [measureSelect(req.measure), ' ', comparison, ' ', numberInput(req.threshold, 'threshold'), ' ', remove]);
    remove.addEventListener('click', function () { li.remove(); });
    return li;
  }
  function renderRules(rules) {
    measures = rules.measures;
    var editable = YZA.can('PUT /api/v1/admin/grading/rules');
    $('rules-version').textContent = '第 ' + rules.version + ' 版，满分 ' + rules.max_points + ' 分';
    var body = YZA.clear($('criteria-rules'));
    rules.criteria.forEach(function (c) {
      var row = YZA.h('tr', 'criterion');
      row.dataset.measure = c.measure;
      row.appendChild(YZA.h('td', null, label(c.measure)));
      [['points', c.points], ['zero_at', c.zero_at], ['full_at', c.full_at]].forEach(function (f) {
        row.appendChild(YZA.h('td', null, editable ? numberInput(f[1], f[0]) : String(f[1])));
      });
      body.appendChild(row);
    });
    var levels = YZA.clear($('levels'));
    rules.levels.forEach(function (l) {
      var list = YZA.h('ul', 'requirements');
      l.requirements.forEach(function (req) { list.appendChild(requirementRow(req, editable)); });
      var head = YZA.h('p', null, [YZA.h('b', null, WORDS[l.stars]), '：总分至少 ',
        editable ? numberInput(l.min_points, 'min-points') : String(l.min_points), ' 分，并且']);
      var block = YZA.h('div', 'level', [head, list]);
      block.dataset.stars = String(l.stars);
      if (editable) {
        var add = YZA.h('button', null, '添加一项硬性要求');
        add.type = 'button';
        add.addEventListener('click', function () { list.appendChild(requirementRow({ measure: measures[0].code, comparison: 'at_least', threshold: 0 }, true)); });
        block.appendChild(add);
      }
      levels.appendChild(block);
    });
    $('rules-actions').hidden = !editable;
  }
  function loadRules() {
    return YZA.api('GET', '/api/v1/admin/grading/rules').then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      renderRules(r.body);
    });
  }
  function saveRules() {
    var criteria = Array.prototype.map.call(document.querySelectorAll('#criteria-rules tr.criterion'), function (row) {
      return { measure: row.dataset.measure, points: Number(row.querySelector('.points').value),
        zero_at: Number(row.querySelector('.zero_at').value), full_at: Number(row.querySelector('.full_at').value) };
    });
    var levels = Array.prototype.map.call(document.querySelectorAll('#levels .level'), function (block) {
      return { stars: Number(block.dataset.stars), min_points: Number(block.querySelector('.min-points').value),
        requirements: Array.prototype.map.call(block.querySelectorAll('li.requirement'), function (li) {
          return { measure: li.querySelector('.measure').value, comparison: li.querySelector('.comparison').value,
            threshold: Number(li.querySelector('.threshold').value) };
        }) };
    });
    YZA.api('PUT', '/api/v1/admin/grading/rules', { criteria: criteria, levels: levels }).then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      ok('已保存为第 ' + r.body.version + ' 版评星标准；此后发起的评定按新标准。');
      renderRules(r.body);
    });
  }

  YZA.boot(function () {
    $('region').value = YZA.query('region');
    $('start').addEventListener('submit', start);
    $('start').hidden = !YZA.can('POST /api/v1/admin/grading/runs');
    $('more').addEventListener('click', loadProposals);
    $('changed-only').addEventListener('change', function () { after = ''; YZA.clear($('proposals')); loadProposals(); });
    $('override').addEventListener('submit', saveOverride);
    $('approve').addEventListener('click', function () { review(true); });
    $('reject').addEventListener('click', function () { review(false); });
    $('save-rules').addEventListener('click', saveRules);
    loadRules().then(loadRuns);
  });
})();
