// The purpose texts a person is shown before their personal data is collected (PIPL art. 14, 17):
// each purpose has numbered versions; a published version never changes (a new wording is a new
// version), so a consent record's (purpose, version) names exactly what the person read. The
// texts are part of the program, reviewed like code;
// docs/decisions/0015-people-consent-and-messages.md.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace yz {

struct PurposeText {
  std::string_view purpose;  // "phone_sign_in", …
  int version = 0;
  std::string_view title;  // Chinese
  std::string_view text;   // Chinese: what is collected, why, how long, the person's rights
  bool required = false;   // the service cannot be given without it (sign-in needs the phone)
};

// Every version of every purpose, oldest first.
std::span<const PurposeText> AllPurposeTexts();
// The version shown today for `purpose` (its newest); nullopt for an unknown purpose.
std::optional<PurposeText> CurrentPurposeText(std::string_view purpose);
std::optional<PurposeText> FindPurposeText(std::string_view purpose, int version);
// SHA-256 in base64 of the text, stored beside each consent as proof of the wording.
std::string PurposeTextHash(const PurposeText& text);

inline constexpr std::string_view kPhoneSignInPurpose = "phone_sign_in";
inline constexpr std::string_view kSmsNoticesPurpose = "sms_notices";
inline constexpr std::string_view kVolunteerPurpose = "volunteer_register";

}  // namespace yz
