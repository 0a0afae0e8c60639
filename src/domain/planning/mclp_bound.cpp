#include "domain/planning/mclp_bound.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <span>

#include <fmt/format.h>


namespace yz {
namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
// η starts at kEtaStart times the value of the last site the relaxation takes: so smooth that
// thousands of overlapping sites share the last places fractionally, as they do in the LP
// optimum of dense cities (starting lower converged markedly slower on the generated cities).
// It shrinks by a constant factor per sweep, chosen from the sweeps that the time left allows so
// that η ends near kEtaFinal of its start: slowly when there is time (the descent stalls when η
// falls faster than it converges), faster when there is not. Large city, 20 s (fourth session):
// start 8 / final 1e-3 ended at 2,496,2xx, 16 / 1e-3 at 2,495,810, 32 / 1e-2 at 2,495,462
// (64 / 1e-3: 2,495,545); on the small cities 32 / 1e-2 ends within 1e-5 of 8 / 1e-3.
constexpr double kEtaStart = 32;
constexpr double kEtaFinal = 1e-2;
constexpr double kSlowestDecay = 0.98, kFastestDecay = 0.9;
constexpr int kFullEvery = 4;       // every fourth sweep visits all rows, the others skip settled ones

// The limit written as Σ size_j x_j <= capacity: size 1 and capacity max_sites (cardinality), or
// size cost_j and capacity the budget. A site costing more than the whole budget is in no choice,
// so it is left out of the relaxation altogether (x_j = 0), which keeps the bound valid.
struct Capacity {
  explicit Capacity(const SiteLimit& limit, int sites)
      : budget(limit.IsBudget()),
        capacity(limit.IsBudget() ? *limit.budget : static_cast<double>(limit.max_sites)),
        size(sites, 1.0),
        usable(sites, 1) {
    if (!budget) return;
    for (int j = 0; j < sites; ++j) {
      size[j] = limit.costs[j];
      usable[j] = limit.costs[j] <= capacity;
    }
  }
  bool budget;
  double capacity;
  std::vector<double> size;
  std::vector<uint8_t> usable;
};

struct Relaxed {
  double value = 0;  // max { Σ c_j x_j : x ∈ [0,1]^J, Σ size_j x_j <= capacity, unusable x_j = 0 }
  double scale = 0;  // c of the last site taken (whole or in part): the size of the competition
};

// Exact: the `capacity` largest positive c (cardinality), or the fractional knapsack — free
// sites first, then by c per yuan (budget).
Relaxed RelaxedMaximum(const Capacity& k, std::span<const double> c, std::vector<int>& order) {
  Relaxed out;
  const int n = static_cast<int>(c.size());
  if (!k.budget) {
    const int p = std::min(static_cast<int>(k.capacity), n);
    if (p <= 0) return out;
    auto by_value = [&](int a, int b) { return c[a] != c[b] ? c[a] > c[b] : a < b; };
    std::nth_element(order.begin(), order.begin() + (p - 1), order.end(), by_value);
    for (int i = 0; i < p; ++i) out.value += std::max(0.0, c[order[i]]);
    out.scale = std::max(0.0, c[order[p - 1]]);
    return out;
  }
  auto ratio_greater = [&](int a, int b) {
    const bool fa = k.size[a] <= 0, fb = k.size[b] <= 0;
    if (fa != fb) return fa;
    if (fa) return a < b;
    const double ra = c[a] / k.size[a], rb = c[b] / k.size[b];
    return ra != rb ? ra > rb : a < b;
  };
  std::sort(order.begin(), order.end(), ratio_greater);
  double room = k.capacity;
  for (int j : order) {
    if (!k.usable[j] || c[j] <= 0) continue;
    out.scale = c[j];
    if (k.size[j] <= room) {
      out.value += c[j];
      room -= k.size[j];
    } else {
      out.value += room / k.size[j] * c[j];
      break;
    }
  }
  return out;
}

// Coordinate descent on the smoothed dual
//
//     L_η(λ, μ) = Σ_r (w_r − λ_r) + μ·capacity + Σ_j η·h((c_j(λ) − μ·size_j) / η),
//     h(u) = 0 (u <= 0), u²/2 (0 <= u <= 1), u − 1/2 (u >= 1),
//
// whose partial minimum over μ >= 0 is Σ(w − λ) + max { Σ c_j x_j − η/2 Σ x_j² } over the
// relaxation's x, with x_j = clamp((c_j − μ·size_j)/η, 0, 1). In λ_r alone L_η is convex and
// piecewise quadratic; its minimum over [0, w_r] is where Σ_{j covers r} x_j = 1 (or at an end),
// which UpdateRow finds exactly. μ is re-solved every few thousand rows. As η → 0, L_η → L.
class SmoothedDescent {
 public:
  SmoothedDescent(const CoverageModel& m, const Capacity& k, std::vector<double> lambda)
      : m_(m), k_(k), lambda_(std::move(lambda)), c_(m.site_count, 0.0) {
    // A row with at most one usable site is best at λ_r = w_r whatever the rest: moving λ_r up
    // by δ lowers Σ(w − λ) by δ and raises the relaxation by at most δ.
    for (int r = 0; r < m.row_count(); ++r) {
      int usable = 0;
      for (uint32_t j : m.SitesOf(r)) usable += k.usable[j];
      if (usable <= 1) lambda_[r] = m.row_weight[r];
      else active_.push_back(static_cast<uint32_t>(r));
    }
    std::size_t longest = 0;
    for (int r = 0; r < m.row_count(); ++r) longest = std::max(longest, m.SitesOf(r).size());
    a_.assign(longest, 0.0);
    Recompute();
  }

