// Site-selection benchmarks on generated city instances (src/domain/planning/city_instance.h),
// fixed seeds. Not part of the test run.
//
//   build/h-plan/bench/planning_bench --large [--runs 3] [--seed 1]
//       1,000,000 demand points × 20,000 candidates × R = 500 m × p = 200: model build and
//       SolveMclp (greedy + searches + Lagrangian bound) times, certified gap. Medians of runs;
//       run r searches with seed seed + r − 1 (one seed's search says little, see --search).
//   build/h-plan/bench/planning_bench --search [--runs 6] [--seconds 20] [--seed 1]
//       The large city's search alone from greedy (no bound) as SolveMclp runs it (the iterated
//       search, then annealing), one seed per run, two runs at a time: median, mean, min and max
//       of what it reaches, to compare variants. --iterated-only: the iterated search alone;
//       --densest-start: from the p sites that cover the most on their own instead of greedy;
//       --start-temperature, --end-temperature, --far-share, --polish-share: AnnealingOptions.
//   build/h-plan/bench/planning_bench --relaxation-start SWEEPS [--runs 6] [--seconds 10]
//       The bound's descent for SWEEPS sweeps, then the same searches from the relaxation's
//       choice there (the p sites of largest c_j) instead of greedy's.
//   build/h-plan/bench/planning_bench --cbc [--runs 3] [--demand 50000] [--candidates 2000] [--p 100]
//                                       [--cbc-seconds 3600] [--thin]
//       Per seed: the heuristic (SolveMclp) against building and solving the integer program with
//       CBC (SolveMclpExact, no start solution) on the same coverage model: objective ratio and
//       speed ratio; medians over seeds 1..runs. The city is CitySizedLike (the large city's
//       density); --thin: the large city's whole skeleton in 12 km (the first benchmark's).
//   build/h-plan/bench/planning_bench --heuristic [same options] [--stale N]
//       The heuristic alone on those cities (for tuning against CBC figures already known).
//   --city-seed S draws another large city (default 20250701, the benchmark's) for --large,
//   --search and --relaxation-start: a change to the search should help on more than one city.
//   Every mode: --seed S (default 1) seeds the search; --bound-iterations N caps the bound's sweeps
//   (its smoothing planned for that many); --target-gap G stops the search once its bound certifies gap G; --verbose prints
//   the solver's progress (greedy, new best choices, the bound's sweeps) with seconds since start.
//   build/h-plan/bench/planning_bench --lp [--runs 3] [--demand 50000] [--candidates 2000] [--p 100]
//       Per seed: the LP relaxation solved by CBC's LP solver (CLP) against the heuristic's choice
//       and bound: how much of the certified gap is the relaxation's own (no Lagrangian bound
//       goes below the LP value) and how close the bound's descent gets to it.
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
#include "domain/planning/mclp_bound.h"
#include "domain/planning/mclp_greedy.h"
#include "domain/planning/mclp_annealing.h"
#include "domain/planning/mclp_local_search.h"
#include "planning_exact/exact_models.h"

#include <Cbc_C_Interface.h>
#include <memory>
#include <thread>

namespace yz {
namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

// What the solver is asked, shared by every mode: sites to choose, time, and the optional
// overrides of the search's stopping rules (0: SolveMclp's defaults).
struct SolverSettings {
  int p = 100;
  double seconds = 20;
  int max_stale = 0;
  double target_gap = 0;
  bool verbose = false;  // the solver's progress lines on standard error, with seconds since the start
  uint64_t city_seed = CityInstanceOptions{}.seed;  // the large city drawn (--large, --search, --relaxation-start)
  int bound_iterations = 0;  // most sweeps of the bound's descent (0: SolveMclp's default)
  uint64_t seed = 1;         // the search's seed
  bool iterated_only = false;  // --search: the iterated search alone, as before annealing
  AnnealingOptions annealing;

