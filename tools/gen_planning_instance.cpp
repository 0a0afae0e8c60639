// Writes a deterministic synthetic planning instance of one large city (see
// src/domain/planning/city_instance.h): demand.csv, candidates.csv and stations.csv in DIR.
//
//   gen-planning-instance --out DIR [--demand N] [--candidates M] [--stations K] [--seed S]
//
// Defaults: 1,000,000 demand points, 20,000 candidates, 0 stations, seed 20250701. The same
// arguments give byte-identical files.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "domain/planning/city_instance.h"

namespace {

bool Write(const std::filesystem::path& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  return static_cast<bool>(out.flush());
}

int Usage() {
  std::fprintf(stderr,
               "usage: gen-planning-instance --out DIR [--demand N] [--candidates M] [--stations K] [--seed S]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  yz::CityInstanceOptions options;
  std::string out_dir;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) return Usage();
    const char* value = argv[++i];
    char* end = nullptr;
    const unsigned long long n = std::strtoull(value, &end, 10);
    const bool numeric = end && *end == '\0' && *value != '\0';
    if (arg == "--out") out_dir = value;
    else if (arg == "--demand" && numeric) options.demand_points = n;
    else if (arg == "--candidates" && numeric) options.candidates = n;
    else if (arg == "--stations" && numeric) options.stations = n;
    else if (arg == "--seed" && numeric) options.seed = n;
    else return Usage();
  }
  if (out_dir.empty()) return Usage();
  std::filesystem::create_directories(out_dir);
  const yz::CityInstance city = yz::GenerateCityInstance(options);
  const std::filesystem::path dir(out_dir);
  if (!Write(dir / "demand.csv", yz::FormatDemandFile(city.demand)) ||
      !Write(dir / "candidates.csv", yz::FormatCandidateFile(city.candidates)) ||
      !Write(dir / "stations.csv", yz::FormatStationFileForInstance(city.stations))) {
    std::fprintf(stderr, "error: cannot write to %s\n", out_dir.c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote %zu demand points, %zu candidates, %zu stations to %s\n", city.demand.size(),
               city.candidates.size(), city.stations.size(), out_dir.c_str());
  return 0;
}
