// The station editor: a new station (/admin/new-station) or an existing one
// (/admin/stations/{code}). Location by map picker (the map's own coordinate system, stored as
// WGS-84), the amenity checklist of the city's standard with each item's state, services, the
// opening-hours editor with its preview, photos, plaques.
(function () {
  'use strict';
  var $ = YZA.$;
  var code = decodeURIComponent((/^\/admin\/stations\/([^/]+)$/.exec(window.location.pathname) || [])[1] || '');
  var isNew = !code;
  var station = null, lists = null, mapView = null, marker = null, phoneDirty = false;
  var hoursEditor = null;  // the visual editor (hours-editor.js), which writes #f-hours

  function option(select, value, text) {
    var o = YZA.h('option', null, text); o.value = value; select.appendChild(o); return o;
  }

  function setPosition(p, fromMap) {
    $('f-lat').value = p.lat.toFixed(7);
    $('f-lng').value = p.lng.toFixed(7);
    if (!mapView) return;
    var at = mapView.toMap(p);
    if (!marker) {
      marker = window.L.marker(at, { icon: YZA.pin(''), draggable: canEdit() }).addTo(mapView.map);
      marker.on('dragend', function () { setPosition(mapView.fromMap(marker.getLatLng()), true); });
    } else {
      marker.setLatLng(at);
    }
    if (!fromMap) mapView.map.setView(at, Math.max(mapView.map.getZoom(), 15));
  }

  function canEdit() { return YZA.can('PATCH /api/v1/admin/stations/{code}'); }

  function drawAmenities() {
    var box = YZA.clear($('amenities'));
    var states = (station && station.amenity_states) || {};
    var standard = lists.standard.map(function (a) { return a.code; });
    var ordered = lists.standard.concat(lists.amenities.filter(function (a) { return standard.indexOf(a.code) < 0; }));
    ordered.forEach(function (a) {
      var select = YZA.h('select');
      select.id = 'amenity-' + a.code;
      select.setAttribute('aria-label', a.label);
      option(select, '', '无');
      ['working', 'broken', 'missing'].forEach(function (s) { option(select, s, YZA.labels.amenityState[s]); });
      select.value = states[a.code] || (isNew && standard.indexOf(a.code) >= 0 ? 'working' : '');
      var isStandard = standard.indexOf(a.code) >= 0;
      box.appendChild(YZA.h('label', 'amenity' + (isStandard ? ' standard' : ''),
                            [YZA.h('span', null, a.label + (isStandard ? ' ★' : '')), select]));
    });
  }

  function drawServices() {
    var box = YZA.clear($('services'));
    var mine = (station && station.services) || [];
    lists.services.forEach(function (s) {
      var input = YZA.h('input');
      input.type = 'checkbox';
      input.value = s.code;
      input.id = 'service-' + s.code;
      input.checked = mine.indexOf(s.code) >= 0;
      box.appendChild(YZA.h('label', null, [input, s.label]));
    });
  }

  function previewHours() {
    var text = $('f-hours').value;
    var week = window.YZHours.parse(text);
    var box = YZA.clear($('week'));
    var now = $('open-now');
    if (week === null) { now.textContent = '开放时间未填写：地图上显示“时间不详”。'; return; }
    if (week === undefined) { now.textContent = '无法预览这个写法（保存时服务器会校验）。'; return; }
    // Station-local time (Asia/Shanghai), whatever the zone of the computer showing the page.
    var local = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
    var open = window.YZHours.openAt(week, local);
    now.textContent = open ? '按此时间，现在开放。' : '按此时间，现在不开放。';
    week.forEach(function (spans, d) {
      var bar = YZA.h('div', 'day-bar');
      spans.forEach(function (s) {
        var seg = YZA.h('span');
        // Positions are set through the CSSOM (allowed by the Content-Security-Policy).
        seg.style.left = (100 * s[0] / 1440) + '%';
        seg.style.width = (100 * (Math.min(s[1], 1440) - s[0]) / 1440) + '%';
        bar.appendChild(seg);
      });
      box.appendChild(YZA.h('span', null, window.YZHours.names[d]));
      box.appendChild(bar);
    });
  }

  function fill() {
    var s = station || {};
    $('f-code').value = s.code || '';
    $('f-code').disabled = !isNew;
    $('f-name').value = s.name || '';
    $('f-address').value = s.address || '';
    $('f-region').value = s.region || '';
    $('f-host').value = s.host_id ? String(s.host_id) : '';
    $('f-host-type').value = s.host_type || '';
    $('f-level').value = s.level || 'standard';
    $('f-status').value = s.status || 'open';
    $('f-opened-on').value = s.opened_on || '';
    $('f-manager').value = s.manager || '';
    $('f-phone').value = s.phone || '';
    $('f-service-phone').value = s.service_phone || '';
    $('f-investment').value = s.investment_cny || '';
    $('f-hours').value = s.opening_hours || '';
    drawAmenities();
    drawServices();
    if (hoursEditor) hoursEditor.load();
    previewHours();
    if (s.lat !== undefined) setPosition({ lat: s.lat, lng: s.lng });
  }

  function collect() {
    var body = {
      name: $('f-name').value.trim(), address: $('f-address').value.trim(), region: $('f-region').value,
      host_type: $('f-host-type').value, level: $('f-level').value, status: $('f-status').value,
      opened_on: $('f-opened-on').value, manager: $('f-manager').value.trim(),
      service_phone: $('f-service-phone').value.trim(),
      investment_cny: $('f-investment').value.trim(), opening_hours: $('f-hours').value.trim(),
      lat: $('f-lat').value.trim(), lng: $('f-lng').value.trim(),
      host_id: $('f-host').value ? Number($('f-host').value) : null,
      amenities: [], services: []
    };
    if (isNew) body.code = $('f-code').value.trim();
    if (isNew || phoneDirty) body.phone = $('f-phone').value.trim();
    lists.amenities.forEach(function (a) {
      var v = $('amenity-' + a.code).value;
      if (v) body.amenities.push(v === 'working' ? a.code : a.code + ':' + v);
    });
    lists.services.forEach(function (s) { if ($('service-' + s.code).checked) body.services.push(s.code); });
    if (YZA.session().account.role === 'station_manager') delete body.region;
    return body;
  }

  function save(e) {
    e.preventDefault();
    var message = $('message');
    message.hidden = true;
    var body = collect();
    var request = isNew ? YZA.api('POST', '/api/v1/admin/stations', body)
                        : YZA.api('PATCH', '/api/v1/admin/stations/' + encodeURIComponent(code), body);
    $('save').disabled = true;
    request.then(function (r) {
      $('save').disabled = false;
      if (r.status === 201) { window.location.href = '/admin/stations/' + encodeURIComponent(r.body.code) + '?created=1'; return; }
      if (r.status === 200) {
        station = r.body; phoneDirty = false; fill();
        YZA.message(message, 'ok', '已保存。公众查询立即生效。');
        return;
      }
      YZA.message(message, 'error', YZA.errorText(r.status, r.body));
      window.scrollTo(0, 0);
    });
  }

  function drawPhotos() {
    var box = YZA.clear($('photos'));
    (station.photos || []).forEach(function (p) {
      var img = YZA.h('img');
      img.src = '/api/v1/admin/stations/' + encodeURIComponent(code) + '/photos/' + encodeURIComponent(p.file);
      img.alt = p.caption || '站点照片';
      var del = YZA.h('button', null, '删除');
      del.type = 'button';
      del.hidden = !canEdit();
      del.addEventListener('click', function () {
        YZA.api('DELETE', img.src.replace(window.location.origin, '')).then(function (r) {
          if (r.status === 200) reload();
        });
      });
      box.appendChild(YZA.h('figure', null, [img, YZA.h('figcaption', null, [YZA.h('span', null, p.caption || ''), del])]));
    });
  }

  function upload() {
    var file = $('photo-file').files[0];
    var message = $('photo-message');
    if (!file) { YZA.message(message, 'error', '请先选择图片。'); return; }
    if (file.size > 8 * 1024 * 1024) { YZA.message(message, 'error', '图片不能超过 8 MB。'); return; }
    var url = '/api/v1/admin/uploads/stations/' + encodeURIComponent(code) + '/photos?caption=' +
              encodeURIComponent($('photo-caption').value.trim());
    YZA.api('POST', url, undefined, file).then(function (r) {
      if (r.status === 201) { YZA.message(message, 'ok', '已上传。'); $('photo-file').value = ''; reload(); }
      else YZA.message(message, 'error', YZA.errorText(r.status, r.body));
    });
  }

  function reload() {
    return YZA.api('GET', '/api/v1/admin/stations/' + encodeURIComponent(code)).then(function (r) {
      if (r.status !== 200) { YZA.message($('message'), 'error', YZA.errorText(r.status, r.body)); return; }
      station = r.body;
      fill();
      drawPhotos();
    });
  }

  // The station's stars, their history and what it declares for grading (area, capacity).
  var STAR_WORDS = ['未评星', '一星', '二星', '三星', '四星', '五星'];
  function loadGrade() {
    var url = '/api/v1/admin/stations/' + encodeURIComponent(code) + '/grade';
    YZA.api('GET', url).then(function (r) {
      if (r.status !== 200) return;
      $('grade-card').hidden = false;
      var g = r.body;
      $('grade-now').textContent = g.stars ? '★'.repeat(g.stars) + ' ' + STAR_WORDS[g.stars] + '驿站' : '还没有评过星级。';
      var history = YZA.clear($('grade-history'));
      g.history.forEach(function (h) {
        history.appendChild(YZA.h('li', null, h.first_month + ' 至 ' + h.last_month + '：' + STAR_WORDS[h.stars] +
          '（' + YZA.time(h.approved_at_ms) + ' ' + h.approved_by + ' 批准）'));
      });
      $('g-area').value = g.facts.area_m2 === null ? '' : String(g.facts.area_m2);
      $('g-capacity').value = g.facts.capacity === null ? '' : String(g.facts.capacity);
    });
  }
  function saveFacts(e) {
    e.preventDefault();
    var area = $('g-area').value, capacity = $('g-capacity').value;
    YZA.api('PUT', '/api/v1/admin/stations/' + encodeURIComponent(code) + '/grading-facts', {
      area_m2: area === '' ? null : Number(area), capacity: capacity === '' ? null : Number(capacity)
    }).then(function (r) {
      if (r.status !== 200) { YZA.message($('grade-message'), 'error', YZA.errorText(r.status, r.body)); return; }
      YZA.message($('grade-message'), 'ok', '已保存，下次评星时使用。');
      loadGrade();
    });
  }

  YZA.boot(function (session) {
    Promise.all([YZA.api('GET', '/api/v1/admin/standard'), YZA.api('GET', '/api/v1/admin/regions'),
                 YZA.api('GET', '/api/v1/admin/hosts')]).then(function (r) {
      lists = r[0].body;
      (r[1].body.regions || []).forEach(function (g) { if (g.in_scope) option($('f-region'), g.code, g.name + '（' + g.code + '）'); });
      (r[2].body.hosts || []).forEach(function (h) { option($('f-host'), String(h.id), h.name); });
      lists.host_types.forEach(function (h) { option($('f-host-type'), h.code, h.label); });
      lists.levels.forEach(function (l) { option($('f-level'), l.code, l.label); });
      lists.statuses.forEach(function (s) { option($('f-status'), s.code, s.label); });
      $('title').textContent = isNew ? '新建站点' : '编辑站点';
      if (YZA.query('created')) YZA.message($('message'), 'ok', '站点已创建。');
      $('f-phone').addEventListener('input', function () { phoneDirty = true; });
      $('f-hours').addEventListener('input', previewHours);
      hoursEditor = window.YZHoursEditor($('hours-editor'), $('f-hours'), previewHours);
      document.querySelectorAll('[data-hours]').forEach(function (b) {
        b.addEventListener('click', function () {
          $('f-hours').value = b.getAttribute('data-hours');
          hoursEditor.load();
          previewHours();
        });
      });
      ['f-lat', 'f-lng'].forEach(function (id) {
        $(id).addEventListener('change', function () {
          var lat = parseFloat($('f-lat').value), lng = parseFloat($('f-lng').value);
          if (isFinite(lat) && isFinite(lng)) setPosition({ lat: lat, lng: lng });
        });
      });
      $('editor').addEventListener('submit', save);
      if (!canEdit()) {
        document.querySelectorAll('#editor input, #editor select, #editor button').forEach(function (el) { el.disabled = true; });
        $('save').hidden = true;
      }
      if (!isNew) {
        $('photos-card').hidden = false;
        $('photo-upload').addEventListener('click', upload);
        $('photo-upload').disabled = !canEdit();
        var base = '/api/v1/admin/stations/' + encodeURIComponent(code) + '/plaque.pdf?size=';
        $('plaque-a4').href = base + 'a4'; $('plaque-a5').href = base + 'a5';
        $('plaque-a4').hidden = $('plaque-a5').hidden = !canEdit();
        if (canEdit()) {
          // A plaque whose QR code no phone can open is refused: say why here, not in a new tab.
          YZA.api('GET', '/api/v1/admin/settings/public-address').then(function (r) {
            if (r.status !== 200 || r.body.printable) return;
            $('plaque-a4').classList.add('disabled'); $('plaque-a5').classList.add('disabled');
            $('plaque-blocked').textContent = r.body.problem; $('plaque-blocked').hidden = false;
          });
        }
        if (YZA.can('GET /api/v1/admin/stations/{code}/grade')) {
          $('facts').addEventListener('submit', saveFacts);
          $('facts').hidden = !YZA.can('PUT /api/v1/admin/stations/{code}/grading-facts');
          loadGrade();
        }
        $('reports-link').href = '/admin/reports?station=' + encodeURIComponent(code);
        $('reports-link').hidden = !YZA.can('GET /api/v1/admin/reports');
        var reveal = $('reveal-phone');
        reveal.hidden = !canEdit();
        reveal.addEventListener('click', function () {
          YZA.api('GET', '/api/v1/admin/stations/' + encodeURIComponent(code) + '?reveal=phone').then(function (r) {
            if (r.status === 200) { $('f-phone').value = r.body.phone || ''; reveal.hidden = true; }
          });
        });
      }
      YZA.makeMap($('map'), { lat: 36.88, lng: 118.79 }).then(function (v) {
        mapView = v;
        $('map-crs').textContent = '地图坐标系：' + ({ wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09' }[v.crs] || v.crs);
        window.YZA.editorMap = v.map;  // for the browser tests
        v.map.on('click', function (e) { if (canEdit()) setPosition(v.fromMap(e.latlng), true); });
        if (station) setPosition({ lat: station.lat, lng: station.lng });
      });
      if (isNew) fill(); else reload();
    });
  });
})();
