#include "core/opening_hours.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/text.h"

namespace yz {
namespace {

constexpr int kMinutesPerDay = 1440;
constexpr uint8_t kAllDays = 0x7F;

// A time span in minutes from the start of the rule's day; `to` may pass midnight (up to 48:00).
struct Span {
  int from;
  int to;
};

struct ParsedRule {
  uint8_t days = kAllDays;  // bit d set: weekday d (0 = Monday) is named
  bool has_days = false;    // false: no weekday selector, the rule applies to every day
  std::vector<Span> spans;  // empty: all day
  bool open = true;         // false for `off` / `closed`
  bool additional = false;  // joined to the previous rule by ',' instead of ';'
};

// One rule as the reference evaluates it: a rule whose spans pass midnight is followed by a
// "wrapped" rule holding the part after midnight, whose days are shifted by one.
struct DayRule {
  uint8_t days;
  bool has_days;
  std::vector<Span> spans;  // within [0, 1440); empty: all day
  bool open;
  bool additional;
  bool wrapped;
};

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

std::string LowerWord(std::string_view word) {
  std::string out(word);
  for (char& c : out) c = Lower(c);
  return out;
}

// Two-letter weekday abbreviation (any case) → 0..6, else -1.
int WeekdayIndex(std::string_view word) {
  static constexpr std::string_view kNames[] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
  const std::string lower = LowerWord(word);
  for (int d = 0; d < 7; ++d) {
    if (lower == kNames[d]) return d;
  }
  return -1;
}

// Parts of the full opening_hours syntax outside the supported subset, to name them in errors.
// A feature of the full opening_hours syntax this parser leaves out, in Chinese and English; empty
// when `word` names none.
struct Feature {
  std::string_view zh, en;
  bool empty() const { return en.empty(); }
};

Feature UnsupportedFeature(std::string_view word) {
  static constexpr std::string_view kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  const std::string lower = LowerWord(word);
  if (lower == "ph" || lower == "sh") return {"节假日（PH、SH）", "holidays (PH, SH)"};
  for (std::string_view month : kMonths) {
    if (lower == month) return {"按月份写的时间", "month selectors"};
  }
  if (lower == "sunrise" || lower == "sunset" || lower == "dawn" || lower == "dusk") {
    return {"日出日落时间", "sun-relative times"};
  }
  if (lower == "week") return {"按周次写的时间", "week selectors"};
  if (lower == "unknown") return {"“unknown”状态", "the state 'unknown'"};
  if (lower == "easter") return {"复活节", "easter"};
  return {};
}

class Parser {
 public:
  // `text` is trimmed; `base` is its offset in the string the caller passed, for messages.
  Parser(std::string_view text, std::size_t base) : s_(text), base_(base) {}

  // The rules in order, or the first error.
  Result<std::vector<ParsedRule>> ParseAll() {
    std::vector<ParsedRule> rules;
    bool additional = false;
    for (;;) {
      SkipSpace();
      if (AtEnd()) break;
      if (Peek() == ';') {  // an empty rule, as in a trailing ';'
        ++pos_;
        continue;
      }
      ParsedRule rule;
      rule.additional = additional;
      if (!ParseRule(rule)) return std::move(*error_);
      rules.push_back(std::move(rule));
      additional = false;
      SkipSpace();
      if (AtEnd()) break;
      if (Peek() == ';') {
        ++pos_;
        continue;
      }
      if (Peek() == ',') {
        ++pos_;
        SkipSpace();
        if (AtEnd() || Peek() == ';') {
          Fail("逗号后面应再写一条规则", "expected a rule after ','");
          return std::move(*error_);
        }
        additional = true;
        continue;
      }
      Fail("两条规则之间应用分号“;”隔开", "expected ';' between rules");
      return std::move(*error_);
    }
    if (rules.empty()) {
      Fail("至少要写一条规则", "expected at least one rule");
      return std::move(*error_);
    }
    return rules;
  }

 private:
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return s_[pos_]; }
  void SkipSpace() {
    while (!AtEnd() && (Peek() == ' ' || Peek() == '\t')) ++pos_;
  }
  std::string_view WordAt(std::size_t at) const {
    std::size_t end = at;
    while (end < s_.size() && IsAsciiLetter(s_[end])) ++end;
    return s_.substr(at, end - at);
  }

