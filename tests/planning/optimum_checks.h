// What every heuristic-versus-CBC test checks: CBC's proven optimum lies between the heuristic's
// choice (which cannot cover more) and its certified bound (which must not cover less).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

#include "domain/planning/mclp.h"
#include "planning_exact/exact_models.h"

namespace yz::testing {

inline void ExpectOptimumBetweenChoiceAndBound(const MclpSolution& h, const ExactMclpResult& exact, uint64_t seed) {
  EXPECT_LE(h.new_weight, exact.new_weight + 1e-6) << "seed " << seed;
  EXPECT_GE(h.upper_bound, exact.new_weight - 1e-6) << "seed " << seed;
}

// The heuristic (SolveMclp with at most `sites` sites and `seed`) and CBC's proven optimum of the
// same model. Empty, after a test failure, when CBC fails or does not prove optimality.
struct HeuristicAndOptimum {
  MclpSolution heuristic;
  ExactMclpResult optimum;
};

inline std::optional<HeuristicAndOptimum> SolveBothWays(const CoverageModel& m, int sites, uint64_t seed) {
  MclpOptions mo;
  mo.limit.max_sites = sites;
  mo.seed = seed;
  MclpSolution h = SolveMclp(m, mo);
  auto exact = SolveMclpExact(m, mo.limit, {});
  if (!exact.ok()) {
    ADD_FAILURE() << "seed " << seed << ": CBC failed: " << exact.error().message;
    return std::nullopt;
  }
  if (!exact->optimal) {
    ADD_FAILURE() << "seed " << seed << ": CBC did not prove optimality";
    return std::nullopt;
  }
  return HeuristicAndOptimum{std::move(h), *std::move(exact)};
}

}  // namespace yz::testing
