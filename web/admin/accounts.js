// 账号管理, for the security admin: the accounts with their state and sessions, creating an
// account (its one-time password in a dialog), disabling, resetting, role and scope changes.
// Roles are shown by their Chinese labels from the server; which accounts may be changed here
// is decided by the server (ADR 0014): the buttons only leave out what it would refuse.
(function () {
  'use strict';
  var $ = YZA.$, h = YZA.h;
  var roles = [];
  var me = '';
  var sessionsOf = '';
  var byName = {};  // username → account, from the last listing

  function codes(text) {
    return text.split(/[\s,，、]+/).map(function (s) { return s.trim(); }).filter(Boolean);
  }
  function roleLabel(code) {
    for (var i = 0; i < roles.length; i++) if (roles[i].code === code) return roles[i].label;
    return '未知角色';
  }
  function fillRoles(select, selected) {
    YZA.clear(select);
    roles.forEach(function (r) {
      if (!r.console_managed) return;
      var o = h('option', null, r.label);
      o.value = r.code;
      if (r.code === selected) o.selected = true;
      select.appendChild(o);
    });
  }
  function say(kind, text) { YZA.message($('message'), kind, text); }
  // The server's reason is shown for a refusal (its Chinese half), as it names the rule.
  function fail(r) {
    var e = (r.body && r.body.error) || {};
    var reason = e.code === 'forbidden' && e.message ? '（' + e.message.split(' / ')[0] + '）' : '';
    say('error', YZA.errorText(r.status, r.body) + reason);
  }

  function showSecret(username, password) {
    $('secret-username').textContent = username;
    $('secret-password').textContent = password;
    $('secret-copied').hidden = true;
    $('secret').showModal();
  }
  $('secret-copy').addEventListener('click', function () {
    var text = $('secret-password').textContent;
    var done = function () { $('secret-copied').hidden = false; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { window.getSelection().selectAllChildren($('secret-password')); });
    } else {
      window.getSelection().selectAllChildren($('secret-password'));
    }
  });
  $('secret-close').addEventListener('click', function () {
    $('secret-password').textContent = '';
    $('secret').close();
  });

  function stateBadges(a) {
    var out = [];
    if (a.disabled) out.push(YZA.badge('disabled', '已停用'));
    if (a.locked) out.push(YZA.badge('locked', '已锁定'));
    if (a.must_change_password) out.push(YZA.badge('must_change', '待改初始密码'));
    if (!out.length) out.push(YZA.badge('active', '正常'));
    return out;
  }

  function patch(username, body, okText) {
    return YZA.api('PATCH', '/api/v1/admin/accounts/' + encodeURIComponent(username), body).then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      say('ok', okText);
      load();
    });
  }

  function actions(a) {
    var td = h('td', 'row-actions');
    if (a.username === me) { td.appendChild(h('span', 'muted small', '本人账号')); }
    else if (!managed(a.role)) { td.appendChild(h('span', 'muted small', '仅限服务器命令行')); }
    else {
      var toggle = h('button', null, a.disabled ? '启用' : '停用');
      toggle.type = 'button';
      toggle.dataset.action = a.disabled ? 'enable' : 'disable';
      toggle.addEventListener('click', function () {
        if (!a.disabled && !window.confirm('停用账号 ' + a.username + '？其所有会话将立即结束。')) return;
        patch(a.username, { disabled: !a.disabled }, a.disabled ? '已启用 ' + a.username + '。' : '已停用 ' + a.username + '，其会话已结束。');
      });
      var reset = h('button', null, '重置密码');
      reset.type = 'button';
      reset.addEventListener('click', function () {
        if (!window.confirm('为 ' + a.username + ' 生成新的初始密码？其会话将结束。')) return;
        YZA.api('POST', '/api/v1/admin/accounts/' + encodeURIComponent(a.username) + '/password-reset', {}).then(function (r) {
          if (r.status !== 200) { fail(r); return; }
          say('ok', '已重置 ' + a.username + ' 的密码。');
          showSecret(a.username, r.body.temporary_password);
          load();
        });
      });
      var edit = h('button', null, '修改角色');
      edit.type = 'button';
      edit.addEventListener('click', function () { openEdit(a); });
      td.appendChild(toggle); td.appendChild(reset); td.appendChild(edit);
    }
    var sessions = h('button', null, '会话');
    sessions.type = 'button';
    sessions.addEventListener('click', function () { openSessions(a.username); });
    td.appendChild(sessions);
    return td;
  }
  function managed(code) {
    for (var i = 0; i < roles.length; i++) if (roles[i].code === code) return roles[i].console_managed;
    return false;
  }

  function load() {
    return YZA.api('GET', '/api/v1/admin/accounts').then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      roles = r.body.roles;
      if (!$('new-role').options.length) fillRoles($('new-role'), 'station_manager');
      var rows = YZA.clear($('rows'));
      byName = {};
      r.body.accounts.forEach(function (a) {
        byName[a.username] = a;
        var tr = h('tr', null, [
          h('td', null, a.username),
          h('td', null, roleLabel(a.role)),
          h('td', 'small', a.regions.concat(a.stations).join('、') || '—'),
          h('td', null, stateBadges(a)),
          h('td', 'small nowrap', a.last_login_at_ms ? YZA.time(a.last_login_at_ms) : '从未登录'),
          h('td', null, String(a.session_count)),
          actions(a)
        ]);
        tr.dataset.username = a.username;
        rows.appendChild(tr);
      });
    });
  }

  function openEdit(a) {
    $('edit').hidden = false;
    $('edit-username').textContent = a.username;
    fillRoles($('edit-role'), a.role);
    $('edit-regions').value = a.regions.join(',');
    $('edit-stations').value = a.stations.join(',');
    $('edit').dataset.username = a.username;
    $('edit').scrollIntoView();
  }
  $('edit-cancel').addEventListener('click', function () { $('edit').hidden = true; });
  $('edit').addEventListener('submit', function (e) {
    e.preventDefault();
    var username = $('edit').dataset.username;
    patch(username, { role: $('edit-role').value, regions: codes($('edit-regions').value), stations: codes($('edit-stations').value) },
          '已修改 ' + username + ' 的角色与范围。').then(function () { $('edit').hidden = true; });
  });

  function openSessions(username) {
    sessionsOf = username;
    $('sessions-username').textContent = username;
    $('sessions-end-all').hidden = username !== me && !(byName[username] && managed(byName[username].role));
    YZA.api('GET', '/api/v1/admin/accounts/' + encodeURIComponent(username) + '/sessions').then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      var rows = YZA.clear($('session-rows'));
      if (!r.body.sessions.length) rows.appendChild(h('tr', null, h('td', 'muted', '没有在线会话')));
      r.body.sessions.forEach(function (s) {
        var end = h('button', null, s.current ? '当前会话' : '结束');
        end.type = 'button';
        end.disabled = s.current || $('sessions-end-all').hidden;
        end.addEventListener('click', function () {
          YZA.api('DELETE', '/api/v1/admin/accounts/' + encodeURIComponent(username) + '/sessions/' + s.id).then(function (x) {
            if (x.status !== 200) { fail(x); return; }
            say('ok', '已结束该会话。');
            openSessions(username); load();
          });
        });
        rows.appendChild(h('tr', null, [h('td', 'small', s.id.slice(0, 8)), h('td', 'small', YZA.time(s.created_at_ms)),
          h('td', 'small', YZA.time(s.last_seen_at_ms)), h('td', 'small', s.address), h('td', null, end)]));
      });
      $('sessions').hidden = false;
    });
  }
  $('sessions-close').addEventListener('click', function () { $('sessions').hidden = true; });
  $('sessions-end-all').addEventListener('click', function () {
    if (!window.confirm('结束 ' + sessionsOf + ' 的全部会话？')) return;
    YZA.api('DELETE', '/api/v1/admin/accounts/' + encodeURIComponent(sessionsOf) + '/sessions').then(function (r) {
      if (r.status !== 200) { fail(r); return; }
      say('ok', '已结束 ' + r.body.ended + ' 个会话。');
      openSessions(sessionsOf); load();
    });
  });

  $('create').addEventListener('submit', function (e) {
    e.preventDefault();
    var username = $('new-username').value.trim();
    YZA.api('POST', '/api/v1/admin/accounts', { username: username, role: $('new-role').value,
      regions: codes($('new-regions').value), stations: codes($('new-stations').value) }).then(function (r) {
      if (r.status !== 201) { fail(r); return; }
      say('ok', '已创建账号 ' + username + '（' + r.body.account.role_label + '）。');
      $('create').reset();
      fillRoles($('new-role'), 'station_manager');
      showSecret(username, r.body.temporary_password);
      load();
    });
  });

  YZA.boot(function (session) {
    me = session.account.username;
    load();
  });
})();
