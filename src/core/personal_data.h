// Masking of personal data for display: whoever lacks the right sees `188****2223`.
#pragma once

#include <string>
#include <string_view>

namespace yz {

// A phone number with all but its first three and last four digits replaced by '*'
// ("18812342223" → "188****2223"). Short numbers keep at most their last two digits;
// non-digit characters (spaces, '-', '+') are kept in place. "" stays "".
std::string MaskPhone(std::string_view phone);

// `text` (free text a person wrote, such as a report's description) with the mainland mobile
// numbers (11 digits from 13…–19…, also after +86 or written in groups with spaces or '-') and
// resident ID-card numbers (18 characters, the last a digit or X, or the old 15 digits) it holds
// masked: "18812342223" → "188****2223", "11010519491231002X" → "110***********002X". Other
// runs of digits (amounts, order numbers, dates) are left alone.
std::string MaskPersonalNumbers(std::string_view text);

}  // namespace yz
