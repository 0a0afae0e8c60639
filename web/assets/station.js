// The station page (/station/{code}): the report-a-problem flow. Everything else on the page is
// in the HTML as served. Three taps at most: what it is about, what is wrong, send; the words
// are optional (a short description is made from the two choices when the worker writes none).
(function () {
  'use strict';
  var $ = YZ.$;
  var root = $('station');
  if (!root || !$('report-open')) return;
  var code = root.getAttribute('data-code');
  var choice = { amenity: null, amenityText: null, category: null, categoryText: null };

  $('report-open').hidden = false;
  $('report-open').addEventListener('click', function () {
    $('report-open').hidden = true;
    $('report-done').hidden = true;
    $('report-form').hidden = false;
    $('report-form').scrollIntoView({ block: 'start', behavior: 'smooth' });
  });
  $('report-cancel').addEventListener('click', reset);

  function textOf(button) {
    var zh = button.querySelector('.zh'), en = button.querySelector('.en');
    return { zh: zh ? zh.textContent : button.textContent, en: en ? en.textContent : button.textContent };
  }

  function pick(groupId, attribute, onPick) {
    var buttons = document.querySelectorAll('#' + groupId + ' .choice');
    buttons.forEach(function (b) {
      b.addEventListener('click', function () {
        buttons.forEach(function (o) { o.setAttribute('aria-pressed', String(o === b)); });
        onPick(b.getAttribute(attribute), textOf(b));
        $('report-send').disabled = !(choice.amenity !== null && choice.category);
      });
    });
  }
  pick('report-amenity', 'data-amenity', function (v, text) { choice.amenity = v; choice.amenityText = text; });
  pick('report-category', 'data-category', function (v, text) { choice.category = v; choice.categoryText = text; });

  function reset() {
    choice = { amenity: null, amenityText: null, category: null, categoryText: null };
    document.querySelectorAll('#report-form .choice').forEach(function (b) { b.setAttribute('aria-pressed', 'false'); });
    $('report-text').value = '';
    $('report-send').disabled = true;
    $('report-form').hidden = true;
    $('report-error').hidden = true;
    $('report-open').hidden = false;
  }

  // A photo of the problem, from this phone only (the server checks the device id): the picture
  // is shrunk here to at most 1280 px and sent as a JPEG well under the 1 MiB the server takes.
  function shrink(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, 1280 / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(img.naturalWidth * scale);
        canvas.height = Math.round(img.naturalHeight * scale);
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (blob) { if (blob) resolve(blob); else reject(new Error('encode')); }, 'image/jpeg', 0.8);
      };
      img.onerror = function () { URL.revokeObjectURL(url); reject(new Error('decode')); };
      img.src = url;
    });
  }
  function photoButton(id) {
    var input = YZ.h('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.setAttribute('capture', 'environment');
    input.id = 'report-photo-input';
    input.hidden = true;
    var label = YZ.h('label', 'button wide', [YZ.icon('plus'), YZ.bi('加一张照片', 'Add a photo')]);
    label.setAttribute('for', 'report-photo-input');
    label.id = 'report-photo';
    var state = YZ.h('p', 'hint', null);
    state.id = 'report-photo-state';
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      if (!file) return;
      state.textContent = '';
      state.appendChild(YZ.bi('正在上传照片…', 'Sending the photo…'));
      shrink(file).then(function (blob) {
        return fetch('/api/v1/uploads/reports/' + encodeURIComponent(id) + '/photos', {
          method: 'POST', body: blob, headers: { 'Content-Type': 'image/jpeg', 'X-Device-Id': YZ.deviceId() }
        });
      }).then(function (r) {
        state.textContent = '';
        state.appendChild(r.status === 201 ? YZ.bi('照片已收到。', 'Photo received.')
          : r.status === 409 ? YZ.bi('这条报修的照片已够了。', 'This report has enough photos.')
            : YZ.bi('照片没有发出去，请再试一次。', 'The photo was not sent. Please try again.'));
      }).catch(function () {
        state.textContent = '';
        state.appendChild(YZ.bi('照片没有发出去，请再试一次。', 'The photo was not sent. Please try again.'));
      });
      input.value = '';
    });
    return YZ.h('div', 'report-photo', [input, label, state]);
  }

  $('report-send').addEventListener('click', function () {
    var words = $('report-text').value.trim();
    var description = words || (choice.amenityText.zh + '：' + choice.categoryText.zh);
    // The device id makes a report sent twice (a double tap, a retry) one report.
    var body = { category: choice.category, description: description, device_id: YZ.deviceId() };
    if (choice.amenity) body.amenity = choice.amenity;
    $('report-send').disabled = true;
    YZ.fetchJson('/api/v1/stations/' + encodeURIComponent(code) + '/reports', { method: 'POST', body: body })
      .then(function (r) {
        if (r.status !== 201) {
          $('report-send').disabled = false;
          var e = YZ.errorText(r.body && r.body.error && r.body.error.code);
          $('report-error').textContent = '';
          $('report-error').appendChild(YZ.bi(e[0], e[1]));
          $('report-error').hidden = false;
          return;
        }
        var what = choice.amenityText, wrong = choice.categoryText;
        // Ten digits read out in groups: "482 930 1756" (older numbers as they are).
        var id = r.body.report_id;
        var number = /^\d{10}$/.test(id) ? id.slice(0, 3) + ' ' + id.slice(3, 6) + ' ' + id.slice(6) : id;
        var follow = YZ.h('a', 'button wide', YZ.bi('查看处理进度', 'Follow this report'));
        follow.href = '/r/' + encodeURIComponent(id);
        follow.id = 'report-follow';
        reset();
        var done = $('report-done');
        done.textContent = '';
        YZ.append(done, [
          YZ.h('p', 'done-title', [YZ.icon('check'), YZ.bi('收到了，谢谢您！', 'Received. Thank you!')]),
          YZ.h('p', null, YZ.bi('您报告的是：' + what.zh + ' — ' + wrong.zh, 'You reported: ' + what.en + ' — ' + wrong.en)),
          YZ.h('p', 'hint', YZ.bi('站点和维护人员会尽快处理。请记下报修单号，凭它查进度：',
                                  'The station and the maintenance team will see to it. Your report number:')),
          YZ.h('p', 'report-number', number),
          photoButton(id),
          follow
        ]);
        done.hidden = false;
        done.scrollIntoView({ block: 'center', behavior: 'smooth' });
      });
  });
})();