  MclpOptions Options() const {
    MclpOptions mo;
    if (verbose) {
      const double start = Now();
      mo.progress = [start](std::string_view line) {
        std::fprintf(stderr, "[%.3f s] %.*s\n", Now() - start, static_cast<int>(line.size()), line.data());
      };
    }
    mo.limit.max_sites = p;
    mo.seconds = seconds;
    if (max_stale > 0) mo.max_stale = max_stale;
    if (target_gap > 0) mo.target_gap = target_gap;
    if (bound_iterations > 0) mo.bound_iterations = bound_iterations;
    mo.seed = seed;
    return mo;
  }
};

// The large city: 1,000,000 workers, 20,000 candidates, drawn with `city_seed`.
CityInstance LargeCity(uint64_t city_seed) {
  CityInstanceOptions o;
  o.demand_points = 1'000'000;
  o.candidates = 20'000;
  o.seed = city_seed;
  return GenerateCityInstance(o);
}

int Large(int runs, SolverSettings settings) {
  settings.p = 200;
  const CityInstance city = LargeCity(settings.city_seed);
  std::vector<double> build_s, solve_s, gaps;
  for (int run = 0; run < runs; ++run) {
    const double t0 = Now();
    const CoverageModel m = CandidateCoverageModel(city, 500, 2);
    const double t1 = Now();
    SolverSettings seeded = settings;
    seeded.seed = settings.seed + static_cast<uint64_t>(run);  // searches of different seeds end far apart
    const MclpSolution s = SolveMclp(m, seeded.Options());
    const double t2 = Now();
    build_s.push_back(t1 - t0);
    solve_s.push_back(t2 - t1);
    gaps.push_back(s.Gap());
    std::printf("run %d (seed %llu): rows %d nonzeros %zu | build %.2f s | solve %.2f s | greedy %.0f final %.0f bound %.0f "
                "gap %.3f%% (%d exchange moves, %d perturbations, %d bound sweeps; LP relaxation >= %.0f)\n",
                run + 1, static_cast<unsigned long long>(seeded.seed), m.row_count(), m.site_rows.size(), t1 - t0, t2 - t1, s.greedy_weight, s.new_weight,
                s.upper_bound, 100 * s.Gap(), s.exchange_moves, s.restarts, s.bound_iterations, s.relaxation_lower);
  }
  std::printf("large: median build %.2f s, median solve %.2f s, median gap %.3f%%\n", Median(build_s), Median(solve_s),
              100 * Median(gaps));
  return 0;
}

// The large city's coverage model (R = 500 m), as --large builds it.
CoverageModel LargeCityModel(uint64_t city_seed) { return CandidateCoverageModel(LargeCity(city_seed), 500, 2); }

// The iterated search alone (no bound) on the large city from `start`, for `seconds`, with seeds
// settings.seed .. settings.seed + runs − 1, two seeds at a time (one per core), and the spread
// of what they reach. One seed's run says little: on the large city, searches that differ only
// in their seed end thousands apart (ADR 0005), so variants are compared over several.
int SearchSpread(const CoverageModel& m, const std::vector<int>& start, int runs, const SolverSettings& settings,
                 const char* label) {
  SiteLimit limit;
  limit.max_sites = settings.p;
  std::vector<double> found(runs);
  std::vector<int> perturbations(runs);
  std::vector<int64_t> annealing_steps(runs);
  auto run = [&](int index) {
    std::vector<int> sites = start;
    IteratedSearchOptions io;
    io.max_stale = settings.max_stale > 0 ? settings.max_stale : 1'000'000;
    io.accept_worse = MclpOptions{}.accept_worse;
    const LocalSearchStats st =
        settings.iterated_only
            ? IteratedLocalSearch(m, limit, sites, settings.seed + index, Deadline(settings.seconds), io)
            : SearchMaximalCover(m, limit, sites, settings.seed + index, Deadline(settings.seconds), io,
                                 settings.annealing);
    perturbations[index] = st.restarts;
    annealing_steps[index] = st.annealing_steps;
    found[index] = CoveredRowWeight(m, sites);
  };
  for (int i = 0; i < runs; i += 2) {
    std::thread second;
    if (i + 1 < runs) second = std::thread(run, i + 1);
    run(i);
    if (second.joinable()) second.join();
  }
  double mean = 0;
  for (int i = 0; i < runs; ++i) {
    std::printf("seed %llu: %.0f (%d perturbations, %lld annealing steps)\n",
                static_cast<unsigned long long>(settings.seed + i), found[i], perturbations[i],
                static_cast<long long>(annealing_steps[i]));
    mean += found[i] / runs;
  }
  std::printf("%s, %.0f s, %d seeds: median %.0f mean %.0f min %.0f max %.0f\n", label, settings.seconds, runs,
              Median(found), mean, *std::min_element(found.begin(), found.end()),
              *std::max_element(found.begin(), found.end()));
  return 0;
}

// --search: from the greedy choice, as SolveMclp's search starts; with `densest`, from the p
// sites that cover the most on their own (all piled up in the densest district) instead.
int SearchOnly(int runs, SolverSettings settings, bool densest) {
  settings.p = 200;
  const CoverageModel m = LargeCityModel(settings.city_seed);
  SiteLimit limit;
  limit.max_sites = settings.p;
  if (!densest) return SearchSpread(m, GreedyMaximalCover(m, limit), runs, settings, "search from greedy");
  std::vector<double> own(m.site_count, 0.0);
  for (int j = 0; j < m.site_count; ++j) {
    for (uint32_t r : m.RowsOf(j)) own[j] += m.row_weight[r];
  }
  std::vector<int> order(m.site_count);
  for (int j = 0; j < m.site_count; ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return own[a] > own[b]; });
  order.resize(static_cast<std::size_t>(settings.p));
  return SearchSpread(m, order, runs, settings, "search from the densest sites");
}

