// The station list: search, filters by region and status, and the map of the results, a page
// of 200 at a time (the server pages and filters: a national registry is 200,000 stations).
(function () {
  'use strict';
  var PAGE = 200;
  var mapView = null, layer = null, regionNames = {}, regionsReady = Promise.resolve();
  var offset = 0;

  function load() {
    var params = new URLSearchParams();
    ['q', 'region', 'status'].forEach(function (k) { if (YZA.$(k).value) params.set(k, YZA.$(k).value); });
    params.set('offset', String(offset));
    params.set('limit', String(PAGE));
    regionsReady.then(function () {
      return YZA.api('GET', '/api/v1/admin/stations?' + params.toString());
    }).then(function (r) {
      if (r.status !== 200) return;
      var rows = YZA.clear(YZA.$('rows'));
      r.body.stations.forEach(function (s) {
        var link = YZA.h('a', null, s.name);
        link.href = '/admin/stations/' + encodeURIComponent(s.code);
        var states = s.amenity_states || {};
        var bad = Object.keys(states).filter(function (k) { return states[k] !== 'working'; }).length;
        rows.appendChild(YZA.h('tr', null, [
          YZA.h('td', 'nowrap', s.code), YZA.h('td', null, link), YZA.h('td', 'small', s.address),
          YZA.h('td', 'small', regionNames[s.region] || s.region), YZA.h('td', 'small', YZA.labels.level[s.level] || s.level),
          YZA.h('td', null, YZA.badge(s.status, YZA.labels.status[s.status] || s.status)),
          YZA.h('td', 'small', Object.keys(states).length + ' 项' + (bad ? '，' + bad + ' 项异常' : ''))
        ]));
      });
      var total = r.body.total, shown = r.body.stations.length;
      YZA.$('count').textContent = '共 ' + total + ' 个站点' +
        (total > shown ? '，本页第 ' + (shown ? offset + 1 : 0) + '–' + (offset + shown) + ' 个' : '');
      YZA.$('pager').hidden = total <= PAGE;
      YZA.$('page-at').textContent = '第 ' + (Math.floor(offset / PAGE) + 1) + ' / ' + Math.max(1, Math.ceil(total / PAGE)) + ' 页';
      YZA.$('page-prev').disabled = offset === 0;
      YZA.$('page-next').disabled = offset + PAGE >= total;
      drawMap(r.body.stations);
    });
  }

  function drawMap(stations) {
    if (!mapView || !window.L) return;
    layer.clearLayers();
    var points = [];
    stations.forEach(function (s) {
      var at = mapView.toMap({ lat: s.lat, lng: s.lng });
      points.push(at);
      var m = window.L.marker(at, { icon: YZA.pin(s.status === 'open' ? '' : 'other'), title: s.name });
      m.on('click', function () { window.location.href = '/admin/stations/' + encodeURIComponent(s.code); });
      m.addTo(layer);
    });
    if (points.length) mapView.map.fitBounds(points, { padding: [30, 30], maxZoom: 15 });
  }

  YZA.boot(function () {
    YZA.$('new-station').hidden = !YZA.can('POST /api/v1/admin/stations');
    var status = YZA.$('status');
    Object.keys(YZA.labels.status).forEach(function (k) {
      var o = YZA.h('option', null, YZA.labels.status[k]); o.value = k; status.appendChild(o);
    });
    regionsReady = YZA.api('GET', '/api/v1/admin/regions').then(function (r) {
      if (r.status !== 200) return;
      r.body.regions.forEach(function (g) {
        regionNames[g.code] = g.name;
        var o = YZA.h('option', null, g.name + '（' + g.code + '）'); o.value = g.code; YZA.$('region').appendChild(o);
      });
    });
    YZA.$('filters').addEventListener('submit', function (e) { e.preventDefault(); offset = 0; load(); });
    YZA.$('page-prev').addEventListener('click', function () { offset = Math.max(0, offset - PAGE); load(); });
    YZA.$('page-next').addEventListener('click', function () { offset += PAGE; load(); });
    YZA.makeMap(YZA.$('map'), { lat: 36.88, lng: 118.79 }).then(function (v) {
      mapView = v; layer = window.L.layerGroup().addTo(v.map); load();
    }, load);
  });
})();
