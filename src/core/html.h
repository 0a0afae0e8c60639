// Escaping text for HTML: every page that shows stored text goes through EscapeHtml.
#pragma once

#include <string>
#include <string_view>

namespace yz {

// Replaces & < > " ' with character references; safe in element content and quoted attributes.
std::string EscapeHtml(std::string_view text);

}  // namespace yz
