// The outbox: SMS and notices to people, newest first. Without an SMS provider nothing leaves
// the server, and staff relay sign-in codes from this page.
(function () {
  'use strict';
  var $ = YZA.$;
  var oldest = 0;
  // Badge classes of admin.css.
  var statusKind = { pending: 'in_progress', sending: 'in_progress', sent: 'success', failed: 'failed' };
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
      if (!more && !r.body.messages.length) {
        var empty = YZA.h('td', 'small', '暂无消息。');
        empty.colSpan = 9;
        rows.appendChild(YZA.h('tr', null, empty));
      }
      r.body.messages.forEach(function (m) {
        oldest = m.id;
        // Without a provider an SMS "sent" is kept here, not sent: say so where staff look.
        var kept = m.channel === 'sms' && m.gateway === 'outbox' && m.status === 'sent';
        rows.appendChild(YZA.h('tr', null, [
          YZA.h('td', 'small', String(m.id)), YZA.h('td', 'small nowrap', YZA.time(m.created_at_ms)),
          YZA.h('td', 'nowrap', m.channel_label), YZA.h('td', 'nowrap', m.kind), YZA.h('td', 'small nowrap', m.to),
          YZA.h('td', 'message-text', m.text),
          YZA.h('td', null, YZA.badge(kept ? 'in_progress' : statusKind[m.status] || '', kept ? '仅保存，未发出' : m.status_label)),
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
