// What the site-selection models share: the limit on new sites, a chosen site with the weight
// it adds, and the greedy sequencing that states "what each site adds, in order".
#pragma once

#include <chrono>
#include <optional>
#include <span>
#include <vector>

#include "domain/planning/coverage_model.h"

namespace yz {

// How many new sites may be chosen: at most `max_sites`, or, when `budget` is set, any number
// whose costs (one per site in `costs`) sum to at most `budget` yuan.
struct SiteLimit {
  int max_sites = 0;
  std::optional<double> budget;
  std::span<const double> costs;

  bool IsBudget() const { return budget.has_value(); }
};

struct SiteChoice {
  int site = 0;
  double added_weight = 0;  // the weight this site covers that no earlier site did
};

// A point in time after which optimizers stop improving and return what they have.
class Deadline {
 public:
  explicit Deadline(double seconds_from_now)
      : at_(std::chrono::steady_clock::now() +
            std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(seconds_from_now))) {}
  bool Passed() const { return std::chrono::steady_clock::now() >= at_; }
  double SecondsLeft() const {
    return std::chrono::duration<double>(at_ - std::chrono::steady_clock::now()).count();
  }

 private:
  std::chrono::steady_clock::time_point at_;
};

// Weight of the rows covered by at least one of `sites`.
double CoveredRowWeight(const CoverageModel& m, std::span<const int> sites);

// `sites` ordered greedily — each next the one adding the most weight (ties: lower index) — with
// the weight each adds; the added weights sum to CoveredRowWeight(m, sites).
std::vector<SiteChoice> SequenceSites(const CoverageModel& m, std::span<const int> sites);

// Sum of costs of `sites` under `limit` (0 for a cardinality limit).
double TotalCost(const SiteLimit& limit, std::span<const int> sites);

}  // namespace yz
