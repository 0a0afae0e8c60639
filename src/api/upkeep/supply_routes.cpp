#include "api/upkeep/supply_routes.h"

#include <algorithm>
#include <boost/json/array.hpp>

#include "api/api_response.h"
#include "api/console/console_roles.h"

namespace yz {
namespace {

using namespace console_roles;

boost::json::value DateOrNull(const std::optional<Date>& d) {
  return d ? boost::json::value(FormatDate(*d)) : boost::json::value(nullptr);
}

HttpResponse Catalogue(SupplyService& supplies) {
  auto items = supplies.Catalogue();
  if (!items) return ErrorReply(items.error());
  boost::json::array out;
  for (const SupplyItem& i : *items) {
    out.emplace_back(boost::json::object{{"code", i.code},
                                         {"name", i.name},
                                         {"unit", i.unit},
                                         {"medicine", i.medicine},
                                         {"default_minimum", i.default_minimum}});
  }
  return JsonReply(200, boost::json::object{{"items", std::move(out)}});
}

HttpResponse SaveItem(SupplyService& supplies, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  SupplyItem item;
  item.code = std::string(r.Param("code"));
  auto name = RequiredString(*body, "name");
  if (!name) return ErrorReply(name.error());
  auto unit = RequiredString(*body, "unit");
  if (!unit) return ErrorReply(unit.error());
  item.name = *name;
  item.unit = *unit;
  if (const auto* m = body->if_contains("medicine")) {
    if (!m->is_bool()) return ErrorReply(Error::InvalidArgument("medicine 应为 true 或 false"));
    item.medicine = m->as_bool();
  }
  if (const auto* d = body->if_contains("default_minimum")) {
    if (!d->is_int64()) {
      return ErrorReply(Error::InvalidArgument("default_minimum 应为整数 / must be an integer"));
    }
    item.default_minimum = static_cast<int>(std::clamp<int64_t>(d->as_int64(), -1, 100000));
  }
  auto saved = supplies.SaveItem(CallerOf(r), std::move(item));
  if (!saved) return ErrorReply(saved.error());
  return JsonReply(200, boost::json::object{{"code", saved->code},
                                            {"name", saved->name},
                                            {"unit", saved->unit},
                                            {"medicine", saved->medicine},
                                            {"default_minimum", saved->default_minimum}});
}

HttpResponse Of(SupplyService& supplies, const AdminRequest& r) {
  auto held = supplies.Of(*r.principal, r.Param("code"));
  if (!held) return ErrorReply(held.error());
  boost::json::array batches, alerts, recent;
  for (const SupplyBatch& b : held->batches) {
    batches.emplace_back(boost::json::object{{"item", b.item},
                                             {"batch", b.batch},
                                             {"expires_on", DateOrNull(b.expires_on)},
                                             {"quantity", b.quantity}});
  }
  for (const SupplyAlert& a : held->alerts) {
    alerts.emplace_back(boost::json::object{{"kind", SupplyAlertKindCode(a.kind)},
                                            {"label", SupplyAlertKindLabel(a.kind)},
                                            {"item", a.item},
                                            {"batch", a.batch},
                                            {"expires_on", DateOrNull(a.expires_on)},
                                            {"quantity", a.quantity},
                                            {"minimum", a.minimum}});
  }
  for (const SupplyEntry& e : held->recent) {
    recent.emplace_back(boost::json::object{{"id", e.id},
                                            {"item", e.item},
                                            {"kind", SupplyEntryKindCode(e.kind)},
                                            {"kind_label", SupplyEntryKindLabel(e.kind)},
                                            {"quantity", e.quantity},
                                            {"batch", e.batch},
                                            {"expires_on", DateOrNull(e.expires_on)},
                                            {"at_ms", ToEpochMillis(e.at)},
                                            {"actor", e.actor},
                                            {"note", e.note}});
  }
  boost::json::object minimums;
  for (const auto& [item, minimum] : held->minimums) minimums[item] = minimum;
  return JsonReply(200, boost::json::object{{"batches", std::move(batches)},
                                            {"alerts", std::move(alerts)},
                                            {"minimums", std::move(minimums)},
                                            {"recent", std::move(recent)}});
}

HttpResponse Record(SupplyService& supplies, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto item = RequiredString(*body, "item");
  if (!item) return ErrorReply(item.error());
  auto kind_text = RequiredString(*body, "kind");
  if (!kind_text) return ErrorReply(kind_text.error());
  const auto kind = ParseSupplyEntryKind(*kind_text);
  if (!kind) {
    return ErrorReply(Error::InvalidArgument(
        "kind 应为 restock、use 或 discard / kind: restock, use or discard"));
  }
  auto quantity = RequiredInteger(*body, "quantity");
  if (!quantity) return ErrorReply(quantity.error());
  auto batch = OptionalString(*body, "batch");
  if (!batch) return ErrorReply(batch.error());
  auto expires = OptionalString(*body, "expires_on");
  if (!expires) return ErrorReply(expires.error());
  auto note = OptionalString(*body, "note");
  if (!note) return ErrorReply(note.error());
  SupplyEntry entry;
  entry.item = *item;
  entry.kind = *kind;
  entry.quantity = static_cast<int>(std::clamp<int64_t>(*quantity, -1, 1'000'000));
  entry.batch = batch->value_or("");
  entry.note = note->value_or("");
  if (*expires && !(*expires)->empty()) {
    entry.expires_on = ParseDate(**expires);
    if (!entry.expires_on) {
      return ErrorReply(Error::InvalidArgument("有效期应为 YYYY-MM-DD / expires_on: YYYY-MM-DD"));
    }
  }
  auto stored = supplies.Record(CallerOf(r), r.Param("code"), std::move(entry));
  if (!stored) return ErrorReply(stored.error());
  return JsonReply(201, boost::json::object{{"id", stored->id}, {"batch", stored->batch}});
}

HttpResponse SetMinimum(SupplyService& supplies, const AdminRequest& r) {
  auto body = ParseJsonObject(r.http.body);
  if (!body) return ErrorReply(body.error());
  auto minimum = RequiredInteger(*body, "minimum");
  if (!minimum) return ErrorReply(minimum.error());
  if (auto set =
          supplies.SetMinimum(CallerOf(r), r.Param("code"), r.Param("item"),
                              static_cast<int>(std::clamp<int64_t>(*minimum, -1, 1'000'000)));
      !set) {
    return ErrorReply(set.error());
  }
  return JsonReply(
      200, boost::json::object{{"item", std::string(r.Param("item"))}, {"minimum", *minimum}});
}

}  // namespace

void AddSupplyRoutes(ConsoleRoutes& routes, SupplyService& supplies) {
  routes.Add("GET", "/api/v1/admin/supplies/catalogue", kStationReaders,
             [&supplies](const AdminRequest&) { return Catalogue(supplies); });
  routes.Add("PUT", "/api/v1/admin/supplies/catalogue/{code}", kCityAdmin,
             [&supplies](const AdminRequest& r) { return SaveItem(supplies, r); });
  routes.Add("GET", "/api/v1/admin/stations/{code}/supplies", kTicketRoles,
             [&supplies](const AdminRequest& r) { return Of(supplies, r); });
  routes.Add("POST", "/api/v1/admin/stations/{code}/supplies", kTicketRoles,
             [&supplies](const AdminRequest& r) { return Record(supplies, r); });
  routes.Add("PUT", "/api/v1/admin/stations/{code}/supplies/minimums/{item}", kEditors,
             [&supplies](const AdminRequest& r) { return SetMinimum(supplies, r); });
}

}  // namespace yz