  // Records the first error, in Chinese then English: what was expected, where (in characters,
  // counted from 0 in the text as given), and what was found there — at most 12 characters,
  // never cutting one in half.
  bool Fail(std::string_view zh, std::string_view en) { return FailAt(pos_, zh, en); }
  bool FailAt(std::size_t at, std::string_view zh, std::string_view en) {
    if (error_) return false;
    std::string found_zh = "已到结尾";
    std::string found_en = "end of text";
    if (at < s_.size()) {
      std::size_t end = at;
      int characters = 0;
      do {
        ++end;
        while (end < s_.size() && (static_cast<unsigned char>(s_[end]) & 0xC0) == 0x80) ++end;
        ++characters;
      } while (end < s_.size() && characters < 12 && s_[end] != ' ' && s_[end] != ';' &&
               s_[end] != ',');
      const std::string_view piece = s_.substr(at, end - at);
      found_zh = fmt::format("此处是“{}”", piece);
      found_en = fmt::format("'{}'", piece);
    }
    const std::string_view before = s_.substr(0, at);
    const std::size_t offset =
        base_ + (IsValidUtf8(before) ? CountCodePoints(before) : before.size());
    error_ = Error::InvalidArgument(fmt::format(
        "开放时间格式有误：第 {} 个字符处{}（{}） / opening hours: {} at offset {} (found {})",
        offset + 1, zh, found_zh, en, offset, found_en));
    return false;
  }

  // rule := "24/7" [state] | [weekdays] [spans] [state], not empty.
  bool ParseRule(ParsedRule& rule) {
    const std::size_t start = pos_;
    if (s_.substr(pos_).starts_with("24/7")) {
      pos_ += 4;
      rule.spans.push_back({0, kMinutesPerDay});
      SkipSpace();
      return ParseOptionalState(rule);
    }
    if (IsAsciiLetter(Peek()) && WeekdayIndex(WordAt(pos_)) >= 0) {
      if (!ParseWeekdays(rule)) return false;
      SkipSpace();
    }
    if (!AtEnd() && IsDigit(Peek())) {
      if (!ParseSpans(rule)) return false;
      SkipSpace();
    }
    if (!ParseOptionalState(rule)) return false;
    if (pos_ == start) {
      return Fail(
          "应为星期（Mo、Tu、We、Th、Fr、Sa、Su）、时间段（如 08:00-12:00）、24/7、off 或 open",
          "expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su), a time span such as "
          "08:00-12:00, 24/7, off or open");
    }
    return true;
  }

  bool ParseOptionalState(ParsedRule& rule) {
    if (AtEnd()) return true;
    if (Peek() == '"') return Fail("不支持引号中的备注", "comments are not supported");
    if (!IsAsciiLetter(Peek())) return true;
    const std::string_view word = WordAt(pos_);
    const std::string lower = LowerWord(word);
    if (lower == "off" || lower == "closed") {
      rule.open = false;
    } else if (lower == "open") {
      rule.open = true;
    } else if (const Feature feature = UnsupportedFeature(word); !feature.empty()) {
      return Fail(fmt::format("不支持{}", feature.zh),
                  fmt::format("{} are not supported", feature.en));
    } else if (WeekdayIndex(word) >= 0) {
      return Fail("星期应写在时间前面；不同规则用分号“;”隔开",
                  "weekdays must come before the times of a rule; separate rules with ';'");
    } else {
      return Fail("无法识别的词，应为星期（Mo … Su）、off、closed 或 open",
                  "unknown word; expected a weekday (Mo … Su), off, closed or open");
    }
    pos_ += word.size();
    return true;
  }

  // weekdays := day ["-" day] ("," day ["-" day])*; a range may wrap (Fr-Mo).
  bool ParseWeekdays(ParsedRule& rule) {
    rule.has_days = true;
    rule.days = 0;
    for (;;) {
      const int first = ParseWeekday();
      if (first < 0) return false;
      SkipSpace();
      int last = first;
      if (!AtEnd() && Peek() == '-') {
        ++pos_;
        SkipSpace();
        last = ParseWeekday();
        if (last < 0) return false;
        SkipSpace();
      }
      for (int d = first;; d = (d + 1) % 7) {
        rule.days |= static_cast<uint8_t>(1u << d);
        if (d == last) break;
      }
      if (AtEnd() || Peek() != ',') return true;
      ++pos_;
      SkipSpace();
    }
  }

