#include "domain/planning/mclp_local_search.h"

#include <algorithm>
#include <numeric>
#include <span>

#include "domain/planning/cover_state.h"
#include "domain/planning/random.h"

namespace yz {
namespace {

// Exchanges on a choice whose cover state is kept between calls.
class Exchanger {
 public:
  Exchanger(const CoverageModel& m, const SiteLimit& limit, std::vector<int> sites, uint64_t seed)
      : m_(m), limit_(limit), state_(m, sites), sites_(std::move(sites)), extra_(m.site_count + 1, 0.0),
        order_(m.site_count), rng_(seed) {
    tolerance_ = 1e-10 * std::max(1.0, m.CoverableWeight());
    cost_ = TotalCost(limit, sites_);
    std::iota(order_.begin(), order_.end(), 0);
  }

  const std::vector<int>& sites() const { return sites_; }
  bool chosen(int j) const { return state_.chosen(j); }
  SplitMix64& rng() { return rng_; }

  bool Affordable(int j) const { return !limit_.IsBudget() || limit_.costs[j] <= *limit_.budget; }
  bool Fits(int j) const {
    return limit_.IsBudget() ? cost_ + limit_.costs[j] <= *limit_.budget
                             : static_cast<int>(sites_.size()) < limit_.max_sites;
  }
  double Gain(int j) const { return state_.Gain(j); }

  void Add(int j) {
    state_.Add(j);
    NoteMove(j);
    sites_.push_back(j);
    if (limit_.IsBudget()) cost_ += limit_.costs[j];
  }
  void Remove(int j) {
    state_.Remove(j);
    NoteMove(j);
    sites_.erase(std::find(sites_.begin(), sites_.end(), j));
    if (limit_.IsBudget()) cost_ -= limit_.costs[j];
  }
  // Makes the choice `target` (feasible), touching only the sites that differ.
  void Become(std::span<const int> target) {
    for (int j : std::vector<int>(sites_)) {
      if (std::find(target.begin(), target.end(), j) == target.end()) Remove(j);
    }
    for (int j : target) {
      if (!state_.chosen(j)) Add(j);
    }
  }

  // Exchanges until a full pass finds none (or the deadline). Returns the moves made. After a
  // pass with moves, the next passes visit only the sites near a move (sharing a row with a site
  // added or removed): elsewhere a site's own gains are as they were, and only the losses of
  // distant chosen sites can have changed, which the closing full pass catches.
  int Descend(const Deadline& deadline, int* passes) { return Descend(order_, deadline, passes, true); }

  // Over the unchosen sites in `candidates` only (which it shuffles), until a pass over them
  // finds no exchange; with `near_moves`, the passes after one with moves visit only the sites
  // near the moves, and a pass over all of `candidates` closes.
  int Descend(std::vector<int>& candidates, const Deadline& deadline, int* passes, bool near_moves = false) {
    int moves = 0;
    ClearNearMoves();
    noting_ = near_moves;
    bool whole = true;
    while (!deadline.Passed()) {
      if (passes) ++*passes;
      int made = 0;
      if (whole) {
        made = Pass(candidates, deadline);
      } else {
        std::vector<int> near = TakeNearMoves();
        made = Pass(near, deadline);
      }
      moves += made;
      if (made > 0) whole = !near_moves;
      else if (whole) break;
      else whole = true;
    }
    noting_ = false;
    return moves;
  }

  // The `count` unchosen affordable sites that would add the most now (best first).
  std::vector<int> TopGains(std::size_t count) const { return state_.TopGains(count, tolerance_, limit_); }

  // Appends to `out` the sites sharing a row with `j` that are not marked yet, and marks them.
  void AddNeighbours(int j, std::vector<int>& out) { AppendUnmarkedNeighbours(j, mark_, out); }
  void ClearMarks(std::span<const int> marked) {
    for (int k : marked) mark_[k] = 0;
  }

