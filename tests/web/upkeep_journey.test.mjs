// A worker's report becomes a ticket and is fixed, in Debian's Chromium through playwright-core:
// a worker reports a broken microwave on a 360 px phone and gets a number to read out → the
// station page shows it 已报修 → the number's page says it was received → the station manager
// assigns it to the maintainer in the console → the maintainer, on his phone, takes a photo
// before, starts, takes a photo after and marks it done while offline (sent when back) → the
// worker's page asks "is it really fixed?" and the worker confirms → the station page says 能用
// again. Screenshots go to test-artifacts/upkeep/ (look at them). Run with
// scripts/test-admin-browser.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binaryPath, chromiumArgs, chromiumPath, loadPlaywright, repoRoot, requireChromium, layoutProblems } from './worker_support.mjs';
import { spawn } from 'node:child_process';

const artifacts = path.join(repoRoot, 'test-artifacts', 'upkeep');
const password = 'journey password 2024';
const station = 'SG-C004';

function startServer(dataDir) {
  for (const [name, role, scope] of [['manager', 'station_manager', ['--station', station]],
                                     ['wang', 'maintainer', ['--region', '370783']]]) {
    execFileSync(binaryPath(), ['user', 'add', '--data', dataDir, '--username', name, '--role', role, ...scope],
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

test('a worker\'s report is assigned, fixed, resolved and confirmed by the worker', { timeout: 240000 }, async () => {
  requireChromium();
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-upkeep-web-'));
  const server = await startServer(dataDir);
  const { chromium } = loadPlaywright();
  const phoneDir = mkdtempSync(path.join(tmpdir(), 'yizhan-upkeep-phone-'));
  const deskDir = mkdtempSync(path.join(tmpdir(), 'yizhan-upkeep-desk-'));
  const phone = await chromium.launchPersistentContext(phoneDir, {
    executablePath: chromiumPath, args: chromiumArgs, viewport: { width: 360, height: 640 }, deviceScaleFactor: 2,
    isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai'
  });
  const desk = await chromium.launchPersistentContext(deskDir, {
    executablePath: chromiumPath, args: chromiumArgs, viewport: { width: 1366, height: 900 }, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  });
  const problems = [];
  try {
    const worker = phone.pages()[0] || await phone.newPage();
    const staff = desk.pages()[0] || await desk.newPage();
    for (const page of [worker, staff]) {
      page.on('pageerror', (e) => problems.push(String(e)));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    }
    const shot = (page, name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

    // The worker reports a broken microwave and is given a number to read out.
    await worker.goto(`${server.url}/station/${station}`);
    await worker.click('#report-open');
    await worker.click('#report-amenity [data-amenity="microwave"]');
    await worker.click('#report-category [data-category="facility"]');
    await worker.fill('#report-text', '微波炉不加热了');
    await worker.click('#report-send');
    await worker.waitForSelector('#report-done:not([hidden])');
    const number = (await worker.locator('#report-done .report-number').innerText()).trim();
    assert.match(number, /^\d{3} \d{3} \d{4}$/, 'a ten-digit number in groups');
    const id = number.replace(/ /g, '');
    // The worker adds a photo of the microwave from the same phone (shrunk by the page).
    const picture = Buffer.from(await worker.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 2400; c.height = 1800;
      const g = c.getContext('2d');
      g.fillStyle = '#335'; g.fillRect(0, 0, 2400, 1800);
      g.fillStyle = '#fff'; g.font = '160px sans-serif'; g.fillText('坏了的微波炉', 200, 900);
      return c.toDataURL('image/jpeg', 0.9).split(',')[1];
    }), 'base64');
    await worker.setInputFiles('#report-photo-input', { name: 'microwave.jpg', mimeType: 'image/jpeg', buffer: picture });
    await worker.waitForFunction(() => /照片已收到/.test(document.querySelector('#report-photo-state').textContent));
    const followed = await (await fetch(`${server.url}/api/v1/reports/${id}`)).json();
    assert.equal(followed.photos.length, 1);
    await shot(worker, '01-reported.png');
    assert.deepEqual(await layoutProblems(worker), []);

    // The station page now says the microwave is reported.
    await worker.goto(`${server.url}/station/${station}`);
    const microwave = worker.locator('li[data-amenity="microwave"]');
    assert.match(await microwave.innerText(), /已报修/);
    await microwave.scrollIntoViewIfNeeded();
    await shot(worker, '02-station-reported.png');

    // Following the number: received, waiting for the manager.
    await worker.goto(`${server.url}/r`);
    await worker.fill('#n', number);
    await worker.click('.lookup button[type=submit]');
    await worker.waitForURL(`${server.url}/r/${id}`);
    assert.match(await worker.locator('#status').innerText(), /已收到/);
    await shot(worker, '03-follow-received.png');
    assert.deepEqual(await layoutProblems(worker), []);

    // The station manager sees the ticket in the console and assigns it to the maintainer.
    await signIn(staff, server.url, 'manager');
    await staff.goto(`${server.url}/admin/reports`);
    await staff.waitForSelector(`#rows a[href="#${id}"]`);
    await shot(staff, '04-console-tickets.png');
    await staff.click(`#rows a[href="#${id}"]`);
    await staff.waitForSelector('#assign-to');
    await staff.selectOption('#assign-to', 'user:wang');
    await shot(staff, '05-console-assign.png');
    await staff.click('#assign');
    await staff.waitForSelector('#action-message.ok');
    assert.match(await staff.locator('#detail-title').innerText(), /已派单/);
    // A photo to take: a JPEG drawn by the browser (a red square with a date).
    const jpeg = Buffer.from(await staff.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 640; c.height = 480;
      const g = c.getContext('2d');
      g.fillStyle = '#b3261e'; g.fillRect(0, 0, 640, 480);
      g.fillStyle = '#fff'; g.font = '48px sans-serif'; g.fillText('微波炉 2026', 40, 240);
      return c.toDataURL('image/jpeg', 0.8).split(',')[1];
    }), 'base64');

    // The maintainer, on his phone with gloves on: his tickets nearest first, a photo before,
    // start, a photo after, and "done" while the connection is gone.
    const mobile = await phone.newPage();
    mobile.on('pageerror', (e) => problems.push(String(e)));
    await phone.grantPermissions(['geolocation']);
    await phone.setGeolocation({ latitude: 36.8513, longitude: 118.7380 });
    await signIn(mobile, server.url, 'wang');
    await mobile.goto(`${server.url}/admin/mine`);
    await mobile.waitForSelector('#cards li');
    await mobile.waitForFunction(() => /按离您的距离排列/.test(document.querySelector('#where').textContent));
    assert.match(await mobile.locator('#cards li').first().innerText(), /微波炉/);
    await shot(mobile, '06-mine-list.png');
    assert.deepEqual(await layoutProblems(mobile), []);
    await mobile.locator('#cards li').first().locator('button').click();
    await mobile.waitForSelector('#ticket-view:not([hidden])');
    await mobile.setInputFiles('#before', { name: 'before.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await mobile.waitForSelector('#t-photos figure');
    await mobile.click('#start');
    await mobile.waitForFunction(() => /维修中/.test(document.querySelector('#t-status').textContent));
    await mobile.setInputFiles('#after', { name: 'after.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await mobile.waitForFunction(() => document.querySelectorAll('#t-photos figure').length === 2);
    await phone.setOffline(true);
    await mobile.fill('#note', '换了磁控管');
    await mobile.click('#resolve');
    await mobile.waitForSelector('#queued:not([hidden])');
    assert.match(await mobile.locator('#message').innerText(), /保存在手机上/);
    await shot(mobile, '07-mine-offline.png');
    await phone.setOffline(false);
    await mobile.waitForFunction(() => /已修好/.test(document.querySelector('#t-status').textContent), null, { timeout: 20000 });
    await mobile.waitForFunction(() => /已发送/.test(document.querySelector('#message').textContent));
    await shot(mobile, '08-mine-resolved.png');
    assert.deepEqual(await layoutProblems(mobile), []);

    // The manager sees the photos and the note in the console.
    await staff.goto(`${server.url}/admin/upkeep`);
    await staff.waitForSelector('#regions tr');
    await shot(staff, '09-console-board.png');
    await staff.goto(`${server.url}/admin/reports#${id}`);
    await staff.waitForFunction(() => /已修好/.test((document.querySelector('#detail-title') || {}).textContent || ''));
    assert.match(await staff.locator('#history').innerText(), /换了磁控管/);
    await staff.waitForSelector('#detail-photos img');
    await shot(staff, '09-console-photos.png');

    // The manager records the first-aid kit's medicine; an expired batch raises an alert in the
    // console and shows on the worker's station page.
    await staff.goto(`${server.url}/admin/stations/${station}/upkeep`);
    await staff.waitForSelector('#e-item option[value="huoxiang"]', { state: 'attached' });
    await staff.selectOption('#e-item', 'huoxiang');
    await staff.fill('#e-qty', '2');
    await staff.fill('#e-expires', '2020-01-31');
    await staff.click('#e-save');
    await staff.waitForFunction(() => /已过期/.test(document.querySelector('#alerts').textContent));
    await shot(staff, '10-console-supplies.png');
    await worker.goto(`${server.url}/station/${station}`);
    assert.match(await worker.locator('li[data-amenity="first_aid"]').innerText(), /药品过期/);

    // The worker is asked whether it is really fixed, and says yes.
    await worker.goto(`${server.url}/r/${id}`);
    assert.match(await worker.locator('.verdict').innerText(), /真的修好了吗/);
    await shot(worker, '11-follow-asks.png');
    await worker.click('.verdict form:first-of-type button');
    await worker.waitForURL(`${server.url}/r/${id}`);
    assert.match(await worker.locator('#status').innerText(), /报修人已确认/);
    await shot(worker, '12-follow-confirmed.png');

    // The microwave works again on the station page.
    await worker.goto(`${server.url}/station/${station}`);
    assert.match(await worker.locator('li[data-amenity="microwave"]').innerText(), /能用/);

    // Open311 serves the same request, closed.
    const r = await fetch(`${server.url}/open311/v2/requests/${id}.json`);
    assert.equal(r.status, 200);
    const [request] = await r.json();
    assert.equal(request.status, 'closed');
    assert.equal(request.address_id, station);
    assert.deepEqual(problems, []);
  } finally {
    await phone.close();
    await desk.close();
    await server.stop();
    for (const dir of [dataDir, phoneDir, deskDir]) rmSync(dir, { recursive: true, force: true });
  }
});
