// The person's page (/me): sign in with a phone and an SMS code, then see notices, consents, and
// download or delete what we hold. Talks to /api/v1/people/… and /api/v1/me… (docs in openapi.json).
(function () {
  'use strict';
  var $ = YZ.$;
  var purpose = null;  // the current "phone_sign_in" text
  var resendTimer = null;

  function say(id, text, bad) {
    var el = $(id);
    el.textContent = text;
    el.classList.toggle('bad', !!bad);
    // The status sits under the last button: keep it in sight on a small screen.
    if (text && el.scrollIntoView && !el.closest('[hidden]')) el.scrollIntoView({ block: 'center' });
  }
  function messageOf(res) {
    if (res.body && res.body.error && res.body.error.message) {
      return res.body.error.message.split(' / ')[0];
    }
    return YZ.errorText(res.body && res.body.error && res.body.error.code)[0];
  }
  function digits(text) { return (text || '').replace(/[^0-9]/g, ''); }

  function showSignIn() {
    $('me').hidden = true;
    $('sign-in').hidden = false;
    $('code').value = '';
    say('sign-in-status', '');
    YZ.fetchJson('/api/v1/people/purposes').then(function (res) {
      (res.body.purposes || []).forEach(function (p) {
        if (p.purpose !== 'phone_sign_in') return;
        purpose = p;
        $('purpose-title').textContent = '《' + p.title + '》说明';
        $('purpose-title-inline').textContent = '《' + p.title + '》说明';
        $('purpose-text').textContent = p.text;
      });
    });
  }

  function countdown(seconds) {
    var button = $('send-code');
    clearInterval(resendTimer);
    button.disabled = true;
    var left = seconds;
    button.textContent = left + ' 秒后可重新获取';
    resendTimer = setInterval(function () {
      left -= 1;
      if (left <= 0) {
        clearInterval(resendTimer);
        button.disabled = false;
        button.textContent = '重新获取验证码';
      } else {
        button.textContent = left + ' 秒后可重新获取';
      }
    }, 1000);
  }

  function checkConsent() {
    if (!purpose) { say('sign-in-status', '正在加载说明，请稍候。', true); return false; }
    if (!$('consent').checked) {
      $('purpose').open = true;  // first: the text it unfolds moves the status down
      say('sign-in-status', '请先阅读并勾选同意《' + purpose.title + '》说明。', true);
      return false;
    }
    return true;
  }

  function sendCode() {
    var phone = digits($('phone').value);
    if (!/^1[3-9][0-9]{9}$/.test(phone.replace(/^(0086|86)/, ''))) {
      say('sign-in-status', '请输入 11 位手机号。', true);
      $('phone').focus();
      return;
    }
    if (!checkConsent()) return;
    $('send-code').disabled = true;
    YZ.fetchJson('/api/v1/people/sign-in/code', {
      method: 'POST', body: { phone: phone, consent_version: purpose.version }
    }).then(function (res) {
      if (res.status === 200) {
        say('sign-in-status', '验证码已发送，' + Math.round(res.body.expires_in_s / 60) + ' 分钟内有效。');
        countdown(res.body.resend_after_s || 60);
        $('code').focus();
      } else {
        $('send-code').disabled = false;
        say('sign-in-status', messageOf(res), true);
      }
    });
  }

  function signIn(event) {
    event.preventDefault();
    var phone = digits($('phone').value);
    var code = digits($('code').value);
    if (code.length !== 6) { say('sign-in-status', '请填写短信里的 6 位验证码。', true); return; }
    if (!checkConsent()) return;
    $('submit').disabled = true;
    YZ.fetchJson('/api/v1/people/sign-in', {
      method: 'POST', body: { phone: phone, code: code, consent_version: purpose.version }
    }).then(function (res) {
      $('submit').disabled = false;
      if (res.status !== 200) { say('sign-in-status', messageOf(res), true); return; }
      // Came from another page that needs a signed-in person (/v, the volunteer's page): back there.
      var back = new URLSearchParams(location.search).get('back');
      if (back && /^\/[a-z]/.test(back)) { location.href = back; return; }
      load();
    });
  }

  // One purpose: its title and state, the button that gives or withdraws it, and its text to
  // read before agreeing.
  function consentItem(c) {
    var li = YZ.h('li', 'consent-item');
    li.setAttribute('data-purpose', c.purpose);
    li.appendChild(YZ.h('div', 'consent-head', [
      YZ.h('b', null, c.title),
      YZ.h('span', c.given ? 'ok' : 'muted', c.given ? '已同意（' + c.given_at + '）' : '未同意')
    ]));
    var details = YZ.h('details', 'consent-text', [YZ.h('summary', null, '查看说明'), YZ.h('p', null, c.text)]);
    var button = YZ.h('button', 'button small ' + (c.given ? 'quiet' : 'give'), c.given ? '撤回同意' : '同意');
    button.type = 'button';
    button.addEventListener('click', function () {
      if (c.given && c.required &&
          !window.confirm('撤回《' + c.title + '》的同意后，我们将删除您的手机号和全部信息，并退出登录。确定吗？')) {
        return;
      }
      var url = '/api/v1/me/consents/' + encodeURIComponent(c.purpose);
      var request = c.given ? YZ.fetchJson(url, { method: 'DELETE' })
                            : YZ.fetchJson(url, { method: 'PUT', body: { version: c.version } });
      request.then(function (res) {
        if (res.status !== 200) { say('me-status', messageOf(res), true); return; }
        if (res.body.erased) { showSignIn(); say('sign-in-status', '您的信息已删除。'); return; }
        load();
      });
    });
    li.appendChild(button);
    li.appendChild(details);
    return li;
  }

  function showMe(body) {
    $('sign-in').hidden = true;
    $('me').hidden = false;
    $('me-phone').textContent = body.person.phone_masked;
    var notices = $('notices');
    notices.textContent = '';
    if (!body.notices.length) notices.appendChild(YZ.h('li', 'muted', '暂无通知'));
    body.notices.forEach(function (n) {
      notices.appendChild(YZ.h('li', null, [YZ.h('span', 'muted', n.at + ' '), n.text]));
    });
    var consents = $('consents');
    consents.textContent = '';
    body.consents.forEach(function (c) { consents.appendChild(consentItem(c)); });
  }

  function load() {
    YZ.fetchJson('/api/v1/me').then(function (res) {
      if (res.status === 200) showMe(res.body); else showSignIn();
    });
  }

  $('send-code').addEventListener('click', sendCode);
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', function () {
    YZ.fetchJson('/api/v1/me/sign-out', { method: 'POST' }).then(function (res) {
      if (res.status !== 200 && res.status !== 401) { say('me-status', messageOf(res), true); return; }
      showSignIn();
      say('sign-in-status', '您已退出登录。');
    });
  });
  $('erase').addEventListener('click', function () {
    if (!window.confirm('注销后，我们将删除您的手机号、同意记录和收到的通知，且无法恢复。确定注销吗？')) return;
    YZ.fetchJson('/api/v1/me', { method: 'DELETE' }).then(function (res) {
      if (res.status === 200) { showSignIn(); say('sign-in-status', '您的信息已删除。'); }
      else say('me-status', messageOf(res), true);
    });
  });
  load();
})();
