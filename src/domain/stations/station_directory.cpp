#include "domain/stations/station_directory.h"

#include <algorithm>

namespace yz {

StationCatalog::StationCatalog(std::shared_ptr<const StationSnapshot> open, std::vector<Station> not_open)
    : open_(std::move(open)), not_open_(std::move(not_open)) {
  not_open_by_code_.reserve(not_open_.size());
  for (const Station& s : not_open_) not_open_by_code_.emplace(s.code, &s);
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
