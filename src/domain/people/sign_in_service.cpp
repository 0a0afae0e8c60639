#include "domain/people/sign_in_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/crypto.h"
#include "domain/messages/message_templates.h"
#include "domain/people/consent.h"
#include "domain/people/phone_number.h"

namespace yz {
namespace {

using std::chrono::duration_cast;
using std::chrono::seconds;

constexpr std::string_view kPersonRole = "person";

Error NotAMobile() {
  return Error::InvalidArgument("请输入 11 位中国大陆手机号码 / not a mainland mobile number");
}

Error ConsentNeeded() {
  return Error::InvalidArgument(
      "请先阅读并同意《手机号登录》说明 / the current sign-in purpose text must be accepted");
}

Error TryLater(std::string_view why, seconds wait) {
  const auto minutes = (wait.count() + 59) / 60;
  return Error{ErrorCode::kRateLimited,
               fmt::format("{}，请 {} 分钟后再试 / too many codes, try again in {} min", why,
                           minutes, minutes)};
}

}  // namespace

std::string PersonActor(int64_t person_id) { return fmt::format("person:{}", person_id); }

SignInService::SignInService(PeopleRepository& people, MessageService& messages, Auditor& auditor,
                             const Clock& clock, std::string key, SignInConfig config)
    : people_(people),
      messages_(messages),
      auditor_(auditor),
      clock_(clock),
      key_(std::move(key)),
      config_(config) {}

std::string SignInService::Hash(std::string_view kind, std::string_view value) const {
  return KeyedHashHex(key_, fmt::format("{}:{}", kind, value));
}

Result<CodeSent> SignInService::RequestCode(std::string_view phone_text, int consent_version,
                                            std::string_view address) {
  const auto phone = NormalizeMainlandMobile(phone_text);
  if (!phone) return NotAMobile();
  const auto purpose = CurrentPurposeText(kPhoneSignInPurpose);
  if (!purpose || purpose->version != consent_version) return ConsentNeeded();

  const UtcTime now = clock_.Now();
  const std::string address_key = Hash("address", address);
  auto from_address =
      people_.CountSignInCodesFromAddressSince(address_key, now - std::chrono::hours(1));
  if (!from_address) return from_address.error();
  if (*from_address >= config_.codes_per_address_per_hour) {
    auditor_.RecordAs("", kPersonRole, address, "person.code.request", "", AuditOutcome::kDenied,
                      "per-address limit");
    return TryLater("本网络获取验证码过于频繁", std::chrono::hours(1));
  }
  auto latest = people_.LatestSignInCode(*phone);
  if (!latest) return latest.error();
  if (*latest && now - (*latest)->created_at < config_.resend_after) {
    const auto wait = duration_cast<seconds>(config_.resend_after - (now - (*latest)->created_at));
    return Error{ErrorCode::kRateLimited,
                 fmt::format("验证码已发送，请 {} 秒后再获取 / wait {} s before asking again",
                             wait.count(), wait.count())};
  }
  auto last_hour = people_.CountSignInCodesSince(*phone, now - std::chrono::hours(1));
  if (!last_hour) return last_hour.error();
  if (*last_hour >= config_.codes_per_phone_per_hour) {
    return TryLater("该号码获取验证码过于频繁", std::chrono::hours(1));
  }
  auto last_day = people_.CountSignInCodesSince(*phone, now - std::chrono::hours(24));
  if (!last_day) return last_day.error();
  if (*last_day >= config_.codes_per_phone_per_day) {
    return TryLater("该号码今天获取验证码次数已达上限", std::chrono::hours(24));
  }

  const std::string code = RandomDigits(6);
  SignInCode row;
  row.phone = *phone;
  row.code_hash = Hash("code", code);
  row.address_key = address_key;
  row.created_at = now;
  row.expires_at = now + config_.code_lifetime;
  auto id = people_.AddSignInCode(row);
  if (!id) return id.error();
  MessageRequest sms;
  sms.purpose = std::string(kSignInCodeTemplate);
  sms.object = fmt::format("code:{}", *id);
  sms.phone = *phone;
  sms.template_name = std::string(kSignInCodeTemplate);
  sms.params = {code};
  auto queued = messages_.SendSms(sms);
  if (!queued) return queued.error();
  return CodeSent{duration_cast<seconds>(config_.code_lifetime), config_.resend_after};
}

Result<PersonSignIn> SignInService::SignIn(std::string_view phone_text, std::string_view code,
                                           int consent_version, std::string_view address,
                                           std::string_view previous_token) {
  const auto phone = NormalizeMainlandMobile(phone_text);
  if (!phone) return NotAMobile();
  const auto purpose = CurrentPurposeText(kPhoneSignInPurpose);
  if (!purpose || purpose->version != consent_version) return ConsentNeeded();
  const UtcTime now = clock_.Now();
  const auto denied = [&](std::string_view why) {
    auditor_.RecordAs("", kPersonRole, address, "person.sign_in", "", AuditOutcome::kDenied, why);
  };

  auto latest = people_.LatestSignInCode(*phone);
  if (!latest) return latest.error();
  if (!*latest || (*latest)->used) {
    denied("no live code");
    return Error{ErrorCode::kUnauthenticated, "请先获取验证码 / ask for a code first"};
  }
  const SignInCode& sent = **latest;
  if (sent.attempts >= config_.max_attempts) {
    denied("too many tries");
    return Error{ErrorCode::kRateLimited,
                 "验证码错误次数过多，请重新获取 / too many wrong codes, ask for a new one"};
  }
  if (now >= sent.expires_at) {
    denied("expired code");
    return Error{ErrorCode::kUnauthenticated, "验证码已过期，请重新获取 / the code has expired"};
  }
  if (code.size() != 6 || !ConstantTimeEquals(Hash("code", code), sent.code_hash)) {
    auto attempts = people_.RecordSignInCodeAttempt(sent.id);
    if (!attempts) return attempts.error();
    denied("wrong code");
    if (*attempts >= config_.max_attempts) {
      return Error{ErrorCode::kRateLimited,
                   "验证码错误次数过多，请重新获取 / too many wrong codes, ask for a new one"};
    }
    return Error{ErrorCode::kUnauthenticated,
                 fmt::format("验证码不正确，还可再试 {} 次 / wrong code, {} tries left",
                             config_.max_attempts - *attempts, config_.max_attempts - *attempts)};
  }
  auto used = people_.UseSignInCode(sent.id);
  if (!used) return used.error();
  if (!*used) return Error{ErrorCode::kUnauthenticated, "验证码已使用，请重新获取 / code used"};

  auto existing = people_.FindPersonByPhone(*phone);
  if (!existing) return existing.error();
  auto person = people_.FindOrAddPerson(*phone, now);
  if (!person) return person.error();
  YZ_TRY(people_.TouchPerson(person->id, now));
  person->last_seen_at = now;

  auto consents = people_.ListConsents(person->id);
  if (!consents) return consents.error();
  const bool holds = std::any_of(consents->begin(), consents->end(), [&](const ConsentRecord& c) {
    return c.purpose == purpose->purpose && c.version == purpose->version && !c.withdrawn_at;
  });
  if (!holds) {
    ConsentRecord record;
    record.person_id = person->id;
    record.purpose = std::string(purpose->purpose);
    record.version = purpose->version;
    record.text_hash = PurposeTextHash(*purpose);
    record.given_at = now;
    auto added = people_.AddConsent(record);
    if (!added) return added.error();
    auditor_.RecordAs(PersonActor(person->id), kPersonRole, address, "person.consent.give",
                      fmt::format("{}@{}", purpose->purpose, purpose->version),
                      AuditOutcome::kSuccess);
  }

  if (!previous_token.empty()) (void)people_.DeletePersonSession(Hash("session", previous_token));
  PersonSignIn out;
  out.session_token = RandomToken(32);
  out.person = *person;
  out.new_person = !existing->has_value();
  YZ_TRY(people_.AddPersonSession(
      PersonSession{Hash("session", out.session_token), person->id, now, now}));
  auditor_.RecordAs(PersonActor(person->id), kPersonRole, address, "person.sign_in", "",
                    AuditOutcome::kSuccess, out.new_person ? "new person" : "");
  return out;
}

Result<std::optional<PersonPrincipal>> SignInService::Authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return std::optional<PersonPrincipal>{};
  const std::string hash = Hash("session", token);
  auto session = people_.FindPersonSession(hash);
  if (!session) return session.error();
  if (!*session) return std::optional<PersonPrincipal>{};
  const UtcTime now = clock_.Now();
  if (now - (*session)->last_seen_at > config_.session_idle ||
      now - (*session)->created_at > config_.session_absolute) {
    (void)people_.DeletePersonSession(hash);
    return std::optional<PersonPrincipal>{};
  }
  auto person = people_.FindPerson((*session)->person_id);
  if (!person) return person.error();
  if (!*person) return std::optional<PersonPrincipal>{};
  if (now - (*session)->last_seen_at >= config_.touch_interval) {
    (void)people_.TouchPersonSession(hash, now);
    (void)people_.TouchPerson((*person)->id, now);
  }
  return std::optional<PersonPrincipal>{PersonPrincipal{**person, hash}};
}

Result<void> SignInService::SignOut(std::string_view token) {
  if (token.empty()) return Ok();
  return people_.DeletePersonSession(Hash("session", token));
}

Result<int64_t> SignInService::DeleteExpiredSessions() {
  const UtcTime now = clock_.Now();
  return people_.DeleteExpiredPersonSessions(now - config_.session_idle,
                                             now - config_.session_absolute);
}

}  // namespace yz