// --relaxation-start SWEEPS: the bound's descent for SWEEPS sweeps (its smoothing planned for
// that many), then the search from the relaxation's choice there (the p sites of largest c_j).
int SearchFromRelaxation(int runs, SolverSettings settings, int sweeps) {
  settings.p = 200;
  const CoverageModel m = LargeCityModel(settings.city_seed);
  SiteLimit limit;
  limit.max_sites = settings.p;
  const double t0 = Now();
  const MclpBound bound = MclpUpperBound(m, limit, GreedyMaximalCover(m, limit), Deadline(600), sweeps);
  std::vector<int> order(m.site_count);
  for (int j = 0; j < m.site_count; ++j) order[j] = j;
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return bound.site_value[a] > bound.site_value[b]; });
  order.resize(static_cast<std::size_t>(settings.p));
  std::printf("bound %.0f after %d sweeps in %.1f s; the relaxation's choice covers %.0f\n", bound.upper_bound,
              bound.iterations, Now() - t0, CoveredRowWeight(m, order));
  return SearchSpread(m, order, runs, settings, "search from the relaxation's choice");
}

// The smaller cities of --cbc and --lp. `thin` (the first benchmark's): the large city's whole
// skeleton of hot spots in a 12 km radius with a twentieth of its workers, so each crossroad has
// a handful of riders and demand is nearly even. `dense` (the default): a city of that many
// workers with the large city's workers per hot spot and per km² (CitySizedLike).
struct SmallCityShape {
  std::size_t demand = 50'000, candidates = 2'000;
  bool thin = false;
};

CityInstanceOptions SmallCity(const SmallCityShape& shape, uint64_t seed) {
  CityInstanceOptions o = CitySizedLike(shape.demand, shape.candidates, seed);
  if (shape.thin) {
    o.hot_spot_scale = 1;
    o.radius_km = 12;
  }
  return o;
}

// The coverage model (R = 500 m) of the small city of `shape` drawn with `seed`.
CoverageModel SmallCityModel(const SmallCityShape& shape, int seed) {
  return CandidateCoverageModel(GenerateCityInstance(SmallCity(shape, static_cast<uint64_t>(seed))), 500, 1);
}

struct CbcDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};

// max Σ w_r y_r s.t. y_r <= Σ_{j covers r} x_j, Σ x_j <= p, 0 <= x, y <= 1.
double LpRelaxation(const CoverageModel& m, int p) {
  const int rows = m.row_count();
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value, lower, upper, objective;
  auto column = [&](double lo, double hi, double obj) {
    start.push_back(static_cast<CoinBigIndex>(index.size()));
    lower.push_back(lo);
    upper.push_back(hi);
    objective.push_back(obj);
  };
  for (int j = 0; j < m.site_count; ++j) {
    for (uint32_t r : m.RowsOf(j)) {
      index.push_back(static_cast<int>(r));
      value.push_back(-1);
    }
    index.push_back(rows);
    value.push_back(1);
    column(0, 1, 0);
  }
  for (int r = 0; r < rows; ++r) {
    index.push_back(r);
    value.push_back(1);
    column(0, 1, -m.row_weight[r]);
  }
  std::vector<double> row_lo(rows + 1, -1e30), row_hi(rows + 1, 0.0);
  row_hi[rows] = p;
  std::unique_ptr<Cbc_Model, CbcDeleter> model(Cbc_newModel());
  Cbc_loadProblem(model.get(), static_cast<int>(lower.size()), rows + 1, start.data(), index.data(), value.data(),
                  lower.data(), upper.data(), objective.data(), row_lo.data(), row_hi.data());
  Cbc_setLogLevel(model.get(), 0);
  Cbc_solve(model.get());
  return -Cbc_getObjValue(model.get());
}

int VersusLp(int runs, const SmallCityShape& shape, const SolverSettings& settings) {
  for (int seed = 1; seed <= runs; ++seed) {
    const CoverageModel m = SmallCityModel(shape, seed);
    const MclpOptions mo = settings.Options();
    const double t0 = Now();
    const MclpSolution h = SolveMclp(m, mo);
    const double t1 = Now();
    const double lp = LpRelaxation(m, settings.p);
    const double t2 = Now();
    std::printf("seed %d: heuristic %.1f (greedy %.1f) bound %.1f in %.2f s | LP %.1f in %.1f s | LP above heuristic "
                "%.3f%%, bound above LP %.3f%%, descent's fractional choice %.1f\n",
                seed, h.new_weight, h.greedy_weight, h.upper_bound, t1 - t0, lp, t2 - t1, 100 * (lp / h.new_weight - 1),
                100 * (h.upper_bound / lp - 1), h.relaxation_lower);
  }
  return 0;
}

