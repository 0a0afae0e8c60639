// Evaluates opening_hours strings with the reference implementation (the npm `opening_hours`
// package) at every minute of one week and writes tests/core/fixtures/opening_hours_cases.json,
// which tests/core/opening_hours_test.cpp checks OpeningHours against.
//
//   cd tools/opening-hours-reference && npm ci && node gen_cases.js
//
// The week is Monday 2026-07-06 00:00 to Monday 2026-07-13 00:00, evaluated in UTC so local
// time has no daylight-saving jumps. Open minutes are written as [start, end) minute-of-week
// ranges, Monday 00:00 = 0.

process.env.TZ = 'UTC';

const fs = require('fs');
const path = require('path');
const OpeningHours = require('opening_hours');

const kWeekStart = Date.UTC(2026, 6, 6);  // a Monday
const kMinutesPerWeek = 7 * 24 * 60;

// Strings inside the supported subset. The reference accepts every one of them.
const kValid = [
  '24/7',
  '24/7 off',
  'off',
  'closed',
  'open',
  'Mo-Fr 08:00-18:00',
  'Sa,Su 10:00-16:00',
  'Mo,We-Fr 09:00-17:00',
  'Mo,Mo 08:00-12:00',
  'Mo-Mo 08:00-12:00',
  'Fr-Mo 10:00-20:00',
  'Su-Tu 07:30-11:45',
  'Sa-Mo 22:00-02:00',
  'Mo-Fr 08:00-12:00,14:00-18:00',
  'Mo-Fr 08:00-12:00,13:00-15:00,16:30-19:00',
  'Mo-Su 22:00-06:00',
  'Mo-Su 22:00-06:00; We off',
  'Mo-Su 06:00-21:00; We off',
  'Mo-Su 22:00-06:00; We 10:00-12:00',
  'Mo-Su 22:00-06:00; Th 10:00-12:00',
  'Mo-Su 08:00-20:00; We 10:00-12:00 off',
  'Mo-Su 08:00-20:00; We off; We 10:00-12:00',
  'Mo-Fr 08:00-24:00',
  'Mo-Fr 00:00-24:00',
  'Mo 00:00-00:00',
  'Mo 10:00-10:00',
  'Mo 12:00-08:00',
  'Mo 08:00-30:00',
  'Mo 08:00-48:00',
  'Fr 18:00-03:00; Sa 10:00-14:00',
  'Su 20:00-02:00',
  'Mo-Fr 08:00-18:00; Sa 09:00-12:00; Su off',
  'Mo-Fr 08:00-18:00; We 08:00-12:00',
  'Mo-Fr 08:00-12:00; 14:00-18:00',
  '10:00-12:00; 14:00-16:00',
  '08:00-12:00',
  '22:00-02:00; 08:00-10:00',
  'Mo-Fr 22:00-02:00; 08:00-10:00',
  'Mo-Fr off; 08:00-12:00',
  'Mo-Fr',
  'Mo-Fr; Sa 10:00-12:00',
  'Sa,Su off',
  'Mo-Fr 08:00-18:00 open',
  'Mo-Fr 08:00-18:00 closed',
  '24/7; We off',
  '24/7; Mo-Fr 12:00-13:00 off',
  'Mo-Fr 08:00-12:00, Sa 10:00-14:00',
  'Mo-Fr 08:00-12:00, We off',
  'Mo-Fr 08:00-18:00;',
  'Mo-Fr 08:00-18:00;;Sa 10:00-11:00',
  'mo-fr 08:00-12:00',
  'MO-FR 08:00-12:00',
  'Mo-Fr 8:00-9:30',
  '  Mo -  Fr   08:00 - 12:00  ',
  'Mo-Fr08:00-12:00',
  'Mo-Fr 08:00 - 12:00 , 14:00-18:00',
  'Mo-Fr 08:00-12:00 ; We off',
  'Mo-Fr\t08:00-12:00',
  'Mo-Sa 06:00-22:00; Su 08:00-20:00; Mo-Fr 12:00-12:30 off',
  'Tu-Th 23:00-01:00; We off',
  'We 23:00-01:00; Th 08:00-09:00',
];

