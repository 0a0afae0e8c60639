// The plan commands behind `yizhan plan coverage|mclp|lscp` (section 7 of the pinned contract).
// Each validates its options, reads the inputs, calls the domain and prints the result: one JSON
// object on standard output with --json, a Chinese summary otherwise; problems go to standard
// error. Returns the exit status (plan_common.h).
#pragma once

#include "app/planning/plan_common.h"

namespace yz {

int RunCoverageCommand(const PlanOptions& options, const StoreConfig& store);
int RunMclpCommand(const PlanOptions& options, const StoreConfig& store);
int RunLscpCommand(const PlanOptions& options, const StoreConfig& store);

}  // namespace yz
