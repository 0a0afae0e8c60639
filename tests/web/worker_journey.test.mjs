// A worker's journey through the pages, in Debian's Chromium on a 360 × 640 phone with a faked
// position: home → the nearest stations in the right order → filter by microwave → open a
// station → navigation links with correctly converted coordinates → its /s/ page → check in →
// rate → the rating on the station page → report a broken microwave. Also: no position (pick a
// town-street, tap the map), the English switch, markers on GCJ-02 tiles, the page of a suspended
// station and the no-script list of every station.
// A screenshot of every step goes to test-artifacts/web/.
//
//   node --test tests/web/worker_journey.test.mjs     (scripts/test-browser.sh runs it)
//   YIZHAN_BINARY=build/h-web/src/yizhan node --test tests/web/worker_journey.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifactsDir, haversine, launchPhone, layoutProblems, startServer } from './worker_support.mjs';

// About 60 m south-west of SG-C007 (圣城街道农圣社区), whose microwave is broken in the demo city.
const HERE = { lat: 36.8680, lng: 118.7436 };
const STEP_TIMEOUT = 15000;

let server;
const shots = artifactsDir();
const shot = (page, name, fullPage = false) => page.screenshot({ path: path.join(shots, name), fullPage });

async function api(pathAndQuery) {
  const r = await fetch(server.url + pathAndQuery);
  assert.equal(r.status, 200, `${pathAndQuery} → ${r.status}`);
  return r.json();
}

// Collects what would be a bug on any page: script errors, CSP violations, failed own requests.
function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => {
    if (r.url().startsWith(server.url) && r.status() >= 400 && !r.url().includes('/api/')) {
      problems.push(`${r.status()} ${r.url()}`);
    }
  });
  return problems;
}

async function listedCodes(page) {
  return page.$$eval('#list > li', (items) => items.map((li) => li.getAttribute('data-code')));
}

before(async () => {
  server = await startServer(['--no-rate-limit', '--map-tiles', 'none']);
});
after(async () => { if (server) await server.stop(); });

