// The maintainer's phone page (/admin/mine): my tickets (assigned to me or my team), nearest first;
// navigate there; before and after photos; start; done. Tolerant of a lost connection: a step or a
// photo that cannot be sent is kept on the phone (IndexedDB) and sent, in order, when the
// connection is back — each step is taken against the ticket's version as it then stands.
(function () {
  'use strict';
  var $ = YZA.$;
  var here = null;       // the phone's position, WGS-84
  var tickets = [];
  var current = null;    // the ticket shown
  var DB = 'yizhan-mine', STORE = 'queue';

  // ---- the queue of unsent work (IndexedDB: photos are blobs) ----
  function db() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DB, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: 'n', autoIncrement: true }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function queue(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction(STORE, mode);
        var r = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(r && r.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function enqueue(item) { return queue('readwrite', function (s) { return s.add(item); }).then(showQueued); }
  function queued() { return queue('readonly', function (s) { return s.getAll(); }); }
  function dequeue(n) { return queue('readwrite', function (s) { return s.delete(n); }); }

  function showQueued() {
    return queued().then(function (items) {
      var mine = current ? items.filter(function (i) { return i.ticket === current.id; }) : [];
      $('queued').hidden = mine.length === 0;
      $('queued').textContent = '有 ' + mine.length + ' 项已保存在手机上，有网后会自动发送。';
      $('net').hidden = navigator.onLine && items.length === 0;
      $('net').textContent = navigator.onLine ? '正在发送保存在手机上的 ' + items.length + ' 项……'
                                              : '现在没有网络。拍的照片和操作会先保存在手机上。';
    });
  }

  // Sends one queued item; resolves true when it is done with (sent, or refused for good).
  function send(item) {
    if (item.type === 'photo') {
      return YZA.api('POST', '/api/v1/admin/uploads/tickets/' + encodeURIComponent(item.ticket) + '/photos?kind=' + item.kind,
                     undefined, item.blob).then(function (r) { return r.status !== 0 && r.status < 500; });
    }
    return YZA.api('GET', '/api/v1/admin/tickets/' + encodeURIComponent(item.ticket)).then(function (r) {
      if (r.status === 0 || r.status >= 500) return false;
      if (r.status !== 200) return true;
      var body = { action: item.action, version: r.body.version };
      if (item.note) body.note = item.note;
      return YZA.api('POST', '/api/v1/admin/tickets/' + encodeURIComponent(item.ticket) + '/actions', body)
        .then(function (x) { return x.status !== 0 && x.status < 500; });
    });
  }
  var flushing = false;
  function flush() {
    if (flushing || !navigator.onLine) return Promise.resolve();
    flushing = true;
    var sent = 0;
    return queued().then(function next(items) {
      if (!items.length) return;
      return send(items[0]).then(function (done) {
        if (!done) return;  // still no connection: try again later
        sent += 1;
        return dequeue(items[0].n).then(queued).then(next);
      });
    }).then(function () {
      flushing = false;
      if (sent) YZA.message($('message'), 'ok', '网络恢复了，保存在手机上的 ' + sent + ' 项已发送。');
      showQueued();
      load();
      if (current) show(current.id);
    }, function () { flushing = false; });
  }

  // ---- photos: made smaller on the phone before they travel (the server re-encodes anyway) ----
  function shrink(file) {
    if (!window.createImageBitmap) return Promise.resolve(file);
    return createImageBitmap(file, { imageOrientation: 'from-image' }).then(function (img) {
      var scale = Math.min(1, 1600 / Math.max(img.width, img.height));
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) { canvas.toBlob(function (b) { resolve(b || file); }, 'image/jpeg', 0.85); });
    }, function () { return file; });
  }

  function distance(t) {
    if (!here || !t.station_location) return null;
    var r = 6371008.8, rad = Math.PI / 180, a = here, b = t.station_location;
    var h = Math.pow(Math.sin((b.lat - a.lat) * rad / 2), 2) +
            Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.pow(Math.sin((b.lng - a.lng) * rad / 2), 2);
    return 2 * r * Math.asin(Math.sqrt(h));
  }
  function navUrl(t) {
    var g = YZ.crs.fromWgs84(t.station_location, 'gcj02');
    return 'https://uri.amap.com/navigation?to=' + g.lng.toFixed(6) + ',' + g.lat.toFixed(6) + ',' +
      encodeURIComponent(t.station_name) + '&mode=car&coordinate=gaode&callnative=1&src=yizhan';
  }
  function problem(t) { return t.category_label + (t.amenity_label ? '：' + t.amenity_label : ''); }

  function drawList() {
    var list = YZA.clear($('cards'));
    tickets.forEach(function (t) { t.distance = distance(t); });
    tickets.sort(function (a, b) {
      if (a.distance === null || b.distance === null) return (a.due_at_ms || 0) - (b.due_at_ms || 0);
      return a.distance - b.distance;
    });
    tickets.forEach(function (t) {
      var meta = [problem(t), t.status_label];
      if (t.distance !== null) meta.unshift(YZ.distance(t.distance)[0]);
      var due = t.due_at_ms ? YZA.h('span', 'badge' + (t.overdue ? ' late' : ''), (t.overdue ? '已超时 ' : '限 ') + YZA.time(t.due_at_ms)) : null;
      var open = YZA.h('button', null, '处理');
      open.type = 'button';
      open.addEventListener('click', function () { show(t.id); });
      var row = [open];
      if (t.station_location) { var go = YZA.h('a', null, '导航'); go.href = navUrl(t); go.target = '_blank'; go.rel = 'noopener'; row.unshift(go); }
      list.appendChild(YZA.h('li', t.overdue ? 'overdue' : null, [
        YZA.h('div', 'name', t.station_name || t.station_code),
        YZA.h('div', 'meta', meta.filter(Boolean).join(' · ')),
        YZA.h('div', null, t.description), due || '',
        YZA.h('div', 'row', row)
      ]));
    });
    $('empty').hidden = tickets.length > 0;
  }

  function load() {
    return YZA.api('GET', '/api/v1/admin/tickets?mine=1&status=open').then(function (r) {
      if (r.status !== 200) return;
      tickets = r.body.tickets;
      try { localStorage.setItem('yizhan.mine', JSON.stringify(tickets)); } catch (e) { /* full */ }
      drawList();
    });
  }

  function render(t) {
    current = t;
    $('list-view').hidden = true;
    $('ticket-view').hidden = false;
    $('t-title').textContent = (t.station_name || t.station_code) + ' · ' + t.number;
    $('t-status').textContent = t.status_label + (t.overdue ? '（已超时）' : '');
    var dl = YZA.clear($('t-facts'));
    [['问题', problem(t)], ['内容', t.description], ['地址', t.station_address || '—'],
     ['应修好', t.due_at_ms ? YZA.time(t.due_at_ms) : '无时限']].forEach(function (f) {
      dl.appendChild(YZA.h('dt', null, f[0])); dl.appendChild(YZA.h('dd', null, f[1]));
    });
    $('t-nav').hidden = !t.station_location;
    if (t.station_location) $('t-nav').href = navUrl(t);
    var photos = YZA.clear($('t-photos'));
    (t.photos || []).forEach(function (p) {
      var img = YZA.h('img');
      img.src = p.url;
      img.alt = p.kind_label;
      photos.appendChild(YZA.h('figure', null, [img, YZA.h('figcaption', null, p.kind_label)]));
    });
    var working = ['assigned', 'in_progress', 'waiting_parts'].indexOf(t.status) >= 0;
    $('before-label').hidden = $('after-label').hidden = !(working || t.status === 'resolved');
    $('start').hidden = !(t.status === 'assigned' || t.status === 'waiting_parts');
    $('resolve').hidden = ['assigned', 'in_progress', 'waiting_parts'].indexOf(t.status) < 0;
    showQueued();
  }

  function show(id) {
    var cached = tickets.filter(function (t) { return t.id === id; })[0];
    if (cached) render(cached);
    YZA.api('GET', '/api/v1/admin/tickets/' + encodeURIComponent(id)).then(function (r) {
      if (r.status === 200) render(r.body);
    });
  }

  // A step: sent now when possible, else kept for later.
  function step(action, note) {
    var t = current;
    var body = { action: action, version: t.version };
    if (note) body.note = note;
    return YZA.api('POST', '/api/v1/admin/tickets/' + encodeURIComponent(t.id) + '/actions', body).then(function (r) {
      if (r.status === 200) { YZA.message($('message'), 'ok', '已保存：' + r.body.status_label); render(r.body); load(); return; }
      if (r.status === 0) {
        return enqueue({ ticket: t.id, type: 'action', action: action, note: note || '' }).then(function () {
          YZA.message($('message'), 'ok', '没有网络，已保存在手机上，有网后自动发送。');
        });
      }
      YZA.message($('message'), 'error', YZA.errorText(r.status, r.body));
    });
  }

  function photo(kind, input) {
    var file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    var t = current;
    shrink(file).then(function (blob) {
      return YZA.api('POST', '/api/v1/admin/uploads/tickets/' + encodeURIComponent(t.id) + '/photos?kind=' + kind, undefined, blob)
        .then(function (r) {
          if (r.status === 201) { YZA.message($('message'), 'ok', '照片已上传。'); show(t.id); return; }
          if (r.status === 0) {
            return enqueue({ ticket: t.id, type: 'photo', kind: kind, blob: blob }).then(function () {
              YZA.message($('message'), 'ok', '没有网络，照片已保存在手机上，有网后自动上传。');
            });
          }
          YZA.message($('message'), 'error', YZA.errorText(r.status, r.body));
        });
    });
  }

  YZA.boot(function (session) {
    $('who').textContent = session.account.username;
    $('logout-mine').addEventListener('click', function () {
      YZA.api('POST', '/api/v1/auth/logout', {}).then(function () { window.location.href = '/admin/login'; });
    });
    $('back').addEventListener('click', function () { current = null; $('ticket-view').hidden = true; $('list-view').hidden = false; $('message').hidden = true; });
    $('start').addEventListener('click', function () { step('start'); });
    $('resolve').addEventListener('click', function () { step('resolve', $('note').value.trim()); });
    $('before').addEventListener('change', function () { photo('before', $('before')); });
    $('after').addEventListener('change', function () { photo('after', $('after')); });
    window.addEventListener('online', flush);
    window.addEventListener('offline', showQueued);
    try { tickets = JSON.parse(localStorage.getItem('yizhan.mine') || '[]'); drawList(); } catch (e) { /* none kept */ }
    load().then(flush);
    if (navigator.geolocation) {
      navigator.geolocation.getCurrentPosition(function (p) {
        here = { lat: p.coords.latitude, lng: p.coords.longitude };
        $('where').textContent = '按离您的距离排列。';
        drawList();
      }, function () { $('where').textContent = '没有取到位置，按应修好的时间排列。'; }, { timeout: 10000, maximumAge: 60000 });
    }
  });
})();
