#include "domain/stations/station_directory.h"

#include <algorithm>

namespace yz {

StationCatalog::StationCatalog(std::shared_ptr<const StationSnapshot> open, std::vector<Station> not_open)
    : open_(std::move(open)), not_open_(std::move(not_open)) {
  not_open_by_code_.reserve(not_open_.size());
  for (const Station& s : not_open_) {
    not_open_by_code_.emplace(s.code, &s);
    not_open_in_code_order_.push_back(&s);
  }
  std::sort(not_open_in_code_order_.begin(), not_open_in_code_order_.end(),
            [](const Station* a, const Station* b) { return a->code < b->code; });
}

std::vector<const Station*> StationCatalog::FirstByCode(std::size_t n) const {
  std::vector<const Station*> out;
  out.reserve(std::min(n, size()));
  std::size_t open = 0, other = 0;  // merge of two lists in code order
  while (out.size() < n && (open < open_->size() || other < not_open_in_code_order_.size())) {
    const Station* next_open = open < open_->size() ? &open_->ByCodeRank(open) : nullptr;
    const Station* next_other = other < not_open_in_code_order_.size() ? not_open_in_code_order_[other] : nullptr;
    if (next_other == nullptr || (next_open != nullptr && next_open->code < next_other->code)) {
      out.push_back(next_open);
      ++open;
    } else {
      out.push_back(next_other);
      ++other;
    }
  }
  return out;
}

const Station* StationCatalog::Find(std::string_view code) const {
  if (const Station* s = open_->FindByCode(code)) return s;
  const auto it = not_open_by_code_.find(code);
  return it == not_open_by_code_.end() ? nullptr : it->second;
}

StationDirectory::StationDirectory(StationRepository& stations)
    : stations_(stations),
      current_(std::make_shared<const StationCatalog>(StationSnapshot::Empty(), std::vector<Station>{})) {}

Result<void> StationDirectory::Reload() {
  std::lock_guard lock(reload_mutex_);
  return ReloadLocked();
}

Result<bool> StationDirectory::ReloadIfChanged() {
  std::lock_guard lock(reload_mutex_);
  auto version = stations_.RegistryVersion();
  if (!version) return version.error();
  if (*version == loaded_version_) return false;
  YZ_TRY(ReloadLocked());
  return true;
}

Result<void> StationDirectory::ReloadLocked() {
  // Read before the stations: a change committed while they are read moves the version past this
  // one, so the next ReloadIfChanged picks it up (at worst one reload too many, never one missed).
  auto version = stations_.RegistryVersion();
  if (!version) return version.error();
  auto all = stations_.ListStations();
  if (!all) return all.error();
  std::vector<Station> not_open;
  for (const Station& s : *all) {
    if (s.status != StationStatus::kOpen) not_open.push_back(s);
  }
  all->erase(std::remove_if(all->begin(), all->end(),
                            [](const Station& s) { return s.status != StationStatus::kOpen; }),
             all->end());
  auto catalog = std::make_shared<StationCatalog>(StationSnapshot::Build(std::move(*all)), std::move(not_open));
  catalog->generation_ = next_generation_++;
  loaded_version_ = *version;
  std::shared_ptr<const StationCatalog> swapped = std::move(catalog);
  current_.store(swapped);
  for (const auto& [id, listener] : listeners_) listener(swapped);
  return Ok();
}

StationDirectory::Subscription StationDirectory::OnSwap(SwapListener listener) {
  std::lock_guard lock(reload_mutex_);
  const uint64_t id = next_listener_id_++;
  listeners_.emplace_back(id, std::move(listener));
  return Subscription(this, id);
}

StationDirectory::Subscription::~Subscription() {
  if (directory_ == nullptr) return;
  std::lock_guard lock(directory_->reload_mutex_);
  std::erase_if(directory_->listeners_, [this](const auto& entry) { return entry.first == id_; });
}

Result<void> StationDirectory::Save(std::span<const Station> stations) {
  YZ_TRY(stations_.SaveStations(stations));
  return Reload();
}

}  // namespace yz
