// Prometheus metrics of the server: requests by route and status, latency histograms by route,
// and gauges read at scrape time (check-in queue depth, snapshot size). Thread-safe.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace yz {

class Metrics {
 public:
  // Route labels are the route patterns; unknown routes are counted under "unmatched".
  void RecordRequest(const std::string& route, std::string_view method, int status,
                     std::chrono::nanoseconds latency);
  void CountCheckin(bool created);

  // A gauge whose value is read at scrape time; `read` must be thread-safe.
  void AddGauge(std::string name, std::string help, std::function<double()> read);

  // The Prometheus text exposition format (version 0.0.4).
  std::string Render() const;

 private:
  static constexpr std::array<double, 12> kBucketsSeconds{
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
  struct Histogram {
    std::array<uint64_t, kBucketsSeconds.size()> buckets{};
    uint64_t count = 0;
    double sum = 0;
  };
  struct Gauge {
    std::string name, help;
    std::function<double()> read;
  };

  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // route, method, status
  std::map<std::string, Histogram> latency_;                                // route
  std::atomic<uint64_t> checkins_created_{0};
  std::atomic<uint64_t> checkins_repeated_{0};
  std::vector<Gauge> gauges_;
};

}  // namespace yz
