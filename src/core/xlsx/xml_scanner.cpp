#include "core/xlsx/xml_scanner.h"

namespace yz {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool EndsName(char c) { return IsSpace(c) || c == '/' || c == '>' || c == '='; }

bool IsXmlChar(char32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The UTF-16 code unit of an escape `_xHHHH_` starting at s[at], or -1.
int EscapedUnit(std::string_view s, std::size_t at) {
  if (at + 7 > s.size() || s[at] != '_' || s[at + 1] != 'x' || s[at + 6] != '_') return -1;
  int unit = 0;
  for (std::size_t k = at + 2; k < at + 6; ++k) {
    const int d = HexDigit(s[k]);
    if (d < 0) return -1;
    unit = unit * 16 + d;
  }
  return unit;
}

std::pair<std::string_view, std::string_view> SplitPrefix(std::string_view qname) {
  const std::size_t colon = qname.find(':');
  if (colon == std::string_view::npos) return {{}, qname};
  return {qname.substr(0, colon), qname.substr(colon + 1)};
}

}  // namespace

Result<XmlScanner::Token> XmlScanner::Next() {
  if (pending_end_) {
    pending_end_ = false;
    self_closing_ = false;
    attrs_.clear();
    return Token::kEnd;
  }
  while (true) {
    if (pos_ >= xml_.size()) return Token::kEndOfInput;
    const std::string_view rest = xml_.substr(pos_);
    if (rest.front() != '<') {
      const std::size_t lt = rest.find('<');
      text_ = rest.substr(0, lt);
      cdata_ = false;
      pos_ += text_.size();
      return Token::kText;
    }
    if (rest.starts_with("<!--")) {
      const std::size_t close = rest.find("-->", 4);
      if (close == std::string_view::npos)
        return Error::InvalidArgument("unterminated XML comment");
      pos_ += close + 3;
      continue;
    }
    if (rest.starts_with("<![CDATA[")) {
      const std::size_t close = rest.find("]]>", 9);
      if (close == std::string_view::npos)
        return Error::InvalidArgument("unterminated CDATA section");
      text_ = rest.substr(9, close - 9);
      cdata_ = true;
      pos_ += close + 3;
      return Token::kText;
    }
    if (rest.starts_with("<?")) {
      const std::size_t close = rest.find("?>", 2);
      if (close == std::string_view::npos)
        return Error::InvalidArgument("unterminated processing instruction");
      pos_ += close + 2;
      continue;
    }
    if (rest.starts_with("<!"))
      return Error::InvalidArgument("a DOCTYPE or declaration is not allowed");
    return ReadTag();
  }
}

Result<XmlScanner::Token> XmlScanner::ReadTag() {
  const bool end_tag = xml_.size() > pos_ + 1 && xml_[pos_ + 1] == '/';
  std::size_t i = pos_ + (end_tag ? 2 : 1);
  const std::size_t name_start = i;
  while (i < xml_.size() && !EndsName(xml_[i]) && xml_[i] != '<') ++i;
  if (i == name_start || i >= xml_.size()) return Error::InvalidArgument("malformed XML tag");
  const std::string_view qname = xml_.substr(name_start, i - name_start);
  name_ = SplitPrefix(qname).second;
  attrs_.clear();
  self_closing_ = false;
  if (end_tag) {
    while (i < xml_.size() && IsSpace(xml_[i])) ++i;
    if (i >= xml_.size() || xml_[i] != '>') return Error::InvalidArgument("malformed XML end tag");
    pos_ = i + 1;
    return Token::kEnd;
  }
  while (true) {
    while (i < xml_.size() && IsSpace(xml_[i])) ++i;
    if (i >= xml_.size()) return Error::InvalidArgument("unterminated XML tag");
    if (xml_[i] == '>') {
      pos_ = i + 1;
      return Token::kStart;
    }
    if (xml_[i] == '/') {
      if (i + 1 >= xml_.size() || xml_[i + 1] != '>')
        return Error::InvalidArgument("malformed XML tag");
      pos_ = i + 2;
      self_closing_ = true;
      pending_end_ = true;
      return Token::kStart;
    }
    const std::size_t attr_start = i;
    while (i < xml_.size() && !EndsName(xml_[i]) && xml_[i] != '<') ++i;
    const std::string_view attr_name = xml_.substr(attr_start, i - attr_start);
    while (i < xml_.size() && IsSpace(xml_[i])) ++i;
    if (attr_name.empty() || i >= xml_.size() || xml_[i] != '=') {
      return Error::InvalidArgument("malformed XML attribute");
    }
    ++i;
    while (i < xml_.size() && IsSpace(xml_[i])) ++i;
    if (i >= xml_.size() || (xml_[i] != '"' && xml_[i] != '\'')) {
      return Error::InvalidArgument("XML attribute value without quotes");
    }
    const char quote = xml_[i++];
    const std::size_t value_end = xml_.find(quote, i);
    if (value_end == std::string_view::npos)
      return Error::InvalidArgument("unterminated XML attribute value");
    const std::string_view value = xml_.substr(i, value_end - i);
    if (value.find('<') != std::string_view::npos)
      return Error::InvalidArgument("'<' in an XML attribute value");
    const auto [prefix, local] = SplitPrefix(attr_name);
    attrs_.push_back({prefix, local, value});
    i = value_end + 1;
  }
}

std::optional<std::string_view> XmlScanner::Attribute(std::string_view local_name,
                                                      bool prefixed) const {
  for (const Attr& a : attrs_) {
    if (a.local == local_name && a.prefix.empty() != prefixed && a.prefix != "xmlns")
      return a.value;
  }
  return std::nullopt;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool AppendXmlDecoded(std::string_view raw, std::string& out) {
  std::size_t i = 0;
  while (i < raw.size()) {
    const std::size_t amp = raw.find('&', i);
    out.append(raw.substr(i, amp == std::string_view::npos ? raw.npos : amp - i));
    if (amp == std::string_view::npos) return true;
    const std::size_t semi = raw.find(';', amp);
    if (semi == std::string_view::npos || semi - amp > 12) return false;
    const std::string_view entity = raw.substr(amp + 1, semi - amp - 1);
    if (entity == "lt")
      out += '<';
    else if (entity == "gt")
      out += '>';
    else if (entity == "amp")
      out += '&';
    else if (entity == "quot")
      out += '"';
    else if (entity == "apos")
      out += '\'';
    else if (entity.size() >= 2 && entity[0] == '#') {
      const bool hex = entity[1] == 'x';
      const std::string_view digits = entity.substr(hex ? 2 : 1);
      if (digits.empty()) return false;
      char32_t cp = 0;
      for (char c : digits) {
        const int d = hex ? HexDigit(c) : (c >= '0' && c <= '9' ? c - '0' : -1);
        if (d < 0) return false;
        cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(d);
        if (cp > 0x10FFFF) return false;
      }
      if (!IsXmlChar(cp)) return false;
      AppendUtf8(cp, out);
    } else {
      return false;
    }
    i = semi + 1;
  }
  return true;
}

std::string UnescapeOoxml(std::string_view s) {
  if (s.find("_x") == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    const int unit = s[i] == '_' ? EscapedUnit(s, i) : -1;
    if (unit < 0) {
      out += s[i++];
      continue;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      const int low = EscapedUnit(s, i + 7);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        AppendUtf8(0x10000 + ((static_cast<char32_t>(unit) - 0xD800) << 10) +
                       (static_cast<char32_t>(low) - 0xDC00),
                   out);
        i += 14;
        continue;
      }
    }
    if (unit == 0 || (unit >= 0xD800 && unit <= 0xDFFF)) {
      out += s[i++];
      continue;
    }
    AppendUtf8(static_cast<char32_t>(unit), out);
    i += 7;
  }
  return out;
}

}  // namespace yz
