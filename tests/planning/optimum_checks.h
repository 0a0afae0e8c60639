// What every heuristic-versus-CBC test checks: CBC's proven optimum lies between the heuristic's
// choice (which cannot cover more) and its certified bound (which must not cover less).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>

#include "domain/planning/mclp.h"
#include "planning_exact/exact_models.h"

namespace yz::testing {

inline void ExpectOptimumBetweenChoiceAndBound(const MclpSolution& h, const ExactMclpResult& exact, uint64_t seed) {
  EXPECT_LE(h.new_weight, exact.new_weight + 1e-6) << "seed " << seed;
  EXPECT_GE(h.upper_bound, exact.new_weight - 1e-6) << "seed " << seed;
}

}  // namespace yz::testing
