// One opened store: a plain struct of the per-area repositories over one database, built by
// OpenStore (open_store.h) and handed to the composition root, which gives each service the
// repositories of its area and nothing else.
//
// Every repository is safe to call from several threads; a failing call changes nothing and
// returns an Error (kUnavailable when the store cannot be reached, kInternal for anything
// unexpected). The members share one connection set: on SQLite one reader connection, the
// group-commit writer and the checkpointer; on PostgreSQL one connection pool for every area.
// They are shared_ptrs into that one object, so the connections live as long as any repository
// handed out, and copying a Store is cheap.
//
// Adding an area: add its repository here, build it in both OpenSqliteStore and
// OpenPostgresStore (docs/adding-an-area.md).
#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "domain/accounts/account.h"
#include "domain/audit/audit.h"
#include "domain/checkins/checkin_repository.h"
#include "domain/grading/grading_repository.h"
#include "domain/jobs/job_repository.h"
#include "domain/messages/message.h"
#include "domain/people/person.h"
#include "domain/settings/setting_repository.h"
#include "domain/stations/station_repository.h"
#include "domain/upkeep/inspection.h"
#include "domain/upkeep/supplies.h"
#include "domain/upkeep/ticket_repository.h"
#include "domain/volunteers/volunteer_repository.h"

namespace yz {

// The store's secret for keyed hashes of device ids, rating tokens and sessions: 32 random bytes
// made the first time it is asked for and kept in the store, so every server sharing the store
// agrees on it. Never logged.
class SecretRepository {
 public:
  virtual ~SecretRepository() = default;
  virtual Result<std::string> HashKey() = 0;
};

struct Store {
  std::string kind;  // "sqlite" or "postgresql"

  // The registry (domain/stations).
  std::shared_ptr<StationRepository> stations;
  std::shared_ptr<RegionRepository> regions;
  std::shared_ptr<HostRepository> hosts;
  std::shared_ptr<StandardRepository> standard;
  // Check-ins, ratings and the public write path of reports (domain/checkins).
  std::shared_ptr<CheckinRepository> checkins;
  // Maintenance tickets (workers' reports and what follows), teams, service levels (domain/upkeep).
  std::shared_ptr<TicketRepository> tickets;
  std::shared_ptr<InspectionRepository> inspections;
  std::shared_ptr<SupplyRepository> supplies;
  // Star grading: rules, declared facts, runs and approved grades (domain/grading).
  std::shared_ptr<GradingRepository> grading;
  // Console accounts, their sessions and the append-only audit log (domain/accounts, domain/audit).
  std::shared_ptr<AccountRepository> accounts;
  std::shared_ptr<SessionRepository> sessions;
  std::shared_ptr<AuditRepository> audit;
  std::shared_ptr<SecretRepository> secrets;
  // Timed jobs' runs, one per job and period across every server (domain/jobs).
  std::shared_ptr<JobRepository> jobs;
  // People signed in by phone, their codes, sessions and consents (domain/people).
  std::shared_ptr<PeopleRepository> people;
  // The outbox of SMS and notices (domain/messages).
  std::shared_ptr<MessageRepository> messages;
  // Volunteers, their shifts and holds, the city's duty rules (domain/volunteers).
  std::shared_ptr<VolunteerRepository> volunteers;
  // Settings every server and command sharing the store agrees on (domain/settings).
  std::shared_ptr<SettingRepository> settings;
};

}  // namespace yz
