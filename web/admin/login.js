// The sign-in page: POST /api/v1/auth/login, then on to where the user was going. An account
// holding a temporary password (must_change_password) is shown the password form first; the
// server refuses everything else until then, and sends such a session back here (?change=1).
(function () {
  'use strict';
  var form = YZA.$('login');
  var change = YZA.$('change');
  var current = '';  // the password just typed, so the user does not type it twice
  var role = '';

  function destination() {
    var next = YZA.query('next');
    if (role === 'auditor') return '/admin/audit';
    if (role === 'security_admin') return next.indexOf('/admin/accounts') === 0 ? next : '/admin/accounts';
    if (!/^\/admin\/[A-Za-z0-9\/_.-]*$/.test(next) || next === '/admin/audit' || next === '/admin/accounts') return '/admin/';
    return next;
  }

  function showChange(knownCurrent) {
    form.hidden = true;
    change.hidden = false;
    current = knownCurrent || '';
    YZA.$('current-field').hidden = !!current;
    YZA.$('current-password').required = !current;
    (current ? YZA.$('new-password') : YZA.$('current-password')).focus();
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var message = YZA.$('message');
    message.hidden = true;
    var password = YZA.$('password').value;
    YZA.api('POST', '/api/v1/auth/login', { username: YZA.$('username').value.trim(), password: password })
      .then(function (r) {
        if (r.status === 200) {
          role = r.body.account && r.body.account.role;
          if (r.body.must_change_password) {
            YZA.useCsrf(r.body.csrf_token);
            showChange(password);
            return;
          }
          window.location.href = destination();
          return;
        }
        YZA.message(message, 'error', r.status === 401 ? '用户名或密码错误。' : YZA.errorText(r.status, r.body));
      });
  });

  change.addEventListener('submit', function (e) {
    e.preventDefault();
    var message = YZA.$('change-message');
    message.hidden = true;
    var replacement = YZA.$('new-password').value;
    if (replacement !== YZA.$('new-password-again').value) {
      YZA.message(message, 'error', '两次输入的新密码不一致。');
      return;
    }
    var body = { current_password: current || YZA.$('current-password').value, new_password: replacement };
    YZA.api('POST', '/api/v1/admin/session/password', body).then(function (r) {
      if (r.status === 200) { window.location.href = destination(); return; }
      if (r.status === 403) YZA.message(message, 'error', '当前密码不正确。');
      else YZA.message(message, 'error', YZA.errorText(r.status, r.body));
    });
  });

  // Sent back by the server (or a console page) because the password must be changed first.
  if (YZA.query('change') === '1') {
    YZA.api('GET', '/api/v1/admin/session').then(function (r) {
      if (r.status !== 200) return;
      YZA.useCsrf(r.body.csrf_token);
      role = r.body.account && r.body.account.role;
      showChange('');
    });
  }
})();
