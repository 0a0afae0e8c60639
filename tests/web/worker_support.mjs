// Helpers of the browser tests of the worker pages: a yizhan server on a temporary data dir, and
// Debian's Chromium driven by playwright-core (installed in web/node_modules by
// scripts/install-deps.sh; never `npx playwright install`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const chromiumPath = '/usr/bin/chromium';
// The launch arguments of /work/shared/STACK.md.
export const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync'];

export function loadPlaywright() {
  const require = createRequire(path.join(repoRoot, 'web', 'package.json'));
  try {
    return require('playwright-core');
  } catch (e) {
    throw new Error('playwright-core is missing from web/node_modules: run scripts/install-deps.sh (npm ci in web/)');
  }
}

export function requireChromium() {
  if (!existsSync(chromiumPath)) {
    throw new Error(`${chromiumPath} is missing: install Debian's chromium package (scripts/install-deps.sh)`);
  }
}

export function binaryPath() {
  const p = path.resolve(repoRoot, process.env.YIZHAN_BINARY || 'build/release/src/yizhan');
  if (!existsSync(p)) throw new Error(`yizhan binary not found at ${p}: build it or set YIZHAN_BINARY`);
  return p;
}

// Starts `yizhan serve --demo` on a fresh data dir and a free port. Resolves to
// {url, stop(), dataDir} once the server prints where it listens.
export function startServer(extraArgs = []) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-web-'));
  const child = spawn(binaryPath(), ['serve', '--demo', '--data', dataDir, '--listen', '127.0.0.1:0', ...extraArgs],
                      { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`server did not start in 30 s:\n${stderr}`)); }, 30000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const m = /listening on (http:\/\/[^\s/]+)\//.exec(stderr);
      if (m) { clearTimeout(timer); resolve({ url: m[1], stop, dataDir }); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited (${code}):\n${stderr}`)); });
  });
}

// A phone-sized persistent context on a fresh user-data dir (Playwright refuses
// --user-data-dir in `args`; launchPersistentContext is how it takes one).
export async function launchPhone(options = {}) {
  requireChromium();
  const { chromium } = loadPlaywright();
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'yizhan-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    args: chromiumArgs,
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...options,
  });
  const close = async () => {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, close };
}

export function artifactsDir() {
  const dir = path.join(repoRoot, 'test-artifacts', 'web');
  mkdirSync(dir, { recursive: true });
  return dir;
}

// Great-circle distance in metres on the contract's sphere (6,371,008.8 m).
export function haversine(a, b) {
  const r = 6371008.8, rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad, dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

// What a worker with gloves and old eyes needs, checked on the page as it is now: no visible
// text under 16 px, no visible control under 48 × 48 px (Leaflet's own attribution excepted),
// nothing wider than the screen. Returns a list of problems (empty when fine).
export async function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || !visible(el)) continue;
      if (el.closest('.leaflet-control-attribution')) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) problems.push(`text "${n.textContent.trim().slice(0, 20)}" is ${size}px`);
    }
    document.querySelectorAll('button, a.button, a.station, select, summary, .leaflet-bar a').forEach((el) => {
      if (!visible(el)) return;
      const r = el.getBoundingClientRect();
      if (r.height < 47.5 || r.width < 47.5) {
        problems.push(`target "${(el.textContent || el.className).trim().slice(0, 20)}" is ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    });
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth) problems.push(`page is ${width}px wide on a ${window.innerWidth}px screen`);
    return problems;
  });
}

// What would be a bug on any page: script errors, CSP violations, failed requests for pages and
// assets of `serverUrl` (the API's 4xx are part of a journey and checked by it).
export function watchPage(page, serverUrl) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (/^Failed to load resource/.test(m.text()) && (m.location().url || '').includes('/api/')) return;
    problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(serverUrl) && r.status() >= 400 && !r.url().includes('/api/')) {
      problems.push(`${r.status()} ${r.url()}`);
    }
  });
  return problems;
}

// An init script that records CSP violations in the page itself (window.__csp).
export const recordCspViolations = () => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
  });
};

// Visible buttons, button-like links, fields and consent boxes of the page's main part smaller
// than 44 × 44 px (a field inside a label counts as the label).
export async function smallTapTargets(page) {
  return page.$$eval('main button, main .button, main label.check, main summary, main input', (els) => els
    .filter((el) => !(el.tagName === 'INPUT' && el.closest('label')))
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; })
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width < 44 || r.height < 44; })
    .map((el) => {
      const r = el.getBoundingClientRect();
      return `"${(el.textContent || el.id || el.className).trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`;
    }));
}
