// Shared by every console page: the session (who is signed in, the CSRF token), the API wrapper
// that sends the token with every change, the navigation by role, and small DOM helpers that
// only ever create text nodes (stored text is never parsed as HTML). One global, YZA.
(function () {
  'use strict';
  var YZA = window.YZA = {};

  YZA.$ = function (id) { return document.getElementById(id); };
  // h('td', 'class', [children or text]) → element; strings become text nodes, never HTML.
  YZA.h = function (tag, cls, children) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (children === undefined || children === null) return el;
    if (!Array.isArray(children)) children = [children];
    children.forEach(function (c) {
      if (c === null || c === undefined || c === false) return;
      el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
    });
    return el;
  };
  YZA.clear = function (el) { while (el.firstChild) el.removeChild(el.firstChild); return el; };

  YZA.labels = {
    status: { planned: '规划中', building: '建设中', open: '开放', suspended: '暂停', closed: '关闭' },
    level: { standard: '普通站点', city_demo: '市级示范点', provincial_demo: '省级示范点', national_demo: '全国示范点' },
    amenityState: { working: '正常', broken: '损坏', missing: '缺失' },
    outcome: { success: '成功', denied: '拒绝', failed: '失败' },
    // Who acted, in the audit log: the console roles, a person signed in by phone, the system.
    role: {
      city_admin: '市总工会管理员', region_admin: '区域管理员', station_manager: '站点负责人',
      maintainer: '维护人员', volunteer: '志愿者', auditor: '审计员', security_admin: '安全管理员',
      person: '职工本人', system: '系统', public: '报修人'
    },
    // Audit actions as the audit page shows them; an action not listed shows its code.
    action: {
      'auth.login': '登录', 'auth.lockout': '账号锁定', 'auth.logout': '退出登录', 'account.password': '修改本人密码',
      'account.create': '创建账号', 'account.role': '修改角色与范围', 'account.disable': '停用账号',
      'account.enable': '启用账号', 'account.password_reset': '重置密码', 'account.sessions_end': '结束会话',
      'account.sessions': '查看会话', 'account.list': '查看账号列表', 'route.denied': '越权访问被拒',
      'station.create': '新建站点', 'station.update': '修改站点', 'station.import': '导入站点',
      'station.export': '导出站点', 'station.phone_view': '查看完整电话', 'station.photo_add': '上传照片',
      'station.photo_delete': '删除照片', 'station.plaque': '生成站点牌匾', 'region.plaques': '生成区域牌匾',
      'region.save': '保存区域', 'host.create': '新建承办单位', 'report.status': '处理报修与反馈',
      'person.code.request': '获取登录验证码', 'person.sign_in': '手机号登录', 'person.consent.give': '同意',
      'person.consent.withdraw': '撤回同意', 'person.data.download': '下载本人信息', 'person.erase': '删除本人信息',
      'message.outbox_view': '查看短信与通知', 'settings.public_url': '修改公开地址',
      'duty_template.stop': '停用值班模板', 'shift.add': '添加班次', 'shift.confirm_arrival': '确认到岗',
      'volunteer.approve_skills': '审核志愿者技能', 'volunteer.rules': '设置志愿服务规则',
      'ticket.assign': '派单', 'ticket.start': '开始维修', 'ticket.wait_parts': '等配件', 'ticket.resolve': '标记修好',
      'ticket.verify': '验收工单', 'ticket.reject': '工单不予处理', 'ticket.merge': '合并工单',
      'ticket.worker_verdict': '报修人确认', 'ticket.facility_reset': '设施恢复正常', 'team.save': '保存维修队',
      'service_level.set': '设置服务时限', 'ticket.overdue_sweep': '报修超时检查', 'ticket.overdue_sms': '超时短信',
      'ticket.photo_add': '上传工单照片', 'inspection.add': '记录暗访', 'supply.entry': '登记物资', 'supply.minimum': '设定物资最少数量',
      'supply.restock_tickets': '物资补充工单', 'supply.catalogue': '修改物资目录',
      'grading.rules': '修改评星标准', 'grading.facts': '申报面积与容量', 'grading.run': '发起星级评定',
      'grading.override': '调整评定星级', 'grading.approve': '批准星级评定', 'grading.reject': '退回星级评定'
    }
  };

  YZA.errorText = function (status, body) {
    var e = (body && body.error) || {};
    var byCode = {
      unauthenticated: '请先登录。', forbidden: '您没有权限进行此操作。', not_found: '没有找到（或不在您的管辖范围内）。',
      conflict: '与现有数据冲突。', rate_limited: '尝试次数过多，请稍后再试。', payload_too_large: '文件过大。',
      invalid_argument: '输入有误：', unavailable: '服务暂时不可用，请稍后再试。'
    };
    var text = byCode[e.code] || ('出错了（' + status + '）');
    if (e.code === 'invalid_argument' && e.message) text += e.message;
    return text;
  };

  var session = null;
  // fetch with the session's CSRF token on every change. Resolves {status, body}; on 401 it
  // sends the browser to the sign-in page.
  YZA.api = function (method, url, body, raw) {
    var init = { method: method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
    if (session && method !== 'GET') init.headers['X-CSRF-Token'] = session.csrf_token;
    if (raw !== undefined) { init.body = raw; init.headers['Content-Type'] = 'application/octet-stream'; }
    else if (body !== undefined) { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
    return fetch(url, init).then(function (r) {
      if (r.status === 401 && url.indexOf('/api/v1/auth/login') !== 0) {
        window.location.href = '/admin/login?next=' + encodeURIComponent(window.location.pathname);
      }
      return r.json().then(function (j) { return { status: r.status, body: j }; },
                           function () { return { status: r.status, body: {} }; });
    }, function () { return { status: 0, body: { error: { code: 'unavailable' } } }; });
  };

  YZA.message = function (el, kind, text, details) {
    YZA.clear(el);
    el.hidden = false;
    el.className = 'message ' + kind;
    el.appendChild(document.createTextNode(text));
    if (details && details.length) {
      var ul = YZA.h('ul', 'row-errors');
      details.forEach(function (d) { ul.appendChild(YZA.h('li', null, d)); });
      el.appendChild(ul);
    }
  };

  // What the caller may do comes from the server's route table (GET /api/v1/admin/session:
  // `menu` and `allowed`), never from role lists kept here. `route` is "METHOD pattern", e.g.
  // "PATCH /api/v1/admin/stations/{code}".
  YZA.can = function (route) { return !!session && (session.allowed || []).indexOf(route) >= 0; };
  YZA.session = function () { return session; };
  // The sign-in page has no session yet: it keeps the token the login answered for its next change.
  YZA.useCsrf = function (token) { session = session || {}; session.csrf_token = token; };

  function drawNav() {
    var nav = YZA.$('nav');
    if (!nav) return;
    YZA.clear(nav);
    var brand = YZA.h('a', 'brand', ['驿站管理控制台', YZA.h('small', null, '户外劳动者服务站点')]);
    brand.href = '/admin/';
    nav.appendChild(brand);
    (session.menu || []).forEach(function (item) {
      var a = YZA.h('a', 'item', item.label);
      a.href = item.path;
      if (window.location.pathname === item.path) a.classList.add('active');
      nav.appendChild(a);
    });
    var who = YZA.h('div', 'who', [YZA.h('div', null, session.account.username), YZA.h('div', null, session.account.role_label)]);
    var out = YZA.h('button', null, '退出登录');
    out.id = 'logout';
    out.type = 'button';
    out.addEventListener('click', function () {
      YZA.api('POST', '/api/v1/auth/logout', {}).then(function () { window.location.href = '/admin/login'; });
    });
    who.appendChild(out);
    nav.appendChild(who);
  }

  // Loads the session, draws the navigation, then calls `start(session)`.
  YZA.boot = function (start) {
    YZA.api('GET', '/api/v1/admin/session').then(function (r) {
      if (r.status !== 200) return;
      session = r.body;
      if (session.must_change_password) { window.location.href = '/admin/login?change=1'; return; }
      drawNav();
      start(session);
    });
  };

  YZA.query = function (name) { return new URLSearchParams(window.location.search).get(name) || ''; };
  YZA.time = function (ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + two(d.getMonth() + 1) + '-' + two(d.getDate()) + ' ' + two(d.getHours()) + ':' + two(d.getMinutes());
  };
  YZA.badge = function (kind, text) { return YZA.h('span', 'badge ' + kind, text); };

  // ---- maps (Leaflet from /vendor/, tiles and their coordinate system from /api/v1/config) ----
  var mapConfig = null;
  YZA.mapConfig = function () {
    if (mapConfig) return Promise.resolve(mapConfig);
    return fetch('/api/v1/config').then(function (r) { return r.json(); }).then(function (c) {
      mapConfig = c.map; return mapConfig;
    }, function () { mapConfig = { tiles: 'none', crs: 'wgs84', layers: [], max_zoom: 18 }; return mapConfig; });
  };
  // A Leaflet map in `el`; positions given to and taken from it are WGS-84 ({lat, lng}).
  YZA.makeMap = function (el, center) {
    return YZA.mapConfig().then(function (cfg) {
      var L = window.L;
      var map = L.map(el, { maxZoom: cfg.max_zoom || 18, minZoom: 4 });
      cfg.layers.forEach(function (layer) {
        L.tileLayer(layer.url, { subdomains: layer.subdomains || 'abc', attribution: layer.attribution,
                                 maxZoom: cfg.max_zoom || 18 }).addTo(map);
      });
      L.control.scale({ imperial: false }).addTo(map);
      var toMap = function (p) { var q = window.YZ.crs.fromWgs84(p, cfg.crs); return [q.lat, q.lng]; };
      var fromMap = function (ll) { return window.YZ.crs.toWgs84({ lat: ll.lat, lng: ll.lng }, cfg.crs); };
      map.setView(toMap(center), 13);
      return { map: map, toMap: toMap, fromMap: fromMap, crs: cfg.crs };
    });
  };
  YZA.pin = function (cls) {
    return window.L.divIcon({ className: 'yz-pin' + (cls ? ' ' + cls : ''), html: '<span></span>', iconSize: [24, 24], iconAnchor: [12, 12] });
  };
})();
