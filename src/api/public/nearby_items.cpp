#include "api/public/nearby_items.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>

#include "api/json_text.h"

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
  if (s.host_type)
    AppendJsonString(out, HostTypeCode(*s.host_type));
  else
    out += "null";
  out += ',';
  AppendMember(out, "level", LevelCode(s.level));
  out += ',';
  AppendKey(out, "stars");  // the approved star grade, 0 when never graded
  out += static_cast<char>('0' + std::clamp(s.stars, 0, 5));
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
  if (s.opening_hours.unknown())
    out += "null";
  else
    AppendJsonString(out, s.opening_hours.text());
  out += ',';
  AppendKey(out, "service_phone");
  if (s.service_phone.empty())
    out += "null";
  else
    AppendJsonString(out, s.service_phone);
}

void AppendDistance(std::string& out, double distance_m) {
  // The text AppendJsonNumber(std::round(distance_m * 10) / 10) writes, without a floating-point
  // formatter: a whole number of tenths, then the tenth unless it is zero.
  const double tenths = std::round(distance_m * 10.0);
  if (!(tenths >= 0.0 && tenths < 1e15)) {
    AppendJsonNumber(out, tenths / 10.0);
    return;
  }
  const auto t = static_cast<uint64_t>(tenths);
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, t / 10);
  out.append(digits, end);
  if (t % 10 != 0) {
    out += '.';
    out += static_cast<char>('0' + t % 10);
  }
}

void AppendCoordinates(std::string& out, const Station& s, Crs crs) {
  const GeoPoint p = FromWgs84(s.location, crs);
  out += ",\"lat\":";
  AppendJsonNumber(out, p.lat.degrees());
  out += ",\"lng\":";
  AppendJsonNumber(out, p.lng.degrees());
}

void AppendNearbyItem(std::string& out, std::string_view fragment_and_coordinates,
                      std::optional<bool> open_now, const StationRating& rating,
                      double distance_m) {
  out += '{';
  out += fragment_and_coordinates;
  out += !open_now   ? ",\"open_now\":null"
         : *open_now ? ",\"open_now\":true"
                     : ",\"open_now\":false";
  if (rating.average) {
    out += ",\"rating\":{\"average\":";
    AppendJsonNumber(out, *rating.average);
    out += ",\"count\":";
    AppendJsonNumber(out, static_cast<double>(rating.count));
    out += "},\"distance_m\":";
  } else {
    out += ",\"rating\":{\"average\":null,\"count\":0},\"distance_m\":";
  }
  AppendDistance(out, distance_m);
  out += '}';
}

NearbyItemWriter::NearbyItemWriter(StationDirectory& directory)
    : fragments_(Build(*directory.Current())),
      subscription_(directory.OnSwap([this](const std::shared_ptr<const StationCatalog>& catalog) {
        if (fragments_.load()->base.get() != &catalog->base_open())
          fragments_.store(Build(*catalog));
      })) {}

std::shared_ptr<const NearbyItemWriter::Fragments> NearbyItemWriter::Build(
    const StationCatalog& catalog) {
  auto f = std::make_shared<Fragments>();
  f->base = catalog.shared_base_open();
  const auto stations = f->base->stations();
  f->first = stations.data();
  f->offsets.reserve(stations.size() + 1);
  f->coordinates_at.reserve(stations.size());
  f->text.reserve(stations.size() * 512);
  for (const Station& s : stations) {
    f->offsets.push_back(f->text.size());
    AppendStationFragment(f->text, s);
    f->coordinates_at.push_back(f->text.size());
    AppendCoordinates(f->text, s, Crs::kWgs84);
  }
  f->offsets.push_back(f->text.size());
  f->text.shrink_to_fit();
  // Station codes never need escaping (IsValidStationCode), so each fragment starts with
  // "code":"<the code>". Checked here rather than assumed: one odd code and the codes are read
  // from the stations instead.
  f->codes_inline = true;
  for (std::size_t i = 0; i < stations.size() && f->codes_inline; ++i) {
    const std::string_view fragment(f->text.data() + f->offsets[i],
                                    f->offsets[i + 1] - f->offsets[i]);
    const std::string_view code = stations[i].code;
    f->codes_inline = fragment.starts_with(kCodePrefix) &&
                      fragment.substr(kCodePrefix.size()).starts_with(code) &&
                      fragment.size() > kCodePrefix.size() + code.size() &&
                      fragment[kCodePrefix.size() + code.size()] == '"';
  }
  return f;
}

