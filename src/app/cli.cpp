#include "app/cli.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "app/plan_cli.h"
#include "app/serve.h"
#include "app/station_export/station_export.h"
#include "app/store_options.h"
#include "app/user_cli.h"
#include "app/volunteer_cli.h"
#include "core/xlsx/xlsx_reader.h"
#include "domain/stations/region_file.h"
#include "domain/stations/station_import.h"
#include "storage/open_store.h"
#include "storage/sqlite/sqlite_backup.h"

namespace yz {
namespace {

// Exit statuses.
constexpr int kExitOk = 0;
constexpr int kExitBadInput = 1;    // the file or the arguments are invalid; nothing written
constexpr int kExitStoreError = 3;  // the store could not be opened or written

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

bool WriteFile(const std::string& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  return static_cast<bool>(out.flush());
}

std::optional<Store> OpenOrReport(const StoreConfig& config) {
  auto store = OpenStore(config);
  if (!store) {
    std::cerr << "错误 error: " << store.error().message << "\n";
    return std::nullopt;
  }
  return std::move(*store);
}

void ReportRowErrors(const std::string& file, const std::vector<RowError>& errors) {
  std::cerr << fmt::format("{}: {} 处错误，未写入任何数据 / {} error(s), nothing was written\n",
                           file, errors.size(), errors.size());
  for (const auto& e : errors)
    std::cerr << fmt::format("{}: line {}: {}\n", file, e.line, e.message);
}

int ImportStations(const StoreConfig& config, const std::string& file,
                   const std::string& crs_name) {
  const auto crs = ParseCrs(crs_name);
  if (!crs) {
    std::cerr << fmt::format("error: --crs must be wgs84, gcj02 or bd09, not '{}'\n", crs_name);
    return kExitBadInput;
  }
  const auto bytes = ReadFile(file);
  if (!bytes) {
    std::cerr << fmt::format("error: cannot read {}\n", file);
    return kExitBadInput;
  }
  auto store = OpenOrReport(config);
  if (!store) return kExitStoreError;
  auto outcome =
      ImportStationFile(*store->stations, *bytes, *crs, SpreadsheetFormatOfFileName(file));
  if (!outcome) {
    std::cerr << "错误 error: " << outcome.error().message << "\n";
    return kExitStoreError;
  }
  if (!outcome->errors.empty()) {
    ReportRowErrors(file, outcome->errors);
    return kExitBadInput;
  }
  std::cout << fmt::format("导入完成：新建 {} 个站点，更新 {} 个（其中 {} 个无变化）\n",
                           outcome->created, outcome->updated, outcome->unchanged);
  std::cout << fmt::format("imported: {} created, {} updated ({} unchanged)\n", outcome->created,
                           outcome->updated, outcome->unchanged);
  return kExitOk;
}

int ImportRegions(const StoreConfig& config, const std::string& file) {
  const auto bytes = ReadFile(file);
  if (!bytes) {
    std::cerr << fmt::format("error: cannot read {}\n", file);
    return kExitBadInput;
  }
  auto parsed = ParseRegionFile(*bytes, SpreadsheetFormatOfFileName(file));
  if (!parsed.errors.empty()) {
    ReportRowErrors(file, parsed.errors);
    return kExitBadInput;
  }
  auto store = OpenOrReport(config);
  if (!store) return kExitStoreError;
  if (auto r = store->regions->SaveRegions(parsed.regions); !r) {
    std::cerr << "错误 error: " << r.error().message << "\n";
    return kExitStoreError;
  }
  std::cout << fmt::format("导入完成：{} 个区划 / imported: {} regions\n", parsed.regions.size(),
                           parsed.regions.size());
  return kExitOk;
}

int ExportStations(const StoreConfig& config, const std::string& format, const std::string& path) {
  auto store = OpenOrReport(config);
  if (!store) return kExitStoreError;
  auto stations = store->stations->ListStations();
  if (!stations) {
    std::cerr << "错误 error: " << stations.error().message << "\n";
    return kExitStoreError;
  }
  if (format == "xlsx") {
    if (auto r = WriteStationWorkbook(*stations, path); !r) {
      std::cerr << "错误 error: " << r.error().message << "\n";
      return kExitStoreError;
    }
  } else {
    const std::string content =
        format == "csv" ? FormatStationFile(*stations) : FormatStationGeoJson(*stations);
    if (!WriteFile(path, content)) {
      std::cerr << fmt::format("error: cannot write {}\n", path);
      return kExitStoreError;
    }
  }
  std::cout << fmt::format("导出完成：{} 个站点 → {} / exported {} stations to {}\n",
                           stations->size(), path, stations->size(), path);
  return kExitOk;
}

// `yizhan backup`: the database as of one moment and the photos, never the data key.
int RunBackup(const std::string& data_dir, const std::string& target) {
  auto summary = BackupSqliteStore(data_dir, target);
  if (!summary) {
    std::cerr << "错误 error: " << summary.error().message << "\n";
    return summary.error().code == ErrorCode::kInvalidArgument ? 1 : 3;
  }
  std::cout << fmt::format(
      "已备份到 {}：数据库 {} 字节，照片 {} 张。数据密钥 data.key "
      "未复制：请另行保管，恢复时需要它。\n"
      "backed up to {}: database {} bytes, {} photos. The data key was not copied: keep it "
      "apart; a restore needs it.\n",
      target, summary->database_bytes, summary->photos, target, summary->database_bytes,
      summary->photos);
  return 0;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"驿站 Yizhan — 户外劳动者服务站点 / outdoor workers' service stations"};
  app.require_subcommand(1);

