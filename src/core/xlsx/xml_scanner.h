// A small pull scanner for the XML of .xlsx parts: start and end tags with their attributes,
// and text. Enough for SpreadsheetML, not a general XML parser: no DTD (a DOCTYPE is refused, so
// no entity can expand), namespaces only as prefixes that names are compared without.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace yz {

class XmlScanner {
 public:
  enum class Token { kStart, kEnd, kText, kEndOfInput };

  explicit XmlScanner(std::string_view xml) : xml_(xml) {}

  // Moves to the next token. A self-closing tag gives kStart (with self_closing()) and then
  // kEnd. Comments, processing instructions and the XML declaration are skipped. Malformed
  // markup → invalid_argument (English only: callers put it in their own message).
  Result<Token> Next();

  // The current tag's local name (without any `prefix:`), for kStart and kEnd.
  std::string_view name() const { return name_; }
  bool self_closing() const { return self_closing_; }
  // The raw (undecoded) value of the current start tag's attribute with this local name, or
  // nullopt. `prefixed` requires a prefix (`r:id`), an unprefixed one requires none.
  std::optional<std::string_view> Attribute(std::string_view local_name,
                                            bool prefixed = false) const;
  // The current text, raw (entities not yet decoded), for kText; CDATA sections come as their
  // content already decoded (see text_is_cdata()).
  std::string_view text() const { return text_; }
  bool text_is_cdata() const { return cdata_; }

 private:
  struct Attr {
    std::string_view prefix, local, value;
  };
  Result<Token> ReadTag();

  std::string_view xml_;
  std::size_t pos_ = 0;
  bool pending_end_ = false;
  std::string_view name_, text_;
  bool self_closing_ = false, cdata_ = false;
  std::vector<Attr> attrs_;
};

// Appends `raw` XML text with its entities (&lt; &gt; &amp; &quot; &apos;) and character
// references (&#NN; &#xHH;) decoded, as UTF-8. An unknown entity or a reference to a character
// XML does not allow → false (`out` then holds part of the text).
bool AppendXmlDecoded(std::string_view raw, std::string& out);

// `s` with the OOXML escapes `_xHHHH_` (UTF-16 code units, surrogate pairs joined) replaced by
// their characters; an escape that names no valid character stays as written.
std::string UnescapeOoxml(std::string_view s);

// Appends code point `cp` as UTF-8. REQUIRES: cp <= 0x10FFFF and not a surrogate.
void AppendUtf8(char32_t cp, std::string& out);

}  // namespace yz
