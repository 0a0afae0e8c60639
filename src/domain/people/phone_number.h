// Mainland China mobile numbers, the identity of workers and volunteers who sign in by SMS.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace yz {

// The 11 digits of a mainland mobile number (1, then 3–9, then 9 digits) written the ways people
// write it: spaces or '-' between digit groups, a leading "+86", "86" or "0086". Anything else
// (a landline, a Hong Kong number, letters, a digit too many) → nullopt.
std::optional<std::string> NormalizeMainlandMobile(std::string_view text);

}  // namespace yz
