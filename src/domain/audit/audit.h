// The audit log: every change made through the console or the admin API, every view of unmasked
// personal data, every sign-in and lockout — who, in which role, did what to which object, when,
// from where, and the outcome. Append-only: the application has no way to change or delete a row
// (and on PostgreSQL a trigger refuses it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/local_time.h"
#include "core/result.h"

namespace yz {

enum class AuditOutcome : uint8_t {
  kSuccess,  // done
  kDenied,   // refused: no right, wrong password, locked, bad CSRF token
  kFailed,   // attempted, but invalid input or a store error
};
std::string_view AuditOutcomeCode(AuditOutcome o);  // "success" | "denied" | "failed"
std::optional<AuditOutcome> ParseAuditOutcome(std::string_view code);

struct AuditEntry {
  int64_t id = 0;          // assigned by the store, increasing
  UtcTime at;
  std::string actor;       // the username ("" when nobody signed in)
  std::string role;        // the actor's role code ("" when none)
  std::string action;      // "station.create", "auth.login", "station.phone_view", …
  std::string object;      // "station:SG001", "account:alice", "report:…"; may be empty
  std::string address;     // the client's IP address
  AuditOutcome outcome = AuditOutcome::kSuccess;
  std::string detail;      // short, never personal data in clear
  friend bool operator==(const AuditEntry&, const AuditEntry&) = default;
};

struct AuditQuery {
  int64_t before_id = 0;  // 0: from the newest; otherwise entries with id < before_id
  int limit = 100;        // 1..1000
  std::string actor;      // "" = any
  std::string action_prefix;  // "" = any; "station." = every station action
};

class AuditRepository {
 public:
  virtual ~AuditRepository() = default;
  // Appends `entry` (its id ignored) and returns the id given to it.
  virtual Result<int64_t> Append(const AuditEntry& entry) = 0;
  // Matching entries, newest (highest id) first.
  virtual Result<std::vector<AuditEntry>> List(const AuditQuery& query) = 0;
};

}  // namespace yz