 private:
  int Pass(std::vector<int>& candidates, const Deadline& deadline) {
    int moves = 0;
    // Incremental updates gather rounding (none for whole-number weights); far below the
    // tolerance after 64 passes, and a refresh costs as much as scoring the chosen sites.
    if (passes_since_refresh_++ % 64 == 0) state_.RefreshLosses(sites_);
    for (std::size_t k = candidates.size(); k > 1; --k) std::swap(candidates[k - 1], candidates[rng_.Below(k)]);
    for (std::size_t index = 0; index < candidates.size(); ++index) {
      const int j = candidates[index];
      if (state_.chosen(j)) continue;
      const double cost_j = limit_.IsBudget() ? limit_.costs[j] : 0.0;
      if (!Affordable(j)) continue;
      // gain: what j covers that nothing chosen does. extra[i]: what j would keep covered of the
      // rows only chosen site i covers, so that swapping i for j changes the cover by
      // gain + extra[i] − loss(i). Only chosen sites own such rows, so extra is reset over the
      // chosen sites afterwards. Rows are numbered in z-order, so a site's rows owned by one
      // chosen site come in runs: the run's sum stays in a register and goes to extra[owner]
      // when the owner changes (adding to extra row by row made every row wait for the last
      // row's store; on the large city that chain was over half of the search's time). Rows not
      // covered exactly once continue the run with nothing added; `owner` starts at a scratch
      // slot past the sites.
      double gain = 0, owned = 0;
      uint32_t owner = static_cast<uint32_t>(m_.site_count);
      for (uint32_t r : m_.RowsOf(j)) {
        const CoverState::Row& row = state_.row(r);
        const bool once = row.count == 1;
        const uint32_t id = once ? row.id_sum : owner;
        if (id != owner) {
          extra_[owner] += owned;
          owner = id;
          owned = 0;
        }
        owned += once ? row.weight : 0.0;
        gain += row.count == 0 ? row.weight : 0.0;
      }
      extra_[owner] += owned;
      double best_delta = tolerance_;
      int best_out = -2;  // -1: add without removing
      // extra[i] <= loss(i) for every i, so with no gain no move with j gains anything.
      if (gain > tolerance_) {
        if (Fits(j) && gain > best_delta) {
          best_delta = gain;
          best_out = -1;
        }
        for (int i : sites_) {
          if (limit_.IsBudget() && cost_ - limit_.costs[i] + cost_j > *limit_.budget) continue;
          const double delta = gain + extra_[i] - state_.loss(i);
          if (delta > best_delta) {
            best_delta = delta;
            best_out = i;
          }
        }
      }
      for (int i : sites_) extra_[i] = 0;
      if (best_out == -2) continue;
      if (best_out >= 0) Remove(best_out);
      Add(j);
      ++moves;
      if (deadline.Passed()) break;
    }
    return moves;
  }

  // Sites sharing a row with a site added or removed since the last TakeNearMoves.
  void NoteMove(int j) {
    if (noting_) AppendUnmarkedNeighbours(j, near_mark_, near_moves_);
  }
  // The sites sharing a row with `j` that `mark` does not hold yet: marked, and appended to `out`.
  void AppendUnmarkedNeighbours(int j, std::vector<uint8_t>& mark, std::vector<int>& out) {
    if (mark.empty()) mark.assign(m_.site_count, 0);
    for (uint32_t r : m_.RowsOf(j)) {
      for (uint32_t k : m_.SitesOf(static_cast<int>(r))) {
        if (!mark[k]) {
          mark[k] = 1;
          out.push_back(static_cast<int>(k));
        }
      }
    }
  }
  std::vector<int> TakeNearMoves() {
    std::vector<int> out;
    out.swap(near_moves_);
    for (int k : out) near_mark_[k] = 0;
    return out;
  }
  void ClearNearMoves() { TakeNearMoves(); }

