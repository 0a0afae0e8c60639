// A preview of OpenStreetMap opening hours for the editor: the week as bars and whether the
// station is open now. It reads the subset the contract pins (24/7, weekday ranges and lists,
// several spans, spans past midnight, off, rules separated by ';' where a later rule replaces
// earlier ones for its days); the server validates the text with the reference rules on save.
(function () {
  'use strict';
  var DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];
  var NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

  function parseDays(text) {
    var days = [];
    text.split(',').forEach(function (part) {
      var ends = part.split('-');
      var a = DAYS.indexOf(ends[0]), b = ends.length > 1 ? DAYS.indexOf(ends[1]) : a;
      if (a < 0 || b < 0) throw new Error('day');
      for (var i = a; ; i = (i + 1) % 7) { days.push(i); if (i === b) break; }
    });
    return days;
  }
  function minutes(t) {
    var m = /^(\d\d):(\d\d)$/.exec(t);
    if (!m || +m[1] > 24 || +m[2] > 59) throw new Error('time');
    return +m[1] * 60 + +m[2];
  }

  // → array of 7 arrays of [from, to] minute spans (to may exceed 1440), or null when invalid.
  window.YZHours = {
    names: NAMES,
    parse: function (text) {
      text = (text || '').trim();
      if (!text) return null;
      var week = [[], [], [], [], [], [], []];
      try {
        text.split(';').forEach(function (rule) {
          rule = rule.trim();
          if (!rule) return;
          if (rule === '24/7') { for (var d = 0; d < 7; d++) week[d] = [[0, 1440]]; return; }
          var m = /^([A-Za-z,-]+)?\s*(.*)$/.exec(rule);
          var days = m[1] ? parseDays(m[1]) : [0, 1, 2, 3, 4, 5, 6];
          var rest = m[2].trim();
          var spans = [];
          if (rest !== 'off' && rest !== 'closed') {
            rest.split(',').forEach(function (span) {
              var p = span.trim().split('-');
              if (p.length !== 2) throw new Error('span');
              var from = minutes(p[0]), to = minutes(p[1]);
              if (to <= from) to += 1440;
              spans.push([from, to]);
            });
          }
          days.forEach(function (d) { week[d] = spans.slice(); });
        });
      } catch (e) { return undefined; }
      return week;
    },
    // true / false, or null when unknown. `date` is a Date in the browser's (station's) time.
    openAt: function (week, date) {
      if (!week) return null;
      var day = (date.getDay() + 6) % 7, min = date.getHours() * 60 + date.getMinutes();
      var prev = (day + 6) % 7;
      return week[day].some(function (s) { return min >= s[0] && min < s[1]; }) ||
             week[prev].some(function (s) { return s[1] > 1440 && min < s[1] - 1440; });
    }
  };
})();