void NearbyItemWriter::AppendItems(std::string& out, const StationCatalog& catalog,
                                   std::span<const StationHit> hits, Crs crs,
                                   const RatingBook& ratings) const {
  const auto f = fragments_.load();
  // A hit has a fragment when it lies in the stations the fragments were written for, and they
  // belong to this catalog's base (a hidden base station is never a hit).
  const bool same_base = f->base.get() == &catalog.base_open();
  const std::size_t written_for = same_base ? f->base->size() : 0;
  const auto fragment_of = [&](const StationHit& hit) -> std::optional<std::size_t> {
    const auto i = static_cast<std::size_t>(hit.station - f->first);
    if (!same_base || std::less<const Station*>{}(hit.station, f->first) || i >= written_for)
      return std::nullopt;
    return i;
  };
  thread_local std::vector<std::string_view> codes;
  thread_local std::vector<StationRating> rated;
  codes.clear();
  // The fragments of one answer lie far apart in a large buffer: start every cache miss at once
  // rather than one after the other.
  for (const StationHit& hit : hits) {
    if (const auto i = fragment_of(hit)) {
      const char* begin = f->text.data() + f->offsets[*i];
      for (std::size_t at = 0; at < f->offsets[*i + 1] - f->offsets[*i]; at += 64)
        __builtin_prefetch(begin + at);
    }
  }
  // The codes for the ratings come from the fragments being loaded anyway, not from the stations
  // (a cache miss each).
  for (const StationHit& hit : hits) {
    const auto i = fragment_of(hit);
    codes.push_back(i ? f->CodeOf(*i, *hit.station) : std::string_view(hit.station->code));
  }
  rated.resize(hits.size());
  ratings.GetMany(codes, rated);

  thread_local std::string
      written;  // an item's start written now (another crs, or a station without a fragment)
  for (std::size_t h = 0; h < hits.size(); ++h) {
    const Station& s = *hits[h].station;
    std::string_view start;  // the station's members and its coordinates in `crs`
    if (const auto i = fragment_of(hits[h])) {
      const std::size_t end = crs == Crs::kWgs84 ? f->offsets[*i + 1] : f->coordinates_at[*i];
      start = std::string_view(f->text.data() + f->offsets[*i], end - f->offsets[*i]);
      if (crs != Crs::kWgs84) {
        written.assign(start);
        AppendCoordinates(written, s, crs);
        start = written;
      }
    } else {
      written.clear();
      AppendStationFragment(written, s);
      AppendCoordinates(written, s, crs);
      start = written;
    }
    if (h > 0) out += ',';
    AppendNearbyItem(out, start, hits[h].open_now, rated[h], hits[h].distance_m);
  }
}

std::string_view NearbyItemWriter::Fragments::CodeOf(std::size_t i, const Station& s) const {
  if (!codes_inline) return s.code;
  const std::size_t at = offsets[i] + kCodePrefix.size();
  const std::size_t end = text.find('"', at);
  return std::string_view(text.data() + at, end - at);
}

std::size_t NearbyItemWriter::MemoryBytes() const {
  const auto f = fragments_.load();
  return f->text.capacity() + f->offsets.capacity() * sizeof(std::size_t) +
         f->coordinates_at.capacity() * sizeof(std::size_t);
}

}  // namespace yz
