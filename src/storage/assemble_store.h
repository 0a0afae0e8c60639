// Internal to the stores: fills a Store from the one backend object that owns the connections.
// Every member aliases `backend` (shared_ptr's aliasing constructor), so the connections live
// while any repository handed out does.
#pragma once

#include <memory>
#include <string>

#include "storage/store.h"

namespace yz {

// REQUIRES: Backend implements the registry's repositories and SecretRepository itself, and
// answers checkins(), tickets(), grading(), accounts() (accounts, sessions and audit), jobs(),
// people(), messages(), volunteers() and settings().
template <class Backend>
Store AssembleStore(std::string kind, const std::shared_ptr<Backend>& backend) {
  const auto part = [&backend]<class T>(T& repository) {
    return std::shared_ptr<T>(backend, &repository);
  };
  Store store;
  store.kind = std::move(kind);
  store.stations = part(static_cast<StationRepository&>(*backend));
  store.regions = part(static_cast<RegionRepository&>(*backend));
  store.hosts = part(static_cast<HostRepository&>(*backend));
  store.standard = part(static_cast<StandardRepository&>(*backend));
  store.secrets = part(static_cast<SecretRepository&>(*backend));
  store.checkins = part(static_cast<CheckinRepository&>(backend->checkins()));
  store.tickets = part(static_cast<TicketRepository&>(backend->tickets()));
  store.inspections = part(static_cast<InspectionRepository&>(backend->tickets()));
  store.supplies = part(static_cast<SupplyRepository&>(backend->tickets()));
  store.grading = part(static_cast<GradingRepository&>(backend->grading()));
  store.accounts = part(static_cast<AccountRepository&>(backend->accounts()));
  store.sessions = part(static_cast<SessionRepository&>(backend->accounts()));
  store.audit = part(static_cast<AuditRepository&>(backend->accounts()));
  store.jobs = part(static_cast<JobRepository&>(backend->jobs()));
  store.people = part(static_cast<PeopleRepository&>(backend->people()));
  store.messages = part(static_cast<MessageRepository&>(backend->messages()));
  store.volunteers = part(static_cast<VolunteerRepository&>(backend->volunteers()));
  store.settings = part(static_cast<SettingRepository&>(backend->settings()));
  return store;
}

}  // namespace yz
