// A heavy public answer (the national GeoJSON: 99 MB and seconds to build at 200,000 stations)
// built once per key and shared by every request for that key, with its gzip, on the heavy-work
// pool instead of an I/O thread:
//   - a request whose key matches the built answer gets it at once (304 when its If-None-Match
//     names the answer's ETag; the gzip form when the client accepts it);
//   - otherwise it waits for that key's build, which the first such request starts; one build
//     runs at a time, and requests for a key already being built join it (single flight);
//   - when the pool's queue is full the request gets 503 unavailable with Retry-After.
// The key says what the answer depends on (for the GeoJSON: the registry generation, the
// ratings' version and the minute, because of `open_now`).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/work_pool.h"
#include "http/handler.h"

namespace yz {

class CachedAnswer {
 public:
  struct Built {
    std::string content_type;
    std::string body;
  };
  using Build = std::function<Built()>;

  // REQUIRES: `pool` outlives this object.
  explicit CachedAnswer(WorkPool& pool) : pool_(pool) {}

  void Serve(const HttpRequest& request, const std::string& key, Build build, HttpRespond respond);

  // Builds done so far (for tests and the benchmark).
  int builds() const;

 private:
  struct Answer {
    std::string key, etag, content_type;
    // Shared with every response that sends them: never copied per request.
    std::shared_ptr<const std::string> plain, gzip;
  };
  struct Waiter {
    bool gzip_ok = false;
    std::string if_none_match;
    HttpRespond respond;
  };
  struct Pending {
    Build build;
    std::vector<Waiter> waiters;
  };

  static HttpResponse Reply(const Answer& answer, const Waiter& waiter);
  // REQUIRES: mu_ held, nothing building, pending_ not empty. Submits the build of some pending
  // key; when the pool refuses, answers that key's waiters 503 (after the lock is released:
  // returned) and tries no further.
  std::vector<Waiter> StartNextLocked();
  void Run(const std::string& key, const Build& build);

  WorkPool& pool_;
  mutable std::mutex mu_;
  std::shared_ptr<const Answer> current_;
  std::map<std::string, Pending> pending_;  // keys waiting for a build, with their requests
  std::string building_;                    // the key being built; empty when none
  int builds_ = 0;
};

}  // namespace yz
