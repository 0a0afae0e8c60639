// The registry's other records: regions (the administrative hierarchy) and hosts (the
// co-building partners, 共建单位, each with its stations).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/stations/codes.h"

namespace yz {

struct Region {
  std::string code;  // IsValidRegionCode; its parent is its longest proper prefix
  std::string name;  // "寿光市", "圣城街道"
  friend bool operator==(const Region&, const Region&) = default;
};

struct Host {
  int64_t id = 0;       // assigned by the store
  std::string name;     // "中国建设银行寿光支行"
  HostType type = HostType::kOther;
  std::string region;   // may be empty
  friend bool operator==(const Host&, const Host&) = default;
};

}  // namespace yz
