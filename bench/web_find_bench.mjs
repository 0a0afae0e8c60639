// The Find page on a slow phone: Chromium with the "Fast 3G" network emulation of DevTools
// (562.5 ms latency, 180,000 B/s down, 84,375 B/s up; called "Slow 4G" in newer DevTools) and a
// 4× CPU slowdown, a fresh cache each run. Measures the time from navigation to the nearest
// stations listed (goal < 2 s) and the bytes the home page transfers, map library included
// (goal < 250 KB compressed): as served (the server gzips text of 1 KiB or more, level 1) and
// through a gzip-6 proxy in front of the server, plus the gzip-6 size computed from the bodies.
// The home page arrives with its style sheet and scripts inlined (src/app/inlined_page.h), so
// the list needs two round trips (page, search) instead of three.
//
//   node bench/web_find_bench.mjs              (RUNS=5 by default; YIZHAN_BINARY=… to pick the binary)
import http from 'node:http';
import zlib from 'node:zlib';
import { launchPhone, startServer } from '../tests/web/worker_support.mjs';

const RUNS = Number(process.env.RUNS || 5);
const HERE = { latitude: 36.8680, longitude: 118.7436 };
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: 180000, uploadThroughput: 84375 };

// A reverse proxy that gzips text answers, to see what compression in the server would give.
function startGzipProxy(target) {
  const upstream = new URL(target);
  const proxy = http.createServer((req, res) => {
    const headers = { ...req.headers, host: upstream.host };
    delete headers['accept-encoding'];
    const out = http.request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers }, (r) => {
      const type = r.headers['content-type'] || '';
      const compress = /gzip/.test(req.headers['accept-encoding'] || '') && /text|json|javascript|svg/.test(type);
      const h = { ...r.headers };
      if (compress) { delete h['content-length']; h['content-encoding'] = 'gzip'; h.vary = 'Accept-Encoding'; }
      res.writeHead(r.statusCode, h);
      if (compress) r.pipe(zlib.createGzip({ level: 6 })).pipe(res); else r.pipe(res);
    });
    req.pipe(out);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${proxy.address().port}`, close: () => proxy.close() })));
}

async function oneRun(base) {
  // A fresh profile each run: a cold cache, as on a first visit.
  const phone = await launchPhone({ geolocation: HERE, permissions: ['geolocation'] });
  try {
    const page = phone.context.pages()[0] || await phone.context.newPage();
    const cdp = await phone.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const requests = new Map();
    cdp.on('Network.responseReceived', (e) => requests.set(e.requestId, { url: e.response.url, type: e.response.mimeType }));
    cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.transferred = e.encodedDataLength; });
    // Performance.now() when the first station appears in the list (navigation start is 0).
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        const list = document.getElementById('list');
        if (list && list.querySelector('li')) { window.__listedAt = performance.now(); observer.disconnect(); }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(base + '/', { waitUntil: 'commit', timeout: 60000 });
    await page.waitForFunction(() => window.__listedAt !== undefined, null, { timeout: 60000, polling: 50 });
    const listedMs = await page.evaluate(() => window.__listedAt);
    await page.waitForSelector('#map .yz-pin', { timeout: 60000 });
    await page.waitForLoadState('networkidle', { timeout: 60000 });
    const mapMs = await page.evaluate(() => performance.now());
    let transferred = 0, body = 0, gzip = 0;
    const files = [];
    for (const [id, r] of requests) {
      if (!r.url.startsWith(base)) continue;
      transferred += r.transferred || 0;
      let bytes = Buffer.alloc(0);
      try {
        const b = await cdp.send('Network.getResponseBody', { requestId: id });
        bytes = b.base64Encoded ? Buffer.from(b.body, 'base64') : Buffer.from(b.body, 'utf8');
      } catch { /* no body */ }
      const g = zlib.gzipSync(bytes, { level: 6 }).length;
      body += bytes.length;
      gzip += Math.min(g, bytes.length);
      files.push({ path: new URL(r.url).pathname.replace(/\?.*/, ''), transferred: r.transferred || 0, body: bytes.length, gzip: g });
    }
    // A second visit in the same profile: what a worker who opened the page earlier today sees
    // (the server lets browsers keep pages and assets for an hour).
    await page.goto(base + '/', { waitUntil: 'commit', timeout: 60000 });
    await page.waitForFunction(() => window.__listedAt !== undefined, null, { timeout: 60000, polling: 50 });
    const warmListedMs = await page.evaluate(() => window.__listedAt);
    return { listedMs, mapMs, warmListedMs, transferred, body, gzip, files };
  } finally {
    await phone.close();
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const kb = (n) => (n / 1024).toFixed(1) + ' KiB';

async function series(label, base) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await oneRun(base);
    runs.push(r);
    console.log(`${label} run ${i + 1}: listed ${r.listedMs.toFixed(0)} ms, map ${r.mapMs.toFixed(0)} ms, ` +
                `transferred ${kb(r.transferred)}; second visit listed ${r.warmListedMs.toFixed(0)} ms`);
  }
  return {
    label,
    listedMs: median(runs.map((r) => r.listedMs)),
    mapMs: median(runs.map((r) => r.mapMs)),
    warmListedMs: median(runs.map((r) => r.warmListedMs)),
    transferred: median(runs.map((r) => r.transferred)),
    body: median(runs.map((r) => r.body)),
    gzip: median(runs.map((r) => r.gzip)),
    files: runs[0].files,
  };
}

const server = await startServer(['--no-rate-limit', '--map-tiles', 'none']);
const proxy = await startGzipProxy(server.url);
try {
  const direct = await series('as served', server.url);
  const gzipped = await series('gzip proxy', proxy.url);
  console.log('\nFiles of one run (as served): transferred / body / gzip of the body');
  for (const f of direct.files) console.log(`  ${f.path.padEnd(36)} ${kb(f.transferred).padStart(10)} ${kb(f.body).padStart(10)} ${kb(f.gzip).padStart(10)}`);
  console.log(`\nMedians of ${RUNS} runs, Fast 3G + 4× CPU slowdown, cold cache:`);
  for (const s of [direct, gzipped]) {
    console.log(`  ${s.label.padEnd(11)} nearest stations listed ${s.listedMs.toFixed(0)} ms (goal < 2000), map drawn ${s.mapMs.toFixed(0)} ms, ` +
                `transferred ${kb(s.transferred)}; second visit listed ${s.warmListedMs.toFixed(0)} ms`);
  }
  console.log(`  bodies ${kb(direct.body)} as served, ${kb(direct.gzip)} gzip-6 computed (goal < 250 KB compressed)`);
} finally {
  proxy.close();
  await server.stop();
}
