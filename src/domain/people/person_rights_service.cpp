#include "domain/people/person_rights_service.h"

#include <fmt/format.h>

#include "core/date.h"
#include "core/personal_data.h"
#include "domain/messages/message_templates.h"
#include "domain/people/consent.h"

namespace yz {
namespace {

constexpr std::string_view kPersonRole = "person";

std::string PurposeTitle(std::string_view purpose) {
  const auto t = CurrentPurposeText(purpose);
  return t ? std::string(t->title) : std::string(purpose);
}

}  // namespace

PersonRightsService::PersonRightsService(PeopleRepository& people, MessageService& messages,
                                         SignInService& sign_in, Auditor& auditor,
                                         const Clock& clock, TimeZone zone,
                                         RetentionConfig retention)
    : people_(people),
      messages_(messages),
      sign_in_(sign_in),
      auditor_(auditor),
      clock_(clock),
      zone_(std::move(zone)),
      retention_(retention) {}

std::string PersonRightsService::LocalText(UtcTime t) const {
  const LocalTime local = zone_.ToLocal(t);
  const Date day{std::chrono::sys_days(std::chrono::days(local.day_number))};
  return fmt::format("{} {:02}:{:02}", FormatDate(day), local.minute_of_day / 60,
                     local.minute_of_day % 60);
}

Result<PersonSummary> PersonRightsService::Summary(const PersonPrincipal& who) {
  auto consents = people_.ListConsents(who.person.id);
  if (!consents) return consents.error();
  PersonSummary out;
  for (const PurposeText& t : AllPurposeTexts()) {
    const auto current = CurrentPurposeText(t.purpose);
    if (!current || current->version != t.version) continue;
    ConsentStatus status{t, false, std::nullopt};
    for (const ConsentRecord& c : *consents) {
      if (c.purpose == t.purpose && c.version == t.version && !c.withdrawn_at) {
        status.given = true;
        status.given_at = c.given_at;
      }
    }
    out.consents.push_back(std::move(status));
  }
  auto messages = messages_.repository().MessagesOf(who.person.id, "", 50);
  if (!messages) return messages.error();
  for (Message& m : *messages) {
    if (m.channel == MessageChannel::kNotice && out.notices.size() < 20) {
      out.notices.push_back(std::move(m));
    }
  }
  return out;
}

Result<PersonDownload> PersonRightsService::Download(const PersonPrincipal& who,
                                                     std::string_view address) {
  PersonDownload out;
  out.person = who.person;
  out.generated_at = clock_.Now();

  PersonDataSection profile{"person", "个人信息", {}};
  profile.items.push_back({{"phone", "手机号", who.person.phone},
                           {"created_at", "首次登录", LocalText(who.person.created_at)},
                           {"last_seen_at", "最近使用", LocalText(who.person.last_seen_at)}});
  out.sections.push_back(std::move(profile));

  auto consents = people_.ListConsents(who.person.id);
  if (!consents) return consents.error();
  PersonDataSection consent_section{"consents", "同意记录", {}};
  for (const ConsentRecord& c : *consents) {
    consent_section.items.push_back(
        {{"purpose", "事项", PurposeTitle(c.purpose)},
         {"version", "说明版本", std::to_string(c.version)},
         {"given_at", "同意时间", LocalText(c.given_at)},
         {"withdrawn_at", "撤回时间", c.withdrawn_at ? LocalText(*c.withdrawn_at) : ""}});
  }
  out.sections.push_back(std::move(consent_section));

  auto sessions = people_.ListPersonSessions(who.person.id);
  if (!sessions) return sessions.error();
  PersonDataSection session_section{"sessions", "登录设备", {}};
  for (const PersonSession& s : *sessions) {
    session_section.items.push_back(
        {{"created_at", "登录时间", LocalText(s.created_at)},
         {"last_seen_at", "最近使用", LocalText(s.last_seen_at)},
         {"current", "当前设备", s.token_hash == who.session_token_hash ? "是" : "否"}});
  }
  out.sections.push_back(std::move(session_section));

  for (const auto& holder : holders_) {
    auto section = holder->Collect(who.person);
    if (!section) return section.error();
    out.sections.push_back(std::move(*section));
  }
  auditor_.RecordAs(PersonActor(who.person.id), kPersonRole, address, "person.data.download", "",
                    AuditOutcome::kSuccess);
  return out;
}

Result<void> PersonRightsService::Give(const PersonPrincipal& who, std::string_view purpose,
                                       int version, std::string_view address) {
  const auto text = CurrentPurposeText(purpose);
  if (!text || text->version != version) {
    return Error::InvalidArgument(fmt::format(
        "未知事项或说明版本已更新 / unknown purpose or not its current version: {}", purpose));
  }
  auto consents = people_.ListConsents(who.person.id);
  if (!consents) return consents.error();
  for (const ConsentRecord& c : *consents) {
    if (c.purpose == purpose && c.version == version && !c.withdrawn_at) return Ok();
  }
  ConsentRecord record;
  record.person_id = who.person.id;
  record.purpose = std::string(purpose);
  record.version = version;
  record.text_hash = PurposeTextHash(*text);
  record.given_at = clock_.Now();
  auto id = people_.AddConsent(record);
  if (!id) return id.error();
  auditor_.RecordAs(PersonActor(who.person.id), kPersonRole, address, "person.consent.give",
                    fmt::format("{}@{}", purpose, version), AuditOutcome::kSuccess);
  return Ok();
}

Result<bool> PersonRightsService::Withdraw(const PersonPrincipal& who, std::string_view purpose,
                                           std::string_view address) {
  const auto text = CurrentPurposeText(purpose);
  if (!text) return Error::InvalidArgument(fmt::format("未知事项 / unknown purpose: {}", purpose));
  auto withdrawn = people_.WithdrawConsent(who.person.id, purpose, clock_.Now());
  if (!withdrawn) return withdrawn.error();
  if (*withdrawn == 0) {
    return Error::NotFound(fmt::format("您没有同意过“{}” / no consent to withdraw", text->title));
  }
  auditor_.RecordAs(PersonActor(who.person.id), kPersonRole, address, "person.consent.withdraw",
                    purpose, AuditOutcome::kSuccess);
  if (text->required) {
    YZ_TRY(EraseAll(who.person));
    auditor_.RecordAs(PersonActor(who.person.id), kPersonRole, address, "person.erase",
                      "consent withdrawn", AuditOutcome::kSuccess);
    return true;
  }
  MessageRequest notice;
  notice.purpose = "consent_withdrawn";
  notice.object = fmt::format("{}:{}", purpose, clock_.Now().time_since_epoch().count());
  notice.person_id = who.person.id;
  notice.template_name = "consent_withdrawn";
  notice.params = {std::string(text->title)};
  (void)messages_.Notify(notice);
  return false;
}

Result<void> PersonRightsService::Erase(const PersonPrincipal& who, std::string_view address) {
  YZ_TRY(EraseAll(who.person));
  auditor_.RecordAs(PersonActor(who.person.id), kPersonRole, address, "person.erase", "request",
                    AuditOutcome::kSuccess);
  return Ok();
}

// The areas first, the person last: a deletion cut short leaves the person, so it can be asked
// for again, and every holder's Erase is idempotent.
Result<void> PersonRightsService::EraseAll(const Person& person) {
  for (const auto& holder : holders_) YZ_TRY(holder->Erase(person));
  return people_.ErasePerson(person.id);
}

Result<RetentionRound> PersonRightsService::ApplyRetention() {
  const UtcTime now = clock_.Now();
  RetentionRound round;
  auto codes = people_.DeleteSignInCodesBefore(now - retention_.sign_in_codes);
  if (!codes) return codes.error();
  round.sign_in_codes = *codes;
  auto sessions = sign_in_.DeleteExpiredSessions();
  if (!sessions) return sessions.error();
  round.sessions = *sessions;
  // Sign-in codes' texts go with the codes; every other message after its own period.
  auto code_texts = messages_.repository().DeleteMessagesBefore(now - retention_.sign_in_codes,
                                                                kSignInCodeTemplate);
  if (!code_texts) return code_texts.error();
  auto messages = messages_.repository().DeleteMessagesBefore(now - retention_.messages, "");
  if (!messages) return messages.error();
  round.messages = *code_texts + *messages;
  while (true) {
    auto idle = people_.PeopleNotSeenSince(now - retention_.inactive_people, 200);
    if (!idle) return idle.error();
    for (int64_t id : *idle) {
      auto person = people_.FindPerson(id);
      if (!person) return person.error();
      if (!*person) continue;
      YZ_TRY(EraseAll(**person));
      auditor_.RecordAs("system", "system", "", "person.erase", PersonActor(id),
                        AuditOutcome::kSuccess, "retention: inactive");
      ++round.people;
    }
    if (idle->size() < 200) break;
  }
  return round;
}

Result<PersonDataSection> MessageDataHolder::Collect(const Person& person) {
  auto messages = messages_.MessagesOf(person.id, person.phone, 1000);
  if (!messages) return messages.error();
  PersonDataSection section{"messages", "发给您的短信和通知", {}};
  for (const Message& m : *messages) {
    const auto t = FindMessageTemplate(m.template_name);
    section.items.push_back(
        {{"channel", "方式", m.channel == MessageChannel::kSms ? "短信" : "页面通知"},
         {"kind", "类别", t ? std::string(t->label) : m.template_name},
         {"text", "内容", m.text},
         {"status", "状态", std::string(MessageStatusLabel(m.status))},
         {"created_at", "时间", rights_.LocalText(m.created_at)}});
  }
  return section;
}

Result<void> MessageDataHolder::Erase(const Person& person) {
  auto erased = messages_.EraseMessagesOf(person.id, person.phone);
  if (!erased) return erased.error();
  return Ok();
}

}  // namespace yz