  const CoverageModel& m_;
  const SiteLimit& limit_;
  CoverState state_;
  std::vector<int> sites_;
  double cost_ = 0;
  double tolerance_ = 0;
  std::vector<double> extra_;  // one per site, then a scratch slot
  uint64_t passes_since_refresh_ = 0;
  std::vector<int> order_;
  std::vector<uint8_t> mark_;
  std::vector<uint8_t> near_mark_;
  std::vector<int> near_moves_;
  bool noting_ = false;  // NoteMove records (during a Descend with near_moves only)
  SplitMix64 rng_;
};

}  // namespace

LocalSearchStats ImproveBySwaps(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                uint64_t seed, const Deadline& deadline) {
  LocalSearchStats stats;
  if (m.site_count == 0) return stats;
  Exchanger x(m, limit, sites, seed);
  stats.moves = x.Descend(deadline, &stats.passes);
  sites = x.sites();
  return stats;
}

LocalSearchStats IteratedLocalSearch(const CoverageModel& m, const SiteLimit& limit, std::vector<int>& sites,
                                     uint64_t seed, const Deadline& deadline, const IteratedSearchOptions& options) {
  LocalSearchStats stats;
  if (m.site_count == 0) return stats;
  Exchanger x(m, limit, sites, seed);
  stats.moves = x.Descend(deadline, &stats.passes);
  std::vector<int> best = x.sites();
  double best_weight = CoveredRowWeight(m, best);
  if (options.improved) options.improved(best_weight);
  SplitMix64& rng = x.rng();
  constexpr int kSample = 32;  // random sites scored per re-addition
  constexpr int kGlobalEvery = 100;  // fruitless perturbations between full exchange passes (large city, 20 s,
                                     // seed 1 only: 2,443,552–2,443,662 against 2,442,420 with 50 — within
                                     // the spread between seeds found later, ADR 0005; small cities alike)
  constexpr int kBackToBestEvery = 100;  // a walk through worse choices returns to the best this often
  constexpr std::size_t kPoolSize = 64;  // sites that would add most, refreshed with every full pass
  std::vector<int> pool = x.TopGains(kPoolSize);
  int stale = 0;
  std::vector<int> focus;
  while (!best.empty() && stale < options.max_stale && !deadline.Passed() && !(options.stop && options.stop())) {
    ++stats.restarts;
    // Ruin: drop a random chosen site and chosen sites near it (sharing a row). Recreate: add,
    // each time, the best of a few random sites of the neighbourhood that fit, until none adds
    // anything. Then exchanges with the sites of that neighbourhood only: a full pass costs as
    // much as all the rows of all the sites, too much to repeat after every perturbation.
    focus.clear();
    const int first = x.sites()[rng.Below(x.sites().size())];
    x.AddNeighbours(first, focus);
    std::vector<int> near;
    for (int j : focus) {
      if (x.chosen(j)) near.push_back(j);
    }
    for (std::size_t k = near.size(); k > 1; --k) std::swap(near[k - 1], near[rng.Below(k)]);
    if (near.size() > static_cast<std::size_t>(options.perturbation)) near.resize(options.perturbation);
    for (int j : near) {
      x.Remove(j);
      if (j != first) x.AddNeighbours(j, focus);
    }
    // Half the time (cardinality limit), the neighbourhood gets one site fewer back and the last
    // place goes to the best of the pool, anywhere in the city: chains of shifts that free a site
    // for elsewhere are out of reach of exchanges one at a time.
    const bool one_elsewhere = !limit.IsBudget() && !pool.empty() && rng.Below(2) == 0;
    while (!focus.empty()) {
      if (one_elsewhere && static_cast<int>(x.sites().size()) + 1 >= limit.max_sites) break;
      int pick = -1;
      double pick_gain = 0;
      for (int s = 0; s < kSample; ++s) {
        const int j = focus[rng.Below(focus.size())];
        if (x.chosen(j) || !x.Fits(j)) continue;
        const double g = x.Gain(j);
        if (g > pick_gain) {
          pick_gain = g;
          pick = j;
        }
      }
      if (pick < 0) break;
      x.Add(pick);
    }
    if (one_elsewhere) {
      int pick = -1;
      double pick_gain = 0;
      for (int j : pool) {
        if (x.chosen(j) || !x.Fits(j)) continue;
        const double g = x.Gain(j);
        if (g > pick_gain) {
          pick_gain = g;
          pick = j;
        }
      }
      if (pick >= 0) {
        x.Add(pick);
        x.AddNeighbours(pick, focus);
      }
    }
    stats.moves += x.Descend(focus, deadline, &stats.passes);
    x.ClearMarks(focus);
    // The local exchanges keep the number of sites in each neighbourhood; now and then, all
    // exchanges, so that sites can also move to where another part of the city gains more.
    if (stale % kGlobalEvery == kGlobalEvery - 1) {
      stats.moves += x.Descend(deadline, &stats.passes);
      pool = x.TopGains(kPoolSize);
    }
    const double weight = CoveredRowWeight(m, x.sites());
    if (weight > best_weight * (1 + 1e-12)) {
      best = x.sites();
      best_weight = weight;
      ++stats.improved;
      stale = 0;
      if (options.improved) options.improved(best_weight);
    } else {
      ++stale;
      if (weight >= best_weight) best = x.sites();  // as good: move along the plateau
      else if (weight < best_weight * (1 - options.accept_worse) || stale % kBackToBestEvery == 0) x.Become(best);
    }
  }
  sites = std::move(best);
  return stats;
}

}  // namespace yz
