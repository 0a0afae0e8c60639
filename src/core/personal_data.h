// Masking of personal data for display: whoever lacks the right sees `188****2223`.
#pragma once

#include <string>
#include <string_view>

namespace yz {

// A phone number with all but its first three and last four digits replaced by '*'
// ("18812342223" → "188****2223"). Short numbers keep at most their last two digits;
// non-digit characters (spaces, '-', '+') are kept in place. "" stays "".
std::string MaskPhone(std::string_view phone);

}  // namespace yz