// Strings the reference rejects: every one must give an invalid_argument Error here too.
const kInvalid = [
  'Mo-Fr 25:00-26:00',
  'Mo 24:00-25:00',
  'Mo 08:60-09:00',
  'Mo 08:00-49:00',
  'Mo-Fr 08:00-',
  'Mo-Fr 08:00',
  'Xx 08:00-12:00',
  'Mo-Fr, 08:00-12:00',
  ', Mo',
  'Mo-Fr -08:00',
  'Mo-Fr 0800-1200',
  'Mo-Fr 08h00-12h00',
  'Mo-',
  'Mo-Fr 08:00-12:00-14:00',
  'Mo-Fr 08:00-12:00 foo',
  '24/8',
];

// Strings the reference accepts, mostly with warnings or by guessing what was meant, that lie
// outside the supported subset: OpeningHours rejects them so that a station's hours are either
// plain or refused, never guessed.
const kOutsideSubset = [
  '08:00-12:00 Mo',
  'Mo-Fr 08:00-12:00 Sa',
  'Mon-Fri 08:00-12:00',
  'Mo-Fr 08.00-12.00',
  'Mo-Fr 8-12',
  'Mo-Fr 8:5-12:00',
  'Mo-Fr 08:00-12:00,',
  'Mo-Fr 08:00-12:00,14:00-18:00,',
  'Mo 24/7',
  'Jan Mo 08:00-12:00',
  'PH off',
  'sunrise-sunset',
  'Mo-Fr 08:00+',
  'Mo-Fr 08:00-12:00 || Sa 10:00-12:00',
  'Mo-Fr 08:00-12:00 unknown',
  'Mo-Fr 08:00-12:00 "by appointment"',
  'Mo–Fr 08:00–12:00',
  'Mo-Fr 08：00-12:00',
  'Mo-Fr 08:00-12:00 off off',
];

function Evaluate(hours) {
  const oh = new OpeningHours(hours, null, { mode: 0, tag_key: 'opening_hours' });
  const open = [];
  let run_start = -1;
  for (let minute = 0; minute <= kMinutesPerWeek; ++minute) {
    let state = false;
    if (minute < kMinutesPerWeek) {
      const at = new Date(kWeekStart + minute * 60000);
      state = oh.getState(at);
      if (oh.getUnknown(at)) throw new Error(`${hours}: unknown state at minute ${minute}`);
    }
    if (state && run_start < 0) run_start = minute;
    if (!state && run_start >= 0) {
      open.push([run_start, minute]);
      run_start = -1;
    }
  }
  return open;
}

function Main() {
  const valid = kValid.map((hours) => ({ hours, open: Evaluate(hours) }));
  const invalid = kInvalid.map((hours) => {
    try {
      new OpeningHours(hours, null, { mode: 0, tag_key: 'opening_hours' });
    } catch (error) {
      return { hours, reference_error: String(error).split('\n')[0] };
    }
    throw new Error(`the reference accepts ${JSON.stringify(hours)}; move it out of kInvalid`);
  });
  const outside_subset = kOutsideSubset.map((hours) => {
    const oh = new OpeningHours(hours, null, { mode: 0, tag_key: 'opening_hours' });
    return { hours, reference_warnings: oh.getWarnings().length };
  });
  const version = require('opening_hours/package.json').version;
  const fixture = {
    generated_by: 'tools/opening-hours-reference/gen_cases.js',
    reference: `opening_hours ${version} (npm)`,
    week: 'Monday 2026-07-06 00:00 to Monday 2026-07-13 00:00, minute 0 = Monday 00:00',
    valid,
    invalid,
    outside_subset,
  };
  const out = path.join(__dirname, '..', '..', 'tests', 'core', 'fixtures', 'opening_hours_cases.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(fixture, null, 1) + '\n');
  console.log(`wrote ${valid.length} valid, ${invalid.length} invalid and ${outside_subset.length} outside-subset cases to ${out}`);
}

Main();
