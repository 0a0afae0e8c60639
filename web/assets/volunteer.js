// The volunteer's page (/v): sign up after signing in by phone, see one's shifts and hours, find
// stations near by with open places in the coming week, take and cancel shifts, and record
// arrival — opened from a station's QR page as /v?arrive=CODE, or with the 到岗签到 button.
// Talks to /api/v1/me/volunteer…, /api/v1/me/shifts… and /api/v1/me/arrivals (openapi.json).
(function () {
  'use strict';
  var $ = YZ.$;
  var consent = null;
  var params = new URLSearchParams(location.search);
  var arriveAt = params.get('arrive');

  function say(id, text, bad) {
    var el = $(id);
    el.textContent = text;
    el.classList.toggle('error', !!bad);
    if (text && el.scrollIntoView && !el.closest('[hidden]')) el.scrollIntoView({ block: 'center' });
  }
  function messageOf(res) {
    if (res.body && res.body.error && res.body.error.message) {
      return res.body.error.message.split(' (')[0].split(' / ')[0];
    }
    return YZ.errorText(res.body && res.body.error && res.body.error.code)[0];
  }
  function show(id) {
    ['need-sign-in', 'sign-up', 'duty'].forEach(function (s) { $(s).hidden = s !== id; });
  }
  // "12月8日 周二 07:00–09:00" from two ISO times with +08:00.
  function span(startIso, endIso) {
    var days = ['日', '一', '二', '三', '四', '五', '六'];
    var s = new Date(startIso), e = new Date(endIso);
    var local = function (d) { return new Date(d.getTime() + 8 * 3600 * 1000); };
    var ls = local(s), le = local(e);
    var hm = function (d) { return ('0' + d.getUTCHours()).slice(-2) + ':' + ('0' + d.getUTCMinutes()).slice(-2); };
    return (ls.getUTCMonth() + 1) + '月' + ls.getUTCDate() + '日 周' + days[ls.getUTCDay()] + ' ' + hm(ls) + '–' + hm(le);
  }
  // "45 分钟", "2.5 小时".
  function served(minutes) {
    return minutes < 60 ? minutes + ' 分钟' : (minutes / 60).toFixed(1) + ' 小时';
  }
  function button(text, cls, onClick) {
    var b = YZ.h('button', 'button small ' + (cls || ''), text);
    b.type = 'button';
    b.addEventListener('click', function () { b.disabled = true; onClick(b); });
    return b;
  }
  function position() {
    return new Promise(function (resolve) {
      if (!navigator.geolocation) { resolve(null); return; }
      navigator.geolocation.getCurrentPosition(function (p) {
        resolve({ lat: p.coords.latitude, lng: p.coords.longitude });
      }, function () { resolve(null); }, { timeout: 8000, maximumAge: 60000 });
    });
  }

  function arrive(station) {
    say('duty-status', '正在签到…');
    return position().then(function (where) {
      var body = { station: station };
      if (where) { body.lat = where.lat; body.lng = where.lng; }
      return YZ.fetchJson('/api/v1/me/arrivals', { method: 'POST', body: body });
    }).then(function (res) {
      if (res.status === 200) {
        say('duty-status', '已到岗签到：' + span(res.body.shift.starts_at, res.body.shift.ends_at) + ' ' + res.body.shift.role + '。谢谢您！');
      } else {
        say('duty-status', messageOf(res), true);
      }
      loadShifts();
    });
  }

  function shiftItem(s) {
    var li = YZ.h('li', 'duty-item ' + s.mine.state);
    var title = (s.station_name || s.station) + ' · ' + s.role;
    var state = s.mine.state_label;
    if (s.mine.arrived_at) state = s.mine.departed_at ? '已完成' : '在岗';
    li.appendChild(YZ.h('div', 'duty-head', [YZ.h('b', null, title), YZ.h('span', 'duty-state', state)]));
    li.appendChild(YZ.h('div', 'muted', span(s.starts_at, s.ends_at)));
    if (s.manager_phone) {
      var call = YZ.h('a', 'button small quiet', '联系站长' + (s.manager ? ' ' + s.manager : ''));
      call.href = 'tel:' + s.manager_phone.replace(/[^0-9+]/g, '');
      li.appendChild(YZ.h('div', 'duty-actions', [call]));
    }
    if (s.served_minutes) li.appendChild(YZ.h('div', 'ok', '服务 ' + served(s.served_minutes)));
    var actions = YZ.h('div', 'duty-actions');
    if (s.on_now && !s.mine.arrived_at) actions.appendChild(button('到岗签到', 'primary', function () { arrive(s.station); }));
    if (s.mine.arrived_at && !s.mine.departed_at) {
      actions.appendChild(button('离岗', '', function () {
        YZ.fetchJson('/api/v1/me/shifts/' + s.id + '/depart', { method: 'POST' }).then(function (res) {
          say('duty-status', res.status === 200 ? '已离岗，谢谢您的服务！' : messageOf(res), res.status !== 200);
          loadShifts();
        });
      }));
    }
    if (s.can_cancel) {
      actions.appendChild(button('取消报名', 'quiet', function (b) {
        if (!window.confirm('确定取消 ' + span(s.starts_at, s.ends_at) + ' 的班次吗？')) { b.disabled = false; return; }
        YZ.fetchJson('/api/v1/me/shifts/' + s.id + '/cancel', { method: 'POST' }).then(function (res) {
          say('duty-status', res.status === 200 ? '已取消。' : messageOf(res), res.status !== 200);
          loadShifts();
        });
      }));
    }
    if (actions.childNodes.length) li.appendChild(actions);
    return li;
  }

  function loadShifts() {
    return YZ.fetchJson('/api/v1/me/shifts').then(function (res) {
      var list = $('my-shifts');
      list.textContent = '';
      if (res.status !== 200) { list.appendChild(YZ.h('li', 'muted', messageOf(res))); return; }
      $('v-served').textContent = served(res.body.served_minutes);
      $('v-times').textContent = res.body.served_times;
      var live = res.body.shifts.filter(function (s) { return s.mine.state === 'held'; });
      // Served shifts stay in the list with their hours; cancelled and missed ones drop out.
      if (!live.length) list.appendChild(YZ.h('li', 'muted', '还没有报名的班次。'));
      live.forEach(function (s) { list.appendChild(shiftItem(s)); });
    });
  }

  function showStation(station) {
    $('station-shifts').hidden = false;
    $('station-title').textContent = station.name + ' 的班次';
    var list = $('slots');
    list.textContent = '';
    YZ.fetchJson('/api/v1/me/volunteer/stations/' + encodeURIComponent(station.code) + '/shifts').then(function (res) {
      if (res.status !== 200) { list.appendChild(YZ.h('li', 'muted', messageOf(res))); return; }
      res.body.shifts.forEach(function (s) {
        var li = YZ.h('li', 'duty-item');
        li.appendChild(YZ.h('div', 'duty-head', [YZ.h('b', null, span(s.starts_at, s.ends_at)),
          YZ.h('span', 'duty-state', s.free > 0 ? '还缺 ' + s.free + ' 人' : '已满')]));
        li.appendChild(YZ.h('div', 'muted', s.role + ' · 需要 ' + s.needed + ' 人'));
        if (s.mine && s.mine.state === 'held') {
          li.appendChild(YZ.h('div', 'ok', '您已报名'));
        } else if (s.free > 0) {
          li.appendChild(YZ.h('div', 'duty-actions', [button('报名这个班次', 'primary', function (b) {
            YZ.fetchJson('/api/v1/me/shifts/' + s.id + '/take', { method: 'POST' }).then(function (r2) {
              if (r2.status === 200) {
                say('duty-status', '报名成功：' + station.name + ' ' + span(s.starts_at, s.ends_at) + '。开班前一天和一小时前会提醒您。');
                loadShifts();
                showStation(station);
              } else {
                b.disabled = false;
                say('duty-status', messageOf(r2), true);
              }
            });
          })]));
        }
        list.appendChild(li);
      });
    });
  }

  function findNear() {
    var list = $('near');
    list.textContent = '';
    list.appendChild(YZ.h('li', 'muted', '正在获取您的位置…'));
    position().then(function (where) {
      list.textContent = '';
      if (!where) { list.appendChild(YZ.h('li', 'muted', '无法获取位置：请在手机设置里允许浏览器使用位置。')); return; }
      YZ.fetchJson('/api/v1/me/volunteer/near?lat=' + where.lat + '&lng=' + where.lng + '&limit=10').then(function (res) {
        if (res.status !== 200) { list.appendChild(YZ.h('li', 'muted', messageOf(res))); return; }
        if (!res.body.stations.length) list.appendChild(YZ.h('li', 'muted', '附近的驿站未来 7 天都不缺人，谢谢您！'));
        res.body.stations.forEach(function (st) {
          var li = YZ.h('li', 'duty-item');
          var km = st.distance_m >= 1000 ? (st.distance_m / 1000).toFixed(1) + ' 公里' : Math.round(st.distance_m) + ' 米';
          li.appendChild(YZ.h('div', 'duty-head', [YZ.h('b', null, st.name), YZ.h('span', 'dist', km)]));
          li.appendChild(YZ.h('div', 'muted', st.address));
          li.appendChild(YZ.h('div', null, st.open_shifts + ' 个班次还缺 ' + st.free_places + ' 人'));
          li.appendChild(YZ.h('div', 'duty-actions', [button('查看班次', '', function (b) { b.disabled = false; showStation(st); })]));
          list.appendChild(li);
        });
      });
    });
  }

  function showSignUp(body) {
    show('sign-up');
    consent = body.consent;
    $('v-purpose-title').textContent = '《' + consent.title + '》说明';
    $('v-purpose-inline').textContent = '《' + consent.title + '》说明';
    $('v-purpose-text').textContent = consent.text;
    var box = $('v-skills');
    box.textContent = '';
    body.skills.forEach(function (s) {
      var input = YZ.h('input');
      input.type = 'checkbox';
      input.value = s.code;
      box.appendChild(YZ.h('label', 'check', [input, YZ.h('span', null, s.label)]));
    });
  }

  function signUp(event) {
    event.preventDefault();
    var name = $('v-name').value.trim();
    if (!name) { say('sign-up-status', '请填写姓名。', true); $('v-name').focus(); return; }
    if (!$('v-consent').checked) {
      $('v-purpose').open = true;
      say('sign-up-status', '请先阅读并勾选同意《' + consent.title + '》说明。', true);
      return;
    }
    var skills = [];
    Array.prototype.forEach.call($('v-skills').querySelectorAll('input:checked'), function (i) { skills.push(i.value); });
    $('v-submit').disabled = true;
    YZ.fetchJson('/api/v1/me/volunteer', { method: 'PUT', body: {
      name: name, region: $('v-region').value.trim(), note: $('v-note').value.trim(),
      skills: skills, consent_version: consent.version } }).then(function (res) {
      $('v-submit').disabled = false;
      if (res.status === 200) load(); else say('sign-up-status', messageOf(res), true);
    });
  }

  function load() {
    YZ.fetchJson('/api/v1/me/volunteer').then(function (res) {
      if (res.status === 401) {
        show('need-sign-in');
        $('go-sign-in').href = '/me?back=' + encodeURIComponent(location.pathname + location.search);
        return;
      }
      if (res.status !== 200) { show('need-sign-in'); return; }
      if (!res.body.volunteer) { showSignUp(res.body); return; }
      show('duty');
      $('v-hello').textContent = res.body.volunteer.name + '，您好';
      loadShifts().then(function () {
        if (arriveAt) { var code = arriveAt; arriveAt = null; arrive(code); }
      });
    });
  }

  // The private calendar feed: a link for the phone's calendar (webcal://) and one to copy.
  function calendar(rotate) {
    if (rotate && !window.confirm('换新链接后，旧链接将不再更新。确定吗？')) return;
    say('calendar-status', '');
    YZ.fetchJson('/api/v1/me/volunteer/calendar', { method: 'POST', body: { rotate: !!rotate } })
      .then(function (res) {
        if (res.status !== 200) { say('calendar-status', messageOf(res), true); return; }
        var url = location.origin + res.body.path;
        $('calendar-url').value = url;
        $('calendar-subscribe').href = url.replace(/^https?:/, 'webcal:');
        $('calendar-links').hidden = false;
        $('calendar-get').hidden = true;
        if (rotate) say('calendar-status', '已换新链接，请在日历中重新订阅。');
      });
  }

  $('sign-up-form').addEventListener('submit', signUp);
  $('find-near').addEventListener('click', findNear);
  $('calendar-get').addEventListener('click', function () { calendar(false); });
  $('calendar-rotate').addEventListener('click', function () { calendar(true); });
  $('calendar-url').addEventListener('focus', function () { this.select(); });
  load();
})();
