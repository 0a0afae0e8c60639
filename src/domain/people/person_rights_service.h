// A person's rights over their data, and the retention rules the city configures:
//   - download: everything every area holds about them (person_data.h), as JSON and a page;
//   - consent: give an optional purpose, withdraw any (withdrawing the required sign-in purpose
//     means we may no longer hold the phone: it erases the person, as a deletion does);
//   - deletion: every area erases or anonymises what it holds, then the person goes;
//   - retention (a daily timed job): sign-in codes, sent messages and people inactive for longer
//     than the configured periods are deleted.
// Every act is audited under the person's pseudonym (person:ID), never their phone. HTTP-free.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/local_time.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message_service.h"
#include "domain/people/consent.h"
#include "domain/people/person_data.h"
#include "domain/people/sign_in_service.h"

namespace yz {

// Periods after which each class of data goes (docs/decisions/0015-people-consent-and-messages.md).
struct RetentionConfig {
  std::chrono::days sign_in_codes{1};
  std::chrono::days messages{180};
  std::chrono::days inactive_people{730};
};

struct RetentionRound {
  int64_t sign_in_codes = 0;
  int64_t messages = 0;
  int64_t people = 0;
  int64_t sessions = 0;
};

// Where the person stands on one purpose (its current text).
struct ConsentStatus {
  PurposeText text;
  bool given = false;  // a live consent to this version
  std::optional<UtcTime> given_at;
};

struct PersonSummary {
  std::vector<ConsentStatus> consents;  // every current purpose
  std::vector<Message> notices;         // newest first, at most 20
};

struct PersonDownload {
  Person person;
  UtcTime generated_at;
  std::vector<PersonDataSection> sections;
};

class PersonRightsService {
 public:
  PersonRightsService(PeopleRepository& people, MessageService& messages, SignInService& sign_in,
                      Auditor& auditor, const Clock& clock, TimeZone zone,
                      RetentionConfig retention = {});

  // Adds an area's holder (the composition root, before serving). Not thread-safe with the rest.
  void AddHolder(std::shared_ptr<PersonDataHolder> holder) {
    holders_.push_back(std::move(holder));
  }

  // What the person's page shows (not audited: it is the person's own page).
  Result<PersonSummary> Summary(const PersonPrincipal& who);
  Result<PersonDownload> Download(const PersonPrincipal& who, std::string_view address);
  // Errors: invalid_argument (unknown purpose, not the current version).
  Result<void> Give(const PersonPrincipal& who, std::string_view purpose, int version,
                    std::string_view address);
  // True when the withdrawal erased the person (the required purpose). Errors: invalid_argument
  // (unknown purpose), not_found (no live consent to it).
  Result<bool> Withdraw(const PersonPrincipal& who, std::string_view purpose,
                        std::string_view address);
  Result<void> Erase(const PersonPrincipal& who, std::string_view address);
  // The daily job.
  Result<RetentionRound> ApplyRetention();

  const RetentionConfig& retention() const { return retention_; }
  // A time as the person reads it: "2026-07-01 08:30" in the city's zone.
  std::string LocalText(UtcTime t) const;

 private:
  Result<void> EraseAll(const Person& person);

  PeopleRepository& people_;
  MessageService& messages_;
  SignInService& sign_in_;
  Auditor& auditor_;
  const Clock& clock_;
  const TimeZone zone_;
  const RetentionConfig retention_;
  std::vector<std::shared_ptr<PersonDataHolder>> holders_;
};

// The holder of the messages area: the SMS and notices sent to the person.
class MessageDataHolder final : public PersonDataHolder {
 public:
  MessageDataHolder(MessageRepository& messages, const PersonRightsService& rights)
      : messages_(messages), rights_(rights) {}
  Result<PersonDataSection> Collect(const Person& person) override;
  Result<void> Erase(const Person& person) override;

 private:
  MessageRepository& messages_;
  const PersonRightsService& rights_;
};

}  // namespace yz
