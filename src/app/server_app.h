// The composition root of the server: store → station directory → services → route table.
// Built once by `yizhan serve` and by the tests that drive the server in-process
// (Router::Dispatch). Each area is a service here and one Add…Routes line in AddConsoleRoutes.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "api/accounts/account_routes.h"
#include "api/console/console_routes.h"
#include "api/messages/outbox_routes.h"
#include "api/ops/metrics.h"
#include "api/people/people_routes.h"
#include "api/public/public_api.h"
#include "api/stations/station_admin_routes.h"
#include "core/clock.h"
#include "core/periodic_task.h"
#include "domain/accounts/account_admin_service.h"
#include "domain/accounts/account_service.h"
#include "domain/audit/auditor.h"
#include "domain/checkins/checkin_service.h"
#include "domain/checkins/rating_book.h"
#include "domain/dashboard/dashboard_service.h"
#include "domain/grading/grading_service.h"
#include "domain/jobs/job_scheduler.h"
#include "domain/messages/message_sender.h"
#include "domain/messages/message_service.h"
#include "domain/people/person_rights_service.h"
#include "domain/people/sign_in_service.h"
#include "domain/photos/photo_service.h"
#include "domain/settings/public_address_service.h"
#include "domain/stations/registry_watcher.h"
#include "domain/stations/station_admin_service.h"
#include "domain/stations/station_directory.h"
#include "domain/upkeep/inspection_service.h"
#include "domain/upkeep/overdue_sweep.h"
#include "domain/upkeep/public_report_service.h"
#include "domain/upkeep/supply_service.h"
#include "domain/upkeep/ticket_photo_service.h"
#include "domain/upkeep/ticket_service.h"
#include "domain/volunteers/volunteer_service.h"
#include "http/router.h"
#include "storage/files/photo_folder.h"
#include "storage/store.h"

namespace yz {

struct ServerAppConfig {
  PublicApiConfig public_api;
  bool access_log = true;  // one JSON line per request on standard output, no personal data
  // serve --public-url gave public_api.public_url: the console shows it but cannot change it.
  bool public_url_fixed = false;
  // Plaques and station files; its public_url and address are taken from `public_api`.
  StationAdminConfig stations;
  // Where uploaded photos are kept (outside the web root); created when needed.
  std::filesystem::path photo_dir = "./data/photos";
  PhotoLimits photos;
  AccountsConfig accounts;
  // Timed jobs (retention and the like); `jobs.holder` is filled in with this process's name
  // when empty. `run_jobs` = false leaves them to other servers (and to tests that want quiet).
  JobSchedulerOptions jobs;
  // Also the message sender's thread.
  bool run_jobs = true;
  // People signing in by phone, the retention of their data, and the outbox's sender. The SMS
  // gateway is the outbox (nothing leaves) unless `sms_gateway` names a provider adapter.
  SignInConfig sign_in;
  RetentionConfig retention;
  MessageSenderOptions sender;
  std::shared_ptr<SmsGateway> sms_gateway;
  // How often to look for registry changes made by other processes or servers.
  std::chrono::milliseconds registry_poll{2000};
};

class ServerApp {
 public:
  // Loads the registry and the rating totals from `store`. `clock` is the system clock unless a
  // test passes its own (it must outlive the app). Errors: the store's.
  static Result<std::unique_ptr<ServerApp>> Create(Store store, ServerAppConfig config,
                                                   const Clock* clock = nullptr);

  const Router& router() const { return router_; }
  // The server's admission of request bodies (http/server.h HttpBodyAdmission): the console's
  // session and CSRF checks before a guarded route's body is read (api/console/console_guard.h).
  std::optional<HttpResponse> AdmitBody(const HttpRequest& head);
  // The console's part of the route table (every area's routes and pages with their roles).
  const ConsoleRoutes& console() const { return console_; }
  Store& store() { return store_; }
  StationDirectory& directory() { return directory_; }
  Metrics& metrics() { return metrics_; }
  JobScheduler* jobs() { return jobs_.get(); }
  MessageSender& sender() { return *sender_; }

 private:
  ServerApp(Store store, std::string hash_key, ServerAppConfig config, const Clock* clock);
  void AddConsoleRoutes();
  // The routes of people signed in by phone (public and "person" routes, not the console's).
  void AddPeopleAreaRoutes();
  // The areas' anonymous public routes: Open311, following a report by its number, the
  // volunteers' calendar feeds.
  void AddAreaPublicRoutes();
  // Registers the timed jobs, their /metrics gauges, and starts the scheduler's thread.
  Result<void> StartJobs();

  SystemClock system_clock_;
  const Clock& clock_;
  Store store_;
  ServerAppConfig config_;
  StationDirectory directory_;
  RatingBook ratings_;
  CheckinService checkins_;
  Metrics metrics_;
  PublicApi public_api_;
  Auditor auditor_;
  AccountService accounts_;
  AccountAdminService account_admin_;
  // The console's areas.
  StationAdminService station_admin_;
  TicketService tickets_;
  PublicReportService public_reports_;
  DashboardService dashboard_;
  PhotoFolder photo_files_;
  PhotoService photos_;
  PhotoFolder ticket_photo_files_;
  TicketPhotoService ticket_photos_;
  InspectionService inspections_;
  SupplyService supplies_;
  GradingService grading_;
  // People, their consents and messages.
  std::shared_ptr<SmsGateway> sms_gateway_;
  MessageService messages_;
  SignInService sign_in_;
  PersonRightsService rights_;
  OverdueSweep overdue_sweep_;
  VolunteerService volunteers_;
  PublicAddressService public_address_;
  Router router_;
  ConsoleRoutes console_;
  StationAdminRouteContext station_routes_;
  LoginThrottle login_throttle_;
  AccountRouteContext account_routes_;
  PersonRoutes person_routes_;
  PeopleRouteContext people_routes_;
  std::unique_ptr<MessageSender> sender_;
  OutboxRouteContext outbox_routes_;
  std::unique_ptr<JobScheduler> jobs_;  // after the services its jobs call
  // Rebuilds this server's near-me index of open shifts (in memory: every server runs its own).
  std::unique_ptr<PeriodicTask> open_duty_refresh_;
  std::unique_ptr<RegistryWatcher> watcher_;  // last: stopped before anything it uses goes
};

}  // namespace yz
