#include "domain/planning/mclp_bound.h"

#include <algorithm>
#include <chrono>
#include <numeric>

#include <fmt/format.h>

namespace yz {
namespace {

// The relaxation's best x for costs c: value and the sites taken, with fractions (budget only).
struct Relaxed {
  double value = 0;
  std::vector<int> sites;         // taken entirely
  int fractional_site = -1;
  double fraction = 0;
};

void SolveRelaxation(const SiteLimit& limit, const std::vector<double>& c, std::vector<int>& order,
                     Relaxed& out) {
  out.value = 0;
  out.sites.clear();
  out.fractional_site = -1;
  out.fraction = 0;
  const int n = static_cast<int>(c.size());
  if (!limit.IsBudget()) {
    const int p = std::min(limit.max_sites, n);
    auto by_value = [&](int a, int b) { return c[a] != c[b] ? c[a] > c[b] : a < b; };
    std::nth_element(order.begin(), order.begin() + p, order.end(), by_value);
    for (int k = 0; k < p; ++k) {
      if (c[order[k]] <= 0) continue;
      out.value += c[order[k]];
      out.sites.push_back(order[k]);
    }
    return;
  }
  // Fractional knapsack: free sites first, then by value per yuan.
  const std::span<const double> cost = limit.costs;
  auto ratio_greater = [&](int a, int b) {
    const bool fa = cost[a] <= 0, fb = cost[b] <= 0;
    if (fa != fb) return fa;
    if (fa) return a < b;
    const double ra = c[a] / cost[a], rb = c[b] / cost[b];
    return ra != rb ? ra > rb : a < b;
  };
  std::sort(order.begin(), order.end(), ratio_greater);
  double room = *limit.budget;
  for (int j : order) {
    if (c[j] <= 0) continue;
    if (cost[j] <= room) {
      out.value += c[j];
      out.sites.push_back(j);
      room -= cost[j];
    } else {
      out.fraction = room / cost[j];
      out.fractional_site = j;
      out.value += out.fraction * c[j];
      break;
    }
  }
}

}  // namespace

MclpBound MclpUpperBound(const CoverageModel& m, const SiteLimit& limit, std::span<const int> incumbent,
                         const Deadline& deadline, int max_iterations, double target_gap,
                         const ProgressFn& progress) {
  const std::size_t rows = m.row_weight.size();
  const auto& w = m.row_weight;
  MclpBound out;
  out.best_choice.assign(incumbent.begin(), incumbent.end());
  out.best_weight = CoveredRowWeight(m, incumbent);
  out.upper_bound = m.CoverableWeight();  // λ = 0

  std::vector<double> lambda(w.begin(), w.end());
  for (int j : incumbent) {
    for (uint32_t r : m.RowsOf(j)) lambda[r] = 0;
  }
  std::vector<double> c(m.site_count), cover(rows, 0.0);
  std::vector<int> order(m.site_count);
  std::iota(order.begin(), order.end(), 0);
  std::vector<uint8_t> mark(rows, 0);
  Relaxed x;
  double theta = 1.0;
  int stalled = 0;
  auto last_report = std::chrono::steady_clock::now();

  // c and Σ(w − λ) are updated incrementally from the rows whose λ moved, and recomputed in
  // full now and then so that rounding does not accumulate.
  double base = 0;
  std::vector<double> best_lambda;
  auto recompute = [&] {
    for (int j = 0; j < m.site_count; ++j) {
      double sum = 0;
      for (uint32_t r : m.RowsOf(j)) sum += lambda[r];
      c[j] = sum;
    }
    base = 0;
    for (std::size_t r = 0; r < rows; ++r) base += w[r] - lambda[r];
  };
  for (int it = 0; it < max_iterations; ++it) {
    out.iterations = it + 1;
    if (it % 32 == 0) recompute();
    double value = base;
    SolveRelaxation(limit, c, order, x);
    value += x.value;
    if (value < out.upper_bound) {
      out.upper_bound = value;
      best_lambda = lambda;
      stalled = 0;
    } else if (++stalled >= 5) {
      theta /= 2;
      stalled = 0;
    }

    // The relaxation's whole sites are a feasible choice: a Lagrangian heuristic for free.
    double covered = 0;
    for (int j : x.sites) {
      for (uint32_t r : m.RowsOf(j)) {
        cover[r] += 1;
        if (!mark[r]) {
          mark[r] = 1;
          covered += w[r];
        }
      }
    }
    if (x.fractional_site >= 0) {
      for (uint32_t r : m.RowsOf(x.fractional_site)) cover[r] += x.fraction;
    }
    if (covered > out.best_weight) {
      out.best_weight = covered;
      out.best_choice = x.sites;
    }
    out.upper_bound = std::max(out.upper_bound, out.best_weight);

    if (progress && std::chrono::steady_clock::now() - last_report > std::chrono::seconds(2)) {
      last_report = std::chrono::steady_clock::now();
      progress(fmt::format("bound iteration {}: upper bound {:.1f}, best {:.1f}", it + 1, out.upper_bound,
                           out.best_weight));
    }
    const double gap = out.upper_bound - out.best_weight;
    if (gap <= target_gap * std::max(out.best_weight, 1e-300) || theta < 1e-4 || deadline.Passed()) break;

    // Projected subgradient of L at λ: ∂L/∂λ_r = cover_r − 1. The step is scaled by w_r (a
    // diagonal metric): λ_r/w_r lives in [0, 1] whatever the row's weight, and heavy merged rows
    // move as fast, relatively, as light ones.
    double norm2 = 0;
    for (std::size_t r = 0; r < rows; ++r) {
      double g = cover[r] - 1.0;
      if ((lambda[r] <= 0 && g > 0) || (lambda[r] >= w[r] && g < 0)) g = 0;
      cover[r] = g;
      norm2 += w[r] * g * g;
    }
    if (norm2 <= 0) break;  // λ is a stationary point: L(λ) is the LP optimum
    const double step = theta * (value - out.best_weight) / norm2;
    for (std::size_t r = 0; r < rows; ++r) {
      if (cover[r] != 0) {
        const double next = std::clamp(lambda[r] - step * w[r] * cover[r], 0.0, w[r]);
        const double delta = next - lambda[r];
        if (delta != 0) {
          lambda[r] = next;
          base -= delta;
          for (uint32_t j : m.SitesOf(static_cast<int>(r))) c[j] += delta;
        }
      }
      cover[r] = 0;
      mark[r] = 0;
    }
  }
  if (!best_lambda.empty()) {
    // The reported bound is L at the best multipliers, evaluated afresh.
    lambda = std::move(best_lambda);
    recompute();
    SolveRelaxation(limit, c, order, x);
    out.upper_bound = std::max(base + x.value, out.best_weight);
  }
  return out;
}

}  // namespace yz
