#include "app/server_app.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>

#include "api/accounts/account_admin_routes.h"
#include "api/console/console_guard.h"
#include "api/dashboard/dashboard_routes.h"
#include "api/grading/grading_routes.h"
#include "api/photos/photo_routes.h"
#include "api/settings/public_address_routes.h"
#include "api/upkeep/inspection_routes.h"
#include "api/upkeep/open311_routes.h"
#include "api/upkeep/report_follow_routes.h"
#include "api/upkeep/report_photo_routes.h"
#include "api/upkeep/supply_routes.h"
#include "api/upkeep/ticket_routes.h"
#include "api/volunteers/volunteer_routes.h"
#include "app/routes.h"
#include "app/station_export/station_export.h"
#include "app/volunteer_export/hours_workbook.h"
#include "core/crypto.h"
#include "domain/checkins/checkin.h"
#include "domain/checkins/report_number.h"
#include "domain/volunteers/volunteer_data_holder.h"

namespace yz {

ServerApp::ServerApp(Store store, std::string hash_key, ServerAppConfig config, const Clock* clock)
    : clock_(clock != nullptr ? *clock : system_clock_),
      store_(std::move(store)),
      config_(std::move(config)),
      directory_(*store_.stations),
      checkins_(*store_.checkins, directory_, ratings_, clock_, hash_key,
                [this] {
                  CheckinConfig c;
                  c.zone = config_.public_api.zone;
                  return c;
                }()),
      public_api_(directory_, checkins_, ratings_, clock_, metrics_, config_.public_api),
      auditor_(*store_.audit, clock_),
      accounts_(*store_.accounts, *store_.sessions, *store_.audit, clock_, hash_key,
                config_.accounts),
      account_admin_(*store_.accounts, *store_.sessions, auditor_, clock_),
      station_admin_(*store_.stations, *store_.regions, *store_.hosts, *store_.standard, directory_,
                     auditor_),
      tickets_(
          *store_.tickets, *store_.accounts, directory_, auditor_, clock_,
          [this](const Caller& who, std::string_view station, Amenity amenity) -> Result<void> {
            // A resolved ticket sets its facility back to working (if the registry lists it).
            auto updated = station_admin_.Update(
                who, station,
                [amenity](const Station& before) -> Result<Station> {
                  Station after = before;
                  for (StationAmenity& a : after.amenities) {
                    if (a.amenity == amenity) a.state = AmenityState::kWorking;
                  }
                  return after;
                },
                "报修单修好，设施恢复正常");
            if (!updated) return updated.error();
            return Ok();
          }),
      public_reports_(*store_.tickets, directory_, auditor_, clock_),
      dashboard_(*store_.stations, *store_.regions, *store_.checkins, *store_.tickets, clock_,
                 config_.public_api.zone),
      photo_files_(config_.photo_dir),
      photos_(
          *store_.stations, directory_, photo_files_, ReencodeUploadedPhoto, auditor_,
          [] { return RandomToken(18); }, config_.photos),
      ticket_photo_files_(config_.photo_dir.parent_path() / "ticket-photos"),
      ticket_photos_(tickets_, *store_.tickets, ticket_photo_files_, ReencodeUploadedPhoto,
                     auditor_, clock_, [] { return RandomToken(18); }),
      inspections_(*store_.inspections, *store_.tickets, *store_.standard, *store_.accounts,
                   directory_, auditor_, clock_, NewReportNumber, config_.public_api.zone),
      supplies_(*store_.supplies, *store_.tickets, directory_, auditor_, clock_,
                config_.public_api.zone, NewReportNumber),
      grading_(*store_.grading, *store_.standard, directory_, auditor_, clock_,
               config_.public_api.zone, [this] { (void)directory_.Reload(); }),
      sms_gateway_(config_.sms_gateway ? config_.sms_gateway : std::make_shared<OutboxGateway>()),
      messages_(*store_.messages, clock_, &auditor_),
      sign_in_(*store_.people, messages_, auditor_, clock_, hash_key, config_.sign_in),
      rights_(*store_.people, messages_, sign_in_, auditor_, clock_, config_.public_api.zone,
              config_.retention),
      overdue_sweep_(*store_.tickets, directory_, messages_, auditor_, clock_),
      volunteers_(*store_.volunteers, *store_.people, directory_, messages_, auditor_, clock_,
                  VolunteerServiceConfig{config_.public_api.zone, hash_key}),
      public_address_(*store_.settings, auditor_, *config_.public_api.address),
      console_(router_, accounts_,
               [this](const std::string& pattern, RouteHandler h) {
                 return InstrumentRoute(pattern, std::move(h), metrics_, config_.access_log);
               }),
      station_routes_{station_admin_, config_.stations, WriteStationWorkbook, FormatStationGeoJson,
                      WriteStationWorkbookForPeople},
      login_throttle_(config_.public_api.limits.enabled, LoginThrottle::kDefault, clock_, auditor_),
      account_routes_{accounts_, auditor_, console_, config_.public_api.public_url,
                      &login_throttle_},
      person_routes_(router_, sign_in_,
                     [this](const std::string& pattern, RouteHandler h) {
                       return InstrumentRoute(pattern, std::move(h), metrics_, config_.access_log);
                     }),
      people_routes_{sign_in_, rights_, config_.public_api.public_url},
      sender_(
          std::make_unique<MessageSender>(*store_.messages, *sms_gateway_, clock_, config_.sender)),
      outbox_routes_{messages_, *sender_} {
  rights_.AddHolder(std::make_shared<MessageDataHolder>(*store_.messages, rights_));
  rights_.AddHolder(std::make_shared<VolunteerDataHolder>(*store_.volunteers, rights_));
}

// One line per area: each adds its routes, with their roles, to the one route table.
void ServerApp::AddConsoleRoutes() {
  AddAccountRoutes(console_, account_routes_);
  AddAccountAdminRoutes(console_, account_admin_);
  AddDashboardRoutes(console_, dashboard_);
  AddStationAdminRoutes(console_, station_routes_);
  AddPhotoRoutes(console_, photos_);
  AddTicketRoutes(console_, {tickets_, ticket_photos_, clock_});
  AddInspectionRoutes(console_, inspections_, clock_);
  AddSupplyRoutes(console_, supplies_);
  AddGradingRoutes(console_, grading_);
  AddVolunteerConsoleRoutes(console_, volunteers_, WriteHoursWorkbook);
  AddOutboxRoutes(console_, outbox_routes_);
  AddPublicAddressRoutes(console_, public_address_);
  AddConsoleAssetRoute(console_);
}

void ServerApp::AddPeopleAreaRoutes() {
  AddPeopleRoutes(person_routes_, people_routes_);
  AddVolunteerPersonRoutes(person_routes_, volunteers_);
}

void ServerApp::AddAreaPublicRoutes() {
  PublicRoutes routes(router_, [this](const std::string& pattern, RouteHandler h) {
    return InstrumentRoute(pattern, std::move(h), metrics_, config_.access_log);
  });
  const TimeZone zone = config_.public_api.zone;
  AddOpen311Routes(routes, {public_reports_, checkins_, public_api_, directory_, zone});
  AddReportFollowRoutes(routes, {public_reports_, public_api_, zone});
  AddReportPhotoRoutes(routes, {ticket_photos_, checkins_, public_api_});
  AddVolunteerPublicRoutes(routes, volunteers_);
  public_api_.SetReportedAmenities([this](std::string_view station) {
    auto reported = store_.tickets->ReportedAmenities(station);
    return reported ? std::move(*reported) : std::vector<Amenity>{};
  });
  public_api_.SetKitNeedsRestock([this](std::string_view station) {
    auto needs = supplies_.FirstAidNeedsRestock(station);
    return needs && *needs;
  });
}

Result<void> ServerApp::StartJobs() {
  JobSchedulerOptions options = config_.jobs;
  if (options.holder.empty()) {
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    options.holder = fmt::format("{}:{}:{}", host, ::getpid(), RandomToken(6));
  }
  jobs_ = std::make_unique<JobScheduler>(*store_.jobs, clock_, std::move(options));
  const TimeZone zone = config_.public_api.zone;
  YZ_TRY(jobs_->Register({"session_cleanup", "过期会话清理",
                          JobSchedule::Every(std::chrono::minutes(15)),
                          [this](UtcTime) -> Result<void> {
                            auto deleted = accounts_.DeleteExpiredSessions();
                            if (!deleted) return deleted.error();
                            return Ok();
                          }}));
  YZ_TRY(jobs_->Register({"people_retention", "个人信息保存期限清理",
                          JobSchedule::DailyAt(3, 30, zone), [this](UtcTime) -> Result<void> {
                            auto round = rights_.ApplyRetention();
                            if (!round) return round.error();
                            return Ok();
                          }}));
  YZ_TRY(jobs_->Register({"ticket_overdue_sweep", "报修超时检查",
                          JobSchedule::Every(std::chrono::minutes(10)),
                          [this](UtcTime) -> Result<void> {
                            auto swept = overdue_sweep_.Run();
                            if (!swept) return swept.error();
                            return Ok();
                          }}));
  YZ_TRY(jobs_->Register({"supplies_check", "物资与药品检查", JobSchedule::DailyAt(6, 0, zone),
                          [this](UtcTime) -> Result<void> {
                            auto opened = supplies_.OpenRestockTickets();
                            if (!opened) return opened.error();
                            return Ok();
                          }}));
  YZ_TRY(jobs_->Register({"volunteer_no_shows", "志愿者缺勤检查",
                          JobSchedule::Every(std::chrono::minutes(5)),
                          [this](UtcTime) -> Result<void> {
                            auto marked = volunteers_.SweepNoShows();
                            if (!marked) return marked.error();
                            return Ok();
                          }}));
  YZ_TRY(jobs_->Register({"volunteer_reminders", "志愿值班提醒",
                          JobSchedule::Every(std::chrono::minutes(5)),
                          [this](UtcTime) -> Result<void> {
                            auto sent = volunteers_.SendReminders();
                            if (!sent) return sent.error();
                            return Ok();
                          }}));
  YZ_TRY(jobs_->Register({"duty_shift_generation", "按值班模板生成班次",
                          JobSchedule::DailyAt(2, 0, zone), [this, zone](UtcTime) -> Result<void> {
                            auto rules = volunteers_.Rules();
                            if (!rules) return rules.error();
                            const Date today{std::chrono::floor<std::chrono::days>(
                                clock_.Now() + std::chrono::minutes(zone.offset_minutes()))};
                            auto made =
                                volunteers_.GenerateShifts(today, rules->signup_days_ahead + 1);
                            if (!made) return made.error();
                            return Ok();
                          }}));
  YZ_TRY(jobs_->Register(
      {"job_history_retention", "定时任务记录清理", JobSchedule::DailyAt(4, 0, zone),
       [this](UtcTime period_start) -> Result<void> {
         auto deleted = store_.jobs->DeleteFinishedBefore(period_start - std::chrono::days(90));
         if (!deleted) return deleted.error();
         return Ok();
       }}));
  for (const JobCounters& c : jobs_->Snapshot()) {
    const std::string name = c.name;
    const auto field = [scheduler = jobs_.get(), name](auto read) {
      return [scheduler, name, read] {
        for (const JobCounters& now : scheduler->Snapshot()) {
          if (now.name == name) return static_cast<double>(read(now));
        }
        return 0.0;
      };
    };
    metrics_.AddGauge("yizhan_job_" + name + "_runs",
                      "Runs of timed job " + name + " started by this server.",
                      field([](const JobCounters& j) { return j.runs; }));
    metrics_.AddGauge("yizhan_job_" + name + "_failures",
                      "Failed runs of timed job " + name + " on this server.",
                      field([](const JobCounters& j) { return j.failures; }));
    metrics_.AddGauge("yizhan_job_" + name + "_skipped_leased",
                      "Checks of timed job " + name + " that found another server running it.",
                      field([](const JobCounters& j) { return j.skipped_leased; }));
    metrics_.AddGauge(
        "yizhan_job_" + name + "_last_success_seconds",
        "When timed job " + name + " last succeeded on any server (Unix seconds, 0 = never).",
        field([](const JobCounters& j) {
          return j.last_success_at ? ToEpochMillis(*j.last_success_at) / 1000 : int64_t{0};
        }));
  }
  const auto count = [](auto read) { return [read] { return static_cast<double>(read()); }; };
  MessageSender* sender = sender_.get();
  metrics_.AddGauge("yizhan_messages_sent", "SMS handed to the gateway by this server.",
                    count([sender] { return sender->sent(); }));
  metrics_.AddGauge("yizhan_messages_retried", "SMS sends that failed and wait for a retry.",
                    count([sender] { return sender->retried(); }));
  metrics_.AddGauge("yizhan_messages_failed", "SMS given up (refused for good or out of tries).",
                    count([sender] { return sender->failed(); }));
  if (config_.run_jobs) {
    jobs_->Start();
    sender_->Start();
    open_duty_refresh_ = std::make_unique<PeriodicTask>(std::chrono::seconds(30), [this] {
      if (auto r = volunteers_.RefreshOpenDuty(); !r) {
        std::fprintf(stderr, "yizhan: near-me index not refreshed: %s\n",
                     r.error().message.c_str());
      }
    });
  }
  return Ok();
}

Result<std::unique_ptr<ServerApp>> ServerApp::Create(Store store, ServerAppConfig config,
                                                     const Clock* clock) {
  config.stations.public_url = config.public_api.public_url;
  if (!config.public_api.address) {
    config.public_api.address =
        std::make_shared<PublicAddress>(config.public_api.public_url, config.public_url_fixed);
  }
  config.stations.address = config.public_api.address;
  config.public_api.photo_dir = config.photo_dir;
  auto key = store.secrets->HashKey();
  if (!key) return key.error();
  std::unique_ptr<ServerApp> app(
      new ServerApp(std::move(store), std::move(*key), std::move(config), clock));
  YZ_TRY(app->directory_.Reload());
  YZ_TRY(app->volunteers_.RefreshOpenDuty());
  auto totals = app->store_.checkins->RatingTotals();
  if (!totals) return totals.error();
  app->ratings_.Reset(std::move(*totals));
  CheckinRepository* checkins = app->store_.checkins.get();
  app->metrics_.AddGauge("yizhan_checkin_queue_depth",
                         "Check-ins, ratings and reports waiting for the writer.",
                         [checkins] { return static_cast<double>(checkins->QueueDepth()); });
  app->metrics_.AddGauge(
      "yizhan_snapshot_stations", "Open stations in the search snapshot.",
      [dir = &app->directory_] { return static_cast<double>(dir->Current()->open_count()); });
  app->metrics_.AddGauge(
      "yizhan_snapshot_bytes", "Approximate memory of the search snapshot.",
      [dir = &app->directory_] { return static_cast<double>(dir->Current()->MemoryBytes()); });
  app->metrics_.AddGauge(
      "yizhan_nearby_fragment_bytes",
      "Approximate memory of the precomputed nearby-answer fragments (one per open station).",
      [api = &app->public_api_] { return static_cast<double>(api->NearbyFragmentBytes()); });
  app->metrics_.AddGauge(
      "yizhan_audit_write_failures", "Audit entries the store refused (should stay 0).",
      [auditor = &app->auditor_] { return static_cast<double>(auditor->failures()); });
  BuildRoutes(app->router_, RouteContext{app->public_api_, app->directory_, app->store_,
                                         app->metrics_, app->config_.access_log});
  app->AddConsoleRoutes();
  app->AddPeopleAreaRoutes();
  app->AddAreaPublicRoutes();
  YZ_TRY(app->StartJobs());
  app->watcher_ = std::make_unique<RegistryWatcher>(app->directory_, app->config_.registry_poll);
  app->metrics_.AddGauge(
      "yizhan_registry_reloads", "Snapshot reloads after changes by other processes or servers.",
      [watcher = app->watcher_.get()] { return static_cast<double>(watcher->reloads()); });
  app->metrics_.AddGauge(
      "yizhan_registry_folds", "Patches of saved stations folded into a new search snapshot.",
      [watcher = app->watcher_.get()] { return static_cast<double>(watcher->folds()); });
  return app;
}

std::optional<HttpResponse> ServerApp::AdmitBody(const HttpRequest& head) {
  return AdmitConsoleBody(accounts_, router_, head);
}

}  // namespace yz
