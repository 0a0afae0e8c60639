#include "storage/message_codec.h"

#include <fmt/format.h>

namespace yz {

std::string MessageRecipientKey(const Message& m, const FieldCipher& cipher) {
  if (m.person_id != 0) return fmt::format("p:{}", m.person_id);
  return "t:" + cipher.BlindIndex("phone", m.phone);
}

std::string SealMessageParams(const std::vector<std::string>& params, const FieldCipher& cipher) {
  std::string joined;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (i > 0) joined += '\x1f';
    joined += params[i];
  }
  // An empty list and one empty parameter differ: mark the list's presence.
  return params.empty() ? "" : cipher.Seal("p" + joined);
}

Result<std::vector<std::string>> OpenMessageParams(std::string_view sealed,
                                                   const FieldCipher& cipher) {
  std::vector<std::string> out;
  if (sealed.empty()) return out;
  auto opened = cipher.Open(sealed);
  if (!opened) return opened.error();
  std::string_view rest = *opened;
  if (!rest.starts_with('p')) return Error::Internal("malformed message parameters");
  rest.remove_prefix(1);
  while (true) {
    const auto cut = rest.find('\x1f');
    out.emplace_back(rest.substr(0, cut));
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + 1);
  }
  return out;
}

}  // namespace yz
