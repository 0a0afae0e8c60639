// The items of a nearby-search answer, written straight into the response text.
//
// Most of an item (code, name, address, host type, level, working amenities, services, opening
// hours, public service line) depends on the station alone, so it is written once per catalog base
// (StationCatalog::base_open) for every station of it (the "fragment", followed by its WGS-84
// coordinates) and copied into each answer; only open_now, the rating, the distance, and
// coordinates in another system when one is asked for, are written per request. The fragments
// are rebuilt when the directory swaps in a catalog with a new base (a reload or a fold, not a
// patch). A hit that is not in the fragments' base — a patched station, or any hit of a catalog
// met the moment after a swap — is written in full, with the same result.
//
// An item is the same JSON object as PublicApi's StationItem plus `distance_m`, minus
// `amenity_states` (tested field by field): a list needs the working amenities only, the station
// detail has every state, and leaving them out makes an answer 40 % smaller for a phone on 3G.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/crs.h"
#include "domain/checkins/rating_book.h"
#include "domain/stations/station_directory.h"

namespace yz {

// The station-only members of an item, without braces: "code":…,"name":…,…,"service_phone":….
void AppendStationFragment(std::string& out, const Station& s);

// `distance_m` rounded to 0.1 m, as AppendJsonNumber(std::round(distance_m * 10) / 10) writes it.
void AppendDistance(std::string& out, double distance_m);

// ,"lat":…,"lng":… in `crs`.
void AppendCoordinates(std::string& out, const Station& s, Crs crs);

// One whole item: {fragment and coordinates,"open_now":…,"rating":{…},"distance_m":…}.
void AppendNearbyItem(std::string& out, std::string_view fragment_and_coordinates,
                      std::optional<bool> open_now, const StationRating& rating, double distance_m);

class NearbyItemWriter {
 public:
  // Writes the fragments of the directory's current catalog and follows its swaps. The directory
  // must outlive the writer.
  explicit NearbyItemWriter(StationDirectory& directory);

  // Appends the items of `hits` (hits of `catalog`), comma-separated, with the ratings
  // of `ratings` (looked up under one lock).
  void AppendItems(std::string& out, const StationCatalog& catalog,
                   std::span<const StationHit> hits, Crs crs, const RatingBook& ratings) const;

  // Bytes held by the current fragments (for /metrics).
  std::size_t MemoryBytes() const;

 private:
  struct Fragments {
    std::shared_ptr<const StationSnapshot> base;  // the base the fragments were written for
    const Station* first = nullptr;               // base->stations().data()
    std::string text;  // every fragment with its WGS-84 coordinates, in snapshot order
    std::vector<std::size_t> offsets;  // station i's text is text[offsets[i], offsets[i + 1])
    std::vector<std::size_t> coordinates_at;  // where its coordinates start (for another crs)
    bool codes_inline =
        false;  // every fragment starts with kCodePrefix, the code unescaped and '"'
    // Station i's code (`s` is that station: the fallback when the codes are not inline).
    std::string_view CodeOf(std::size_t i, const Station& s) const;
  };
  static constexpr std::string_view kCodePrefix = "\"code\":\"";
  static std::shared_ptr<const Fragments> Build(const StationCatalog& catalog);

  std::atomic<std::shared_ptr<const Fragments>> fragments_;
  // Declared last: destroyed first, so no swap can call into a half-destroyed writer.
  StationDirectory::Subscription subscription_;
};

}  // namespace yz