// Per seed: the heuristic alone on the smaller city (for tuning against known CBC figures).
int HeuristicOnly(int runs, const SmallCityShape& shape, const SolverSettings& settings) {
  for (int seed = 1; seed <= runs; ++seed) {
    const CoverageModel m = SmallCityModel(shape, seed);
    const double t0 = Now();
    const MclpSolution h = SolveMclp(m, settings.Options());
    const double t1 = Now();
    std::printf("seed %d: rows %d | heuristic %.1f in %.3f s (greedy %.1f, bound %.1f, gap %.3f%%, %d perturbations)\n",
                seed, m.row_count(), h.new_weight, t1 - t0, h.greedy_weight, h.upper_bound, 100 * h.Gap(), h.restarts);
  }
  return 0;
}

int VersusCbc(int runs, const SmallCityShape& shape, const SolverSettings& settings, double cbc_seconds) {
  std::vector<double> ratios, speedups, heuristic_s, cbc_s;
  for (int seed = 1; seed <= runs; ++seed) {
    const CoverageModel m = SmallCityModel(shape, seed);
    const MclpOptions mo = settings.Options();
    const double t0 = Now();
    const MclpSolution h = SolveMclp(m, mo);
    const double t1 = Now();
    ExactOptions eo;
    eo.seconds = cbc_seconds;
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
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // one line per seed, even into a file (CBC runs take minutes)
  bool large = false, cbc = false, lp = false, heuristic = false, search = false;
  int relaxation_sweeps = 0;
  bool densest_start = false;
  int runs = 3;
  yz::SmallCityShape shape;
  yz::SolverSettings settings;
  double cbc_seconds = 3600;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    auto next = [&] { return i + 1 < argc ? argv[++i] : "0"; };
    if (a == "--large") large = true;
    else if (a == "--cbc") cbc = true;
    else if (a == "--lp") lp = true;
    else if (a == "--heuristic") heuristic = true;
    else if (a == "--search") search = true;
    else if (a == "--densest-start") densest_start = true;
    else if (a == "--iterated-only") settings.iterated_only = true;
    else if (a == "--start-temperature") settings.annealing.start_share = std::atof(next());
    else if (a == "--end-temperature") settings.annealing.end_share = std::atof(next());
    else if (a == "--far-share") settings.annealing.far_share = std::atof(next());
    else if (a == "--polish-share") settings.annealing.polish_share = std::atof(next());
    else if (a == "--relaxation-start") relaxation_sweeps = std::atoi(next());
    else if (a == "--stale") settings.max_stale = std::atoi(next());
    else if (a == "--runs") runs = std::atoi(next());
    else if (a == "--demand") shape.demand = std::strtoull(next(), nullptr, 10);
    else if (a == "--candidates") shape.candidates = std::strtoull(next(), nullptr, 10);
    else if (a == "--thin") shape.thin = true;
    else if (a == "--cbc-seconds") cbc_seconds = std::atof(next());
    else if (a == "--p") settings.p = std::atoi(next());
    else if (a == "--seconds") settings.seconds = std::atof(next());
    else if (a == "--target-gap") settings.target_gap = std::atof(next());
    else if (a == "--verbose") settings.verbose = true;
    else if (a == "--bound-iterations") settings.bound_iterations = std::atoi(next());
    else if (a == "--seed") settings.seed = std::strtoull(next(), nullptr, 10);
    else if (a == "--city-seed") settings.city_seed = std::strtoull(next(), nullptr, 10);
    else {
      std::fprintf(stderr,
                   "usage: planning_bench --large | --cbc | --lp | --heuristic | --search [--iterated-only] [--densest-start] "
                   "[--start-temperature S] [--end-temperature S] [--far-share S] [--polish-share S] | --relaxation-start SWEEPS [--runs N] [--demand N] [--candidates M] [--p P] "
                   "[--thin] [--seconds S] [--stale N] [--cbc-seconds S] [--target-gap G] [--bound-iterations N] [--seed S] [--city-seed S] [--verbose]\n");
      return 2;
    }
  }
  if (!large && !cbc && !lp && !heuristic && !search && !relaxation_sweeps) large = cbc = true;
  int status = 0;
  if (heuristic) status |= yz::HeuristicOnly(runs, shape, settings);
  if (lp) status |= yz::VersusLp(runs, shape, settings);
  if (cbc) status |= yz::VersusCbc(runs, shape, settings, cbc_seconds);
  if (large) status |= yz::Large(runs, settings);
  if (search) status |= yz::SearchOnly(runs, settings, densest_start);
  if (relaxation_sweeps > 0) status |= yz::SearchFromRelaxation(runs, settings, relaxation_sweeps);
  return status;
}
