#include "planning_exact/exact_models.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <string>

#include <Cbc_C_Interface.h>

namespace yz {
namespace {

constexpr double kInfinity = 1e30;

struct ModelDeleter {
  void operator()(Cbc_Model* m) const { Cbc_deleteModel(m); }
};
using CbcPtr = std::unique_ptr<Cbc_Model, ModelDeleter>;

// Column-major matrix being assembled.
struct Columns {
  std::vector<CoinBigIndex> start{0};
  std::vector<int> index;
  std::vector<double> value;
  std::vector<double> lower, upper, objective;
  void Add(double lo, double hi, double obj) {
    lower.push_back(lo);
    upper.push_back(hi);
    objective.push_back(obj);
    start.push_back(static_cast<CoinBigIndex>(index.size()));
  }
  void Entry(int row, double v) {
    index.push_back(row);
    value.push_back(v);
  }
};

CbcPtr NewModel(const Columns& cols, const std::vector<double>& row_lo, const std::vector<double>& row_hi,
                int integer_columns, const ExactOptions& options) {
  CbcPtr model(Cbc_newModel());
  const int n = static_cast<int>(cols.lower.size());
  Cbc_loadProblem(model.get(), n, static_cast<int>(row_lo.size()), cols.start.data(), cols.index.data(),
                  cols.value.data(), cols.lower.data(), cols.upper.data(), cols.objective.data(), row_lo.data(),
                  row_hi.data());
  for (int j = 0; j < integer_columns; ++j) Cbc_setInteger(model.get(), j);
  Cbc_setLogLevel(model.get(), 0);
  Cbc_setMaximumSeconds(model.get(), std::max(0.01, options.seconds));
  Cbc_setAllowableGap(model.get(), 1e-7);
  Cbc_setParameter(model.get(), "ratioGap", "0");
  if (!options.start.empty()) {
    std::vector<int> idx(static_cast<std::size_t>(integer_columns));
    std::vector<double> val(static_cast<std::size_t>(integer_columns), 0.0);
    for (int j = 0; j < integer_columns; ++j) idx[j] = j;
    for (int j : options.start) val[j] = 1.0;
    Cbc_setMIPStartI(model.get(), integer_columns, idx.data(), val.data());
  }
  return model;
}

double Since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::vector<int> ChosenSites(Cbc_Model* model, int site_count) {
  std::vector<int> sites;
  const double* x = Cbc_bestSolution(model);
  if (!x) return sites;
  for (int j = 0; j < site_count; ++j) {
    if (x[j] > 0.5) sites.push_back(j);
  }
  return sites;
}

}  // namespace

Result<ExactMclpResult> SolveMclpExact(const CoverageModel& m, const SiteLimit& limit, const ExactOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ExactMclpResult out;
  const int rows = m.row_count();
  Columns cols;
  for (int j = 0; j < m.site_count; ++j) {
    for (uint32_t r : m.RowsOf(j)) cols.Entry(static_cast<int>(r), -1.0);
    const double coefficient = limit.IsBudget() ? limit.costs[j] : 1.0;
    if (coefficient != 0) cols.Entry(rows, coefficient);
    const bool affordable = !limit.IsBudget() || limit.costs[j] <= *limit.budget;
    cols.Add(0, affordable ? 1 : 0, 0);
  }
  for (int r = 0; r < rows; ++r) {
    cols.Entry(r, 1.0);
    cols.Add(0, 1, -m.row_weight[r]);  // CBC minimizes
  }
  std::vector<double> row_lo(rows + 1, -kInfinity), row_hi(rows + 1, 0.0);
  row_hi[rows] = limit.IsBudget() ? *limit.budget : static_cast<double>(limit.max_sites);
  CbcPtr model = NewModel(cols, row_lo, row_hi, m.site_count, options);
  cols = {};
  if (Cbc_solve(model.get()) != 0 && Cbc_isAbandoned(model.get())) {
    return Error::Internal("CBC abandoned the maximal covering program");
  }
  out.sites = ChosenSites(model.get(), m.site_count);
  out.new_weight = CoveredRowWeight(m, out.sites);
  out.optimal = Cbc_isProvenOptimal(model.get()) != 0;
  out.upper_bound = out.optimal ? out.new_weight : std::max(out.new_weight, -Cbc_getBestPossibleObjValue(model.get()));
  out.seconds = Since(started);
  return out;
}

Result<ExactLscpResult> SolveLscpExact(const CoverageModel& m, const ExactOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  ExactLscpResult out;
  if (m.row_count() == 0) {
    out.optimal = true;
    return out;
  }
  Columns cols;
  for (int j = 0; j < m.site_count; ++j) {
    for (uint32_t r : m.RowsOf(j)) cols.Entry(static_cast<int>(r), 1.0);
    cols.Add(0, 1, 1.0);
  }
  std::vector<double> row_lo(m.row_count(), 1.0), row_hi(m.row_count(), kInfinity);
  CbcPtr model = NewModel(cols, row_lo, row_hi, m.site_count, options);
  cols = {};
  if (Cbc_solve(model.get()) != 0 && Cbc_isAbandoned(model.get())) {
    return Error::Internal("CBC abandoned the set covering program");
  }
  out.sites = ChosenSites(model.get(), m.site_count);
  out.optimal = Cbc_isProvenOptimal(model.get()) != 0;
  const double bound = Cbc_getBestPossibleObjValue(model.get());
  out.lower_bound = out.optimal ? static_cast<int>(out.sites.size())
                                : std::max(0, static_cast<int>(std::ceil(bound - 1e-6)));
  if (!out.sites.empty()) out.lower_bound = std::min(out.lower_bound, static_cast<int>(out.sites.size()));
  out.seconds = Since(started);
  return out;
}

}  // namespace yz
