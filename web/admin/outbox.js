// The outbox: SMS and notices to people, newest first. Without an SMS provider nothing leaves
// the server, and staff relay sign-in codes from this page.
(function () {
  'use strict';
  var $ = YZA.$;
  var oldest = 0;
  var statusKind = { pending: 'warn', sending: 'warn', sent: 'ok', failed: 'bad' };
  function load(more) {
    var params = new URLSearchParams();
    if ($('status').value) params.set('status', $('status').value);
    if ($('channel').value) params.set('channel', $('channel').value);
    if (more && oldest) params.set('before', String(oldest));
    YZA.api('GET', '/api/v1/admin/outbox?' + params.toString()).then(function (r) {
      if (r.status !== 200) return;
      $('gateway-note').textContent = r.body.gateway === 'outbox'
        ? '未接入短信服务商：短信只保存在这里，不会发出。请把验证码等内容转告本人。'
        : '短信经服务商发出（' + r.body.gateway + '）；验证码内容不在此显示。';
      var rows = $('rows');
      if (!more) YZA.clear(rows);
      r.body.messages.forEach(function (m) {
        oldest = m.id;
        rows.appendChild(YZA.h('tr', null, [
          YZA.h('td', 'small', String(m.id)), YZA.h('td', 'small', YZA.time(m.created_at_ms)),
          YZA.h('td', null, m.channel_label), YZA.h('td', null, m.kind), YZA.h('td', 'small', m.to),
          YZA.h('td', 'message-text', m.text),
          YZA.h('td', null, YZA.badge(statusKind[m.status] || '', m.status_label)),
          YZA.h('td', 'small', String(m.attempts)), YZA.h('td', 'small', m.last_error || '')
        ]));
      });
      $('more').hidden = r.body.messages.length < 100;
    });
  }
  YZA.boot(function () {
    $('filters').addEventListener('submit', function (e) { e.preventDefault(); oldest = 0; load(false); });
    $('refresh').addEventListener('click', function () { oldest = 0; load(false); });
    $('more').addEventListener('click', function () { load(true); });
    load(false);
  });
})();
