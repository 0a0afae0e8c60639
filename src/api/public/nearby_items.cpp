#include "api/public/nearby_items.h"

#include <cmath>

#include "api/json_text.h"
#include "core/personal_data.h"

namespace yz {
namespace {

void AppendKey(std::string& out, std::string_view key) {
  out += '"';
  out += key;  // keys are our own identifiers: nothing to escape
  out += "\":";
}

void AppendMember(std::string& out, std::string_view key, std::string_view text) {
  AppendKey(out, key);
  AppendJsonString(out, text);
}

template <class Range, class CodeFn>
void AppendCodeArray(std::string& out, const Range& items, CodeFn code) {
  out += '[';
  bool first = true;
  for (const auto& item : items) {
    if (const auto c = code(item); !c.empty()) {
      if (!first) out += ',';
      first = false;
      AppendJsonString(out, c);
    }
  }
  out += ']';
}

}  // namespace

void AppendStationFragment(std::string& out, const Station& s) {
  AppendMember(out, "code", s.code);
  out += ',';
  AppendMember(out, "name", s.name);
  out += ',';
  AppendMember(out, "address", s.address);
  out += ',';
  AppendKey(out, "host_type");
  if (s.host_type) AppendJsonString(out, HostTypeCode(*s.host_type));
  else out += "null";
  out += ',';
  AppendMember(out, "level", LevelCode(s.level));
  out += ',';
  AppendKey(out, "amenities");
  AppendCodeArray(out, s.amenities, [](const StationAmenity& a) {
    return a.state == AmenityState::kWorking ? AmenityCode(a.amenity) : std::string_view();
  });
  out += ',';
  AppendKey(out, "services");
  AppendCodeArray(out, s.services, [](Service sv) { return ServiceCode(sv); });
  out += ',';
  AppendKey(out, "opening_hours");
  if (s.opening_hours.unknown()) out += "null";
  else AppendJsonString(out, s.opening_hours.text());
  out += ',';
  AppendKey(out, "phone");
  if (s.phone.empty()) out += "null";
  else AppendJsonString(out, MaskPhone(s.phone));
}

void AppendNearbyItem(std::string& out, std::string_view fragment, const Station& s, Crs crs,
                      std::optional<bool> open_now, const StationRating& rating, double distance_m) {
  const GeoPoint p = FromWgs84(s.location, crs);
  out += '{';
  out += fragment;
  out += ",\"lat\":";
  AppendJsonNumber(out, p.lat.degrees());
  out += ",\"lng\":";
  AppendJsonNumber(out, p.lng.degrees());
  out += ",\"open_now\":";
  out += !open_now ? "null" : *open_now ? "true" : "false";
  out += ",\"rating\":{\"average\":";
  if (rating.average) AppendJsonNumber(out, *rating.average);
  else out += "null";
  out += ",\"count\":";
  AppendJsonNumber(out, static_cast<double>(rating.count));
  out += "},\"distance_m\":";
  AppendJsonNumber(out, std::round(distance_m * 10.0) / 10.0);
  out += '}';
}

NearbyItemWriter::NearbyItemWriter(StationDirectory& directory)
    : fragments_(Build(*directory.Current())),
      subscription_(directory.OnSwap([this](const std::shared_ptr<const StationCatalog>& catalog) {
        fragments_.store(Build(*catalog));
      })) {}

std::shared_ptr<const NearbyItemWriter::Fragments> NearbyItemWriter::Build(const StationCatalog& catalog) {
  auto f = std::make_shared<Fragments>();
  const auto stations = catalog.open().stations();
  f->generation = catalog.generation();
  f->first = stations.data();
  f->offsets.reserve(stations.size() + 1);
  f->text.reserve(stations.size() * 512);
  for (const Station& s : stations) {
    f->offsets.push_back(f->text.size());
    AppendStationFragment(f->text, s);
  }
  f->offsets.push_back(f->text.size());
  f->text.shrink_to_fit();
  return f;
}

void NearbyItemWriter::AppendItems(std::string& out, const StationCatalog& catalog, std::span<const StationHit> hits,
                                   Crs crs, const RatingBook& ratings) const {
  thread_local std::vector<std::string_view> codes;
  thread_local std::vector<StationRating> rated;
  codes.clear();
  for (const StationHit& hit : hits) codes.push_back(hit.station->code);
  rated.resize(hits.size());
  ratings.GetMany(codes, rated);

  const auto f = fragments_.load();
  const bool current = f->generation == catalog.generation() && f->first == catalog.open().stations().data();
  thread_local std::string written;  // a fragment written now: the catalog is not the fragments' one
  if (current) {
    // The fragments of one answer lie far apart in a large buffer: start every cache miss at once
    // rather than one after the other.
    for (const StationHit& hit : hits) {
      const auto i = static_cast<std::size_t>(hit.station - f->first);
      const char* begin = f->text.data() + f->offsets[i];
      for (std::size_t at = 0; at < f->offsets[i + 1] - f->offsets[i]; at += 64) __builtin_prefetch(begin + at);
    }
  }
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const Station& s = *hits[h].station;
    std::string_view fragment;
    if (current) {
      const auto i = static_cast<std::size_t>(hits[h].station - f->first);
      fragment = std::string_view(f->text.data() + f->offsets[i], f->offsets[i + 1] - f->offsets[i]);
    } else {
      written.clear();
      AppendStationFragment(written, s);
      fragment = written;
    }
    if (h > 0) out += ',';
    AppendNearbyItem(out, fragment, s, crs, hits[h].open_now, rated[h], hits[h].distance_m);
  }
}

std::size_t NearbyItemWriter::MemoryBytes() const {
  const auto f = fragments_.load();
  return f->text.capacity() + f->offsets.capacity() * sizeof(std::size_t);
}

}  // namespace yz
