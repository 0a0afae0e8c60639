#include "app/volunteer_cli.h"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/store_options.h"
#include "core/clock.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message_service.h"
#include "domain/settings/setting_repository.h"
#include "domain/stations/station_directory.h"
#include "domain/volunteers/volunteer_service.h"

namespace yz {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;
constexpr int kExitStoreError = 3;

struct VolunteerOptions {
  StoreConfig store;
  std::string file;
  std::string phone;
  bool rotate = false;
  std::string public_url;
  std::string time_zone = "Asia/Shanghai";
};

// The store and the service over it, as the server builds them.
struct Opened {
  Store store;
  SystemClock clock;
  std::unique_ptr<Auditor> auditor;
  std::unique_ptr<MessageService> messages;
  std::unique_ptr<StationDirectory> stations;
  std::unique_ptr<VolunteerService> service;
};

std::unique_ptr<Opened> Open(const VolunteerOptions& o) {
  const auto zone = TimeZone::FromName(o.time_zone);
  if (!zone) {
    std::cerr << fmt::format("error: unknown --time-zone '{}'\n", o.time_zone);
    return nullptr;
  }
  auto store = OpenStore(o.store);
  if (!store) {
    std::cerr << "错误 error: " << store.error().message << "\n";
    return nullptr;
  }
  auto key = store->secrets->HashKey();
  if (!key) {
    std::cerr << "错误 error: " << key.error().message << "\n";
    return nullptr;
  }
  auto opened = std::make_unique<Opened>();
  opened->store = std::move(*store);
  Store& s = opened->store;
  opened->auditor = std::make_unique<Auditor>(*s.audit, opened->clock);
  opened->messages = std::make_unique<MessageService>(*s.messages, opened->clock);
  opened->stations = std::make_unique<StationDirectory>(*s.stations);
  if (auto loaded = opened->stations->Reload(); !loaded) {
    std::cerr << "错误 error: " << loaded.error().message << "\n";
    return nullptr;
  }
  opened->service = std::make_unique<VolunteerService>(
      *s.volunteers, *s.people, *opened->stations, *opened->messages, *opened->auditor,
      opened->clock, VolunteerServiceConfig{*zone, std::move(*key)});
  return opened;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

int Import(const VolunteerOptions& o, bool roster) {
  const auto bytes = ReadFile(o.file);
  if (!bytes) {
    std::cerr << fmt::format("error: cannot read {}\n", o.file);
    return kExitBadInput;
  }
  auto opened = Open(o);
  if (!opened) return kExitStoreError;
  const SpreadsheetFormat format = SpreadsheetFormatOfFileName(o.file);
  auto outcome = roster ? opened->service->ImportRoster(*bytes, format, "cli")
                        : opened->service->ImportVolunteers(*bytes, format, "cli");
  if (!outcome) {
    std::cerr << "错误 error: " << outcome.error().message << "\n";
    return kExitStoreError;
  }
  if (!outcome->errors.empty()) {
    std::cerr << fmt::format("{}: {} 处错误，未写入任何数据 / {} error(s), nothing was written\n",
                             o.file, outcome->errors.size(), outcome->errors.size());
    for (const auto& e : outcome->errors)
      std::cerr << fmt::format("{}: line {}: {}\n", o.file, e.line, e.message);
    return kExitBadInput;
  }
  const ImportCounts& c = outcome->counts;
  if (roster) {
    std::cout << fmt::format("导入完成：新建 {} 个班次，更新 {} 个\n", c.created, c.updated);
    std::cout << fmt::format("imported: {} created, {} updated\n", c.created, c.updated);
  } else {
    std::cout << fmt::format("导入完成：新增 {} 名志愿者，更新 {} 名\n", c.created, c.updated);
    std::cout << fmt::format("imported: {} created, {} updated\n", c.created, c.updated);
  }
  return kExitOk;
}

int Calendar(const VolunteerOptions& o) {
  auto opened = Open(o);
  if (!opened) return kExitStoreError;
  auto token = opened->service->CalendarToken(o.phone, o.rotate);
  if (!token) {
    std::cerr << "错误 error: " << token.error().message << "\n";
    return token.error().code == ErrorCode::kInvalidArgument ||
                   token.error().code == ErrorCode::kNotFound
               ? kExitBadInput
               : kExitStoreError;
  }
  std::string base = o.public_url;
  // The public address, else the address the server last listened on.
  for (const std::string_view key : {kPublicUrlSetting, kListenUrlSetting}) {
    if (!base.empty()) break;
    auto stored = opened->store.settings->GetSetting(key);
    if (stored && *stored) base = **stored;
  }
  if (base.empty()) base = "http://127.0.0.1:8080";
  while (base.ends_with('/')) base.pop_back();
  std::cout << fmt::format("{}/cal/{}.ics\n", base, *token);
  return kExitOk;
}

}  // namespace

std::function<std::optional<int>()> AddVolunteerCommands(CLI::App* app, CLI::App* import) {
  auto o = std::make_shared<VolunteerOptions>();
  const auto store_options = [&o](CLI::App* command) { AddStoreOptions(command, o->store); };

  auto* volunteers = import->add_subcommand(
      "volunteers", "the volunteer register (志愿者名册): insert or update by phone");
  volunteers->add_option("FILE", o->file, "CSV, or .xlsx (its first sheet)")->required();
  store_options(volunteers);
  auto* shifts = import->add_subcommand(
      "shifts", "a duty roster (排班表): insert or update by station, start and role");
  shifts->add_option("FILE", o->file, "CSV, or .xlsx (its first sheet)")->required();
  shifts->add_option("--time-zone", o->time_zone,
                     "zone of times written without an offset (default Asia/Shanghai)");
  store_options(shifts);
  auto* volunteer = app->add_subcommand("volunteer", "volunteers on duty");
  volunteer->require_subcommand(1);
  auto* calendar = volunteer->add_subcommand(
      "calendar", "print a volunteer's private calendar URL (RFC 5545 feed)");
  calendar->add_option("--phone", o->phone, "the volunteer's mobile number")->required();
  calendar->add_flag("--rotate", o->rotate, "make a new URL; the old one stops working");
  calendar->add_option("--public-url", o->public_url,
                       "base URL (default: the one `serve --public-url` recorded)");
  store_options(calendar);
  return [o, volunteers, shifts, calendar]() -> std::optional<int> {
    if (volunteers->parsed()) return Import(*o, false);
    if (shifts->parsed()) return Import(*o, true);
    if (calendar->parsed()) return Calendar(*o);
    return std::nullopt;
  };
}

}  // namespace yz