  int ParseWeekday() {
    const std::string_view word = AtEnd() ? std::string_view{} : WordAt(pos_);
    const int day = WeekdayIndex(word);
    if (day < 0) {
      if (const Feature feature = UnsupportedFeature(word); !feature.empty()) {
        Fail(fmt::format("不支持{}", feature.zh), fmt::format("{} are not supported", feature.en));
      } else {
        Fail("应为星期：Mo、Tu、We、Th、Fr、Sa、Su（周一到周日）",
             "expected a weekday (Mo, Tu, We, Th, Fr, Sa, Su)");
      }
      return -1;
    }
    pos_ += word.size();
    return day;
  }

  // spans := span ("," span)*, span := time "-" time. An end at or before the start runs
  // into the next day (22:00-06:00, and 00:00-00:00 is a whole day, as in the reference).
  bool ParseSpans(ParsedRule& rule) {
    for (;;) {
      const std::size_t from_at = pos_;
      const int from = ParseTime();
      if (from < 0) return false;
      if (from >= kMinutesPerDay)
        return FailAt(from_at, "时间段应在 24:00 前开始", "a span must start before 24:00");
      SkipSpace();
      if (AtEnd() || Peek() != '-')
        return Fail("开始时间后应写“-”和结束时间", "expected '-' and a closing time");
      ++pos_;
      SkipSpace();
      const std::size_t to_at = pos_;
      int to = ParseTime();
      if (to < 0) return false;
      if (to <= from) to += kMinutesPerDay;
      if (to > 2 * kMinutesPerDay)
        return FailAt(to_at, "时间段不能超过次日 24:00（48:00）", "a span may not run past 48:00");
      rule.spans.push_back({from, to});
      SkipSpace();
      if (AtEnd() || Peek() != ',') return true;
      std::size_t next = pos_ + 1;
      while (next < s_.size() && (s_[next] == ' ' || s_[next] == '\t')) ++next;
      if (next >= s_.size() || !IsDigit(s_[next])) return true;  // ',' then another rule
      pos_ = next;
    }
  }

  // time := H:MM or HH:MM, hours 0..48 → minutes, or -1 after recording an error.
  int ParseTime() {
    const std::size_t start = pos_;
    int hours = 0;
    std::size_t digits = 0;
    while (!AtEnd() && IsDigit(Peek())) {
      hours = hours * 10 + (Peek() - '0');
      ++pos_;
      ++digits;
      if (digits > 2) {
        FailAt(start, "应为“时:分”格式的时间，如 08:00", "expected a time as HH:MM");
        return -1;
      }
    }
    if (digits == 0 || AtEnd() || Peek() != ':') {
      FailAt(start, "应为“时:分”格式的时间，如 08:00", "expected a time as HH:MM");
      return -1;
    }
    ++pos_;
    if (pos_ + 2 > s_.size() || !IsDigit(s_[pos_]) || !IsDigit(s_[pos_ + 1]) ||
        (pos_ + 2 < s_.size() && IsDigit(s_[pos_ + 2]))) {
      FailAt(start, "分钟应写两位数，如 08:05", "expected a time as HH:MM (two digits of minutes)");
      return -1;
    }
    const int minutes = (s_[pos_] - '0') * 10 + (s_[pos_ + 1] - '0');
    pos_ += 2;
    if (minutes > 59) {
      FailAt(start, "分钟应为 00 到 59", "minutes must be 00 to 59");
      return -1;
    }
    if (hours > 48) {
      FailAt(start, "小时应为 00 到 48", "hours must be 00 to 48");
      return -1;
    }
    return hours * 60 + minutes;
  }