  const std::vector<double>& lambda() const { return lambda_; }
  const std::vector<double>& c() const { return c_; }
  double base() const { return base_; }

  // The LP value of the smoothed relaxation's x at the current λ, μ, η (scaled down into the
  // limit if the bisection left it a hair over): Σ_r w_r min(1, Σ_{j covers r} x_j). A feasible
  // point of the LP relaxation, so the LP optimum — and every Lagrangian bound — is at least this.
  double FractionalValue() const {
    std::vector<double> x(m_.site_count, 0.0);
    double used = 0;
    for (int j = 0; j < m_.site_count; ++j) {
      if (!k_.usable[j]) continue;
      x[j] = X(j, c_[j]);
      used += k_.size[j] * x[j];
    }
    const double scale = used > k_.capacity ? k_.capacity / used : 1.0;
    double value = 0;
    for (int r = 0; r < m_.row_count(); ++r) {
      double cover = 0;
      for (uint32_t j : m_.SitesOf(r)) cover += x[j];
      value += m_.row_weight[r] * std::min(1.0, scale * cover);
    }
    return value;
  }

  void SetLambda(std::vector<double> lambda) {
    lambda_ = std::move(lambda);
    Recompute();
  }

  // c and Σ(w − λ) from scratch, dropping the rounding that incremental updates gather.
  void Recompute() {
    for (int j = 0; j < m_.site_count; ++j) {
      double sum = 0;
      for (uint32_t r : m_.RowsOf(j)) sum += lambda_[r];
      c_[j] = sum;
    }
    base_ = 0;
    for (int r = 0; r < m_.row_count(); ++r) base_ += m_.row_weight[r] - lambda_[r];
  }

  // One pass over the rows with smoothing η; unless `full`, rows that did not move in their
  // last two visits are skipped. Returns false when stopped early by `deadline` (λ is valid
  // either way).
  bool Sweep(double eta, const Deadline& deadline, bool full) {
    eta_ = eta;
    SolveMu();
    const std::size_t mu_every = std::max<std::size_t>(4096, active_.size() / 16);
    if (still_.size() != active_.size()) still_.assign(active_.size(), 0);
    for (std::size_t i = 0; i < active_.size(); ++i) {
      if (i % mu_every == mu_every - 1) {
        SolveMu();
        if (deadline.Passed()) return false;
      }
      if (!full && still_[i] >= 2) continue;
      if (UpdateRow(active_[i])) still_[i] = 0;
      else if (still_[i] < 255) ++still_[i];
    }
    return true;
  }

 private:
  double X(int j, double c) const {
    const double u = (c - mu_ * k_.size[j]) / eta_;
    return u <= 0 ? 0.0 : u >= 1 ? 1.0 : u;
  }

