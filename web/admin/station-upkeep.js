// One station's supplies ledger (batches, alerts, entries, minimums) and inspections (the
// checklist to fill in, for union staff, and the last results) — /admin/stations/{code}/upkeep.
(function () {
  'use strict';
  var $ = YZA.$;
  var code = decodeURIComponent(window.location.pathname.split('/')[3] || '');
  var base = '/api/v1/admin/stations/' + encodeURIComponent(code);
  var items = {};

  function name(c) { return items[c] ? items[c].name : c; }

  function loadSupplies() {
    YZA.api('GET', base + '/supplies').then(function (r) {
      if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
      var alerts = YZA.clear($('alerts'));
      r.body.alerts.forEach(function (a) {
        var what = name(a.item) + ' ' + a.label + (a.expires_on ? '（批号 ' + a.batch + '，有效期 ' + a.expires_on + '，' + a.quantity + ' 件）' : '（现有 ' + a.quantity + '，最少 ' + a.minimum + '）');
        alerts.appendChild(YZA.h('p', 'message ' + (a.kind === 'expired' ? 'error' : 'warn'), what));
      });
      var rows = YZA.clear($('batches'));
      r.body.batches.forEach(function (b) {
        var min = r.body.minimums[b.item];
        rows.appendChild(YZA.h('tr', null, [YZA.h('td', null, name(b.item)), YZA.h('td', null, b.batch), YZA.h('td', null, b.expires_on || '—'),
          YZA.h('td', null, String(b.quantity) + ' ' + (items[b.item] ? items[b.item].unit : '')), YZA.h('td', null, min === undefined ? '—' : String(min))]));
      });
      if (!r.body.batches.length) rows.appendChild(YZA.h('tr', null, YZA.h('td', 'muted', '还没有登记物资。')));
      var recent = YZA.clear($('recent'));
      r.body.recent.slice(0, 20).forEach(function (e) {
        recent.appendChild(YZA.h('tr', null, [YZA.h('td', 'small', YZA.time(e.at_ms)), YZA.h('td', null, name(e.item)), YZA.h('td', null, e.kind_label),
          YZA.h('td', null, String(e.quantity)), YZA.h('td', null, e.batch), YZA.h('td', 'small', e.actor)]));
      });
    });
  }

  function loadInspections() {
    YZA.api('GET', base + '/inspections').then(function (r) {
      if (r.status !== 200) return;
      var box = YZA.clear($('last-inspections'));
      r.body.inspections.slice(0, 5).forEach(function (i) {
        var failed = i.items.filter(function (x) { return x.result === 'fail'; }).length;
        box.appendChild(YZA.h('p', null, YZA.time(i.at_ms) + ' ' + i.inspector + '：' + i.score + ' 分' + (failed ? '，' + failed + ' 项不合格（已开工单）' : '')));
      });
      if (!r.body.inspections.length) box.appendChild(YZA.h('p', 'muted', '还没有暗访记录。'));
    });
    if (!YZA.can('POST /api/v1/admin/stations/{code}/inspections')) return;
    YZA.api('GET', base + '/inspection-checklist').then(function (r) {
      if (r.status !== 200) return;
      var rows = YZA.clear($('checklist'));
      r.body.items.forEach(function (c, n) {
        var select = YZA.h('select');
        select.dataset.item = c.item;
        select.setAttribute('aria-label', c.label);
        [['pass', '合格'], ['fail', '不合格'], ['na', '不适用']].forEach(function (o) { var op = YZA.h('option', null, o[1]); op.value = o[0]; select.appendChild(op); });
        var note = YZA.h('input', 'note');
        note.type = 'text';
        note.maxLength = 500;
        note.id = 'note-' + n;
        // A failed item needs a photo: it goes to the ticket the failure opens ("before").
        var photo = YZA.h('input', 'photo');
        photo.type = 'file';
        photo.accept = 'image/*';
        photo.setAttribute('capture', 'environment');
        photo.id = 'photo-' + n;
        photo.setAttribute('aria-label', c.label + '：照片');
        photo.hidden = true;
        select.addEventListener('change', function () { photo.hidden = select.value !== 'fail'; });
        rows.appendChild(YZA.h('tr', null, [YZA.h('td', null, c.label), YZA.h('td', null, select), YZA.h('td', null, note), YZA.h('td', null, photo)]));
      });
      $('inspection').hidden = false;
    });
  }

  YZA.boot(function () {
    $('title').textContent = '站点物资与暗访 · ' + code;
    YZA.api('GET', '/api/v1/admin/supplies/catalogue').then(function (r) {
      if (r.status !== 200) return;
      r.body.items.forEach(function (i) {
        items[i.code] = i;
        var o = YZA.h('option', null, i.name + (i.medicine ? '（药品）' : ''));
        o.value = i.code;
        $('e-item').appendChild(o);
      });
      loadSupplies();
    });
    loadInspections();
    $('entry').addEventListener('submit', function (e) {
      e.preventDefault();
      var body = { item: $('e-item').value, kind: $('e-kind').value, quantity: Number($('e-qty').value) };
      if ($('e-batch').value.trim()) body.batch = $('e-batch').value.trim();
      if ($('e-expires').value) body.expires_on = $('e-expires').value;
      if ($('e-note').value.trim()) body.note = $('e-note').value.trim();
      YZA.api('POST', base + '/supplies', body).then(function (r) {
        if (r.status !== 201) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
        YZA.message($('message'), 'ok', '已登记。');
        loadSupplies();
      });
    });
    $('inspection').addEventListener('submit', function (e) {
      e.preventDefault();
      var answers = [], photos = {}, missing = [];
      document.querySelectorAll('#checklist tr').forEach(function (tr) {
        var select = tr.querySelector('select'), note = tr.querySelector('input.note'), photo = tr.querySelector('input.photo');
        answers.push({ item: select.dataset.item, result: select.value, note: note.value.trim() });
        if (select.value !== 'fail') return;
        if (photo.files && photo.files[0]) photos[select.dataset.item] = photo.files[0];
        else missing.push(select.getAttribute('aria-label'));
      });
      if (missing.length) {
        YZA.message($('message'), 'error', '不合格的项目请各拍一张照片：' + missing.join('、'));
        return;
      }
      YZA.api('POST', base + '/inspections', { items: answers, note: $('i-note').value.trim() }).then(function (r) {
        if (r.status !== 201) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
        var failed = r.body.items.filter(function (x) { return x.result === 'fail'; });
        // Each failure's photo, to the ticket it opened.
        return Promise.all(failed.map(function (x) {
          if (!x.ticket_id || !photos[x.item]) return { status: 201 };
          return YZA.api('POST', '/api/v1/admin/uploads/tickets/' + encodeURIComponent(x.ticket_id) + '/photos?kind=before', undefined, photos[x.item]);
        })).then(function (uploads) {
          var lost = uploads.filter(function (u) { return u.status !== 201; }).length;
          YZA.message($('message'), lost ? 'error' : 'ok', '暗访已记录：' + r.body.score + ' 分' +
            (failed.length ? '，不合格的 ' + failed.length + ' 项已开成工单' + (lost ? '，但有 ' + lost + ' 张照片没有传上去，请在工单里补上。' : '，照片已附在工单上。') : '。'));
          loadInspections();
        });
      });
    });
  });
})();
