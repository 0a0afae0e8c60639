// A person's journey through /me, in Debian's Chromium on a 360 × 640 phone: the sign-in form (the
// purpose text to unfold, the consent box) → no code without consent → a code by SMS, read, as
// there is no SMS provider, from the console's outbox by a city_admin in a second browser at
// desktop width → a wrong code (tries left), the right one → "我的" with the masked phone and the
// consents (sign-in given; SMS notices and the volunteer register not) → give and withdraw 短信提醒 (a notice appears) → /me/data lists everything → the
// JSON download → 注销 → the sign-in form again, and the session is gone (401).
// At every step: no script errors, no CSP violations, nothing wider than the screen, large tap
// targets. A screenshot of every step goes to test-artifacts/web/ (people-*.png).
//
//   node --test tests/web/people_journey.test.mjs     (scripts/test-browser.sh runs it)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  artifactsDir, binaryPath, launchPhone, layoutProblems, recordCspViolations, smallTapTargets, startServer, watchPage,
} from './worker_support.mjs';

const STEP_TIMEOUT = 15000;
const PHONE = '18811112223';
const MASKED = '188****2223';
const ADMIN = { username: 'outbox-reader', password: 'people journey password 2024' };

let server;
const shots = artifactsDir();
const shot = (page, name, fullPage = true) => page.screenshot({ path: path.join(shots, `people-${name}`), fullPage });

// The data dir of the server startServer just made: it does not say, so the new yizhan-web-* dir.
function serverDataDir(server, earlier) {
  if (server.dataDir) return server.dataDir;
  const fresh = readdirSync(tmpdir()).filter((d) => d.startsWith('yizhan-web-') && !earlier.has(d));
  assert.equal(fresh.length, 1, `one new server data dir (${fresh.join(', ')})`);
  return path.join(tmpdir(), fresh[0]);
}

const watch = (page) => watchPage(page, server.url);
const recordCsp = recordCspViolations;
const smallTargets = smallTapTargets;

before(async () => {
  const earlier = new Set(readdirSync(tmpdir()));
  server = await startServer(['--map-tiles', 'none']);
  // The console account that reads the outbox (the store takes it while the server runs).
  execFileSync(binaryPath(), ['user', 'add', '--data', serverDataDir(server, earlier), '--username', ADMIN.username,
                              '--role', 'city_admin'], { input: ADMIN.password + '\n' });
});
after(async () => { if (server) await server.stop(); });