  // μ >= 0 with Σ size_j x_j = capacity, or 0 when the relaxation has room to spare. The sum
  // falls piecewise linearly as μ grows: safeguarded Newton from the last μ, which rarely moves
  // far between calls.
  void SolveMu() {
    auto used = [&](double mu, double& slope) {
      double s = 0;
      slope = 0;
      for (int j = 0; j < m_.site_count; ++j) {
        const double size = k_.size[j];
        if (!k_.usable[j] || size <= 0) continue;
        const double u = (c_[j] - mu * size) / eta_;
        if (u >= 1) {
          s += size;
        } else if (u > 0) {
          s += size * u;
          slope -= size * size / eta_;
        }
      }
      return s;
    };
    double lo = 0, hi = kInfinity, mu = mu_;
    for (int it = 0; it < 100; ++it) {
      double slope = 0;
      const double excess = used(mu, slope) - k_.capacity;
      if (excess <= 0 && mu <= 0) break;
      if (std::abs(excess) <= 1e-9 * std::max(1.0, k_.capacity)) break;
      (excess > 0 ? lo : hi) = mu;
      if (hi < kInfinity && hi - lo <= 1e-12 * hi) break;
      double next = slope < 0 ? mu - excess / slope : excess > 0 ? 2 * mu + eta_ : (lo + hi) / 2;
      if (next <= lo || next >= hi) next = hi < kInfinity ? (lo + hi) / 2 : 2 * lo + eta_;
      mu = next;
    }
    mu_ = mu;
  }

  // G(t) = Σ_{j covers r} x_j(λ_r = t) − 1, nondecreasing and piecewise linear in t; with the
  // slope and the nearest breakpoints above and below t where the slope grows.
  struct Piece {
    double g, slope, up, down;
  };
  // Without a branch per site (where a site's x lies follows no pattern a predictor learns) and
  // without a division per site: x_j·η = clamp(a + t, 0, η) is summed, then divided once.
  // `kept`: the row's sites that can move the root, as UpdateRow gathered them.
  Piece Evaluate(std::span<const double> kept, double t) const {
    double scaled = 0, middle = 0, up = kInfinity, down = -kInfinity;
    for (const double a : kept) {
      const double u = a + t;
      scaled += std::clamp(u, 0.0, eta_);
      middle += static_cast<double>((u > 0) & (u < eta_));
      down = std::max(down, u >= eta_ ? eta_ - a : -kInfinity);
      up = std::min(up, u <= 0 ? -a : kInfinity);
    }
    const double inverse = 1 / eta_;
    return Piece{scaled * inverse - 1.0, middle * inverse, up, down};
  }

  bool UpdateRow(uint32_t r) {
    const double w = m_.row_weight[r];
    const double l0 = lambda_[r];
    // Sites with a + w <= 0 have x_j = 0 for every λ_r in [0, w]: they cannot move the root.
    // Every a is written and only those kept are counted (no branch: which sites pass follows
    // no pattern a predictor learns); a_ holds the longest row.
    std::size_t kept = 0;
    if (k_.budget) {
      for (uint32_t j : m_.SitesOf(static_cast<int>(r))) {
        const double a = c_[j] - l0 - mu_ * k_.size[j];
        a_[kept] = a;
        kept += (k_.usable[j] && a + w > 0) ? 1 : 0;
      }
    } else {
      const double shift = l0 + mu_;
      for (uint32_t j : m_.SitesOf(static_cast<int>(r))) {
        const double a = c_[j] - shift;
        a_[kept] = a;
        kept += a + w > 0 ? 1 : 0;
      }
    }
    const std::span<const double> usable(a_.data(), kept);
    // Safeguarded Newton on G over [0, w]: exact within a linear piece, jumps to the next
    // breakpoint on a flat piece, bisects when a step leaves the bracket.
    double t = l0, lo = 0, hi = w;
    bool lo_seen = false, hi_seen = false;
    for (int it = 0; it < 60; ++it) {
      const Piece p = Evaluate(usable, t);
      if (std::abs(p.g) <= 1e-12) break;
      if (p.g > 0) {
        if (t <= 0) break;
        hi = t;
        hi_seen = true;
      } else {
        if (t >= w) break;
        lo = t;
        lo_seen = true;
      }
      double next = p.slope > 0 ? t - p.g / p.slope : (p.g > 0 ? p.down : p.up);
      if (next <= lo) next = lo_seen ? (lo + hi) / 2 : lo;
      else if (next >= hi) next = hi_seen ? (lo + hi) / 2 : hi;
      if (next == t || hi - lo <= 1e-13 * w) break;
      t = next;
    }
    const double delta = t - l0;
    if (std::abs(delta) <= 1e-9 * w) return false;
    lambda_[r] = t;
    base_ -= delta;
    for (uint32_t j : m_.SitesOf(static_cast<int>(r))) c_[j] += delta;
    return true;
  }

