// The Find page (/): the stations nearest to the worker, as a list sorted by distance and on a
// map, filtered by the big toggles (both at once: one search feeds both).
//
// Speed on a slow phone comes first: the list needs only this script, common.js and one search,
// so the position is asked for at once and the map library (Leaflet, ~150 KB) is fetched only
// after the list is shown, or at once when the worker has to tap the map for lack of a position.
// Positions are WGS-84 everywhere in this script; the map's tiles may be GCJ-02 (Amap), so what
// goes onto the map is converted with YZ.crs, and a tap on the map is converted back.
(function () {
  'use strict';
  var $ = YZ.$;
  var LIMIT = 10;
  var KEY_AMENITIES = ['drinking_water', 'microwave', 'toilet', 'charging', 'cooling_heating'];
  var SHORT = {
    drinking_water: ['喝水', 'Water'], microwave: ['微波炉', 'Microwave'], toilet: ['厕所', 'Toilet'],
    charging: ['充电', 'Charging'], cooling_heating: ['空调', 'AC/heat']
  };

  var state = {
    origin: null,        // {lat, lng} WGS-84
    originKind: null,    // 'gps' | 'town' | 'tap'
    townName: null,
    amenities: [],       // filter codes, all required
    openNow: false,
    minStars: 0,        // the star grade asked for (星级), 0: any
    stations: [],
    searchSeq: 0
  };
  var defaultConfig = { map: { tiles: 'none', crs: 'wgs84', layers: [], max_zoom: 18 }, town_streets: [] };
  var config = defaultConfig;
  var configReady = YZ.fetchJson('/api/v1/config').then(function (r) {
    if (r.status === 200 && r.body && r.body.map) {
      config = r.body;
      config.map.layers = config.map.layers || [];
      config.map.crs = config.map.crs || 'wgs84';
      config.town_streets = config.town_streets || [];
    }
    return config;
  });

  // ---- status line ----
  function setStatus(zh, en, kind) {
    var s = $('status');
    s.textContent = '';
    s.className = 'status' + (kind ? ' ' + kind : '');
    s.appendChild(YZ.bi(zh, en));
  }

  // ---- position ----
  function locate() {
    if (!navigator.geolocation) { noPosition(); return; }
    setStatus('正在找您的位置…', 'Finding where you are…');
    navigator.geolocation.getCurrentPosition(function (pos) {
      setOrigin({ lat: pos.coords.latitude, lng: pos.coords.longitude }, 'gps');
    }, function () { noPosition(); }, { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 });
  }

  function noPosition() {
    $('place').hidden = false;
    $('relocate').hidden = false;
    setStatus('没能找到您的位置。请在下面选镇街，或在地图上点一下您在哪里。',
              'Your position is not available. Choose your town or street below, or tap the map.', 'warn');
    configReady.then(function () {
      fillTowns();
      var saved = YZ.get('yizhan.town');
      if (saved && selectTown(saved)) return;
    });
    showMap();
  }

  function fillTowns() {
    var select = $('town');
    if (select.options.length > 1) return;
    config.town_streets.forEach(function (t) {
      var o = document.createElement('option');
      o.value = t.code;
      o.textContent = t.name + '（' + t.stations + '）';
      select.appendChild(o);
    });
  }

  function selectTown(code) {
    var town = config.town_streets.filter(function (t) { return t.code === code; })[0];
    if (!town) return false;
    $('town').value = code;
    YZ.set('yizhan.town', code);
    state.townName = town.name;
    setOrigin({ lat: town.lat, lng: town.lng }, 'town');
    return true;
  }

  function setOrigin(p, kind) {
    state.origin = p;
    state.originKind = kind;
    if (kind === 'gps') $('place').hidden = true;
    search();
  }

  // ---- search ----
  function search() {
    if (!state.origin) return;
    var seq = ++state.searchSeq;
    var url = '/api/v1/stations/nearby?lat=' + state.origin.lat.toFixed(6) + '&lng=' + state.origin.lng.toFixed(6) +
              '&limit=' + LIMIT;
    if (state.amenities.length) url += '&amenity=' + state.amenities.join(',');
    if (state.openNow) url += '&open_now=1';
    if (state.minStars) url += '&min_stars=' + state.minStars;
    $('list').setAttribute('aria-busy', 'true');
    YZ.fetchJson(url).then(function (r) {
      if (seq !== state.searchSeq) return;  // a newer search is under way
      $('list').removeAttribute('aria-busy');
      if (r.status !== 200) {
        var e = YZ.errorText(r.body && r.body.error && r.body.error.code);
        setStatus(e[0], e[1], 'error');
        return;
      }
      state.stations = r.body.stations;
      renderList();
      showMap();
    });
  }

  function describeOrigin() {
    if (state.originKind === 'town') return [state.townName + '附近的 ', ' around ' + state.townName];
    if (state.originKind === 'tap') return ['离地图上所点位置最近的 ', ' nearest to the point you tapped'];
    return ['离我最近的 ', ' nearest to you'];
  }

  function renderList() {
    var list = $('list');
    list.textContent = '';
    var n = state.stations.length;
    var where = describeOrigin();
    var filtered = state.amenities.length > 0 || state.openNow || state.minStars > 0;
    if (n === 0) {
      setStatus(filtered ? '附近没有符合条件的驿站。少选几项试试。' : '附近没有找到驿站。',
                filtered ? 'No station nearby has all of that. Try fewer toggles.' : 'No station found nearby.', 'warn');
      return;
    }
    setStatus(where[0] + n + ' 个驿站' + (filtered ? '（已筛选）' : ''),
              'The ' + n + ' stations' + where[1] + (filtered ? ' (filtered)' : ''));
    state.stations.forEach(function (s, i) { list.appendChild(stationItem(s, i)); });
  }

  function openState(s) {
    if (s.open_now === true) return YZ.h('span', 'open-state open', [YZ.icon('clock'), YZ.bi('正在开放', 'Open now')]);
    if (s.open_now === false) return YZ.h('span', 'open-state closed', [YZ.icon('clock'), YZ.bi('现在关门', 'Closed now')]);
    return YZ.h('span', 'open-state unknown', [YZ.icon('clock'), YZ.bi('时间未知', 'Hours unknown')]);
  }

  function ratingOf(s) {
    if (s.rating && s.rating.average !== null && s.rating.count > 0) {
      return YZ.h('span', 'rating', [YZ.icon('star'), YZ.h('b', null, s.rating.average.toFixed(1)),
        YZ.bi(' ' + s.rating.count + '人评', ' (' + s.rating.count + ')')]);
    }
    return YZ.h('span', 'rating none', [YZ.icon('star'), YZ.bi('暂无评价', 'No ratings')]);
  }

  // The approved star grade (星级), when the station has one.
  function gradeOf(s) {
    if (!s.stars) return null;
    var words = ['', '一星', '二星', '三星', '四星', '五星'];
    return YZ.h('span', 'grade', [YZ.h('span', 'grade-stars', '★'.repeat(s.stars)), YZ.bi(words[s.stars] + '驿站', s.stars + '-star')]);
  }

  function stationItem(s, i) {
    var d = YZ.distance(s.distance_m);
    var chips = YZ.h('ul', 'amenity-chips');
    KEY_AMENITIES.forEach(function (code) {
      if (s.amenities.indexOf(code) < 0) return;
      chips.appendChild(YZ.h('li', null, [YZ.icon(YZ.amenities[code][2]), YZ.bi(SHORT[code][0], SHORT[code][1])]));
    });
    var a = YZ.h('a', 'station', [
      YZ.h('span', 'num' + (s.open_now === true ? ' open' : ''), String(i + 1)),
      YZ.h('span', 'body', [
        YZ.h('span', 'name', s.name),
        YZ.h('span', 'meta', [YZ.h('span', 'dist', [YZ.icon('pin'), YZ.bi(d[0], d[1])]), openState(s), ratingOf(s), gradeOf(s)]),
        chips
      ])
    ]);
    a.href = '/station/' + encodeURIComponent(s.code);
    var li = YZ.h('li', null, a);
    li.id = 'station-' + s.code;
    li.setAttribute('data-code', s.code);
    return li;
  }

  // ---- filters ----
  document.querySelectorAll('#filters .filter').forEach(function (b) {
    b.addEventListener('click', function () {
      var on = b.getAttribute('aria-pressed') !== 'true';
      b.setAttribute('aria-pressed', String(on));
      var amenity = b.getAttribute('data-amenity');
      if (amenity) {
        state.amenities = state.amenities.filter(function (c) { return c !== amenity; });
        if (on) state.amenities.push(amenity);
      } else if (b.getAttribute('data-min-stars')) {
        state.minStars = on ? Number(b.getAttribute('data-min-stars')) : 0;
      } else {
        state.openNow = on;
      }
      search();
    });
  });
  $('town').addEventListener('change', function () { if ($('town').value) selectTown($('town').value); });
  $('relocate').addEventListener('click', locate);

  // ---- map ----
  var leaflet = null;  // Promise of L
  var map = null, markers = null, tilesFailed = false;

  function loadLeaflet() {
    if (!leaflet) {
      leaflet = new Promise(function (resolve, reject) {
        var css = document.createElement('link');
        css.rel = 'stylesheet';
        css.href = '/vendor/leaflet.css';
        document.head.insertBefore(css, $('app-css'));  // app.css keeps the last word
        var js = document.createElement('script');
        js.src = '/vendor/leaflet.js';
        js.onload = function () { resolve(window.L); };
        js.onerror = reject;
        document.head.appendChild(js);
      });
    }
    return leaflet;
  }

  function showMap() {
    Promise.all([loadLeaflet(), configReady]).then(function (r) {
      if (!map) createMap(r[0]);
      drawMap();
    }, function () {
      $('map').classList.add('failed');
      $('map').textContent = '';
      $('map').appendChild(YZ.h('p', 'hint', YZ.bi('地图没能加载，请看下面的列表。', 'The map did not load: see the list below.')));
    });
  }

  function toMap(p) { var q = YZ.crs.fromWgs84(p, config.map.crs); return [q.lat, q.lng]; }

  function createMap(L) {
    var el = $('map');
    map = L.map(el, { zoomControl: true, attributionControl: config.map.layers.length > 0,
                      maxZoom: config.map.max_zoom || 18, minZoom: 5 });
    YZ.findMap = map;  // for the browser tests
    if (config.map.layers.length === 0) el.classList.add('plain');
    config.map.layers.forEach(function (layer) {
      var tiles = L.tileLayer(layer.url, { subdomains: layer.subdomains || 'abc', attribution: layer.attribution,
                                           maxZoom: config.map.max_zoom || 18 }).addTo(map);
      // No network for tiles: say so once with the town-streets on the plain background.
      tiles.once('tileerror', function () { tilesFailed = true; el.classList.add('plain'); drawMap(); });
    });
    L.control.scale({ imperial: false }).addTo(map);
    // Town-street names only when zoomed in enough for them not to pile up.
    map.on('zoomend', function () { el.classList.toggle('far', map.getZoom() < 12); });
    markers = L.layerGroup().addTo(map);
    map.setView(toMap(state.origin || (config.town_streets[0] || { lat: 36.855, lng: 118.79 })), 13);
    map.on('click', function (e) {
      var p = YZ.crs.toWgs84({ lat: e.latlng.lat, lng: e.latlng.lng }, config.map.crs);
      setOrigin(p, 'tap');
    });
  }

  function drawMap() {
    if (!map) return;
    var L = window.L;
    markers.clearLayers();
    var bounds = [];
    // On a plain background (no tiles, or none loading) the town-streets give the worker
    // bearings, and a tap on one searches around it.
    if (config.map.layers.length === 0 || tilesFailed || !state.origin) {
      config.town_streets.forEach(function (t) {
        var label = YZ.h('span', null, [YZ.h('i'), YZ.h('span', null, t.name)]);
        var m = L.marker(toMap(t), {
          icon: L.divIcon({ className: 'yz-town', html: label, iconSize: null, iconAnchor: [0, 0] }),
          keyboard: false, zIndexOffset: -1000, title: t.name, interactive: !state.origin
        }).addTo(markers);
        if (!state.origin) m.on('click', function () { selectTown(t.code); });
        if (!state.origin) bounds.push(toMap(t));
      });
    }
    if (state.origin) {
      var here = toMap(state.origin);
      L.marker(here, {
        icon: L.divIcon({ className: 'yz-you', html: '<span></span>', iconSize: [24, 24], iconAnchor: [12, 12] }),
        keyboard: false, zIndexOffset: 1000, title: YZ.t('您的位置', 'You are here')
      }).addTo(markers);
      bounds.push(here);
    }
    state.stations.forEach(function (s, i) {
      var at = toMap(s);
      var m = L.marker(at, {
        icon: L.divIcon({ className: 'yz-pin' + (s.open_now === true ? ' open' : ''), html: '<span><b>' + (i + 1) + '</b></span>',
                          iconSize: [36, 36], iconAnchor: [18, 34] }),
        title: s.name, alt: s.name
      });
      var link = YZ.h('a', 'button small', YZ.bi('查看详情', 'Details'));
      link.href = '/station/' + encodeURIComponent(s.code);
      var d = YZ.distance(s.distance_m);
      m.bindPopup(YZ.h('div', 'popup', [YZ.h('b', null, (i + 1) + '. ' + s.name), YZ.h('br'),
                                        YZ.bi(d[0], d[1]), ' ', link]));
      m.addTo(markers);
      if (i < 5) bounds.push(at);
    });
    if (bounds.length > 1) map.fitBounds(bounds, { paddingTopLeft: [64, 40], paddingBottomRight: [24, 24], maxZoom: 16 });
    else if (bounds.length === 1) map.setView(bounds[0], 15);
  }

  // ---- start ----
  document.addEventListener('yz:lang', function () { if (state.origin) renderList(); });
  locate();
})();
