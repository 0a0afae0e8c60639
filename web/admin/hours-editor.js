// A visual editor of opening hours, so that staff never have to type the OpenStreetMap syntax:
// one row per day with up to three time spans (an end before the start runs past midnight) or
// 休息, presets, "the same as the day above", and the syntax written into the text field (and
// read back from it when it is in the subset YZHours reads). Depends on hours.js (YZHours).
(function () {
  'use strict';
  var DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
  var MAX_SPANS = 3;

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function clock(min) { return pad(Math.floor(min / 60)) + ':' + pad(min % 60); }
  function toMinutes(value) {
    var m = /^(\d\d):(\d\d)$/.exec(value || '');
    return m ? +m[1] * 60 + +m[2] : null;
  }

  // week: 7 arrays of [from, to] (to may pass 1440) → the syntax, days with the same spans
  // grouped into ranges ("Mo-Fr 08:00-12:00,14:00-18:00; Sa,Su 09:00-17:00"); days without spans
  // are closed and left out. "" when every day is closed.
  function write(week) {
    var key = week.map(function (spans) {
      // An end past midnight is written as the next day's time ("22:00-06:00"); the day's end as 24:00.
      return spans.map(function (s) { return clock(s[0]) + '-' + clock(s[1] > 1440 ? s[1] - 1440 : s[1]); }).join(',');
    });
    if (key.every(function (k) { return k === '00:00-24:00'; })) return '24/7';
    var groups = [];  // {text, days: [d…]}
    key.forEach(function (k, d) {
      if (!k) return;
      var g = groups.filter(function (x) { return x.text === k; })[0];
      if (g) g.days.push(d); else groups.push({ text: k, days: [d] });
    });
    return groups.map(function (g) {
      var parts = [], start = g.days[0], prev = start;
      g.days.slice(1).concat([null]).forEach(function (d) {
        if (d !== null && d === prev + 1) { prev = d; return; }
        parts.push(start === prev ? DAYS[start] : (prev === start + 1 ? DAYS[start] + ',' + DAYS[prev] : DAYS[start] + '-' + DAYS[prev]));
        start = prev = d;
      });
      var days = parts.join(',');
      return days + ' ' + g.text;
    }).join('; ');
  }

  // Builds the editor in `box` for the text input `field`; `changed` is called after it writes.
  window.YZHoursEditor = function (box, field, changed) {
    var rows = [];
    var table = YZA.h('table', 'list hours-editor', YZA.h('thead', null, YZA.h('tr', null, [
      YZA.h('th', null, '星期'), YZA.h('th', null, '休息'), YZA.h('th', null, '开放时间（结束早于开始即跨过午夜）'), YZA.h('th', null, '')])));
    var body = YZA.h('tbody');
    table.appendChild(body);

    function timeInput(label) {
      var input = YZA.h('input');
      input.type = 'time';
      input.step = '60';
      input.setAttribute('aria-label', label);
      return input;
    }
    function addSpan(row, from, to) {
      if (row.spans.length >= MAX_SPANS) return;
      var a = timeInput(YZHours.names[row.day] + ' 开始'), b = timeInput(YZHours.names[row.day] + ' 结束');
      if (from !== undefined) { a.value = clock(from); b.value = clock(to % 1440); }  // 24:00 shows as 00:00
      var remove = YZA.h('button', 'small', '×');
      remove.type = 'button';
      remove.setAttribute('aria-label', '删除这段时间');
      var span = YZA.h('span', 'span', [a, '–', b, remove]);
      var entry = { from: a, to: b, node: span };
      remove.addEventListener('click', function () {
        row.spans.splice(row.spans.indexOf(entry), 1);
        span.remove();
        emit();
      });
      [a, b].forEach(function (i) { i.addEventListener('change', emit); });
      row.spans.push(entry);
      row.box.appendChild(span);
    }
    function setRow(row, spans) {
      row.spans.forEach(function (s) { s.node.remove(); });
      row.spans = [];
      row.closed.checked = spans.length === 0;
      spans.forEach(function (s) { addSpan(row, s[0], s[1]); });
    }
    function read() {
      return rows.map(function (row) {
        if (row.closed.checked) return [];
        var out = [];
        row.spans.forEach(function (s) {
          var from = toMinutes(s.from.value), to = s.to.value === '24:00' ? 1440 : toMinutes(s.to.value);
          if (from === null || to === null) return;
          if (to === 0) to = 1440;
          if (to <= from) to += 1440;  // past midnight
          out.push([from, to]);
        });
        return out;
      });
    }
    function emit() {
      field.value = write(read());
      if (changed) changed();
    }

    for (var d = 0; d < 7; d++) {
      (function (day) {
        var closed = YZA.h('input');
        closed.type = 'checkbox';
        closed.setAttribute('aria-label', YZHours.names[day] + ' 休息');
        var spans = YZA.h('span', 'spans');
        var add = YZA.h('button', 'small', '加一段');
        add.type = 'button';
        var same = YZA.h('button', 'small', day ? '同上' : '');
        same.type = 'button';
        same.hidden = day === 0;
        var row = { day: day, closed: closed, box: spans, spans: [] };
        add.addEventListener('click', function () { closed.checked = false; addSpan(row, 8 * 60, 18 * 60); emit(); });
        same.addEventListener('click', function () { setRow(row, read()[day - 1]); emit(); });
        closed.addEventListener('change', function () {
          if (!closed.checked && !row.spans.length) addSpan(row, 8 * 60, 18 * 60);
          emit();
        });
        rows.push(row);
        var tr = YZA.h('tr', null, [YZA.h('td', null, YZHours.names[day]), YZA.h('td', null, closed), YZA.h('td', null, [spans, add]), YZA.h('td', null, same)]);
        tr.dataset.day = DAYS[day];
        body.appendChild(tr);
      })(d);
    }

    var presets = YZA.h('p', 'actions');
    [['全天 24 小时', [[0, 1440]], [0, 1, 2, 3, 4, 5, 6]], ['每天 8–20 点', [[480, 1200]], [0, 1, 2, 3, 4, 5, 6]],
     ['工作日 8–18 点', [[480, 1080]], [0, 1, 2, 3, 4]], ['工作日上下午班', [[480, 720], [840, 1080]], [0, 1, 2, 3, 4]],
     ['夜间 22–6 点', [[1320, 1800]], [0, 1, 2, 3, 4, 5, 6]]].forEach(function (p) {
      var b = YZA.h('button', 'small', p[0]);
      b.type = 'button';
      b.addEventListener('click', function () {
        rows.forEach(function (row) { setRow(row, p[2].indexOf(row.day) >= 0 ? p[1] : []); });
        emit();
      });
      presets.appendChild(b);
    });
    box.appendChild(presets);
    box.appendChild(table);

    // Shows what the text says, when it is in the subset the preview reads.
    function load() {
      var week = YZHours.parse(field.value);
      if (!week) return false;
      rows.forEach(function (row) { setRow(row, week[row.day]); });
      return true;
    }
    field.addEventListener('change', load);
    load();
    return { load: load, write: write };
  };
  window.YZHoursEditor.write = write;
})();