describe('a worker with a position', () => {
  let phone, page, problems, stationCode;

  before(async () => {
    phone = await launchPhone({ geolocation: { latitude: HERE.lat, longitude: HERE.lng }, permissions: ['geolocation'] });
    page = phone.context.pages()[0] || await phone.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    problems = watch(page);
  });
  after(async () => { if (phone) await phone.close(); });

  test('home lists the nearest stations in order of distance', async () => {
    await page.goto(server.url + '/');
    await page.waitForSelector('#list li');
    await page.waitForSelector('#map .yz-pin');
    const expected = (await api(`/api/v1/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=10`)).stations;
    const codes = await listedCodes(page);
    assert.deepEqual(codes, expected.map((s) => s.code));
    assert.equal(codes[0], 'SG-C007');
    // Our own distances agree with the order shown.
    const distances = expected.map((s) => haversine(HERE, s));
    for (let i = 1; i < distances.length; i++) assert.ok(distances[i] >= distances[i - 1] - 0.5, `order at ${i}`);
    expected.forEach((s, i) => assert.ok(Math.abs(distances[i] - s.distance_m) < 1, `distance of ${s.code}`));
    // Distance, open-or-closed, rating and amenity icons on every item.
    const first = page.locator('#list > li').first();
    assert.match(await first.locator('.dist').innerText(), /^\d+ 米$/);
    assert.ok(await first.locator('.open-state').count() === 1);
    assert.ok(await first.locator('.rating').count() === 1);
    assert.ok(await first.locator('.amenity-chips li').count() >= 3);
    // The map shows the same stations and the worker's position on a plain background.
    assert.equal(await page.locator('#map .yz-pin').count(), codes.length);
    assert.equal(await page.locator('#map .yz-you').count(), 1);
    assert.ok(await page.locator('#map.plain').count() === 1);
    assert.deepEqual(await layoutProblems(page), []);
    await shot(page, '01-home.png');
    await shot(page, '01-home-full.png', true);
  });

  test('the microwave toggle filters the list and the map at once', async () => {
    await page.click('#filters [data-amenity="microwave"]');
    await page.waitForFunction(() => !document.querySelector('#list > li[data-code="SG-C007"]'));
    const expected = (await api(`/api/v1/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=10&amenity=microwave`)).stations;
    assert.deepEqual(await listedCodes(page), expected.map((s) => s.code));
    assert.ok(expected.every((s) => s.amenities.includes('microwave')));
    await page.waitForFunction((n) => document.querySelectorAll('#map .yz-pin').length === n, expected.length);
    assert.equal(await page.getAttribute('#filters [data-amenity="microwave"]', 'aria-pressed'), 'true');
    await shot(page, '02-filter-microwave.png');
    stationCode = expected[0].code;
  });

  test('the station page shows the checklist, hours, its public line (never the manager\'s) and converted navigation links', async () => {
    await Promise.all([page.waitForURL(`**/station/${stationCode}`), page.locator('#list li a.station').first().click()]);
    const detail = await api(`/api/v1/stations/${stationCode}`);
    assert.equal(await page.locator('h1').innerText(), detail.name);
    assert.equal(await page.locator('.standard .checklist li').count(), 10);
    assert.equal(await page.locator('.week li.today').count(), 1);
    assert.equal(detail.phone, undefined, 'the manager\'s own number is never public');
    if (detail.service_phone) {
      assert.equal(await page.locator('.service-phone').innerText(), detail.service_phone);
      assert.equal(await page.locator('#call-station').getAttribute('href'), 'tel:' + detail.service_phone.replace(/[^0-9+]/g, ''));
    } else {
      assert.equal(await page.locator('#call-station').count(), 0);
    }
    assert.equal(await page.locator('a[href="tel:12351"]').count(), 1);
    assert.deepEqual(await layoutProblems(page), []);
    await shot(page, '03-station.png');
    await shot(page, '03-station-full.png', true);

    // The server's own conversions are the reference.
    const near = (crs) => api(`/api/v1/stations/nearby?lat=${detail.lat}&lng=${detail.lng}&crs=${crs}&limit=20`)
      .then((r) => r.stations.find((s) => s.code === stationCode));
    const gcj = await near('gcj02');
    const bd = await near('bd09');
    assert.ok(Math.abs(gcj.lng - detail.lng) > 1e-3 && Math.abs(bd.lat - gcj.lat) > 1e-3, 'the systems differ here');
    const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1.5e-6, `${what}: ${a} vs ${b}`);

    const amap = new URL(await page.getAttribute('#nav-amap', 'href'));
    const [amapLng, amapLat] = amap.searchParams.get('to').split(',').map(Number);
    close(amapLng, gcj.lng, 'amap lng'); close(amapLat, gcj.lat, 'amap lat');
    assert.equal(amap.searchParams.get('coordinate'), 'gaode');

    const baidu = new URL(await page.getAttribute('#nav-baidu', 'href'));
    const [baiduLat, baiduLng] = baidu.searchParams.get('location').split(',').map(Number);
    close(baiduLat, bd.lat, 'baidu lat'); close(baiduLng, bd.lng, 'baidu lng');
    assert.equal(baidu.searchParams.get('coord_type'), 'bd09ll');

    const tencent = new URL(await page.getAttribute('#nav-tencent', 'href'));
    const [qqLat, qqLng] = tencent.searchParams.get('tocoord').split(',').map(Number);
    close(qqLat, gcj.lat, 'tencent lat'); close(qqLng, gcj.lng, 'tencent lng');
    assert.equal(tencent.searchParams.get('to'), detail.name);

    await page.locator('.navigate').scrollIntoViewIfNeeded();
    await shot(page, '04-navigate.png');
  });

  test('the pages\' JavaScript conversions agree with the server', async () => {
    const base = (await api(`/api/v1/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=100&radius_m=60000`)).stations;
    const of = async (crs) => Object.fromEntries((await api(
      `/api/v1/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=100&radius_m=60000&crs=${crs}`)).stations.map((s) => [s.code, s]));
    const gcj = await of('gcj02');
    const bd = await of('bd09');
    const worst = await page.evaluate(({ base, gcj, bd }) => {
      let forward = 0, back = 0;
      for (const s of base) {
        const g = window.YZ.crs.fromWgs84(s, 'gcj02'), b = window.YZ.crs.fromWgs84(s, 'bd09');
        if (!gcj[s.code] || !bd[s.code]) continue;
        forward = Math.max(forward, Math.abs(g.lat - gcj[s.code].lat), Math.abs(g.lng - gcj[s.code].lng),
                           Math.abs(b.lat - bd[s.code].lat), Math.abs(b.lng - bd[s.code].lng));
        const w1 = window.YZ.crs.toWgs84(gcj[s.code], 'gcj02'), w2 = window.YZ.crs.toWgs84(bd[s.code], 'bd09');
        back = Math.max(back, Math.abs(w1.lat - s.lat), Math.abs(w1.lng - s.lng), Math.abs(w2.lat - s.lat), Math.abs(w2.lng - s.lng));
      }
      // Outside the GCJ-02 box the conversion is the identity.
      const tokyo = window.YZ.crs.fromWgs84({ lat: 35.68, lng: 139.77 }, 'gcj02');
      return { forward, back, outside: Math.abs(tokyo.lat - 35.68) + Math.abs(tokyo.lng - 139.77) };
    }, { base, gcj, bd });
    assert.ok(base.length > 30);
    assert.ok(worst.forward < 1e-9, `forward differs by ${worst.forward}°`);
    assert.ok(worst.back < 5e-6, `inverse off by ${worst.back}° (0.5 m is 4.5e-6°)`);
    assert.equal(worst.outside, 0);
  });

  test('check in from the /s/ page with one tap, then rate', async () => {
    await Promise.all([page.waitForURL(`**/s/${stationCode}`), page.click('#go-checkin')]);
    assert.ok(await page.locator('#step-category').isVisible());
    assert.deepEqual(await layoutProblems(page), []);
    await shot(page, '05-checkin.png');

    const [checkin] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/stations/${stationCode}/checkins`)),
      page.click('button.category[data-category="sanitation"]'),
    ]);
    assert.equal(checkin.status(), 201);
    await page.waitForSelector('#step-rating:not([hidden])');
    assert.match(await page.locator('#checkin-message').innerText(), /签到成功/);
    await shot(page, '06-checked-in.png');

    await page.click('button.star[data-stars="4"]');
    await page.fill('#comment', '热水很方便，谢谢');
    const [rating] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/rating')),
      page.click('#rate-button'),
    ]);
    assert.equal(rating.status(), 201);
    await page.waitForSelector('#step-thanks:not([hidden])');
    assert.ok(await page.locator('#step-thanks .facilities li').count() >= 5);
    await shot(page, '07-thanks.png');
  });

  test('a second scan within 30 minutes is not counted and is told so kindly', async () => {
    await page.goto(`${server.url}/s/${stationCode}`);
    assert.ok(await page.locator('#step-checkin').isVisible(), 'the job is remembered: one button');
    assert.ok(!(await page.locator('#step-category').isVisible()));
    await shot(page, '08-second-scan.png');
    const [again] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/stations/${stationCode}/checkins`)),
      page.click('#checkin-button'),
    ]);
    assert.equal(again.status(), 200);
    await page.waitForSelector('#step-thanks:not([hidden])');
    assert.match(await page.locator('#repeat-message').innerText(), /只算一次/);
    await shot(page, '08-repeat.png');
  });

  test('the rating shows on the station page', async () => {
    await page.goto(`${server.url}/station/${stationCode}`);
    assert.match(await page.locator('#rating').innerText(), /4\.0\s*1 人评价/);
    await shot(page, '09-station-rated.png');
  });

  test('report a broken microwave', async () => {
    await page.click('#report-open');
    await page.click('#report-amenity [data-amenity="microwave"]');
    await page.click('#report-category [data-category="facility"]');
    await page.fill('#report-text', '微波炉不加热了');
    await page.locator('#report-send').scrollIntoViewIfNeeded();
    await shot(page, '10-report-form.png');
    const [request, response] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/stations/${stationCode}/reports`)),
      page.waitForResponse((r) => r.url().endsWith(`/stations/${stationCode}/reports`)),
      page.click('#report-send'),
    ]);
    // The device id (the same one check-ins carry) makes a double tap one report.
    const sent = JSON.parse(request.postData());
    assert.match(sent.device_id, /^[0-9a-f]{16,}$/);
    delete sent.device_id;
    assert.deepEqual(sent, { category: 'facility', amenity: 'microwave', description: '微波炉不加热了' });
    assert.equal(response.status(), 201);
    await page.waitForSelector('#report-done:not([hidden])');
    assert.match(await page.locator('#report-done').innerText(), /收到了/);
    assert.match(await page.locator('#report-done').innerText(), /微波炉 — 坏了/);
    assert.match(await page.locator('#report-done .report-number').innerText(), /^\d{3} \d{3} \d{4}$/);
    await shot(page, '10-report-done.png');
    assert.deepEqual(problems, []);
  });
});

describe('a worker whose phone gives no position', () => {
  let phone, page, problems;
  before(async () => {
    phone = await launchPhone({ permissions: [] });
    page = phone.context.pages()[0] || await phone.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    problems = watch(page);
  });
  after(async () => { if (phone) await phone.close(); });

  test('picks a town-street, or taps the map', async () => {
    await page.goto(server.url + '/');
    await page.waitForSelector('#place:not([hidden])');
    await page.waitForSelector('#map.leaflet-container');
    assert.deepEqual(await layoutProblems(page), []);
    await shot(page, '11-no-position.png');

    const towns = (await api('/api/v1/config')).town_streets;
    const yangkou = towns.find((t) => t.name === '羊口镇');
    assert.ok(yangkou, 'town-streets are named');
    await page.selectOption('#town', yangkou.code);
    await page.waitForSelector('#list li');
    const expected = (await api(`/api/v1/stations/nearby?lat=${yangkou.lat.toFixed(6)}&lng=${yangkou.lng.toFixed(6)}&limit=10`)).stations;
    assert.deepEqual(await listedCodes(page), expected.map((s) => s.code));
    assert.match(await page.locator('#status').innerText(), /羊口镇/);
    await shot(page, '12-town.png');

    // A tap on an empty spot of the map: the nearest station to that point comes first.
    const box = await page.locator('#map').boundingBox();
    const spot = await page.evaluate((box) => {
      for (let dy = -0.3; dy <= 0.3; dy += 0.1) {
        for (let dx = -0.3; dx <= 0.3; dx += 0.1) {
          const x = box.x + box.width * (0.5 + dx), y = box.y + box.height * (0.5 + dy);
          if (document.elementFromPoint(x, y) === document.getElementById('map')) {
            const ll = window.YZ.findMap.containerPointToLatLng([x - box.x, y - box.y]);
            return { x, y, lat: ll.lat, lng: ll.lng };
          }
        }
      }
      return null;
    }, box);
    assert.ok(spot, 'an empty spot on the map');
    const before = await listedCodes(page);
    await page.mouse.click(spot.x, spot.y);
    await page.waitForFunction(() => /地图上所点位置/.test(document.getElementById('status').textContent));
    const tapped = spot;
    const tappedExpected = (await api(`/api/v1/stations/nearby?lat=${tapped.lat.toFixed(6)}&lng=${tapped.lng.toFixed(6)}&limit=10`)).stations;
    await page.waitForFunction((first) => document.querySelector('#list > li')?.getAttribute('data-code') === first, tappedExpected[0].code);
    assert.ok(before.length > 0);
    await shot(page, '13-tapped.png');
    assert.deepEqual(problems, []);
  });
});

describe('English and map tiles', () => {
  let phone, page;
  before(async () => {
    phone = await launchPhone({ geolocation: { latitude: HERE.lat, longitude: HERE.lng }, permissions: ['geolocation'] });
    page = phone.context.pages()[0] || await phone.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
  });
  after(async () => { if (phone) await phone.close(); });

  test('the English switch is remembered across pages', async () => {
    await page.goto(server.url + '/');
    await page.waitForSelector('#list li');
    await page.click('#lang-switch');
    assert.match(await page.locator('h1').innerText(), /Stations near me/);
    assert.match(await page.locator('#list li .dist').first().innerText(), /^\d+ m$/);
    assert.deepEqual(await layoutProblems(page), []);
    await shot(page, '14-english.png');
    await page.goto(`${server.url}/station/SG-C007`);
    assert.match(await page.locator('.standard h2').innerText(), /ten standard facilities/);
    assert.match(await page.locator('.checklist li[data-amenity="microwave"]').innerText(), /broken/);
    await shot(page, '15-station-english.png');
    await page.click('#lang-switch');
    assert.match(await page.locator('.standard h2').innerText(), /十个一/);
  });

  test('on GCJ-02 tiles (Amap) the markers are converted, and the page works with no tiles loading', async () => {
    await page.route('**/api/v1/config', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      body.map = { tiles: 'amap', crs: 'gcj02', max_zoom: 18, layers: [{
        url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
        subdomains: '1234', attribution: '&copy; 高德地图' }] };
      await route.fulfill({ response, json: body });
    });
    await page.route('https://**', (route) => route.abort('internetdisconnected'));
    await page.goto(server.url + '/');
    await page.waitForSelector('#map .yz-pin');
    const stations = (await api(`/api/v1/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=10&crs=gcj02`)).stations;
    // The worker's position is WGS-84 from the phone: nearby in GCJ-02 needs a GCJ-02 query, so
    // compare by code against the markers' positions.
    const placed = await page.evaluate(() => {
      const out = {};
      window.YZ.findMap.eachLayer((l) => { if (l.options && l.options.title && l.getLatLng) out[l.options.title] = l.getLatLng(); });
      return out;
    });
    const wgs = (await api(`/api/v1/stations/nearby?lat=${HERE.lat}&lng=${HERE.lng}&limit=10`)).stations;
    const gcjByCode = Object.fromEntries((await api(
      `/api/v1/stations/nearby?lat=${wgs[0].lat}&lng=${wgs[0].lng}&limit=30&crs=gcj02`)).stations.map((s) => [s.code, s]));
    let checked = 0;
    for (const s of wgs) {
      const at = placed[s.name];
      const g = gcjByCode[s.code];
      if (!at || !g) continue;
      assert.ok(Math.abs(at.lat - g.lat) < 1e-9 && Math.abs(at.lng - g.lng) < 1e-9, `${s.code} on the map`);
      checked++;
    }
    assert.ok(checked >= 5, `checked ${checked} markers`);
    assert.ok(stations.length > 0);
    await page.waitForTimeout(300);
    await shot(page, '16-amap-offline.png');
  });
});

describe('pages that must not strand a worker', () => {
  let phone, page, problems;
  before(async () => {
    phone = await launchPhone({ permissions: [] });
    page = phone.context.pages()[0] || await phone.context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT);
    problems = watch(page);
  });
  after(async () => { if (phone) await phone.close(); });

  test('a suspended station points to the nearest open ones, and one tap opens the nearest', async () => {
    await page.goto(`${server.url}/station/SG-C011`);
    assert.match(await page.locator('.open-state').innerText(), /暂停/);
    const links = page.locator('#nearest-open li a');
    assert.equal(await links.count(), 3);
    const first = await links.first().getAttribute('href');
    assert.match(await links.first().innerText(), /\d+ 米|公里/);
    assert.deepEqual(await layoutProblems(page), []);
    await shot(page, '17-suspended.png');
    await Promise.all([page.waitForURL('**' + first), links.first().click()]);
    assert.equal(await page.locator('#nearest-open').count(), 0, 'the nearest is an open station');
    assert.deepEqual(problems, []);
  });

  test('the no-script list is cards with links on a phone, and shows no manager', async () => {
    await page.goto(`${server.url}/stations`);
    const items = page.locator('main li');
    assert.ok(await items.count() >= 70);
    assert.equal(await page.locator('table').count(), 0);
    assert.deepEqual(await layoutProblems(page), []);
    await shot(page, '18-station-list.png');
    const target = await items.nth(6).locator('a.name').getAttribute('href');
    await Promise.all([page.waitForURL('**' + target), items.nth(6).locator('a.name').click()]);
    assert.equal(await page.locator('h1').count(), 1);
    assert.deepEqual(problems, []);
  });
});