  std::string_view s_;
  std::size_t base_;
  std::size_t pos_ = 0;
  std::optional<Error> error_;
};

uint8_t NextDays(uint8_t days) {
  return static_cast<uint8_t>(((days << 1) | (days >> 6)) & kAllDays);
}

std::vector<DayRule> Expand(const std::vector<ParsedRule>& rules) {
  std::vector<DayRule> out;
  for (const ParsedRule& rule : rules) {
    DayRule same_day{rule.days, rule.has_days, {}, rule.open, rule.additional, false};
    DayRule next_day{NextDays(rule.days), rule.has_days, {}, rule.open, rule.additional, true};
    for (const Span& span : rule.spans) {
      same_day.spans.push_back({span.from, std::min(span.to, kMinutesPerDay)});
      if (span.to > kMinutesPerDay) next_day.spans.push_back({0, span.to - kMinutesPerDay});
    }
    out.push_back(std::move(same_day));
    if (!next_day.spans.empty()) out.push_back(std::move(next_day));
  }
  return out;
}

// The minutes [from, to) of a span within one day.
std::bitset<1440> SpanMinutes(Span span) {
  std::bitset<1440> minutes;
  minutes.set();
  minutes >>= static_cast<std::size_t>(kMinutesPerDay - (span.to - span.from));
  return minutes <<= static_cast<std::size_t>(span.from);
}

// The reference's evaluation of one day (opening_hours.js getStatePair): of the rules that
// apply to the day, an `open` rule with a weekday selector (or a times-only rule right after
// a rule without one) discards those before it, unless it is the after-midnight part of a
// span or joined by ','. `off` never discards: it closes its minutes and later rules that
// apply still count. The remaining rules then paint their minutes in order.
std::bitset<1440> EvaluateDay(const std::vector<DayRule>& rules, int weekday) {
  std::vector<std::size_t> applying;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const DayRule& rule = rules[i];
    if (rule.has_days && !(rule.days & (1u << weekday))) continue;
    const bool discards_earlier =
        (rule.has_days || (i > 0 && rule.open && !rules[i - 1].has_days)) && rule.open &&
        !rule.wrapped && !rule.additional;
    if (discards_earlier) applying.clear();
    applying.push_back(i);
  }
  std::bitset<1440> day;
  for (std::size_t index : applying) {
    const DayRule& rule = rules[index];
    if (rule.spans.empty()) {
      if (rule.open)
        day.set();
      else
        day.reset();
      continue;
    }
    for (const Span& span : rule.spans) {
      const std::bitset<1440> minutes = SpanMinutes(span);
      if (rule.open)
        day |= minutes;
      else
        day &= ~minutes;
    }
  }
  return day;
}

}  // namespace

namespace {

// Compiled weeks by text, shared by every OpeningHours of that text. Bounded: past the limit new
// texts are compiled but not remembered.
class WeekCache {
 public:
  std::shared_ptr<const OpeningHours::Week> Find(std::string_view text) {
    std::lock_guard lock(mutex_);
    const auto it = weeks_.find(text);
    return it == weeks_.end() ? nullptr : it->second;
  }
  std::shared_ptr<const OpeningHours::Week> Remember(
      std::string_view text, std::shared_ptr<const OpeningHours::Week> week) {
    std::lock_guard lock(mutex_);
    if (weeks_.size() >= kMaxEntries) return week;
    return weeks_.try_emplace(std::string(text), std::move(week)).first->second;
  }

 private:
  static constexpr std::size_t kMaxEntries = 100'000;
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const OpeningHours::Week>, Hash, std::equal_to<>>
      weeks_;
};

WeekCache& Cache() {
  static WeekCache cache;
  return cache;
}

}  // namespace

Result<OpeningHours> OpeningHours::Parse(std::string_view text) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return OpeningHours{};
  OpeningHours hours;
  hours.text_ = std::string(trimmed);
  if ((hours.week_ = Cache().Find(trimmed))) return hours;
  Parser parser(trimmed, static_cast<std::size_t>(trimmed.data() - text.data()));
  Result<std::vector<ParsedRule>> rules = parser.ParseAll();
  if (!rules) return rules.error();
  const std::vector<DayRule> day_rules = Expand(*rules);
  auto week = std::make_shared<Week>();
  for (int d = 0; d < 7; ++d) (*week)[d] = EvaluateDay(day_rules, d);
  hours.week_ = Cache().Remember(trimmed, std::move(week));
  return hours;
}

std::optional<bool> OpeningHours::IsOpen(const LocalTime& t) const {
  if (!week_) return std::nullopt;
  return (*week_)[static_cast<std::size_t>(t.weekday)][static_cast<std::size_t>(t.minute_of_day)];
}

const std::bitset<1440>& OpeningHours::OpenMinutes(int weekday) const {
  static const std::bitset<1440> kClosed;
  return week_ ? (*week_)[static_cast<std::size_t>(weekday)] : kClosed;
}

}  // namespace yz
