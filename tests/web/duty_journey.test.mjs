// A volunteer's journey (issue 16), in Debian's Chromium on a 360 × 640 phone with a desk beside
// it: /v asks to sign in → the phone's code (read by a coordinator from the console outbox) → the
// volunteer signs up with consent → the coordinator imports a roster on the command line that puts
// them on a shift already under way, and adds a shift for later today on the console's duty page
// → on the phone, "near me" finds the station with a free place, the volunteer takes it, and its
// reminder is in the outbox → the volunteer scans the station's plaque (its /s/ page), taps
// 到岗签到, then 离岗, and sees the hours counted → the private calendar feed, parsed by ical.js,
// lists both shifts; after --rotate the old URL is gone.
// Every phone step: no script errors, no CSP violations, nothing wider than the screen, tap
// targets of 44 px. Screenshots in test-artifacts/web/ (duty-*.png).
//
//   node --test tests/web/duty_journey.test.mjs     (scripts/test-admin-browser.sh runs it)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  artifactsDir, binaryPath, launchPhone, layoutProblems, recordCspViolations, repoRoot, smallTapTargets,
  startServer, watchPage,
} from './worker_support.mjs';

const ICAL = createRequire(path.join(repoRoot, 'web', 'package.json'))('ical.js');

const STEP_TIMEOUT = 15000;
const PHONE = '18822223334';
const STATION = 'SG-C001';
const COORDINATOR = { username: 'duty-coordinator', password: 'duty journey password 2024' };

let server;
const shots = artifactsDir();
const shot = (page, name, fullPage = true) => page.screenshot({ path: path.join(shots, `duty-${name}`), fullPage });
const cli = (args, input) => execFileSync(binaryPath(), [...args, '--data', server.dataDir],
                                          { input, encoding: 'utf8' });

