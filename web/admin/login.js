// The sign-in page: POST /api/v1/auth/login, then on to where the user was going.
(function () {
  'use strict';
  var form = YZA.$('login');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var message = YZA.$('message');
    message.hidden = true;
    YZA.api('POST', '/api/v1/auth/login', { username: YZA.$('username').value.trim(), password: YZA.$('password').value })
      .then(function (r) {
        if (r.status === 200) {
          var next = YZA.query('next');
          var role = r.body.account && r.body.account.role;
          if (role === 'auditor') next = '/admin/audit';
          else if (!/^\/admin\/[A-Za-z0-9\/_.-]*$/.test(next) || next === '/admin/audit') next = '/admin/';
          window.location.href = next;
          return;
        }
        YZA.message(message, 'error', r.status === 401 ? '用户名或密码错误。' : YZA.errorText(r.status, r.body));
      });
  });
})();
