#include "domain/stations/station_directory.h"

#include <algorithm>

namespace yz {

StationDirectory::StationDirectory(StationRepository& stations)
    : stations_(stations),
      current_(std::make_shared<const StationCatalog>(StationSnapshot::Empty(),
                                                      std::vector<Station>{})) {}

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
  auto catalog = std::make_shared<StationCatalog>(StationSnapshot::Build(std::move(*all)),
                                                  std::move(not_open));
  catalog->generation_ = next_generation_++;
  loaded_version_ = *version;
  PublishLocked(std::move(catalog));
  return Ok();
}

void StationDirectory::PublishLocked(std::shared_ptr<const StationCatalog> catalog) {
  current_.store(catalog);
  for (const auto& [id, listener] : listeners_) listener(catalog);
}

std::shared_ptr<StationCatalog> StationDirectory::Rebased(const StationCatalog& catalog) {
  auto base = std::make_shared<StationCatalog>(StationSnapshot::Build(catalog.OpenStations()),
                                               catalog.NotOpenStations());
  base->generation_ = catalog.generation_;
  return base;
}

Result<bool> StationDirectory::Fold() {
  std::lock_guard fold(fold_mutex_);
  const auto source = current_.load();
  if (source->patched_count() == 0) return false;
  auto folded = Rebased(*source);  // the long part, outside reload_mutex_
  std::lock_guard lock(reload_mutex_);
  // Saved or reloaded meanwhile: the next fold starts from that catalog.
  if (current_.load() != source) return false;
  PublishLocked(std::move(folded));
  return true;
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
  std::lock_guard lock(reload_mutex_);
  auto step = stations_.SaveStationsVersioned(stations);
  if (!step) return step.error();
  // Another writer got in since the catalog was loaded: only a full read sees its change.
  if (step->before != loaded_version_ || stations.size() > kMaxPatched) return ReloadLocked();
  // The stations as the store now holds them (what a reload would read). A writer that gets in
  // from here on moves the version past step->after, and RegistryWatcher reloads.
  std::vector<Station> saved;
  saved.reserve(stations.size());
  for (const Station& s : stations) {
    auto stored = stations_.FindStation(s.code);
    if (!stored) return stored.error();
    if (!*stored) return ReloadLocked();
    saved.push_back(std::move(**stored));
  }
  std::shared_ptr<StationCatalog> next =
      StationCatalog::Patched(*current_.load(), std::move(saved));
  if (next->patched_count() > kMaxPatched) next = Rebased(*next);
  next->generation_ = next_generation_++;
  loaded_version_ = step->after;
  PublishLocked(std::move(next));
  return Ok();
}

}  // namespace yz