  const CoverageModel& m_;
  const Capacity& k_;
  std::vector<double> lambda_;
  std::vector<double> c_;
  double base_ = 0;
  std::vector<uint32_t> active_;
  std::vector<uint8_t> still_;
  double eta_ = 1, mu_ = 0;
  std::vector<double> a_;  // UpdateRow's scratch: c_j − λ_r − μ·size_j of a row's sites, the kept first
};

}  // namespace

MclpBound MclpUpperBound(const CoverageModel& m, const SiteLimit& limit, std::span<const int> incumbent,
                         const Deadline& deadline, const MclpBoundOptions& options) {
  MclpBound out;
  out.best_choice.assign(incumbent.begin(), incumbent.end());
  out.best_weight = CoveredRowWeight(m, incumbent);
  const Capacity k(limit, m.site_count);
  std::vector<int> order(m.site_count);
  std::iota(order.begin(), order.end(), 0);

  std::vector<double> start(m.row_weight.begin(), m.row_weight.end());
  for (int j : incumbent) {
    for (uint32_t r : m.RowsOf(j)) start[r] = 0;
  }
  SmoothedDescent descent(m, k, std::move(start));
  Relaxed relaxed = RelaxedMaximum(k, descent.c(), order);
  out.upper_bound = std::max(descent.base() + relaxed.value, out.best_weight);
  out.iterations = 1;
  std::vector<double> best_lambda = descent.lambda();

  auto best_known = [&] {
    return std::max(out.best_weight, options.best_known ? options.best_known() : 0.0);
  };
  auto close_enough = [&] {
    const double f = best_known();
    return out.upper_bound - f <= options.target_gap * std::max(f, 1e-300);
  };
  double eta = kEtaStart * relaxed.scale;
  if (eta <= 0) {
    for (double v : descent.c()) eta = std::max(eta, v);
  }
  auto last_report = std::chrono::steady_clock::now();
  std::vector<double> history;  // the best bound after each sweep
  double sweep_seconds = 0;
  // Stop when the last kStallSweeps sweeps moved the bound by less than kStallShare of it: on
  // small cities the descent creeps on for hundreds of sweeps by less than a millionth (30,000 ×
  // 1,200: converged to 1e-6 by sweep ~550 of 870), time the second search can use better. Only
  // once η is down to its planned end: while it is large the smoothed optimum can sit far from
  // L's for many sweeps (a start of 32 stopped one small city after 32 sweeps, 19 % above).
  constexpr int kStallSweeps = 30;
  constexpr double kStallShare = 1e-6;
  const double stall_eta = kEtaFinal * eta;
  while (out.iterations < options.max_iterations && eta > 0 && !close_enough() && !deadline.Passed()) {
    if (eta <= stall_eta && history.size() > kStallSweeps &&
        history[history.size() - 1 - kStallSweeps] - out.upper_bound <= kStallShare * out.upper_bound) {
      break;
    }
    const auto sweep_start = std::chrono::steady_clock::now();
    const bool whole = descent.Sweep(eta, deadline, out.iterations % kFullEvery == 1);
    sweep_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - sweep_start).count();
    ++out.iterations;
    if (out.iterations % 8 == 0) descent.Recompute();
    relaxed = RelaxedMaximum(k, descent.c(), order);
    const double value = descent.base() + relaxed.value;
    if (value < out.upper_bound) {
      out.upper_bound = std::max(value, out.best_weight);
      best_lambda = descent.lambda();
    }
    history.push_back(out.upper_bound);
    const double sweeps_left = std::min<double>(options.max_iterations - out.iterations,
                                                deadline.SecondsLeft() * static_cast<double>(history.size()) /
                                                    std::max(sweep_seconds, 1e-9));
    eta *= std::clamp(std::exp(std::log(kEtaFinal) / std::max(1.0, sweeps_left)), kFastestDecay, kSlowestDecay);
    if (options.progress && std::chrono::steady_clock::now() - last_report > std::chrono::seconds(2)) {
      last_report = std::chrono::steady_clock::now();
      options.progress(fmt::format("上界第 {} 轮 bound sweep：{:.1f}，当前最好方案覆盖 {:.1f}", out.iterations,
                                   out.upper_bound, best_known()));
    }
    if (!whole) break;
  }
  if (out.iterations > 1) out.relaxation_lower = descent.FractionalValue();
  // The reported bound is L at the best multipliers, evaluated afresh.
  descent.SetLambda(std::move(best_lambda));
  relaxed = RelaxedMaximum(k, descent.c(), order);
  out.upper_bound = std::max(descent.base() + relaxed.value, out.best_weight);
  out.site_value = descent.c();
  return out;
}

}  // namespace yz
