// The console as union staff use it, in Debian's Chromium driven by playwright-core: sign in →
// create a station with the map picker → mark its microwave broken → the public search no longer
// finds it for "microwave" → print its plaque (pdftotext shows the Chinese text, zbarimg decodes
// the QR code to the station's URL) → XSS payloads stay text → sign out. Screenshots go to
// test-artifacts/admin/ (look at them). Run with scripts/test-admin-browser.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'test-artifacts', 'admin');
const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];
const password = 'journey password 2024';

function binary() {
  const p = path.resolve(repoRoot, process.env.YIZHAN_BINARY || 'build/release/src/yizhan');
  if (!existsSync(p)) throw new Error(`yizhan binary not found at ${p}: build it or set YIZHAN_BINARY`);
  return p;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function startServer(dataDir) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  execFileSync(binary(), ['user', 'add', '--data', dataDir, '--username', 'admin', '--role', 'city_admin'],
               { input: password + '\n' });
  execFileSync(binary(), ['user', 'add', '--data', dataDir, '--username', 'auditor', '--role', 'auditor'],
               { input: password + '\n' });
  // No --public-url: the journey sets the public address in the console before printing.
  const child = spawn(binary(), ['serve', '--demo', '--data', dataDir, '--listen', `127.0.0.1:${port}`,
                                 '--map-tiles', 'none', '--no-access-log'],
                      { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 30000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      if (/listening on http/.test(stderr)) { clearTimeout(timer); resolve(); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${stderr}`)); });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { url, stop };
}

async function nearbyCodes(url, query) {
  const r = await fetch(`${url}/api/v1/stations/nearby?lat=36.88&lng=118.79&limit=100&radius_m=200000${query}`);
  assert.equal(r.status, 200);
  return (await r.json()).stations.map((s) => s.code);
}

test('union staff create a station, break its microwave, print its plaque, and sign out', { timeout: 180000 }, async () => {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium package`);
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-admin-web-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'yizhan-admin-chromium-'));
  const server = await startServer(dataDir);
  const require = createRequire(path.join(repoRoot, 'web', 'package.json'));
  const { chromium } = require('playwright-core');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, args: chromiumArgs, viewport: { width: 1366, height: 900 }, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai'
  });
  const dialogs = [];
  const pageErrors = [];
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // A 400 the journey provokes on purpose (a typing mistake in the hours) is expected once.
    let expected400 = 0, expected400Logged = 0;
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      if (expected400Logged > 0 && /status of 400/.test(m.text())) { --expected400Logged; return; }
      pageErrors.push(m.text());
    });
    page.on('response', (r) => {
      // 401 is how the console learns that the session has ended.
      if (r.status() === 400 && expected400 > 0) { --expected400; return; }
      if (r.status() >= 400 && r.status() !== 401) pageErrors.push(`${r.status()} ${r.url()}`);
    });
    const shot = (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

    // Sign in: the console sends an anonymous visitor to the sign-in page.
    await page.goto(`${server.url}/admin/`);
    await page.waitForURL(/\/admin\/login/);
    await shot('01-login.png');
    await page.fill('#username', 'admin');
    await page.fill('#password', 'wrong password here');
    await page.click('button[type=submit]');
    await page.waitForSelector('#message:not([hidden])');
    assert.match(await page.textContent('#message'), /用户名或密码错误/);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/admin/`);
    await page.waitForSelector('#stats .card');
    await shot('02-dashboard.png');
    assert.match(await page.textContent('#stats'), /站点/);

    // The station list with its map.
    await page.goto(`${server.url}/admin/stations`);
    await page.waitForSelector('#rows tr');
    await shot('03-stations.png');

    // A new station, placed with the map picker.
    await page.goto(`${server.url}/admin/new-station`);
    await page.waitForSelector('#amenity-microwave');
    await page.waitForFunction(() => window.YZA && window.YZA.editorMap);
    await page.fill('#f-code', 'JOURNEY1');
    await page.fill('#f-name', '旅程测试驿站');
    await page.fill('#f-address', '寿光市圣城街道农圣街 88 号');
    await page.selectOption('#f-region', '370783001');
    await page.fill('#f-manager', '李站长');
    await page.fill('#f-phone', '13912345678');
    await page.fill('#f-service-phone', '0536-5299887');
    await page.click('#map', { position: { x: 420, y: 190 } });
    const lat = Number(await page.inputValue('#f-lat')), lng = Number(await page.inputValue('#f-lng'));
    assert.ok(Math.abs(lat - 36.88) < 0.2 && Math.abs(lng - 118.79) < 0.3, `picked ${lat},${lng}`);
    assert.equal(await page.inputValue('#amenity-microwave'), 'working');
    // Hours without typing the syntax: a preset, Saturday off, Sunday night past midnight.
    await page.click('#hours-editor button:has-text("工作日上下午班")');
    assert.equal(await page.inputValue('#f-hours'), 'Mo-Fr 08:00-12:00,14:00-18:00');
    await page.click('#hours-editor tr[data-day="Su"] button:has-text("加一段")');
    await page.fill('#hours-editor tr[data-day="Su"] input[aria-label="周日 开始"]', '22:00');
    await page.fill('#hours-editor tr[data-day="Su"] input[aria-label="周日 结束"]', '06:00');
    await page.locator('#hours-editor tr[data-day="Su"] input[aria-label="周日 结束"]').dispatchEvent('change');
    assert.equal(await page.inputValue('#f-hours'), 'Mo-Fr 08:00-12:00,14:00-18:00; Su 22:00-06:00');
    await page.locator('#hours-editor').screenshot({ path: path.join(artifacts, '04a-hours-editor.png') });
    // A typing mistake is explained in Chinese, whole characters only.
    await page.fill('#f-hours', '早上8点到晚上6点');
    expected400 = expected400Logged = 1;
    await page.click('#save');
    await page.waitForFunction(() => /开放时间格式有误/.test(document.querySelector('#message').textContent));
    assert.match(await page.textContent('#message'), /此处是“早上8点到晚上6点”/);
    await page.click('button[data-hours="24/7"]');
    assert.equal(await page.locator('#hours-editor tr[data-day="We"] input[aria-label="周三 开始"]').inputValue(), '00:00');
    assert.match(await page.textContent('#open-now'), /现在开放/);
    await shot('04-new-station.png');
    await page.click('#save');
    await page.waitForURL(/\/admin\/stations\/JOURNEY1\?created=1/);
    await page.waitForFunction(() => document.querySelector('#f-name') && document.querySelector('#f-name').value === '旅程测试驿站');
    assert.ok((await nearbyCodes(server.url, '&amenity=microwave')).includes('JOURNEY1'), 'found for microwave before');
    // Workers see the public line and its call button; the manager's own mobile nowhere.
    const workerPage = await (await page.request.get(`${server.url}/station/JOURNEY1`)).text();
    assert.match(workerPage, /href="tel:05365299887"/);
    assert.ok(!workerPage.includes('13912345678') && !workerPage.includes('139****5678'));
    assert.equal(await page.inputValue('#f-service-phone'), '0536-5299887');

    // The microwave breaks.
    await page.selectOption('#amenity-microwave', 'broken');
    await page.click('#save');
    await page.waitForFunction(() => /已保存/.test(document.querySelector('#message').textContent));
    await shot('05-microwave-broken.png');
    assert.ok(!(await nearbyCodes(server.url, '&amenity=microwave')).includes('JOURNEY1'), 'not found for microwave');
    assert.ok((await nearbyCodes(server.url, '')).includes('JOURNEY1'), 'still found without the filter');

    // The plaque waits for a public address: the server only knows its loopback one.
    await page.waitForFunction(() => /只在本机能打开/.test(document.querySelector('#plaque-blocked').textContent));
    const refused = await page.request.get(`${server.url}/api/v1/admin/stations/JOURNEY1/plaque.pdf?size=a4`);
    assert.equal(refused.status(), 409);
    await page.goto(`${server.url}/admin/files`);
    await page.waitForFunction(() => /只在本机能打开/.test(document.querySelector('#address-message').textContent));
    await shot('05b-address-unset.png');
    await page.fill('#address-url', 'https://yz.shouguang.example.cn/');
    await page.click('#address-save');
    await page.waitForFunction(() => /已保存/.test(document.querySelector('#address-message').textContent));
    assert.equal(await page.inputValue('#address-url'), 'https://yz.shouguang.example.cn');
    await page.goto(`${server.url}/admin/stations/JOURNEY1`);
    await page.waitForSelector('#plaque-a4:not([hidden])');
    const href = await page.getAttribute('#plaque-a4', 'href');
    const pdf = await page.request.get(`${server.url}${href}`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const pdfPath = path.join(artifacts, 'plaque-JOURNEY1.pdf');
    writeFileSync(pdfPath, await pdf.body());
    const text = execFileSync('pdftotext', [pdfPath, '-']).toString();
    assert.match(text, /户外劳动者服务站点/);
    assert.match(text, /旅程测试驿站/);
    assert.match(text, /监督电话/);
    const pngBase = path.join(artifacts, '06-plaque');
    execFileSync('pdftoppm', ['-png', '-r', '110', '-singlefile', pdfPath, pngBase]);
    const decoded = execFileSync('zbarimg', ['--quiet', '--raw', pngBase + '.png']).toString().trim();
    assert.equal(decoded, 'https://yz.shouguang.example.cn/s/JOURNEY1');

    // Stored text that looks like markup stays text in every console page.
    const session = await (await page.request.get(`${server.url}/api/v1/admin/session`)).json();
    const evil = '<img src=x onerror="window.__xss=1;alert(1)">';
    const created = await page.request.post(`${server.url}/api/v1/admin/stations`, {
      headers: { 'X-CSRF-Token': session.csrf_token, 'Content-Type': 'application/json' },
      data: { code: 'XSS1', name: evil, address: evil, lng: 118.8, lat: 36.9, region: '370783001', opening_hours: '24/7',
              amenities: ['microwave'] }
    });
    assert.equal(created.status(), 201);
    const report = await fetch(`${server.url}/api/v1/stations/XSS1/reports`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ category: 'other', description: evil })
    });
    assert.equal(report.status, 201);
    for (const p of ['/admin/stations', '/admin/stations/XSS1', '/admin/reports', '/admin/']) {
      await page.goto(`${server.url}${p}`);
      await page.waitForLoadState('networkidle');
      assert.equal(await page.evaluate(() => window.__xss), undefined, `script ran on ${p}`);
    }
    await page.goto(`${server.url}/admin/reports`);
    await page.waitForSelector('#rows tr td');
    await shot('07-reports.png');
    assert.ok((await page.textContent('#rows')).includes(evil), 'the payload is shown as text');
    assert.deepEqual(dialogs, []);

    // Regions, hosts and files.
    await page.goto(`${server.url}/admin/files`);
    await page.waitForSelector('#region-rows tr');
    await page.fill('#host-name', '中国建设银行寿光农圣街支行');
    await page.selectOption('#host-type', 'bank');
    await page.selectOption('#host-region', '370783001');
    await page.click('#host-add');
    await page.waitForSelector('#host-message.ok');
    await shot('08-files.png');

    // Sign out: the old cookie is refused afterwards.
    await page.goto(`${server.url}/admin/`);
    await page.waitForSelector('#logout');
    await page.click('#logout');
    await page.waitForURL(/\/admin\/login/);
    await shot('09-signed-out.png');
    const after = await page.request.get(`${server.url}/api/v1/admin/session`);
    assert.equal(after.status(), 401);
    await page.goto(`${server.url}/admin/stations`);
    await page.waitForURL(/\/admin\/login/);

    // The auditor sees who did what.
    await page.fill('#username', 'auditor');
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/audit/);
    await page.waitForSelector('#rows tr');
    const log = await page.textContent('#rows');
    // Actions and roles in Chinese, never their codes.
    assert.match(log, /修改站点/);
    assert.match(log, /站点 JOURNEY1/);
    assert.doesNotMatch(log, /station:JOURNEY1/);
    assert.match(log, /微波炉：正常 → 损坏/);  // what the edit changed, not its field names
    assert.match(log, /退出登录/);
    assert.match(log, /市总工会管理员/);
    assert.doesNotMatch(log, /station\.update|auth\.logout/);
    await shot('10-audit.png');
    assert.deepEqual(pageErrors.filter((e) => !/status of 401/.test(e) && !/status of 404/.test(e)), []);
  } finally {
    await context.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});
