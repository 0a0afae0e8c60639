// Core value code per call: opening hours, coordinate systems, distance. Fixed seeds, so runs
// compare. Inputs are drawn up front and cycled through, so the timing is of the call alone.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "core/crs.h"
#include "core/geo.h"
#include "core/opening_hours.h"

namespace yz {
namespace {

constexpr std::size_t kInputs = 4096;  // a power of two: index with a mask

std::vector<GeoPoint> ChinaPoints(uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> lat(18.0, 53.5);
  std::uniform_real_distribution<double> lng(73.5, 135.0);
  std::vector<GeoPoint> points;
  points.reserve(kInputs);
  for (std::size_t i = 0; i < kInputs; ++i) points.push_back({Latitude(lat(rng)), Longitude(lng(rng))});
  return points;
}

std::vector<LocalTime> Moments(uint32_t seed) {
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> weekday(0, 6);
  std::uniform_int_distribution<int> minute(0, 1439);
  std::vector<LocalTime> moments;
  moments.reserve(kInputs);
  for (std::size_t i = 0; i < kInputs; ++i) moments.push_back({weekday(rng), minute(rng), 0});
  return moments;
}

const char* const kTypicalHours[] = {
    "24/7",
    "Mo-Fr 08:00-18:00",
    "Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00; Su off",
    "Mo-Su 22:00-06:00; We off",
    "Mo,We-Fr 07:30-11:30,13:30-17:30; Sa,Su 09:00-16:00; Tu 10:00-12:00 off",
};

void BM_OpeningHoursIsOpen(benchmark::State& state) {
  const OpeningHours hours =
      OpeningHours::Parse("Mo-Fr 08:00-12:00,14:00-18:00; Sa 09:00-12:00; Su off").value();
  const std::vector<LocalTime> moments = Moments(1);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(hours.IsOpen(moments[i++ & (kInputs - 1)]));
  }
}
BENCHMARK(BM_OpeningHoursIsOpen);

void BM_OpeningHoursParse(benchmark::State& state) {
  const std::string text = kTypicalHours[state.range(0)];
  for (auto _ : state) {
    auto hours = OpeningHours::Parse(text);
    benchmark::DoNotOptimize(hours);
  }
  state.SetLabel(text);
}
BENCHMARK(BM_OpeningHoursParse)->DenseRange(0, std::size(kTypicalHours) - 1);

void BM_Wgs84ToGcj02(benchmark::State& state) {
  const std::vector<GeoPoint> points = ChinaPoints(2);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Wgs84ToGcj02(points[i++ & (kInputs - 1)]));
}
BENCHMARK(BM_Wgs84ToGcj02);

void BM_Gcj02ToWgs84(benchmark::State& state) {
  std::vector<GeoPoint> points = ChinaPoints(3);
  for (GeoPoint& p : points) p = Wgs84ToGcj02(p);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Gcj02ToWgs84(points[i++ & (kInputs - 1)]));
}
BENCHMARK(BM_Gcj02ToWgs84);

void BM_Gcj02ToBd09(benchmark::State& state) {
  const std::vector<GeoPoint> points = ChinaPoints(4);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(Gcj02ToBd09(points[i++ & (kInputs - 1)]));
}
BENCHMARK(BM_Gcj02ToBd09);

void BM_Bd09ToWgs84(benchmark::State& state) {
  std::vector<GeoPoint> points = ChinaPoints(5);
  for (GeoPoint& p : points) p = FromWgs84(p, Crs::kBd09);
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(ToWgs84(points[i++ & (kInputs - 1)], Crs::kBd09));
}
BENCHMARK(BM_Bd09ToWgs84);

void BM_DistanceMeters(benchmark::State& state) {
  const std::vector<GeoPoint> a = ChinaPoints(6);
  const std::vector<GeoPoint> b = ChinaPoints(7);
  std::size_t i = 0;
  for (auto _ : state) {
    const std::size_t k = i++ & (kInputs - 1);
    benchmark::DoNotOptimize(DistanceMeters(a[k], b[k]));
  }
}
BENCHMARK(BM_DistanceMeters);

}  // namespace
}  // namespace yz

BENCHMARK_MAIN();
