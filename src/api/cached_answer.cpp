#include "api/cached_answer.h"

#include "api/api_response.h"
#include "core/gzip.h"

namespace yz {
namespace {

// If-None-Match holds `etag` (a list, or "*").
bool Matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.empty()) return false;
  if (if_none_match == "*") return true;
  std::size_t at = 0;
  while ((at = if_none_match.find(etag, at)) != std::string_view::npos) {
    const std::size_t end = at + etag.size();
    const bool starts = at == 0 || if_none_match[at - 1] == ' ' || if_none_match[at - 1] == ',';
    const bool ends =
        end == if_none_match.size() || if_none_match[end] == ',' || if_none_match[end] == ' ';
    if (starts && ends) return true;
    at = end;
  }
  return false;
}

HttpResponse Busy() {
  HttpResponse r = ErrorReply(Error::Unavailable(
      "服务器正忙，请稍后再试 / the server is busy with other large answers, try again shortly"));
  r.headers.emplace_back("Retry-After", "5");
  return r;
}

}  // namespace

HttpResponse CachedAnswer::Reply(const Answer& answer, const Waiter& waiter) {
  HttpResponse r;
  r.content_type = answer.content_type;
  r.headers.emplace_back("ETag", answer.etag);
  r.headers.emplace_back("Cache-Control", "public, max-age=60");
  r.headers.emplace_back("Vary", "Accept-Encoding");
  if (Matches(waiter.if_none_match, answer.etag)) {
    r.status = 304;
    return r;
  }
  if (waiter.gzip_ok) {
    r.shared_body = answer.gzip;
    r.headers.emplace_back("Content-Encoding", "gzip");
  } else {
    r.shared_body = answer.plain;
  }
  return r;
}

int CachedAnswer::builds() const {
  std::lock_guard lock(mu_);
  return builds_;
}

void CachedAnswer::Serve(const HttpRequest& request, const std::string& key, Build build,
                         HttpRespond respond) {
  Waiter waiter{AcceptsGzip(request.Header("accept-encoding")),
                std::string(request.Header("if-none-match")), std::move(respond)};
  std::shared_ptr<const Answer> hit;
  std::vector<Waiter> refused;
  {
    std::lock_guard lock(mu_);
    if (current_ && current_->key == key) {
      hit = current_;
    } else {
      Pending& pending = pending_[key];
      if (!pending.build) pending.build = std::move(build);
      pending.waiters.push_back(std::move(waiter));
      if (building_.empty()) refused = StartNextLocked();
    }
  }
  // Answers (copies of a large body) are made outside the lock.
  if (hit) waiter.respond(Reply(*hit, waiter));
  for (Waiter& w : refused) w.respond(Busy());
}

std::vector<CachedAnswer::Waiter> CachedAnswer::StartNextLocked() {
  // The newest key asked for: its request came last, so it is the most current.
  auto next = std::prev(pending_.end());
  building_ = next->first;
  std::string key = next->first;
  Build build = next->second.build;
  if (pool_.TrySubmit([this, key, build] { Run(key, build); })) return {};
  building_.clear();
  std::vector<Waiter> refused = std::move(next->second.waiters);
  pending_.erase(next);
  return refused;
}

void CachedAnswer::Run(const std::string& key, const Build& build) {
  std::shared_ptr<Answer> answer = std::make_shared<Answer>();
  try {
    Built built = build();
    answer->key = key;
    answer->etag = "W/\"" + key + "\"";
    answer->content_type = std::move(built.content_type);
    answer->gzip = std::make_shared<const std::string>(Gzip(built.body, 1));
    answer->plain = std::make_shared<const std::string>(std::move(built.body));
  } catch (...) {
    answer = nullptr;  // out of memory, say: this key's requests get 500, the next key builds
  }
  std::vector<Waiter> waiters, refused;
  {
    std::lock_guard lock(mu_);
    if (answer) {
      current_ = answer;
      ++builds_;
    }
    building_.clear();
    if (auto it = pending_.find(key); it != pending_.end()) {
      waiters = std::move(it->second.waiters);
      pending_.erase(it);
    }
    // Requests for an older key than the one just built take the newer answer.
    for (auto it = pending_.begin(); answer && it != pending_.end() && it->first < key;) {
      for (Waiter& w : it->second.waiters) waiters.push_back(std::move(w));
      it = pending_.erase(it);
    }
    if (!pending_.empty()) refused = StartNextLocked();
  }
  for (Waiter& w : waiters) {
    w.respond(answer ? Reply(*answer, w)
                     : ErrorReply(Error::Internal("构建失败 / the answer could not be built")));
  }
  for (Waiter& w : refused) w.respond(Busy());
}

}  // namespace yz