  ServeOptions serve;
  auto* serve_cmd = app.add_subcommand("serve", "serve the web pages and the API");
  AddStoreOptions(serve_cmd, serve.store);
  serve_cmd->add_option("--listen", serve.listen, "HOST:PORT (default 127.0.0.1:8080)");
  serve_cmd->add_option("--public-url", serve.public_url, "base URL printed into QR codes");
  serve_cmd->add_flag("--demo", serve.demo, "fill an empty store with the demonstration city");
  bool no_rate_limit = false;
  serve_cmd->add_flag("--no-rate-limit", no_rate_limit, "switch rate limits off (load tests)");
  serve_cmd->add_option("--time-zone", serve.time_zone,
                        "station-local time zone (default Asia/Shanghai)");
  serve_cmd->add_option("--threads", serve.threads, "server threads (default: one per core)");
  serve_cmd
      ->add_option("--map-tiles", serve.map_tiles,
                   "map tiles of the pages: osm (default), tianditu, amap, none")
      ->check(CLI::IsMember({"osm", "tianditu", "amap", "none"}));
  serve_cmd->add_option("--tianditu-key", serve.tianditu_key,
                        "天地图 token for --map-tiles tianditu");
  serve_cmd->add_option("--sms-key", serve.sms_key_file,
                        "短信服务商密钥文件 / an SMS provider's key file (mode 0600); without it "
                        "messages stay in the console's outbox");
  serve_cmd->add_option("--max-connections-per-address", serve.max_connections_per_address,
                        "每个地址最多的连接数 / connections one address may hold (default 256; 0: "
                        "no limit)");
  serve_cmd->add_option("--trusted-proxy", serve.trusted_proxies,
                        "可信反向代理地址 / a reverse proxy whose X-Forwarded-For is believed "
                        "(repeatable)");
  serve_cmd->add_option("--hsts", serve.hsts,
                        "经 HTTPS 访问时的 Strict-Transport-Security 值 / HSTS value behind HTTPS, "
                        "e.g. max-age=31536000");
  bool no_access_log = false, no_sync = false, no_group_commit = false;
  serve_cmd->add_flag("--no-access-log", no_access_log, "do not write the access log");
  // Benchmark switches: what durability and group commit cost. Never for production.
  serve_cmd->add_flag("--unsafe-no-sync", no_sync, "benchmarks only: do not sync commits to disk");
  serve_cmd->add_flag("--unsafe-no-group-commit", no_group_commit,
                      "benchmarks only: one sync per check-in");

  StoreConfig store;
  std::string file, crs = "wgs84", format, output;
  auto* import_cmd = app.add_subcommand(
      "import", "import stations, regions, volunteers or a duty roster (CSV or .xlsx)");
  import_cmd->require_subcommand(1);
  auto* import_stations =
      import_cmd->add_subcommand("stations", "insert or update stations by code, all or nothing");
  import_stations->add_option("FILE", file, "station file: CSV, or .xlsx (its first sheet)")
      ->required();
  import_stations->add_option("--crs", crs,
                              "coordinate system of lng/lat: wgs84 (default), gcj02, bd09");
  AddStoreOptions(import_stations, store);
  auto* import_regions =
      import_cmd->add_subcommand("regions", "region names (code,name), insert or update");
  import_regions->add_option("FILE", file, "regions file: CSV, or .xlsx (its first sheet)")
      ->required();
  AddStoreOptions(import_regions, store);

  auto* export_cmd = app.add_subcommand("export", "export the registry");
  export_cmd->require_subcommand(1);
  auto* export_stations =
      export_cmd->add_subcommand("stations", "every station, whatever its status");
  export_stations->add_option("--format", format, "csv, geojson or xlsx")
      ->required()
      ->check(CLI::IsMember({"csv", "geojson", "xlsx"}));
  export_stations->add_option("-o", output, "output file")->required();
  AddStoreOptions(export_stations, store);

  auto run_volunteer = AddVolunteerCommands(&app, import_cmd);

  StoreConfig backup_store;
  std::string backup_target;
  auto* backup_cmd = app.add_subcommand(
      "backup", "备份 / a consistent copy of the embedded store and its photos, while it runs");
  backup_cmd->add_option("--data", backup_store.data_dir,
                         "embedded store directory (default ./data)");
  backup_cmd->add_option("-o,--output", backup_target, "an empty directory for the copy")
      ->required();

  StoreConfig plan_store;
  auto* plan_cmd = app.add_subcommand("plan", "where to build next: coverage and site selection");
  plan_cmd->require_subcommand(1);
  auto run_plan = AddPlanCommands(plan_cmd, plan_store);

  StoreConfig user_store;
  auto* user_cmd = app.add_subcommand("user", "accounts of union staff, managers and volunteers");
  user_cmd->require_subcommand(1);
  auto run_user = AddUserCommands(user_cmd, user_store);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (serve_cmd->parsed()) {
    serve.rate_limit = !no_rate_limit;
    serve.access_log = !no_access_log;
    serve.store.sync_commits = !no_sync;
    serve.store.group_commit = !no_group_commit;
    return RunServe(serve);
  }
  if (auto status = run_plan()) return *status;
  if (auto status = run_user()) return *status;
  if (auto status = run_volunteer()) return *status;
  if (backup_cmd->parsed()) return RunBackup(backup_store.data_dir, backup_target);
  if (import_stations->parsed()) return ImportStations(store, file, crs);
  if (import_regions->parsed()) return ImportRegions(store, file);
  if (export_stations->parsed()) return ExportStations(store, format, output);
  return 2;
}

}  // namespace yz
