// Site-selection benchmarks on generated city instances (src/domain/planning/city_instance.h),
// fixed seeds. Not part of the test run.
//
//   build/h-plan/bench/planning_bench --large [--runs 3]
//       1,000,000 demand points × 20,000 candidates × R = 500 m × p = 200: model build and
//       SolveMclp (greedy + exchanges + Lagrangian bound) times, certified gap. Medians of runs.
//   build/h-plan/bench/planning_bench --cbc [--runs 3] [--demand 50000] [--candidates 2000] [--p 100]
//       Per seed: the heuristic (SolveMclp) against building and solving the integer program with
//       CBC (SolveMclpExact, no start solution) on the same coverage model: objective ratio and
//       speed ratio; medians over seeds 1..runs.
//
// bench/planning_bench.sh runs these and the end-to-end command line under /usr/bin/time -v.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "domain/planning/city_instance.h"
#include "domain/planning/coverage_model.h"
#include "domain/planning/mclp.h"
#include "planning_exact/exact_models.h"

namespace yz {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

CoverageModel ModelOf(const CityInstance& city, double radius_m, int threads) {
  std::vector<GeoPoint> sites;
  for (const auto& c : city.candidates) sites.push_back(c.location);
  return BuildCoverageModel(city.demand, sites, {}, radius_m, threads);
}

int Large(int runs, double seconds) {
  CityInstanceOptions o;
  o.demand_points = 1'000'000;
  o.candidates = 20'000;
  const CityInstance city = GenerateCityInstance(o);
  std::vector<double> build_s, solve_s, gaps;
  for (int run = 0; run < runs; ++run) {
    const double t0 = Now();
    const CoverageModel m = ModelOf(city, 500, 2);
    const double t1 = Now();
    MclpOptions mo;
    mo.limit.max_sites = 200;
    mo.seconds = seconds;
    const MclpSolution s = SolveMclp(m, mo);
    const double t2 = Now();
    build_s.push_back(t1 - t0);
    solve_s.push_back(t2 - t1);
    gaps.push_back(s.Gap());
    std::printf("run %d: rows %d nonzeros %zu | build %.2f s | solve %.2f s | greedy %.0f final %.0f bound %.0f "
                "gap %.3f%% (%d exchange moves, %d bound iterations)\n",
                run + 1, m.row_count(), m.site_rows.size(), t1 - t0, t2 - t1, s.greedy_weight, s.new_weight,
                s.upper_bound, 100 * s.Gap(), s.exchange_moves, s.bound_iterations);
  }
  std::printf("large: median build %.2f s, median solve %.2f s, median gap %.3f%%\n", Median(build_s), Median(solve_s),
              100 * Median(gaps));
  return 0;
}

int VersusCbc(int runs, std::size_t demand, std::size_t candidates, int p, double seconds) {
  std::vector<double> ratios, speedups, heuristic_s, cbc_s;
  for (int seed = 1; seed <= runs; ++seed) {
    CityInstanceOptions o;
    o.demand_points = demand;
    o.candidates = candidates;
    o.seed = static_cast<uint64_t>(seed);
    o.radius_km = 12;  // a smaller city for the smaller instance, with the same density profile
    const CityInstance city = GenerateCityInstance(o);
    const CoverageModel m = ModelOf(city, 500, 1);
    MclpOptions mo;
    mo.limit.max_sites = p;
    mo.seconds = seconds;
    const double t0 = Now();
    const MclpSolution h = SolveMclp(m, mo);
    const double t1 = Now();
    ExactOptions eo;
    eo.seconds = 3600;
    auto exact = SolveMclpExact(m, mo.limit, eo);
    const double t2 = Now();
    if (!exact) {
      std::fprintf(stderr, "CBC failed: %s\n", exact.error().message.c_str());
      return 1;
    }
    const double ratio = exact->new_weight > 0 ? h.new_weight / exact->new_weight : 1.0;
    ratios.push_back(ratio);
    speedups.push_back((t2 - t1) / (t1 - t0));
    heuristic_s.push_back(t1 - t0);
    cbc_s.push_back(t2 - t1);
    std::printf("seed %d: rows %d | heuristic %.0f in %.3f s (greedy %.0f, gap %.3f%%) | CBC %.0f in %.1f s (%s) | "
                "ratio %.5f speed-up %.0fx\n",
                seed, m.row_count(), h.new_weight, t1 - t0, h.greedy_weight, 100 * h.Gap(), exact->new_weight, t2 - t1,
                exact->optimal ? "optimal" : "NOT optimal", ratio, (t2 - t1) / (t1 - t0));
  }
  std::printf("vs CBC: median objective ratio %.5f, median speed-up %.0fx (heuristic %.3f s, CBC %.1f s)\n",
              Median(ratios), Median(speedups), Median(heuristic_s), Median(cbc_s));
  return 0;
}

}  // namespace
}  // namespace yz

int main(int argc, char** argv) {
  bool large = false, cbc = false;
  int runs = 3, p = 100;
  std::size_t demand = 50'000, candidates = 2'000;
  double seconds = 20;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto next = [&] { return i + 1 < argc ? argv[++i] : "0"; };
    if (a == "--large") large = true;
    else if (a == "--cbc") cbc = true;
    else if (a == "--runs") runs = std::atoi(next());
    else if (a == "--demand") demand = std::strtoull(next(), nullptr, 10);
    else if (a == "--candidates") candidates = std::strtoull(next(), nullptr, 10);
    else if (a == "--p") p = std::atoi(next());
    else if (a == "--seconds") seconds = std::atof(next());
    else {
      std::fprintf(stderr, "usage: planning_bench --large | --cbc [--runs N] [--demand N] [--candidates M] [--p P] [--seconds S]\n");
      return 2;
    }
  }
  if (!large && !cbc) large = cbc = true;
  int status = 0;
  if (cbc) status |= yz::VersusCbc(runs, demand, candidates, p, seconds);
  if (large) status |= yz::Large(runs, seconds);
  return status;
}
