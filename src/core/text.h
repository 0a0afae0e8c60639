// Text helpers: UTF-8 validation, code point counts (the contract's text limits count code
// points), trimming.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace yz {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);
// Byte offset of the first invalid sequence, or npos when valid.
std::size_t FindInvalidUtf8(std::string_view s);
// The physical lines (1-based, in order, each once) that hold an invalid sequence; empty when `s`
// is valid. A file's error report names every such line, since nothing else in it can be trusted.
std::vector<int> LinesWithInvalidUtf8(std::string_view s);
// Number of code points. REQUIRES: IsValidUtf8(s).
std::size_t CountCodePoints(std::string_view s);
// `s` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view s);

}  // namespace yz
