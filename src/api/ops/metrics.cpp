#include "api/ops/metrics.h"

#include <fmt/format.h>

namespace yz {

void Metrics::RecordRequest(const std::string& route, std::string_view method, int status,
                            std::chrono::nanoseconds latency) {
  const double seconds = std::chrono::duration<double>(latency).count();
  std::lock_guard lock(mutex_);
  ++requests_[{route, std::string(method), status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) {
      ++h.buckets[i];
      break;
    }
  }
  ++h.count;
  h.sum += seconds;
}

void Metrics::CountCheckin(bool created) { (created ? checkins_created_ : checkins_repeated_)++; }

void Metrics::AddGauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::Render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  out += "# HELP yizhan_http_requests_total HTTP requests by route, method and status.\n";
  out += "# TYPE yizhan_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out += fmt::format("yizhan_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n", route,
                       method, status, count);
  }
  out += "# HELP yizhan_http_request_duration_seconds Time from request to response, by route.\n";
  out += "# TYPE yizhan_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    uint64_t cumulative = 0;
    for (std::size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      cumulative += h.buckets[i];
      out += fmt::format("yizhan_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                         kBucketsSeconds[i], cumulative);
    }
    out += fmt::format("yizhan_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route, h.count);
    out += fmt::format("yizhan_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("yizhan_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, h.count);
  }
  out += "# HELP yizhan_checkins_total Check-ins answered, by outcome.\n# TYPE yizhan_checkins_total counter\n";
  out += fmt::format("yizhan_checkins_total{{outcome=\"created\"}} {}\n", checkins_created_.load());
  out += fmt::format("yizhan_checkins_total{{outcome=\"repeated\"}} {}\n", checkins_repeated_.load());
  for (const Gauge& g : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, g.read());
  }
  return out;
}

}  // namespace yz