// "YYYY-MM-DD" and "HH:MM" in Shanghai time of instant `ms`.
function local(ms) {
  const iso = new Date(ms + 8 * 3600 * 1000).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

before(async () => {
  server = await startServer(['--map-tiles', 'none']);
  cli(['user', 'add', '--username', COORDINATOR.username, '--role', 'city_admin'], COORDINATOR.password + '\n');
});
after(async () => { if (server) await server.stop(); });

describe('a volunteer signs up, takes a shift, arrives by the plaque and sees the hours', () => {
  let phone, page, problems, desk, deskPage, deskProblems, station;
  const now = Date.now();

  before(async () => {
    const res = await fetch(`${server.url}/api/v1/stations/${STATION}`);
    assert.equal(res.status, 200);
    station = await res.json();
    phone = await launchPhone({ geolocation: { latitude: station.lat, longitude: station.lng },
                                permissions: ['geolocation'] });
    page = phone.context.pages()[0] || await phone.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.addInitScript(recordCspViolations);
    problems = watchPage(page, server.url);
    page.on('dialog', (d) => d.accept());
    desk = await launchPhone({ viewport: { width: 1366, height: 900 }, deviceScaleFactor: 1, isMobile: false,
                               hasTouch: false });
    deskPage = desk.context.pages()[0] || await desk.context.newPage();
    deskPage.setDefaultTimeout(STEP_TIMEOUT);
    await deskPage.addInitScript(recordCspViolations);
    deskProblems = watchPage(deskPage, server.url);
    await deskPage.goto(server.url + '/admin/login');
    await deskPage.fill('#username', COORDINATOR.username);
    await deskPage.fill('#password', COORDINATOR.password);
    await Promise.all([deskPage.waitForURL(`${server.url}/admin/`), deskPage.click('button[type=submit]')]);
  });
  after(async () => {
    if (phone) await phone.close();
    if (desk) await desk.close();
  });

  async function healthy(what) {
    assert.deepEqual(problems, [], `${what}: no script errors or failed requests`);
    assert.deepEqual(await page.evaluate(() => window.__csp || []), [], `${what}: no CSP violations`);
    assert.deepEqual(await layoutProblems(page), [], `${what}: layout at 360 px`);
    assert.deepEqual(await smallTapTargets(page), [], `${what}: tap targets of at least 44 px`);
  }
  async function deskHealthy(what) {
    assert.deepEqual(deskProblems, [], `${what}: no script errors or failed requests`);
    assert.deepEqual(await deskPage.evaluate(() => window.__csp || []), [], `${what}: no CSP violations`);
  }
  // The page's status once it is final (not "正在…"), checked against `pattern`.
  async function dutyStatus(pattern) {
    await page.waitForFunction(() => {
      const text = document.getElementById('duty-status').textContent;
      return text && !text.startsWith('正在');
    });
    const text = await page.locator('#duty-status').innerText();
    assert.match(text, pattern);
    return text;
  }
  // The newest message of the console outbox, as its row's cells.
  async function newestOutboxRow() {
    await deskPage.goto(server.url + '/admin/outbox');
    await deskPage.waitForSelector('#rows tr td');
    return deskPage.locator('#rows tr').first().locator('td').allInnerTexts();
  }

  test('/v asks a stranger to sign in, and the phone code brings them back to /v', async () => {
    await page.goto(server.url + '/v');
    await page.waitForSelector('#need-sign-in:not([hidden])');
    assert.match(await page.locator('#need-sign-in').innerText(), /就近到驿站报到值班/);
    await healthy('sign-in prompt');
    await shot(page, '01-prompt.png');
    await Promise.all([page.waitForURL(/\/me\?back=/), page.click('#go-sign-in')]);
    await page.waitForSelector('#sign-in:not([hidden])');
    await page.waitForFunction(() => document.getElementById('purpose-text').textContent.length > 20);
    await page.fill('#phone', PHONE);
    await page.check('#consent');
    const [sent] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/people/sign-in/code')), page.click('#send-code')]);
    assert.equal(sent.status(), 200);
    const cells = await newestOutboxRow();
    const code = /(?<!\d)(\d{6})(?!\d)/.exec(cells[5]);
    assert.ok(code, `a code in "${cells[5]}"`);
    await page.fill('#code', code[1]);
    await Promise.all([page.waitForURL(`${server.url}/v`), page.click('#submit')]);
    await page.waitForSelector('#sign-up:not([hidden])');
  });

  test('signing up needs a name and consent, then shows the duty page', async () => {
    await page.waitForSelector('#v-skills label.check');
    assert.deepEqual(await page.locator('#v-skills label.check').allInnerTexts(),
                     ['急救', '法律', '医护', '劳模', '党员', '社区干部', '其他']);
    await page.click('#v-submit');
    await page.waitForFunction(() => /请填写姓名/.test(document.getElementById('sign-up-status').textContent));
    await page.fill('#v-name', '王小志');
    await page.click('#v-submit');
    await page.waitForFunction(() => /请先阅读并勾选同意《志愿者登记》说明/.test(
      document.getElementById('sign-up-status').textContent));
    assert.ok(await page.locator('#v-purpose-text').isVisible(), 'the purpose text unfolds');
    await page.locator('#v-skills label.check', { hasText: '党员' }).click();
    await page.check('#v-consent');
    await healthy('sign-up form');
    await shot(page, '02-sign-up.png');
    await page.click('#v-submit');
    await page.waitForSelector('#duty:not([hidden])');
    assert.equal(await page.locator('#v-hello').innerText(), '王小志，您好');
    assert.match(await page.locator('#my-shifts').innerText(), /还没有报名的班次/);
    await healthy('duty page');
  });

  test('the coordinator imports a roster on the command line and adds a shift on the console', async () => {
    const roster = path.join(server.dataDir, 'roster.csv');
    const startA = new Date(now - 10 * 60000).toISOString();
    const endA = new Date(now + 110 * 60000).toISOString();
    writeFileSync(roster, `station,starts_at,ends_at,role,needed,volunteers\n${STATION},${startA},${endA},值班,1,${PHONE}\n`);
    const out = cli(['import', 'shifts', roster]);
    assert.match(out, /导入完成：新建 1 个班次/);
    await deskPage.goto(`${server.url}/admin/duty?station=${STATION}`);
    await deskPage.waitForSelector('#rows tr td');
    const first = await deskPage.locator('#rows tr').first().innerText();
    assert.match(first, /王小志 188\*\*\*\*3334/, 'the volunteer with the masked phone');
    // Shift B: three hours from now, two people, on the console's form.
    const b = local(now + 3 * 3600 * 1000), bEnd = local(now + 5 * 3600 * 1000);
    await deskPage.fill('#add-date', b.date);
    await deskPage.fill('#add-start', b.time);
    await deskPage.fill('#add-end', bEnd.time);
    await deskPage.fill('#add-needed', '2');
    await deskPage.click('#add button[type=submit]');
    await deskPage.waitForFunction(() => /已新增班次/.test(document.getElementById('add-status').textContent));
    await deskPage.waitForFunction(() => /缺 2 人/.test(document.getElementById('rows').textContent));
    if (b.date !== local(now).date) {  // past midnight: the week view starts today; B is in it
      assert.match(await deskPage.locator('#rows').innerText(), /缺 2 人/);
    }
    assert.match(await deskPage.locator('#summary').innerText(), /2 个班次，还缺 2 人/);
    await deskHealthy('duty page');
    await shot(deskPage, '03-console-roster.png', true);
  });

  test('near me finds the station with a free place and the volunteer takes it', async () => {
    await page.goto(server.url + '/v');
    await page.waitForSelector('#duty:not([hidden])');
    await page.waitForSelector('#my-shifts .duty-item');
    assert.match(await page.locator('#my-shifts').innerText(), new RegExp(station.name));
    await page.click('#find-near');
    await page.waitForSelector('#near .duty-item');
    const nearest = page.locator('#near .duty-item').first();
    assert.match(await nearest.innerText(), new RegExp(station.name));
    assert.match(await nearest.innerText(), /1 个班次还缺 2 人/);
    await healthy('near me');
    await shot(page, '04-near-me.png');
    await nearest.locator('button', { hasText: '查看班次' }).click();
    await page.waitForSelector('#slots .duty-item');
    const slot = page.locator('#slots .duty-item', { hasText: '还缺 2 人' });
    await slot.locator('button', { hasText: '报名这个班次' }).click();
    await dutyStatus(/报名成功/);
    await page.waitForFunction(() => document.querySelectorAll('#my-shifts .duty-item').length === 2);
    await healthy('taken');
    await shot(page, '05-taken.png');
  });

  test('the reminder of a shift taken three hours ahead is in the outbox at once', async () => {
    const cells = await newestOutboxRow();
    assert.equal(cells[2], '页面通知', 'no SMS consent: a notice on the volunteer\'s page');
    assert.match(cells[5], new RegExp(`提醒：您报名了${station.name}`));
    await deskHealthy('outbox');
    await shot(deskPage, '06-reminder-in-outbox.png', false);
  });

  test('scanning the plaque records arrival; leaving counts the hours', async () => {
    await page.goto(`${server.url}/s/${STATION}`);
    await page.waitForSelector('#volunteer-arrival');
    await Promise.all([page.waitForURL(/\/v\?arrive=/), page.click('#volunteer-arrival')]);
    await dutyStatus(/已到岗签到/);
    await page.waitForSelector('#my-shifts .duty-item button:has-text("离岗")');
    await healthy('arrived');
    await shot(page, '07-arrived.png');
    // Hours count from arrival (the shift began ten minutes before): a whole minute on duty.
    await page.waitForTimeout(61000);
    await page.locator('#my-shifts button', { hasText: '离岗' }).click();
    await dutyStatus(/已离岗/);
    await page.waitForFunction(() => /服务 1 分钟/.test(document.getElementById('my-shifts').textContent));
    assert.equal(await page.locator('#v-times').innerText(), '1');
    assert.equal(await page.locator('#v-served').innerText(), '1 分钟');
    await healthy('hours');
    await shot(page, '08-hours.png');
  });

  test('the certificate of service hours is a Chinese PDF, and the console counts the hours', async () => {
    const pdf = await page.request.get(server.url + '/api/v1/me/volunteer/certificate.pdf');
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const file = path.join(shots, 'duty-10-certificate.pdf');  // kept to look at
    writeFileSync(file, await pdf.body());
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert.match(text, /志愿服务时长证明/);
    assert.match(text, /兹证明 王小志 同志/);
    assert.match(text, /累计服务\s*1\s*分钟，\s*共\s*1\s*人次/, 'wrapped lines may break anywhere');
    assert.match(text, new RegExp(station.name.slice(0, 6)));
    await deskPage.goto(`${server.url}/admin/duty?station=${STATION}`);
    await deskPage.waitForSelector('#h-rows tr');
    assert.match(await deskPage.locator('#h-rows tr').first().innerText(), /王小志 188\*\*\*\*3334\s+0\.0\s+1\s+1/);
    assert.match(await deskPage.locator('#h-summary').innerText(), /合计 0\.0 小时，1 人次/);
    const workbook = await deskPage.request.get(await deskPage.locator('#h-export').evaluate((a) => a.href));
    assert.equal(workbook.status(), 200);
    assert.equal((await workbook.body()).subarray(0, 2).toString(), 'PK');
    await deskHealthy('hours');
    await shot(deskPage, '09-console-hours.png', true);
  });

  test('the private calendar lists both shifts for a real parser, and a rotated URL is gone', async () => {
    const url = cli(['volunteer', 'calendar', '--phone', PHONE]).trim();
    assert.match(url, new RegExp(`^${server.url}/cal/[0-9a-f]{32}\\.ics$`));
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/calendar; charset=utf-8');
    const text = await res.text();
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    assert.equal(events.length, 2);
    for (const e of events) {
      assert.match(e.summary, new RegExp(`驿站志愿值班：${station.name}`));
      assert.match(e.location, new RegExp(station.name));
      assert.ok(e.uid.startsWith('shift-'));
      assert.ok(e.endDate.compare(e.startDate) > 0);
    }
    const starts = events.map((e) => e.startDate.toJSDate().getTime()).sort();
    assert.equal(starts[0], Math.floor((now - 10 * 60000) / 1000) * 1000);
    const geo = calendar.getFirstSubcomponent('vevent').getFirstPropertyValue('geo');
    assert.ok(Math.abs(geo[0] - station.lat) < 1e-5 && Math.abs(geo[1] - station.lng) < 1e-5);
    const rotated = cli(['volunteer', 'calendar', '--phone', PHONE, '--rotate']).trim();
    assert.notEqual(rotated, url);
    assert.equal((await fetch(url)).status, 404);
    assert.equal((await fetch(rotated)).status, 200);
  });

  test('the volunteer subscribes to the calendar from the phone page and can replace the link', async () => {
    await page.goto(`${server.url}/v`);
    await page.waitForSelector('#duty:not([hidden])');
    await page.click('#calendar summary');
    await page.click('#calendar-get');
    await page.waitForSelector('#calendar-links:not([hidden])');
    const url = await page.inputValue('#calendar-url');
    assert.match(url, new RegExp(`^${server.url}/cal/[0-9a-f]{32}\\.ics$`));
    assert.equal(await page.getAttribute('#calendar-subscribe', 'href'), url.replace(/^http:/, 'webcal:'));
    const feed = await fetch(url);
    assert.equal(feed.status, 200);
    assert.equal(new ICAL.Component(ICAL.parse(await feed.text())).getAllSubcomponents('vevent').length, 2);
    await healthy('calendar');
    await shot(page, '11-calendar-link.png');
    await page.click('#calendar-rotate');
    await page.waitForFunction((old) => document.getElementById('calendar-url').value !== old, url);
    assert.match(await page.locator('#calendar-status').innerText(), /已换新链接/);
    const replaced = await page.inputValue('#calendar-url');
    assert.equal((await fetch(url)).status, 404);
    assert.equal((await fetch(replaced)).status, 200);
  });
});
