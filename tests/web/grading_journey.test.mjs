// Star grading in Debian's Chromium through playwright-core: a city admin grades the demonstration
// city and reads why a station got its stars → a second city admin (the one who started a run may
// not approve it) raises one station to five stars with a reason and approves → the worker's
// station page shows ★★★★★ and the 四星以上 filter of the find page keeps it. Screenshots go to
// test-artifacts/grading/ (look at them). Run with scripts/test-admin-browser.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binaryPath, chromiumArgs, chromiumPath, loadPlaywright, repoRoot, requireChromium, layoutProblems } from './worker_support.mjs';

const artifacts = path.join(repoRoot, 'test-artifacts', 'grading');
const password = 'journey password 2024';

function startServer(dataDir) {
  for (const name of ['chen', 'li']) {
    execFileSync(binaryPath(), ['user', 'add', '--data', dataDir, '--username', name, '--role', 'city_admin'],
                 { input: password + '\n' });
  }
  const child = spawn(binaryPath(), ['serve', '--demo', '--data', dataDir, '--listen', '127.0.0.1:0',
                                     '--map-tiles', 'none', '--no-access-log'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 30000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /listening on (http:\/\/[^\s/]+)\//.exec(stderr);
      if (m) { clearTimeout(timer); resolve({ url: m[1], stop }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${stderr}`)); });
  });
}

async function signIn(page, url, username) {
  await page.goto(`${url}/admin/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${url}/admin/`);
}

test('a grading run is explained, corrected, approved by another admin and seen by workers', { timeout: 240000 }, async () => {
  requireChromium();
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-grading-web-'));
  const server = await startServer(dataDir);
  const { chromium } = loadPlaywright();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const problems = [];
  try {
    const desk = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const staff = await desk.newPage();
    staff.on('pageerror', (e) => problems.push(String(e)));
    // The 403 of the refused approval below is expected; anything else is a problem.
    staff.on('console', (m) => { if (m.type() === 'error' && !/status of 403/.test(m.text())) problems.push(m.text()); });
    const shot = (page, name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

    // Chen inspects a station unannounced first: it was closed during its posted hours. The
    // failure needs a photo, which goes to the ticket it opens.
    await signIn(staff, server.url, 'chen');
    await staff.goto(`${server.url}/admin/stations/SG-C002/upkeep`);
    await staff.waitForSelector('#inspection:not([hidden]) select[data-item="hours_kept"]');
    await staff.selectOption('select[data-item="hours_kept"]', 'fail');
    const row = staff.locator('#checklist tr', { has: staff.locator('select[data-item="hours_kept"]') });
    await row.locator('input.note').fill('上午九点仍未开门');
    await staff.click('#i-save');
    await staff.waitForFunction(() => /请各拍一张照片/.test(document.querySelector('#message').textContent));
    const closedDoor = Buffer.from(await staff.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 640; c.height = 480;
      const g = c.getContext('2d');
      g.fillStyle = '#555'; g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#fff'; g.font = '48px sans-serif'; g.fillText('09:00 未开门', 40, 240);
      return c.toDataURL('image/jpeg', 0.8).split(',')[1];
    }), 'base64');
    await row.locator('input.photo').setInputFiles({ name: 'door.jpg', mimeType: 'image/jpeg', buffer: closedDoor });
    await staff.click('#i-save');
    await staff.waitForFunction(() => /照片已附在工单上/.test(document.querySelector('#message').textContent));
    await shot(staff, '00-inspection-with-photo.png');
    const tickets = await staff.evaluate(async () => (await (await fetch('/api/v1/admin/tickets?station=SG-C002')).json()).tickets);
    assert.equal(tickets.length, 1);
    const ticketPhotos = await staff.evaluate(async (id) => (await (await fetch(`/api/v1/admin/tickets/${id}`)).json()).photos, tickets[0].id);
    assert.equal(ticketPhotos.length, 1);

    // Chen keeps the city's upkeep settings on the board page: a summer level for the air
    // conditioner, a maintenance team, an ice pack in the supplies catalogue.
    await staff.goto(`${server.url}/admin/upkeep`);
    await staff.waitForSelector('#level-form:not([hidden])');
    await staff.selectOption('#l-category', 'facility');
    await staff.selectOption('#l-amenity', 'cooling_heating');
    await staff.fill('#l-months', '7,8');
    await staff.fill('#l-hours', '24');
    await staff.click('#l-add');
    await staff.click('#l-save');
    await staff.waitForFunction(() => /服务时限已保存/.test(document.querySelector('#message').textContent));
    const levels = await staff.evaluate(async () => (await (await fetch('/api/v1/admin/service-levels')).json()).levels);
    assert.ok(levels.some((l) => l.amenity === 'cooling_heating' && l.hours === 24 && l.months.join() === '7,8'));
    await staff.fill('#t-name', '圣城街道维修队');
    await staff.fill('#t-region', '370783001');
    await staff.fill('#t-members', 'chen');
    await staff.click('#t-save');
    await staff.waitForFunction(() => /维修队已保存/.test(document.querySelector('#message').textContent));
    await staff.waitForFunction(() => /圣城街道维修队/.test(document.querySelector('#team-list').textContent));
    await staff.fill('#c-code', 'ice_pack');
    await staff.fill('#c-name', '冰袋');
    await staff.fill('#c-unit', '个');
    await staff.fill('#c-minimum', '4');
    await staff.click('#c-save');
    await staff.waitForFunction(() => /冰袋/.test(document.querySelector('#catalogue').textContent));
    await shot(staff, '00b-upkeep-settings.png');

    // Chen grades the whole city and reads the reasons of the first station.
    await staff.goto(`${server.url}/admin/grading`);
    await staff.waitForSelector('#criteria-rules tr.criterion');
    assert.match(await staff.textContent('#rules-version'), /第 1 版，满分 100 分/);
    await staff.click('#start-run');
    await staff.waitForSelector('#run-card:not([hidden]) #proposals tr a');
    assert.match(await staff.textContent('#run-title'), /待审核/);
    const first = staff.locator('#proposals tr a').first();
    const stationName = (await first.textContent()).trim();
    const code = (await first.getAttribute('href')).slice(1);
    await first.click();
    await staff.waitForSelector('#detail-card:not([hidden]) #criteria tr');
    const criteria = await staff.locator('#criteria tr').count();
    assert.equal(criteria, 8);
    assert.match(await staff.textContent('#criteria'), /面积/);
    assert.match(await staff.textContent('#criteria'), /其间按比例/);
    await shot(staff, '01-run-and-reasons.png');
    await staff.locator('#detail-card').screenshot({ path: path.join(artifacts, '01b-reasons-of-one-station.png') });
    // The one who started the run cannot approve it.
    await staff.click('#approve');
    await staff.waitForSelector('#message:not([hidden])');
    assert.match(await staff.textContent('#message'), /权限|发起人/);

    // Li corrects that station to five stars with a reason and approves.
    await desk.clearCookies();
    await signIn(staff, server.url, 'li');
    await staff.goto(`${server.url}/admin/grading`);
    await staff.waitForSelector('#runs tr a');
    await staff.locator('#runs tr a').first().click();
    await staff.waitForSelector('#proposals tr a');
    await staff.locator(`#proposals tr a[href="#${code}"]`).click();
    await staff.waitForSelector('#override:not([hidden])');
    await staff.selectOption('#override-stars', '5');
    await staff.fill('#override-reason', '实地复核：面积 45 平方米，配备 AED');
    await staff.click('#override button[type=submit]');
    await staff.waitForFunction(() => /已保存调整/.test(document.querySelector('#message').textContent));
    await staff.fill('#review-note', '同意本次评定');
    await staff.click('#approve');
    await staff.waitForFunction(() => /已批准/.test(document.querySelector('#message').textContent));
    assert.match(await staff.textContent('#run-title'), /已批准/);
    await shot(staff, '02-approved.png');
    await staff.locator('#runs').screenshot({ path: path.join(artifacts, '02b-runs.png') });

    // The console's station page shows the grade and its history, and keeps what the station
    // declares for the next grading.
    await staff.goto(`${server.url}/admin/stations/${encodeURIComponent(code)}`);
    await staff.waitForSelector('#grade-card:not([hidden]) #grade-history li');
    assert.match(await staff.textContent('#grade-now'), /五星驿站/);
    await staff.fill('#g-area', '45');
    await staff.fill('#g-capacity', '24');
    await staff.click('#g-save');
    await staff.waitForFunction(() => /已保存/.test(document.querySelector('#grade-message').textContent));
    await staff.locator('#grade-card').screenshot({ path: path.join(artifacts, '02c-station-grade.png') });
    const grade = await staff.evaluate(async (c) => (await (await fetch(`/api/v1/admin/stations/${c}/grade`)).json()), code);
    assert.equal(grade.facts.area_m2, 45);
    assert.equal(grade.facts.capacity, 24);

    // The worker sees the stars on the station page and with the 四星以上 filter.
    const detail = await (await fetch(`${server.url}/api/v1/stations/${encodeURIComponent(code)}`)).json();
    assert.equal(detail.stars, 5);
    const phoneContext = await browser.newContext({
      viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai', geolocation: { latitude: detail.lat, longitude: detail.lng }, permissions: ['geolocation']
    });
    const worker = await phoneContext.newPage();
    worker.on('pageerror', (e) => problems.push(String(e)));
    await worker.goto(`${server.url}/station/${encodeURIComponent(code)}`);
    assert.match(await worker.textContent('#grade'), /★★★★★/);
    assert.match(await worker.textContent('#grade'), /五星级驿站/);
    await shot(worker, '03-station-five-stars.png');
    problems.push(...await layoutProblems(worker));
    await worker.goto(`${server.url}/`);
    await worker.waitForSelector('#list li');
    await worker.click('#filters [data-min-stars="4"]');
    await worker.waitForFunction(() => /已筛选/.test(document.querySelector('#status').textContent));
    const kept = await worker.locator('#list li[data-code]').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));
    assert.deepEqual(kept, [code], `only ${stationName} has four stars or more`);
    await shot(worker, '04-find-four-stars.png');
    await phoneContext.close();
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
