#include "domain/stations/station_catalog.h"

#include <algorithm>
#include <iterator>
#include <string>

namespace yz {
namespace {

// The order of a snapshot's answer.
bool Closer(const StationHit& a, const StationHit& b) {
  if (a.distance_m != b.distance_m) return a.distance_m < b.distance_m;
  return a.station->code < b.station->code;
}

}  // namespace

StationCatalog::NotOpen::NotOpen(std::vector<Station> all) : stations(std::move(all)) {
  by_code.reserve(stations.size());
  in_code_order.reserve(stations.size());
  for (const Station& s : stations) {
    by_code.emplace(s.code, &s);
    in_code_order.push_back(&s);
  }
  std::sort(in_code_order.begin(), in_code_order.end(),
            [](const Station* a, const Station* b) { return a->code < b->code; });
}

StationCatalog::StationCatalog(std::shared_ptr<const StationSnapshot> open,
                               std::vector<Station> not_open)
    : base_open_(std::move(open)),
      base_not_open_(std::make_shared<const NotOpen>(std::move(not_open))) {}

std::shared_ptr<StationCatalog> StationCatalog::Patched(const StationCatalog& before,
                                                        std::vector<Station> changed) {
  std::unordered_set<std::string> changed_codes;
  for (const Station& s : changed) changed_codes.insert(s.code);
  std::vector<Station> open;
  std::vector<Station> not_open;
  const auto place = [&](Station s) {
    (s.status == StationStatus::kOpen ? open : not_open).push_back(std::move(s));
  };
  if (before.patch_) {
    for (const Station* s : before.patch_->in_code_order) {
      if (!changed_codes.contains(s->code)) place(*s);
    }
  }
  for (Station& s : changed) place(std::move(s));

  auto patch = std::make_shared<Patch>();
  patch->open = StationSnapshot::Build(std::move(open));
  patch->not_open = std::make_shared<const NotOpen>(std::move(not_open));
  const auto note = [&](const Station& s) {
    patch->in_code_order.push_back(&s);
    if (before.base_open_->FindByCode(s.code) != nullptr) {
      patch->hidden.insert(s.code);
      ++patch->hidden_open;
    } else if (before.base_not_open_->by_code.contains(s.code)) {
      patch->hidden.insert(s.code);
    }
  };
  for (const Station& s : patch->open->stations()) note(s);
  for (const Station& s : patch->not_open->stations) note(s);
  std::sort(patch->in_code_order.begin(), patch->in_code_order.end(),
            [](const Station* a, const Station* b) { return a->code < b->code; });

  auto after = std::shared_ptr<StationCatalog>(new StationCatalog());
  after->base_open_ = before.base_open_;
  after->base_not_open_ = before.base_not_open_;
  after->patch_ = std::move(patch);
  after->generation_ = before.generation_;
  return after;
}

const Station* StationCatalog::Find(std::string_view code) const {
  // A patched code is answered by the patch; a hidden base copy is always a patched code.
  if (patch_) {
    if (const Station* s = patch_->open->FindByCode(code)) return s;
    if (const auto it = patch_->not_open->by_code.find(code); it != patch_->not_open->by_code.end())
      return it->second;
  }
  if (const Station* s = base_open_->FindByCode(code)) return s;
  const auto it = base_not_open_->by_code.find(code);
  return it == base_not_open_->by_code.end() ? nullptr : it->second;
}

const Station* StationCatalog::FindOpen(std::string_view code) const {
  if (patch_) {
    if (const Station* s = patch_->open->FindByCode(code)) return s;
    if (patch_->not_open->by_code.contains(code)) return nullptr;
  }
  return base_open_->FindByCode(code);
}

Result<void> StationCatalog::Nearest(const SearchQuery& query, std::vector<StationHit>& out) const {
  if (!patch_) return base_open_->Nearest(query, out);
  // Asking for hidden_open more than the limit leaves at least `limit` current stations after the
  // hidden ones are dropped, unless the base has fewer: either way the base's nearest current ones.
  if (auto r = base_open_->Nearest(query, out, patch_->hidden_open); !r) return r;
  if (patch_->hidden_open > 0)
    std::erase_if(out,
                  [this](const StationHit& h) { return patch_->hidden.contains(h.station->code); });
  thread_local std::vector<StationHit> patched;
  thread_local std::vector<StationHit> merged;
  if (auto r = patch_->open->Nearest(query, patched); !r) return r;
  if (!patched.empty()) {
    merged.clear();
    std::merge(out.begin(), out.end(), patched.begin(), patched.end(), std::back_inserter(merged),
               Closer);
    out.assign(merged.begin(), merged.end());
  }
  if (out.size() > static_cast<std::size_t>(query.limit))
    out.resize(static_cast<std::size_t>(query.limit));
  return Ok();
}

Result<std::vector<StationHit>> StationCatalog::Nearest(const SearchQuery& query) const {
  std::vector<StationHit> hits;
  if (auto r = Nearest(query, hits); !r) return r.error();
  return hits;
}

std::size_t StationCatalog::size() const {
  std::size_t n = base_open_->size() + base_not_open_->stations.size();
  if (patch_) n = n - patch_->hidden.size() + patch_->size();
  return n;
}

std::size_t StationCatalog::open_count() const {
  std::size_t n = base_open_->size();
  if (patch_) n = n - patch_->hidden_open + patch_->open->size();
  return n;
}

std::vector<const Station*> StationCatalog::FirstByCode(std::size_t n) const {
  std::vector<const Station*> out;
  out.reserve(std::min(n, size()));
  // A merge of three lists in code order: the base's open stations, its other stations (both
  // without the hidden ones) and the patch. Codes are unique across them.
  const std::vector<const Station*>& not_open = base_not_open_->in_code_order;
  static const std::vector<const Station*> kNoPatch;
  const std::vector<const Station*>& patched = patch_ ? patch_->in_code_order : kNoPatch;
  std::size_t open_at = 0, not_open_at = 0, patched_at = 0;
  const auto skip_hidden = [this](auto station_at, std::size_t& at,
                                  std::size_t end) -> const Station* {
    for (; at < end; ++at) {
      const Station* s = station_at(at);
      if (!Hidden(s->code)) return s;
    }
    return nullptr;
  };
  while (out.size() < n) {
    const Station* a = skip_hidden([this](std::size_t i) { return &base_open_->ByCodeRank(i); },
                                   open_at, base_open_->size());
    const Station* b =
        skip_hidden([&](std::size_t i) { return not_open[i]; }, not_open_at, not_open.size());
    const Station* c = patched_at < patched.size() ? patched[patched_at] : nullptr;
    const Station* first = a;
    if (b != nullptr && (first == nullptr || b->code < first->code)) first = b;
    if (c != nullptr && (first == nullptr || c->code < first->code)) first = c;
    if (first == nullptr) break;
    out.push_back(first);
    if (first == a)
      ++open_at;
    else if (first == b)
      ++not_open_at;
    else
      ++patched_at;
  }
  return out;
}

std::vector<Station> StationCatalog::OpenStations() const {
  std::vector<Station> out;
  out.reserve(open_count());
  ForEachOpen([&](const Station& s) { out.push_back(s); });
  return out;
}

std::vector<Station> StationCatalog::NotOpenStations() const {
  std::vector<Station> out;
  for (const Station& s : base_not_open_->stations) {
    if (!Hidden(s.code)) out.push_back(s);
  }
  if (patch_)
    out.insert(out.end(), patch_->not_open->stations.begin(), patch_->not_open->stations.end());
  return out;
}

std::size_t StationCatalog::MemoryBytes() const {
  return base_open_->MemoryBytes() + (patch_ ? patch_->open->MemoryBytes() : 0);
}

}  // namespace yz
