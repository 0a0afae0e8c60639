// Shared by the worker pages: the language switch (Simplified Chinese first, English second,
// remembered on the phone), coordinate conversions WGS-84 ↔ GCJ-02 ↔ BD-09 (the published
// formulas, as src/core/crs.cpp implements them, with the same iterative inverses), the labels of
// the contract's codes, the anonymous device id, and small DOM and fetch helpers.
// Plain ES5-style script, no framework, no build step: one global, YZ.
(function () {
  'use strict';
  var YZ = window.YZ = {};

  // ---- storage (private browsing may forbid it: the pages must still work) ----
  YZ.get = function (key) { try { return window.localStorage.getItem(key); } catch (e) { return null; } };
  YZ.set = function (key, value) { try { window.localStorage.setItem(key, value); } catch (e) { /* not kept */ } };

  // ---- DOM ----
  // h('p', 'class', [children or text]) → element; text children become text nodes (never HTML).
  YZ.h = function (tag, cls, children) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    YZ.append(el, children);
    return el;
  };
  YZ.append = function (el, children) {
    if (children === undefined || children === null) return el;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return el;
  };
  // Both languages of a short text; app.css shows one of the two spans.
  YZ.bi = function (zh, en) {
    var f = document.createDocumentFragment();
    f.appendChild(YZ.h('span', 'zh', zh));
    var e = YZ.h('span', 'en', en === undefined ? zh : en);
    e.lang = 'en';
    f.appendChild(e);
    return f;
  };
  YZ.icon = function (name) {
    var ns = 'http://www.w3.org/2000/svg';
    var svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('class', 'icon');
    svg.setAttribute('aria-hidden', 'true');
    var use = document.createElementNS(ns, 'use');
    use.setAttribute('href', '/assets/icons.svg#' + name);
    svg.appendChild(use);
    return svg;
  };
  YZ.$ = function (id) { return document.getElementById(id); };

  // ---- language ----
  YZ.lang = function () { return document.documentElement.classList.contains('lang-en') ? 'en' : 'zh'; };
  // t('中文', 'English') → the text in the current language (for attributes and alerts).
  YZ.t = function (zh, en) { return YZ.lang() === 'en' ? en : zh; };
  YZ.setLang = function (lang) {
    var root = document.documentElement;
    root.classList.toggle('lang-en', lang === 'en');
    root.lang = lang === 'en' ? 'en' : 'zh-CN';
    YZ.set('yizhan.lang', lang);
    document.querySelectorAll('[data-label-zh]').forEach(function (el) {
      el.setAttribute('aria-label', lang === 'en' ? el.getAttribute('data-label-en') : el.getAttribute('data-label-zh'));
    });
    document.dispatchEvent(new CustomEvent('yz:lang', { detail: lang }));
  };
  if (YZ.get('yizhan.lang') === 'en') YZ.setLang('en');
  var langButton = YZ.$('lang-switch');
  if (langButton) {
    langButton.hidden = false;
    langButton.addEventListener('click', function () { YZ.setLang(YZ.lang() === 'en' ? 'zh' : 'en'); });
  }

  // ---- coordinates (see src/core/crs.h) ----
  var PI = Math.PI, A = 6378245.0, EE = 0.00669342162296594323, X_PI = PI * 3000.0 / 180.0;
  function offsetLat(x, y) {
    var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(y * PI) + 40.0 * Math.sin(y / 3.0 * PI)) * 2.0 / 3.0;
    r += (160.0 * Math.sin(y / 12.0 * PI) + 320.0 * Math.sin(y * PI / 30.0)) * 2.0 / 3.0;
    return r;
  }
  function offsetLng(x, y) {
    var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
    r += (20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0 / 3.0;
    r += (20.0 * Math.sin(x * PI) + 40.0 * Math.sin(x / 3.0 * PI)) * 2.0 / 3.0;
    r += (150.0 * Math.sin(x / 12.0 * PI) + 300.0 * Math.sin(x / 30.0 * PI)) * 2.0 / 3.0;
    return r;
  }
  function inGcjBox(p) { return p.lng >= 72.004 && p.lng <= 137.8347 && p.lat >= 0.8293 && p.lat <= 55.8271; }
  function wgsToGcj(p) {
    if (!inGcjBox(p)) return { lat: p.lat, lng: p.lng };
    var x = p.lng - 105.0, y = p.lat - 35.0, radLat = p.lat / 180.0 * PI;
    var s = Math.sin(radLat), magic = 1.0 - EE * s * s, sqrtMagic = Math.sqrt(magic);
    var dLat = offsetLat(x, y) * 180.0 / ((A * (1.0 - EE)) / (magic * sqrtMagic) * PI);
    var dLng = offsetLng(x, y) * 180.0 / (A / sqrtMagic * Math.cos(radLat) * PI);
    return { lat: p.lat + dLat, lng: p.lng + dLng };
  }
  // Fixed-point inverse: w ← w + (target − forward(w)), to about 1 mm (as the server's).
  function invert(forward, target, start) {
    var lat = start.lat, lng = start.lng;
    for (var i = 0; i < 20; i++) {
      var f = forward({ lat: lat, lng: lng });
      var dLat = target.lat - f.lat, dLng = target.lng - f.lng;
      lat += dLat; lng += dLng;
      if (Math.abs(dLat) < 1e-8 && Math.abs(dLng) < 1e-8) break;
    }
    return { lat: lat, lng: lng };
  }
  function gcjToWgs(p) { return invert(wgsToGcj, p, p); }
  function gcjToBd(p) {
    var x = p.lng, y = p.lat;
    var z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
    var theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
    return { lat: z * Math.sin(theta) + 0.006, lng: z * Math.cos(theta) + 0.0065 };
  }
  function bdToGcj(p) {
    var x = p.lng - 0.0065, y = p.lat - 0.006;
    var z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
    var theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
    return invert(gcjToBd, p, { lat: z * Math.sin(theta), lng: z * Math.cos(theta) });
  }
  // fromWgs84({lat, lng}, 'wgs84' | 'gcj02' | 'bd09') and its inverse toWgs84.
  YZ.crs = {
    fromWgs84: function (p, crs) {
      if (crs === 'gcj02') return wgsToGcj(p);
      if (crs === 'bd09') return gcjToBd(wgsToGcj(p));
      return { lat: p.lat, lng: p.lng };
    },
    toWgs84: function (p, crs) {
      if (crs === 'gcj02') return gcjToWgs(p);
      if (crs === 'bd09') return gcjToWgs(bdToGcj(p));
      return { lat: p.lat, lng: p.lng };
    }
  };

  // ---- the contract's codes: [Chinese, English, icon] ----
  YZ.amenities = {
    seating: ['桌椅', 'Tables and chairs', 'seat'], cooling_heating: ['冷暖设备', 'Fan / air conditioning', 'climate'],
    drinking_water: ['饮水机', 'Drinking water', 'water'], microwave: ['微波炉', 'Microwave', 'microwave'],
    toilet: ['卫生间', 'Toilet', 'toilet'], locker: ['储物柜', 'Lockers', 'locker'],
    repair_kit: ['维修工具箱', 'Repair toolbox', 'tools'], first_aid: ['急救药箱', 'First-aid kit', 'firstaid'],
    charging: ['充电设施', 'Phone charging', 'charging'], books: ['图书报刊', 'Books and newspapers', 'book'],
    wifi: ['无线网络', 'Wi-Fi', 'wifi'], fridge: ['冰箱', 'Fridge', 'fridge'], tv: ['电视', 'TV', 'tv'],
    umbrella: ['雨具', 'Umbrellas and rain gear', 'umbrella'], aed: ['除颤仪', 'Defibrillator (AED)', 'heart'],
    hot_water: ['热水', 'Hot water', 'cup'], ebike_charging: ['电动车充电', 'E-bike charging', 'charging'],
    tire_inflation: ['充气', 'Tyre pump', 'tools'], washbasin: ['洗手池', 'Washbasin', 'water']
  };

  // ---- numbers in words ----
  // [Chinese, English] for a distance in metres.
  YZ.distance = function (m) {
    if (m < 1000) { var r = Math.max(10, Math.round(m / 10) * 10); return [r + ' 米', r + ' m']; }
    var km = m < 10000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000));
    return [km + ' 公里', km + ' km'];
  };

  // ---- the API ----
  // fetchJson(url, {method, body}) → Promise of {status, body}; status 0 when the network failed.
  YZ.fetchJson = function (url, options) {
    options = options || {};
    var init = { method: options.method || 'GET', headers: { Accept: 'application/json' } };
    if (options.body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    return fetch(url, init).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; },
                           function () { return { status: r.status, body: {} }; });
    }, function () { return { status: 0, body: { error: { code: 'network' } } }; });
  };
  // [Chinese, English] for an API error code.
  YZ.errorText = function (code) {
    var m = {
      rate_limited: ['操作太频繁，请过一分钟再试。', 'Too many tries: please wait a minute.'],
      conflict: ['这个站点现在不能签到。', 'This station does not take check-ins now.'],
      not_found: ['没有找到这个站点。', 'Station not found.'],
      invalid_argument: ['请求有误，请重试。', 'Something was wrong with the request. Please try again.'],
      forbidden: ['这次评价无效，请重新签到。', 'This rating is not valid: please check in again.'],
      network: ['网络不好，请稍后再试。', 'No network: please try again later.']
    };
    return m[code] || ['出了点问题，请稍后再试。', 'Something went wrong. Please try again later.'];
  };

  // A random id kept on this phone, so a second scan within 30 minutes is not counted twice.
  // It identifies the phone to nobody: it is not derived from anything about the worker.
  YZ.deviceId = function () {
    var id = YZ.get('yizhan.device');
    if (!id) {
      var bytes = new Uint8Array(16);
      window.crypto.getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
      YZ.set('yizhan.device', id);
    }
    return id;
  };
})();
