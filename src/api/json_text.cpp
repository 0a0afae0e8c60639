#include "api/json_text.h"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace yz {
namespace {

void Append(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null: out += "null"; break;
    case boost::json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case boost::json::kind::int64: fmt::format_to(std::back_inserter(out), "{}", v.get_int64()); break;
    case boost::json::kind::uint64: fmt::format_to(std::back_inserter(out), "{}", v.get_uint64()); break;
    case boost::json::kind::double_: AppendJsonNumber(out, v.get_double()); break;
    case boost::json::kind::string: AppendJsonString(out, v.get_string()); break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& item : v.get_array()) {
        if (!first) out += ',';
        first = false;
        Append(out, item);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : v.get_object()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, member.key());
        out += ':';
        Append(out, member.value());
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

// Stored texts are valid UTF-8 (checked at every entry), so bytes ≥ 0x80 are copied; quotes,
// backslashes and control characters are escaped. Runs of plain bytes are appended at once.
void AppendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;  // start of the pending run of bytes that need no escape
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (c != '"' && c != '\\' && u >= 0x20) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        out += "\\u00";
        out += kHex[u >> 4];
        out += kHex[u & 0xF];
    }
  }
  out.append(text.data() + run, text.size() - run);
  out += '"';
}

void AppendJsonNumber(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  // std::to_chars: the shortest text that reads back exactly, without fmt's format-string pass
  // (numbers are most of what a nearby answer writes per request).
  char buffer[32];
  const auto [end, ec] = d == std::trunc(d) && std::fabs(d) < 1e15
                             ? std::to_chars(buffer, buffer + sizeof buffer, static_cast<int64_t>(d))
                             : std::to_chars(buffer, buffer + sizeof buffer, d);
  out.append(buffer, end);
}

std::string ToJsonText(const boost::json::value& v) {
  std::string out;
  out.reserve(256);
  Append(out, v);
  return out;
}

}  // namespace yz
