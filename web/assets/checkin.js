// The check-in page (/s/{code}, the QR target). One tap: the first time, tapping one's job both
// remembers it on this phone and checks in; afterwards the one big button checks in. Then 1–5
// stars and an optional comment, and a thank-you showing what the station offers. A second scan
// within 30 minutes is answered 200 by the server and not counted: the worker is told so kindly,
// and is not asked again for a rating already given.
(function () {
  'use strict';
  var $ = YZ.$;
  var root = $('checkin');
  if (!root || !$('checkin-button')) return;
  var code = root.getAttribute('data-code');
  var category = YZ.get('yizhan.category');
  var categoryButtons = document.querySelectorAll('button.category');
  var checkin = null;      // {checkin_id, rating_token}
  var repeated = false;    // the server said: already checked in within 30 minutes
  var stars = 0;

  function showError(pair) {
    var e = $('error');
    e.textContent = '';
    e.appendChild(YZ.bi(pair[0], pair[1]));
    e.hidden = false;
  }
  function errorOf(r) { return YZ.errorText(r.body && r.body.error && r.body.error.code); }

  function ratedIds() { try { return JSON.parse(YZ.get('yizhan.rated') || '[]'); } catch (e) { return []; } }
  function markRated(id) { var ids = ratedIds().concat([id]).slice(-20); YZ.set('yizhan.rated', JSON.stringify(ids)); }

  function buttonFor(c) {
    return Array.prototype.filter.call(categoryButtons, function (b) { return b.getAttribute('data-category') === c; })[0];
  }

  // With a remembered job: the big button; without: the job buttons (each one checks in).
  function showStart() {
    var known = category && buttonFor(category);
    categoryButtons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.getAttribute('data-category') === category)); });
    $('step-category').hidden = !!known;
    $('step-checkin').hidden = !known;
    if (known) {
      var name = $('category-name');
      name.textContent = '';
      name.appendChild(YZ.bi(known.querySelector('.zh').textContent, known.querySelector('.en').textContent));
    }
  }

  categoryButtons.forEach(function (b) {
    b.addEventListener('click', function () {
      category = b.getAttribute('data-category');
      YZ.set('yizhan.category', category);
      showStart();
      doCheckin();
    });
  });
  $('change-category').addEventListener('click', function () {
    $('step-checkin').hidden = true;
    $('step-category').hidden = false;
  });
  $('checkin-button').addEventListener('click', doCheckin);

  function busy(on) {
    $('checkin-button').disabled = on;
    categoryButtons.forEach(function (b) { b.disabled = on; });
    root.classList.toggle('busy', on);
  }

  function doCheckin() {
    if (!category) { $('step-category').hidden = false; return; }
    busy(true);
    YZ.fetchJson('/api/v1/stations/' + encodeURIComponent(code) + '/checkins',
                 { method: 'POST', body: { worker_category: category, device_id: YZ.deviceId() } })
      .then(function (r) {
        busy(false);
        if (r.status !== 200 && r.status !== 201) { showError(errorOf(r)); return; }
        checkin = r.body;
        repeated = r.status === 200;
        $('error').hidden = true;
        $('step-category').hidden = true;
        $('step-checkin').hidden = true;
        $('privacy').hidden = true;
        var result = $('checkin-result');
        var message = $('checkin-message');
        var repeat = $('repeat-message');
        message.textContent = '';
        repeat.textContent = '';
        message.appendChild(YZ.icon('check'));
        if (repeated) {
          result.className = 'notice';
          message.appendChild(YZ.bi('您刚才已经签过到了', 'You already checked in a moment ago'));
          repeat.appendChild(YZ.bi('30 分钟内在同一个驿站只算一次，不用再扫。欢迎继续休息！',
                                   'Within 30 minutes a station counts you once: no need to scan again. Rest as long as you like!'));
          repeat.hidden = false;
        } else {
          result.className = 'done';
          message.appendChild(YZ.bi('签到成功，欢迎休息！', 'Checked in. Welcome, have a rest!'));
          repeat.hidden = true;
        }
        result.hidden = false;
        if (repeated && ratedIds().indexOf(checkin.checkin_id) >= 0) { showThanks(); return; }
        $('step-rating').hidden = false;
      });
  }

  document.querySelectorAll('button.star').forEach(function (b) {
    b.addEventListener('click', function () {
      stars = Number(b.getAttribute('data-stars'));
      document.querySelectorAll('button.star').forEach(function (o) {
        var on = Number(o.getAttribute('data-stars')) <= stars;
        o.classList.toggle('on', on);
        o.setAttribute('aria-pressed', String(Number(o.getAttribute('data-stars')) === stars));
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
    YZ.fetchJson('/api/v1/checkins/' + encodeURIComponent(checkin.checkin_id) + '/rating', { method: 'POST', body: body })
      .then(function (r) {
        if (r.status !== 201 && r.status !== 409) { $('rate-button').disabled = false; showError(errorOf(r)); return; }
        markRated(checkin.checkin_id);
        showThanks();
      });
  });
  $('skip-rating').addEventListener('click', showThanks);

  function showThanks() {
    $('error').hidden = true;
    $('step-rating').hidden = true;
    $('step-thanks').hidden = false;
    var all = document.querySelector('.all-facilities');
    if (all) all.hidden = true;  // the thank-you lists them already
  }

  showStart();
})();
