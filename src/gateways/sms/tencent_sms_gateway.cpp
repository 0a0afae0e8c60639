#include "gateways/sms/tencent_sms_gateway.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <array>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "core/personal_data.h"
#include "gateways/sms/tc3_signer.h"

namespace yz {

namespace {

constexpr std::string_view kService = "sms";
constexpr std::string_view kAction = "SendSms";
constexpr std::string_view kVersion = "2021-01-11";
constexpr std::string_view kContentType = "application/json; charset=utf-8";
constexpr std::size_t kMaxProviderTextBytes = 200;

// curl_global_init is not thread-safe before libcurl 7.84; the first gateway does it once.
void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw std::runtime_error("libcurl failed to initialise");
    }
  });
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

struct ResponseBuffer {
  std::string body;
  std::size_t limit = 0;
  bool overflow = false;
};

std::size_t WriteBody(char* data, std::size_t size, std::size_t count, void* user) {
  auto* buffer = static_cast<ResponseBuffer*>(user);
  const std::size_t bytes = size * count;
  if (buffer->body.size() + bytes > buffer->limit) {
    buffer->overflow = true;
    return 0;  // anything but `bytes` makes curl stop with CURLE_WRITE_ERROR
  }
  buffer->body.append(data, bytes);
  return bytes;
}

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

// "+86" + an 11-digit mainland mobile number, from "18812342223" or "+8618812342223".
std::optional<std::string> E164MainlandMobile(std::string_view phone) {
  if (phone.starts_with("+86")) phone.remove_prefix(3);
  if (phone.size() != 11 || phone.front() != '1' || !IsDigits(phone)) return std::nullopt;
  return "+86" + std::string(phone);
}

// Tencent's own text, made fit for an error message: at most 200 bytes (cut at a UTF-8 boundary),
// control characters as spaces, and any run of 7 or more digits masked like a phone number in
// case the provider quoted one.
std::string ProviderText(std::string_view text) {
  if (text.size() > kMaxProviderTextBytes) {
    std::size_t cut = kMaxProviderTextBytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = text[i];
    if (std::isdigit(c)) {
      std::size_t j = i;
      while (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) ++j;
      const std::string_view run = text.substr(i, j - i);
      out += run.size() >= 7 ? MaskPhone(run) : std::string(run);
      i = j;
      continue;
    }
    out.push_back(c < 0x20 || c == 0x7f ? ' ' : static_cast<char>(c));
    ++i;
  }
  return out;
}

std::string_view StringAt(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

Error ProviderRefused(std::string_view code, std::string_view message,
                      std::string_view request_id) {
  const std::string shown_code = ProviderText(code);
  const std::string text =
      fmt::format("腾讯云短信未发送（{}）/ tencent sms: {}: {} (RequestId {})", shown_code,
                  shown_code, ProviderText(message), ProviderText(request_id));
  return Error{ClassifyTencentSmsCode(code), text};
}

Result<SmsReceipt> ReadAnswer(std::string_view body) {
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(body, ec);
  const auto unreadable = [] {
    return Error::Unavailable("腾讯云短信应答无法解析 / tencent sms: unreadable answer");
  };
  if (ec || !root.is_object()) return unreadable();
  const auto* response = root.get_object().if_contains("Response");
  if (!response || !response->is_object()) return unreadable();
  const auto& r = response->get_object();
  const std::string_view request_id = StringAt(r, "RequestId");
  if (const auto* error = r.if_contains("Error")) {
    if (!error->is_object()) return unreadable();
    const std::string_view code = StringAt(error->get_object(), "Code");
    return ProviderRefused(code.empty() ? "(no code)" : code,
                           StringAt(error->get_object(), "Message"), request_id);
  }
  const auto* set = r.if_contains("SendStatusSet");
  if (!set || !set->is_array() || set->get_array().empty() ||
      !set->get_array().front().is_object()) {
    return unreadable();
  }
  const auto& status = set->get_array().front().get_object();
  const std::string_view code = StringAt(status, "Code");
  if (code == "Ok") {
    const std::string_view serial = StringAt(status, "SerialNo");
    if (serial.empty()) return unreadable();
    return SmsReceipt{std::string(serial)};
  }
  return ProviderRefused(code.empty() ? "(no code)" : code, StringAt(status, "Message"),
                         request_id);
}

bool StartsWith(std::string_view code, std::string_view prefix) {
  // "LimitExceeded" matches "LimitExceeded" and "LimitExceeded.X", not "LimitExceededFoo".
  return code.starts_with(prefix) && (code.size() == prefix.size() || code[prefix.size()] == '.');
}

}  // namespace