describe('a person signs in with their phone, sees and deletes their data', () => {
  let phone, page, problems, desk, deskPage;
  const dialogs = [];

  before(async () => {
    phone = await launchPhone();
    page = phone.context.pages()[0] || await phone.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.addInitScript(recordCsp);
    problems = watch(page);
    page.on('dialog', (d) => { dialogs.push(d.message()); d.accept(); });
  });
  after(async () => {
    if (phone) await phone.close();
    if (desk) await desk.close();
  });

  // The checks of every step.
  async function healthy(what) {
    assert.deepEqual(problems, [], `${what}: no script errors or failed requests`);
    assert.deepEqual(await page.evaluate(() => window.__csp || []), [], `${what}: no CSP violations`);
    assert.deepEqual(await layoutProblems(page), [], `${what}: layout at 360 px`);
    assert.deepEqual(await smallTargets(page), [], `${what}: tap targets of at least 44 px`);
  }

  // The sign-in status, once shown, and on the screen (not below it).
  async function statusText(expected) {
    await page.waitForFunction((source) => new RegExp(source).test(document.getElementById('sign-in-status').textContent),
                               expected.source);
    const inSight = await page.locator('#sign-in-status').evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert.ok(inSight, 'the status is on the screen');
    return page.locator('#sign-in-status').innerText();
  }

  test('/me shows the sign-in form with the purpose text and a consent box', async () => {
    await page.goto(server.url + '/me');
    await page.waitForSelector('#sign-in:not([hidden])');
    assert.ok(await page.locator('#me').isHidden());
    assert.equal(await page.getAttribute('#phone', 'type'), 'tel');
    assert.equal(await page.getAttribute('#code', 'autocomplete'), 'one-time-code');
    assert.ok(!(await page.isChecked('#consent')), 'consent is not ticked for the person');
    assert.equal((await page.locator('label.check').innerText()).trim(), '我已阅读并同意《手机号登录》说明');
    // The purpose text comes from the API and unfolds.
    await page.waitForFunction(() => document.getElementById('purpose-text').textContent.length > 20);
    assert.equal(await page.locator('#purpose-title').innerText(), '《手机号登录》说明');
    assert.ok(!(await page.locator('#purpose-text').isVisible()));
    await shot(page, '01-sign-in.png');
    await page.click('#purpose-title');
    await page.waitForSelector('#purpose-text', { state: 'visible' });
    assert.match(await page.locator('#purpose-text').innerText(), /手机号/);
    await healthy('sign-in form');
    await shot(page, '02-purpose-open.png');
    await page.click('#purpose-title');
  });

  test('a code without consent is refused in Chinese', async () => {
    await page.fill('#phone', PHONE);
    let asked = false;
    const onRequest = (r) => { if (r.url().includes('/sign-in/code')) asked = true; };
    page.on('request', onRequest);
    await page.click('#send-code');
    const text = await statusText(/请先阅读并勾选同意《手机号登录》说明/);
    page.off('request', onRequest);
    assert.ok(!asked, 'no request without consent');
    assert.ok(await page.locator('#sign-in-status.bad').count() === 1);
    assert.ok(await page.locator('#purpose-text').isVisible(), 'the text unfolds to be read');
    await healthy('no consent');
    await shot(page, '03-no-consent.png', false);
  });

  test('with consent, the code is sent and the button counts down', async () => {
    await page.check('#consent');
    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/people/sign-in/code')),
      page.click('#send-code'),
    ]);
    assert.equal(sent.status(), 200);
    const body = await sent.json();
    assert.equal(body.sent, true);
    assert.equal(body.expires_in_s, 300);
    await statusText(/验证码已发送，5 分钟内有效/);
    assert.ok(await page.locator('#send-code').isDisabled());
    assert.match(await page.locator('#send-code').innerText(), /秒后可重新获取/);
    await healthy('code sent');
    await shot(page, '04-code-sent.png');
  });

  let code;
  test('a city_admin reads the code in the console outbox, at desktop width', async () => {
    desk = await launchPhone({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, isMobile: false,
                               hasTouch: false });
    deskPage = desk.context.pages()[0] || await desk.context.newPage();
    deskPage.setDefaultTimeout(STEP_TIMEOUT);
    await deskPage.addInitScript(recordCsp);
    const deskProblems = watch(deskPage);
    await deskPage.goto(server.url + '/admin/login');
    await deskPage.fill('#username', ADMIN.username);
    await deskPage.fill('#password', ADMIN.password);
    await Promise.all([deskPage.waitForURL(`${server.url}/admin/`), deskPage.click('button[type=submit]')]);
    await deskPage.goto(server.url + '/admin/outbox');
    await deskPage.waitForSelector('#rows tr');
    assert.match(await deskPage.locator('#gateway-note').innerText(), /未接入短信服务商/);
    const newest = deskPage.locator('#rows tr').first();
    const cells = await newest.locator('td').allInnerTexts();
    assert.equal(cells[2], '短信');
    assert.equal(cells[4], MASKED, 'the console shows the number masked');
    assert.equal(cells[6], '仅保存，未发出', 'no provider: the SMS was kept, not sent');
    const text = await newest.locator('.message-text').innerText();
    const m = /(?<!\d)(\d{6})(?!\d)/.exec(text);
    assert.ok(m, `a 6-digit code in "${text}"`);
    code = m[1];
    assert.deepEqual(deskProblems, []);
    assert.deepEqual(await deskPage.evaluate(() => window.__csp || []), []);
    const width = await deskPage.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 1366, `the outbox fits the screen (${width} px)`);
    await deskPage.screenshot({ path: path.join(shots, 'people-05-outbox.png'), fullPage: true });
  });

  test('a wrong code says how many tries are left, the right one signs in', async () => {
    const wrong = code === '000000' ? '111111' : '000000';
    await page.fill('#code', wrong);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/people/sign-in')),
      page.click('#submit'),
    ]);
    assert.equal(refused.status(), 401);
    await statusText(/验证码不正确，还可再试 4 次/);
    await healthy('wrong code');
    await shot(page, '06-wrong-code.png');

    await page.fill('#code', code);
    const [accepted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/people/sign-in')),
      page.click('#submit'),
    ]);
    assert.equal(accepted.status(), 200);
    assert.equal((await accepted.json()).new_person, true);
    await page.waitForSelector('#me:not([hidden])');
    const cookie = (await phone.context.cookies()).find((c) => c.name === 'yz_person');
    assert.ok(cookie, 'the yz_person cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
  });

  test('"我的" shows the masked phone and the consents', async () => {
    assert.ok(await page.locator('#sign-in').isHidden());
    assert.equal(await page.locator('#me-phone').innerText(), MASKED);
    const items = page.locator('#consents .consent-item');
    assert.equal(await items.count(), 3);
    assert.match(await items.nth(0).innerText(), /手机号登录[\s\S]*已同意（\d{4}-\d\d-\d\d \d\d:\d\d）/);
    assert.match(await items.nth(1).innerText(), /短信提醒[\s\S]*未同意/);
    assert.equal(await items.nth(1).locator('button').innerText(), '同意');
    assert.match(await items.nth(2).innerText(), /志愿者登记[\s\S]*未同意/);
    // What 短信提醒 means, to read before agreeing.
    assert.ok(!(await items.nth(1).locator('.consent-text p').isVisible()));
    await items.nth(1).locator('.consent-text summary').click();
    assert.match(await items.nth(1).locator('.consent-text p').innerText(), /短信/);
    assert.ok(!(await page.content()).includes(PHONE), 'the full number is not on the page');
    await healthy('my page');
    await shot(page, '07-me.png');
  });

  test('giving and withdrawing 短信提醒 leaves a notice', async () => {
    const sms = () => page.locator('#consents .consent-item').nth(1);
    const noticesBefore = await page.locator('#notices li').count();
    const [given] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me/consents/sms_notices') && r.request().method() === 'PUT'),
      sms().locator('button').click(),
    ]);
    assert.equal(given.status(), 200);
    await page.waitForFunction(() => /已同意/.test(document.querySelectorAll('#consents .consent-item')[1].textContent));
    assert.equal(await sms().locator('button').innerText(), '撤回同意');
    await healthy('sms given');
    await shot(page, '08-sms-given.png');

    const [withdrawn] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me/consents/sms_notices') && r.request().method() === 'DELETE'),
      sms().locator('button').click(),
    ]);
    assert.equal(withdrawn.status(), 200);
    assert.deepEqual(await withdrawn.json(), { withdrawn: true, erased: false });
    await page.waitForFunction(() => /未同意/.test(document.querySelectorAll('#consents .consent-item')[1].textContent));
    assert.deepEqual(dialogs, [], 'an optional purpose is withdrawn without a question');
    // A notice about the change, with its time.
    const notices = page.locator('#notices li:not(.muted)');
    assert.ok(await notices.count() >= 1, `a notice (had ${noticesBefore} items before)`);
    assert.match(await notices.first().innerText(), /\d{4}-\d\d-\d\d \d\d:\d\d/);
    assert.match(await page.locator('#notices').innerText(), /短信提醒/);
    await healthy('sms withdrawn');
    await shot(page, '09-sms-withdrawn.png');
  });

  test('/me/data lists the full phone, the consents and the messages', async () => {
    await Promise.all([page.waitForURL('**/me/data'), page.click('a[href="/me/data"]')]);
    assert.equal(await page.locator('h1').innerText(), '我们保存的关于您的信息');
    const text = await page.locator('main').innerText();
    assert.ok(text.includes(PHONE), 'the full number');
    assert.match(text, /手机号登录/);
    assert.match(text, /短信提醒/);
    assert.match(text, /发给您的短信和通知[\s\S]*您已撤回“短信提醒”的同意/, 'the messages, with the notice');
    assert.ok(await page.locator('section').count() >= 3, 'a section per area');
    assert.ok(await page.locator('a[href="/api/v1/me/data"]').count() === 1);
    assert.ok(await page.locator('a[href="/me"]').count() === 1);
    await healthy('my data page');
    await shot(page, '10-my-data.png');
    await Promise.all([page.waitForURL('**/me'), page.click('a[href="/me"]')]);
    await page.waitForSelector('#me:not([hidden])');
  });

  test('the JSON download, with the page\'s cookie', async () => {
    const cookie = (await phone.context.cookies()).find((c) => c.name === 'yz_person');
    const r = await fetch(server.url + '/api/v1/me/data', { headers: { Cookie: `yz_person=${cookie.value}` } });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-disposition'), /attachment; filename="yizhan-my-data\.json"/);
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const data = await r.json();
    assert.match(data.generated_at, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.ok(Array.isArray(data.sections) && data.sections.length >= 3);
    for (const s of data.sections) {
      assert.equal(typeof s.area, 'string');
      assert.equal(typeof s.title, 'string');
      assert.ok(Array.isArray(s.items));
      for (const item of s.items) for (const key of Object.keys(item)) assert.ok(key in s.labels, `${s.area}.${key} has a label`);
    }
    const all = JSON.stringify(data);
    assert.ok(all.includes(PHONE), 'the full number');
    assert.ok(all.includes('sms_notices') || all.includes('短信提醒'), 'the consents');
    assert.ok(all.includes('您已撤回“短信提醒”的同意'), 'the messages');
    // Without the cookie: nothing.
    assert.equal((await fetch(server.url + '/api/v1/me/data')).status, 401);
    // From another site: refused, even with the cookie.
    const forged = await fetch(server.url + '/api/v1/me', {
      method: 'DELETE', headers: { Cookie: `yz_person=${cookie.value}`, Origin: 'https://evil.example' } });
    assert.equal(forged.status, 403);
  });

  test('注销 deletes everything and ends the session', async () => {
    const token = (await phone.context.cookies()).find((c) => c.name === 'yz_person').value;
    await page.locator('#erase').scrollIntoViewIfNeeded();
    await healthy('before erasing');
    await shot(page, '11-before-erase.png');
    const [erased] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'DELETE'),
      page.click('#erase'),
    ]);
    assert.equal(erased.status(), 200);
    assert.equal(dialogs.length, 1);
    assert.match(dialogs[0], /注销/);
    await page.waitForSelector('#sign-in:not([hidden])');
    await statusText(/您的信息已删除/);
    assert.ok(!(await phone.context.cookies()).some((c) => c.name === 'yz_person'), 'the cookie is gone');
    assert.equal((await page.request.get(server.url + '/api/v1/me')).status(), 401);
    assert.equal((await fetch(server.url + '/api/v1/me', { headers: { Cookie: `yz_person=${token}` } })).status, 401,
                 'the old token is dead');
    await healthy('erased');
    await shot(page, '12-erased.png');

    // The console's outbox no longer holds the messages to the erased person.
    const [outbox] = await Promise.all([
      deskPage.waitForResponse((r) => r.url().includes('/api/v1/admin/outbox')),
      deskPage.reload(),
    ]);
    assert.equal(outbox.status(), 200);
    assert.ok(!JSON.stringify(await outbox.json()).includes(MASKED), 'no message to the number is left');
    await deskPage.waitForSelector('#rows td');
    assert.match(await deskPage.locator('#rows').innerText(), /暂无消息/);
    await deskPage.screenshot({ path: path.join(shots, 'people-13-outbox-after.png'), fullPage: true });
  });
});
