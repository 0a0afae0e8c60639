// The check-in page (/s/{code}): one tap to check in, the worker category asked once and kept
// on this device, then 1–5 stars and an optional comment.
(function () {
  'use strict';
  var root = document.getElementById('checkin');
  if (!root) return;
  var code = root.getAttribute('data-code');
  var $ = function (id) { return document.getElementById(id); };
  var storage = window.localStorage;

  function deviceId() {
    var id = storage.getItem('yizhan.device');
    if (!id) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      storage.setItem('yizhan.device', id);
    }
    return id;
  }

  function showError(text) { var e = $('error'); e.textContent = text; e.hidden = false; }

  var messages = {
    rate_limited: '操作太频繁，请稍后再试。', conflict: '本站点暂不能签到。', not_found: '未找到这个站点。',
    invalid_argument: '请求有误，请重试。', network: '网络不好，请稍后再试。'
  };
  function errorText(code) { return messages[code] || '出了点问题，请稍后再试。'; }

  function post(url, body) {
    return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return { status: r.status, body: j }; }); },
            function () { return { status: 0, body: { error: { code: 'network' } } }; });
  }

  var category = storage.getItem('yizhan.category');
  var buttons = document.querySelectorAll('button.category');
  function markCategory() {
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-category') === category)); });
    $('step-category').hidden = !!category && !root.hasAttribute('data-choose');
  }
  buttons.forEach(function (b) {
    b.addEventListener('click', function () {
      category = b.getAttribute('data-category');
      storage.setItem('yizhan.category', category);
      markCategory();
    });
  });
  markCategory();

  var checkin = null;
  $('checkin-button').addEventListener('click', function () {
    if (!category) { root.setAttribute('data-choose', ''); $('step-category').hidden = false; showError('请先选择您的职业。'); return; }
    $('checkin-button').disabled = true;
    post('/api/v1/stations/' + encodeURIComponent(code) + '/checkins', { worker_category: category, device_id: deviceId() })
      .then(function (r) {
        $('checkin-button').disabled = false;
        if (r.status !== 200 && r.status !== 201) { showError(errorText(r.body.error && r.body.error.code)); return; }
        checkin = r.body;
        $('error').hidden = true;
        $('step-category').hidden = true;
        $('step-checkin').hidden = true;
        $('checkin-message').textContent = r.status === 200 ? '您刚才已经签过到了，这次不重复计数，谢谢！' : '签到成功！';
        $('step-rating').hidden = false;
      });
  });

  var stars = 0;
  document.querySelectorAll('button.star').forEach(function (b) {
    b.addEventListener('click', function () {
      stars = Number(b.getAttribute('data-stars'));
      document.querySelectorAll('button.star').forEach(function (o) {
        o.classList.toggle('on', Number(o.getAttribute('data-stars')) <= stars);
      });
      $('rate-button').disabled = false;
    });
  });
  $('rate-button').addEventListener('click', function () {
    if (!checkin || !stars) return;
    $('rate-button').disabled = true;
    var body = { token: checkin.rating_token, stars: stars };
    var comment = $('comment').value.trim();
    if (comment) body.comment = comment;
    post('/api/v1/checkins/' + encodeURIComponent(checkin.checkin_id) + '/rating', body).then(function (r) {
      if (r.status !== 201 && r.status !== 409) { $('rate-button').disabled = false; showError(errorText(r.body.error && r.body.error.code)); return; }
      $('step-rating').hidden = true;
      $('step-thanks').hidden = false;
    });
  });
})();