ErrorCode ClassifyTencentSmsCode(std::string_view code) {
  // Exceptions to the families below, first.
  static constexpr std::array<std::string_view, 5> kRetry = {
      "FailedOperation.InsufficientBalanceInSmsPackage",   // sendable once the package is topped up
      "FailedOperation.MarketingSendTimeConstraint",       // marketing only from 08:00 to 22:00
      "UnauthorizedOperation.SerivceSuspendDueToArrears",  // (sic, Tencent's spelling)
      "UnauthorizedOperation.ServiceSuspendDueToArrears",
      "FailedOperation",  // bare "operation failed": nothing says it is about this message
  };
  static constexpr std::array<std::string_view, 2> kNoRetry = {
      "LimitExceeded.PhoneNumberCountLimit",          // more than 200 numbers in one request
      "LimitExceeded.AppCountryOrRegionInBlacklist",  // the destination is barred for the app
  };
  for (std::string_view c : kRetry) {
    if (code == c) return ErrorCode::kUnavailable;
  }
  for (std::string_view c : kNoRetry) {
    if (code == c) return ErrorCode::kInvalidArgument;
  }
  static constexpr std::array<std::string_view, 5> kRetryFamilies = {
      "RequestLimitExceeded", "LimitExceeded", "InternalError", "ResourceUnavailable",
      "ResourceInsufficient"};
  for (std::string_view family : kRetryFamilies) {
    if (StartsWith(code, family)) return ErrorCode::kUnavailable;
  }
  static constexpr std::array<std::string_view, 15> kNoRetryFamilies = {
      "AuthFailure",      "InvalidParameter",      "InvalidParameterValue", "MissingParameter",
      "UnknownParameter", "UnauthorizedOperation", "UnsupportedOperation",  "FailedOperation",
      "InvalidAction",    "ActionOffline",         "NoSuchProduct",         "NoSuchVersion",
      "InvalidRequest",   "IpInBlacklist",         "IpNotInWhitelist"};
  for (std::string_view family : kNoRetryFamilies) {
    if (StartsWith(code, family)) return ErrorCode::kInvalidArgument;
  }
  return ErrorCode::kUnavailable;  // unknown: let the sender's bounded retries decide
}

TencentSmsGateway::TencentSmsGateway(TencentSmsConfig config, const Clock& clock)
    : config_(std::move(config)), clock_(clock) {
  InitCurlOnce();
  url_ = config_.endpoint + "/";
  const std::size_t scheme_end = config_.endpoint.find("://");
  host_ = config_.endpoint.substr(scheme_end == std::string::npos ? 0 : scheme_end + 3);
}

Result<SmsReceipt> TencentSmsGateway::Send(const OutgoingSms& sms) {
  const auto phone = E164MainlandMobile(sms.phone);
  if (!phone) {
    const std::string masked = MaskPhone(sms.phone);
    return Error::InvalidArgument(fmt::format(
        "手机号 {} 不是 11 位大陆手机号 / tencent sms: phone {} is not an 11-digit mainland "
        "mobile number",
        masked, masked));
  }
  const auto template_id = config_.templates.find(sms.template_name);
  if (template_id == config_.templates.end()) {
    return Error::InvalidArgument(fmt::format(
        "短信密钥文件未配置模板 {} / tencent sms: no template id for \"{}\" in the key file",
        sms.template_name, sms.template_name));
  }

  boost::json::object request;
  request["PhoneNumberSet"] = boost::json::array{boost::json::string(*phone)};
  request["SmsSdkAppId"] = config_.sdk_app_id;
  request["SignName"] = config_.sign_name;
  request["TemplateId"] = template_id->second;
  boost::json::array params;
  for (const auto& p : sms.params) params.emplace_back(p);
  request["TemplateParamSet"] = std::move(params);
  const std::string body = boost::json::serialize(request);

  const int64_t timestamp =
      std::chrono::floor<std::chrono::seconds>(clock_.Now()).time_since_epoch().count();
  const std::string authorization = Tc3Authorization({.secret_id = config_.secret_id,
                                                      .secret_key = config_.secret_key,
                                                      .service = kService,
                                                      .host = host_,
                                                      .content_type = kContentType,
                                                      .payload = body,
                                                      .timestamp = timestamp});

  std::unique_ptr<curl_slist, SlistDeleter> headers;
  for (const std::string& line :
       {fmt::format("Content-Type: {}", kContentType), fmt::format("Host: {}", host_),
        fmt::format("X-TC-Action: {}", kAction), fmt::format("X-TC-Version: {}", kVersion),
        fmt::format("X-TC-Timestamp: {}", timestamp),
        fmt::format("X-TC-Region: {}", config_.region),
        fmt::format("Authorization: {}", authorization), std::string("Expect:")}) {
    curl_slist* appended = curl_slist_append(headers.get(), line.c_str());
    if (!appended) return Error::Internal("tencent sms: out of memory");
    headers.release();
    headers.reset(appended);
  }

  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error::Internal("tencent sms: curl_easy_init failed");
  ResponseBuffer answer{.limit = config_.max_response_bytes};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, url_.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM, safe in threads
  // The key file's proxy or none: an empty string also stops curl reading *_proxy variables.
  curl_easy_setopt(c, CURLOPT_PROXY, config_.proxy.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
                   static_cast<long>(config_.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(config_.timeout.count()));
  curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(answer.limit));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &WriteBody);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer);

  const CURLcode result = curl_easy_perform(c);
  if (answer.overflow || result == CURLE_FILESIZE_EXCEEDED) {
    return Error::Unavailable(
        fmt::format("腾讯云短信应答过长 / tencent sms: answer longer than {} bytes", answer.limit));
  }
  if (result == CURLE_OPERATION_TIMEDOUT) {
    return Error::Unavailable(
        fmt::format("腾讯云短信 {} 毫秒内无应答 / tencent sms: no answer within {} ms",
                    config_.timeout.count(), config_.timeout.count()));
  }
  if (result != CURLE_OK) {
    return Error::Unavailable(
        fmt::format("腾讯云短信连接失败 / tencent sms: {}", curl_easy_strerror(result)));
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    return Error::Unavailable(
        fmt::format("腾讯云短信返回 HTTP {} / tencent sms: HTTP {}", status, status));
  }
  return ReadAnswer(answer.body);
}

}  // namespace yz
