// Reading and changing the public address from the console. Everyone signed in may read it (the
// console warns before printing); only the city's administrator changes it, and each change is
// audited with the old and the new address. Saved in the store first, so every server and command
// sharing it agrees, then made current for this server's QR codes and plaques.
#pragma once

#include <optional>
#include <string>

#include "core/result.h"
#include "domain/audit/auditor.h"
#include "domain/settings/public_address.h"
#include "domain/settings/setting_repository.h"

namespace yz {

class PublicAddressService {
 public:
  struct View {
    std::string url;                     // "" when unset
    bool fixed = false;                  // by serve --public-url: not editable here
    std::optional<std::string> problem;  // WhyNotPrintable(url)
  };

  // REQUIRES: all three outlive the service.
  PublicAddressService(SettingRepository& settings, Auditor& auditor, PublicAddress& address)
      : settings_(settings), auditor_(auditor), address_(address) {}

  View Get() const;
  // kForbidden unless a city administrator; kConflict while fixed by --public-url;
  // kInvalidArgument for a malformed URL (NormalisePublicUrl). A loopback or intranet address is
  // accepted (a test installation may want it) and comes back with its problem.
  Result<View> Set(const Caller& who, std::string_view url);

 private:
  SettingRepository& settings_;
  Auditor& auditor_;
  PublicAddress& address_;
};

}  // namespace yz
