// 账号管理 as the security administrator uses it, at 1280 px in Debian's Chromium driven by
// playwright-core: sign in → the accounts page (roles by their Chinese labels) → create a station
// manager → the one-time password in its dialog, copied → disable the account → the new account
// cannot sign in. Then the new account's first sign-in, once enabled again, leads to the password
// form. Screenshots go to test-artifacts/accounts/ (look at them). Run with
//   YIZHAN_BINARY=build/release/src/yizhan node --test tests/web/accounts_journey.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const artifacts = path.join(repoRoot, 'test-artifacts', 'accounts');
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
  for (const [username, role] of [['security', 'security_admin'], ['boss', 'city_admin'], ['auditor', 'auditor']]) {
    execFileSync(binary(), ['user', 'add', '--data', dataDir, '--username', username, '--role', role],
                 { input: password + '\n' });
  }
  const child = spawn(binary(), ['serve', '--demo', '--data', dataDir, '--listen', `127.0.0.1:${port}`,
                                 '--public-url', url, '--map-tiles', 'none', '--no-access-log'],
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

async function signIn(page, url, username, secret) {
  await page.goto(`${url}/admin/login`);
  await page.fill('#username', username);
  await page.fill('#password', secret);
  await page.click('#login button[type=submit]');
}

test('the security admin creates an account, sees its one-time password, and disables it', { timeout: 180000 }, async () => {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: install Debian's chromium package`);
  mkdirSync(artifacts, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-accounts-web-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'yizhan-accounts-chromium-'));
  const server = await startServer(dataDir);
  const require = createRequire(path.join(repoRoot, 'web', 'package.json'));
  const { chromium } = require('playwright-core');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath, args: chromiumArgs, viewport: { width: 1280, height: 860 }, locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai', permissions: ['clipboard-read', 'clipboard-write']
  });
  const pageErrors = [];
  const expected = [];  // refusals the journey provokes on purpose
  try {
    const page = context.pages()[0] || await context.newPage();
    page.on('dialog', (d) => d.accept());
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !/status of 40[13]/.test(m.text())) pageErrors.push(m.text()); });
    page.on('response', (r) => {
      if (r.status() >= 400 && r.status() !== 401 && !expected.some((e) => r.url().includes(e))) {
        pageErrors.push(`${r.status()} ${r.url()}`);
      }
    });
    const shot = (name) => page.screenshot({ path: path.join(artifacts, name), fullPage: true });

    // The security admin lands on the accounts page; its menu holds nothing else.
    await signIn(page, server.url, 'security', password);
    await page.waitForURL(`${server.url}/admin/accounts`);
    await page.waitForSelector('#rows tr[data-username="boss"]');
    const menu = await page.$$eval('#nav a.item', (as) => as.map((a) => a.textContent));
    assert.deepEqual(menu, ['账号管理']);
    const roleCells = await page.$$eval('#rows tr td:nth-child(2)', (tds) => tds.map((td) => td.textContent));
    assert.deepEqual(roleCells.sort(), ['安全管理员', '审计员', '市总工会管理员'].sort(), 'roles by their Chinese labels');
    assert.match(await page.textContent('#rows tr[data-username="auditor"]'), /仅限服务器命令行/);
    assert.match(await page.textContent('#rows tr[data-username="security"]'), /本人账号/);
    const roleOptions = await page.$$eval('#new-role option', (os) => os.map((o) => o.textContent));
    assert.ok(!roleOptions.includes('审计员') && !roleOptions.includes('安全管理员'), roleOptions.join());
    await shot('01-accounts.png');

    // Create a station manager: the one-time password in a dialog, with a copy button.
    await page.fill('#new-username', 'zhang.san');
    await page.selectOption('#new-role', 'station_manager');
    await page.fill('#new-stations', 'SG001');
    await page.click('#create-submit');
    await page.waitForSelector('#secret[open]');
    const temporary = (await page.textContent('#secret-password')).trim();
    assert.match(temporary, /^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3,}$/);
    await page.click('#secret-copy');
    await page.waitForSelector('#secret-copied:not([hidden])');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), temporary);
    await shot('02-one-time-password.png');
    await page.click('#secret-close');
    await page.waitForSelector('#secret', { state: 'hidden' });
    const row = '#rows tr[data-username="zhang.san"]';
    await page.waitForSelector(row);
    assert.match(await page.textContent(row), /站点负责人/);
    assert.match(await page.textContent(row), /待改初始密码/);

    // Disable it: the state shows, and the account cannot sign in.
    await page.click(`${row} button[data-action=disable]`);
    await page.waitForSelector(`${row} button[data-action=enable]`);
    assert.match(await page.textContent(row), /已停用/);
    assert.match(await page.textContent('#message'), /已停用 zhang\.san/);
    await shot('03-disabled.png');
    const refused = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'zhang.san', password: temporary })
    });
    assert.equal(refused.status, 401);

    // Enabled again, its first sign-in leads to the password form, then into the console.
    await page.click(`${row} button[data-action=enable]`);
    await page.waitForSelector(`${row} button[data-action=disable]`);
    await page.click('#logout');
    await page.waitForURL(/\/admin\/login/);
    await signIn(page, server.url, 'zhang.san', temporary);
    await page.waitForSelector('#change:not([hidden])');
    await shot('04-must-change.png');
    await page.fill('#new-password', 'zhang san own password');
    await page.fill('#new-password-again', 'zhang san own password');
    await page.click('#change button[type=submit]');
    await page.waitForURL(`${server.url}/admin/`);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
});
