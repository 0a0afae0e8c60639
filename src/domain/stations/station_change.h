// The audit log's account of a station edit: each field that changed, in Chinese, old → new
// ("名称：东城驿站 → 东城爱心驿站；微波炉：正常 → 损坏"). Personal data — the manager's name and
// mobile — is named as changed but never written out (the audit log must not carry it).
#pragma once

#include <string>

#include "domain/stations/station.h"

namespace yz {

// "" when nothing a person would see changed.
std::string DescribeStationChange(const Station& before, const Station& after);

}  // namespace yz
