#include "gateways/sms/tencent_sms_gateway.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "app/test_support.h"
#include "gateways/fake_tencent_sms.h"
#include "gateways/sms/open_sms_gateway.h"

namespace yz {
namespace {

using testing::FakeTencentSms;
using Answer = testing::FakeTencentSms::Answer;

constexpr std::string_view kPhone = "13987654321";
constexpr std::string_view kSecretKey = "test-SECRET-key-9f8e7d";
constexpr int64_t kNow = 1714521600;  // 2024-05-01 00:00:00 UTC

// No 7 consecutive digits of the phone number, and not the secret key.
void ExpectNoSecretsIn(const Error& error) {
  const std::string& m = error.message;
  for (std::size_t i = 0; i + 7 <= kPhone.size(); ++i) {
    EXPECT_EQ(m.find(kPhone.substr(i, 7)), std::string::npos) << m;
  }
  EXPECT_EQ(m.find(kSecretKey), std::string::npos) << m;
}

class TencentSmsGatewayTest : public ::testing::Test {
 protected:
  TencentSmsConfig Config() const {
    TencentSmsConfig c;
    c.secret_id = "AKIDtest";
    c.secret_key = std::string(kSecretKey);
    c.sdk_app_id = "1400000001";
    c.sign_name = "某某工会";
    c.region = "ap-guangzhou";
    c.endpoint = fake_.endpoint();
    c.timeout = std::chrono::milliseconds(2000);
    c.connect_timeout = std::chrono::milliseconds(1000);
    c.templates = {{"sign_in_code", "1234567"}};
    return c;
  }

  static OutgoingSms Sms(std::string_view phone = kPhone) {
    return {.phone = std::string(phone),
            .template_name = "sign_in_code",
            .params = {"4370", "5"},
            .text = "您的签到验证码是 4370，5 分钟内有效。"};
  }

  // Sends one message with the fake scripted to `answer`; REQUIRES the send to fail.
  Error FailureFor(Answer answer, std::string code = "") {
    fake_.Script(answer, std::move(code));
    TencentSmsGateway gateway(Config(), clock_);
    auto result = gateway.Send(Sms());
    EXPECT_FALSE(result.ok());
    if (result.ok()) return Error::Internal("sent");
    ExpectNoSecretsIn(result.error());
    return result.error();
  }

  FakeClock clock_{UtcTime(std::chrono::seconds(kNow))};
  FakeTencentSms fake_{{.secret_id = "AKIDtest",
                        .secret_key = std::string(kSecretKey),
                        .sdk_app_id = "1400000001",
                        .sign_name = "某某工会",
                        .region = "ap-guangzhou"}};
};

TEST_F(TencentSmsGatewayTest, SendsASignedRequestAndReturnsTheSerialNumber) {
  TencentSmsGateway gateway(Config(), clock_);
  EXPECT_EQ(gateway.Name(), "tencent");
  const auto receipt = gateway.Send(Sms());
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_EQ(receipt->provider_id, FakeTencentSms::kSerialNo);

  const auto seen = fake_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_TRUE(seen[0].signature_ok);
  EXPECT_EQ(seen[0].problem, "");
  EXPECT_EQ(seen[0].headers.at("x-tc-timestamp"), std::to_string(kNow));
  EXPECT_EQ(seen[0].headers.at("authorization").substr(0, 58),
            "TC3-HMAC-SHA256 Credential=AKIDtest/2024-05-01/sms/tc3_req");
  const auto body = boost::json::parse(seen[0].body).as_object();
  EXPECT_EQ(body.at("PhoneNumberSet").as_array().at(0).as_string(), "+8613987654321");
  EXPECT_EQ(body.at("TemplateId").as_string(), "1234567");
  EXPECT_EQ(body.at("TemplateParamSet").as_array(), (boost::json::array{"4370", "5"}));
}

TEST_F(TencentSmsGatewayTest, TakesTheTimestampFromTheInjectedClock) {
  TencentSmsGateway gateway(Config(), clock_);
  clock_.Advance(std::chrono::hours(24) + std::chrono::milliseconds(1500));
  ASSERT_TRUE(gateway.Send(Sms()).ok());
  const auto seen = fake_.requests();
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].headers.at("x-tc-timestamp"), std::to_string(kNow + 86400 + 1));
  EXPECT_NE(seen[0].headers.at("authorization").find("/2024-05-02/sms/"), std::string::npos);
}

// Nothing below the composition root reads the environment: a proxy variable left in a service's
// environment must not reroute (or break) the messages.
TEST_F(TencentSmsGatewayTest, IgnoresProxyEnvironmentVariables) {
  ::setenv("http_proxy", "http://127.0.0.1:9", 1);
  ::setenv("HTTPS_PROXY", "http://127.0.0.1:9", 1);
  TencentSmsGateway gateway(Config(), clock_);
  const auto receipt = gateway.Send(Sms());
  ::unsetenv("http_proxy");
  ::unsetenv("HTTPS_PROXY");
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
}

TEST_F(TencentSmsGatewayTest, AcceptsANumberAlreadyWithTheCountryCode) {
  TencentSmsGateway gateway(Config(), clock_);
  ASSERT_TRUE(gateway.Send(Sms("+8613987654321")).ok());
  EXPECT_EQ(fake_.requests().at(0).problem, "");
}

TEST_F(TencentSmsGatewayTest, AWrongSecretKeyIsASignatureFailureNotRetried) {
  TencentSmsConfig config = Config();
  config.secret_key = "not-the-right-key";
  TencentSmsGateway gateway(config, clock_);
  const auto result = gateway.Send(Sms());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("AuthFailure.SignatureFailure"), std::string::npos)
      << result.error().message;
  EXPECT_EQ(result.error().message.find("not-the-right-key"), std::string::npos);
  ExpectNoSecretsIn(result.error());
  ASSERT_EQ(fake_.requests().size(), 1u);
  EXPECT_FALSE(fake_.requests()[0].signature_ok);
}

TEST_F(TencentSmsGatewayTest, ALimitExceededErrorIsRetried) {
  const Error e = FailureFor(Answer::kError, "LimitExceeded.PhoneNumberDailyLimit");
  EXPECT_EQ(e.code, ErrorCode::kUnavailable);
  EXPECT_NE(e.message.find("LimitExceeded.PhoneNumberDailyLimit"), std::string::npos);
  EXPECT_NE(e.message.find(FakeTencentSms::kRequestId), std::string::npos);
}

TEST_F(TencentSmsGatewayTest, ARequestRateLimitIsRetried) {
  EXPECT_EQ(FailureFor(Answer::kError, "RequestLimitExceeded").code, ErrorCode::kUnavailable);
}

TEST_F(TencentSmsGatewayTest, AnInternalErrorIsRetried) {
  EXPECT_EQ(FailureFor(Answer::kError, "InternalError.Timeout").code, ErrorCode::kUnavailable);
}

TEST_F(TencentSmsGatewayTest, AnInvalidPhoneErrorIsNotRetriedAndTheQuotedNumberIsMasked) {
  const Error e = FailureFor(Answer::kError, "InvalidParameterValue.IncorrectPhoneNumber");
  EXPECT_EQ(e.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(e.message.find("InvalidParameterValue.IncorrectPhoneNumber"), std::string::npos);
}

TEST_F(TencentSmsGatewayTest, ARefusalInTheSendStatusIsClassifiedToo) {
  const Error invalid =
      FailureFor(Answer::kStatusRefused, "InvalidParameterValue.IncorrectPhoneNumber");
  EXPECT_EQ(invalid.code, ErrorCode::kInvalidArgument);
  EXPECT_NE(invalid.message.find("refused +861******4321"), std::string::npos) << invalid.message;
  EXPECT_EQ(FailureFor(Answer::kStatusRefused, "LimitExceeded.PhoneNumberThirtySecondLimit").code,
            ErrorCode::kUnavailable);
  EXPECT_EQ(
      FailureFor(Answer::kStatusRefused, "FailedOperation.TemplateIncorrectOrUnapproved").code,
      ErrorCode::kInvalidArgument);
}

TEST_F(TencentSmsGatewayTest, AnHttp500IsRetried) {
  const Error e = FailureFor(Answer::kHttp500);
  EXPECT_EQ(e.code, ErrorCode::kUnavailable);
  EXPECT_NE(e.message.find("HTTP 500"), std::string::npos) << e.message;
}

TEST_F(TencentSmsGatewayTest, AnUnreadableAnswerIsRetried) {
  EXPECT_EQ(FailureFor(Answer::kGarbage).code, ErrorCode::kUnavailable);
}

TEST_F(TencentSmsGatewayTest, AnAnswerLongerThanTheCapIsRefused) {
  for (const Answer answer : {Answer::kOversized, Answer::kOversizedKnown}) {
    const Error e = FailureFor(answer);
    EXPECT_EQ(e.code, ErrorCode::kUnavailable);
    EXPECT_NE(e.message.find("longer than 65536 bytes"), std::string::npos) << e.message;
  }
}

TEST_F(TencentSmsGatewayTest, GivesUpAfterTheConfiguredTimeout) {
  fake_.Script(Answer::kNoAnswer);
  TencentSmsConfig config = Config();
  config.timeout = std::chrono::milliseconds(300);
  config.connect_timeout = std::chrono::milliseconds(300);
  TencentSmsGateway gateway(config, clock_);
  const auto start = std::chrono::steady_clock::now();
  const auto result = gateway.Send(Sms());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(result.error().message.find("no answer within 300 ms"), std::string::npos)
      << result.error().message;
  EXPECT_GE(elapsed, std::chrono::milliseconds(250));
  EXPECT_LT(elapsed, std::chrono::milliseconds(1500));
  ExpectNoSecretsIn(result.error());
}

TEST_F(TencentSmsGatewayTest, AnUnreachableProviderIsRetried) {
  // A port that was just free: bind, read it, close.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof addr;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &length), 0);
  ::close(fd);
  TencentSmsConfig config = Config();
  config.endpoint = fmt::format("http://127.0.0.1:{}", ntohs(addr.sin_port));
  TencentSmsGateway gateway(config, clock_);
  const auto result = gateway.Send(Sms());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
  ExpectNoSecretsIn(result.error());
}

TEST_F(TencentSmsGatewayTest, ATemplateWithNoIdIsRefusedWithoutARequest) {
  TencentSmsGateway gateway(Config(), clock_);
  OutgoingSms sms = Sms();
  sms.template_name = "visit_reminder";
  const auto result = gateway.Send(sms);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(result.error().message.find("visit_reminder"), std::string::npos);
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(TencentSmsGatewayTest, ANumberThatIsNotAMainlandMobileIsRefusedMaskedWithoutARequest) {
  TencentSmsGateway gateway(Config(), clock_);
  for (const std::string_view bad :
       {"3987654321", "139876543210", "+85213987654321", "1398765432x"}) {
    const auto result = gateway.Send(Sms(bad));
    ASSERT_FALSE(result.ok()) << bad;
    EXPECT_EQ(result.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(result.error().message.find(bad), std::string::npos) << result.error().message;
    ExpectNoSecretsIn(result.error());
  }
  EXPECT_TRUE(fake_.requests().empty());
}

TEST_F(TencentSmsGatewayTest, SendsFromSeveralThreadsAtOnce) {
  TencentSmsGateway gateway(Config(), clock_);
  std::atomic<int> sent{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 3; ++i) sent += gateway.Send(Sms()).ok() ? 1 : 0;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(sent, 12);
  EXPECT_EQ(fake_.requests().size(), 12u);
}

TEST(ClassifyTencentSmsCode, RetriesWhatMayPassLaterAndNotWhatNeverWill) {
  for (const char* code :
       {"RequestLimitExceeded", "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
        "LimitExceeded.DeliveryFrequencyLimit", "LimitExceeded.PhoneNumberOneHourLimit",
        "LimitExceeded.AppDailyLimit", "InternalError", "InternalError.SendAndRecvFail",
        "ResourceUnavailable", "FailedOperation", "FailedOperation.InsufficientBalanceInSmsPackage",
        "UnauthorizedOperation.SerivceSuspendDueToArrears", "SomethingNew.NeverSeen"}) {
    EXPECT_EQ(ClassifyTencentSmsCode(code), ErrorCode::kUnavailable) << code;
  }
  for (const char* code :
       {"AuthFailure.SignatureFailure", "AuthFailure.SecretIdNotFound",
        "AuthFailure.SignatureExpire", "InvalidParameter",
        "InvalidParameterValue.IncorrectPhoneNumber",
        "InvalidParameterValue.TemplateParameterFormatError",
        "MissingParameter.EmptyPhoneNumberSet", "FailedOperation.PhoneNumberInBlacklist",
        "FailedOperation.SignatureIncorrectOrUnapproved",
        "FailedOperation.TemplateIncorrectOrUnapproved", "FailedOperation.ContainSensitiveWord",
        "UnauthorizedOperation.SmsSdkAppIdVerifyFail",
        "UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber",
        "LimitExceeded.PhoneNumberCountLimit"}) {
    EXPECT_EQ(ClassifyTencentSmsCode(code), ErrorCode::kInvalidArgument) << code;
  }
}

class OpenSmsGatewayTest : public TencentSmsGatewayTest {
 protected:
  std::string KeyFile(std::string_view provider, mode_t mode) {
    const std::string path = dir_ / "sms.json";
    testing::WriteText(
        path, fmt::format(R"({{"provider": "{}", "secret_id": "AKIDtest", "secret_key": "{}",
          "sdk_app_id": "1400000001", "sign_name": "某某工会", "endpoint": "{}",
          "templates": {{"sign_in_code": "1234567"}}}})",
                          provider, kSecretKey, fake_.endpoint()));
    ::chmod(path.c_str(), mode);
    return path;
  }
  testing::TempDir dir_;
};

TEST_F(OpenSmsGatewayTest, OpensTheTencentAdapterFromAKeyFile) {
  auto gateway = OpenSmsGateway(KeyFile("tencent", 0600), clock_);
  ASSERT_TRUE(gateway.ok()) << gateway.error().message;
  EXPECT_EQ((*gateway)->Name(), "tencent");
  const auto receipt = (*gateway)->Send(Sms());
  ASSERT_TRUE(receipt.ok()) << receipt.error().message;
  EXPECT_EQ(receipt->provider_id, FakeTencentSms::kSerialNo);
}

TEST_F(OpenSmsGatewayTest, RefusesAnotherProviderAndAnOpenFile) {
  const auto aliyun = OpenSmsGateway(KeyFile("aliyun", 0600), clock_);
  ASSERT_FALSE(aliyun.ok());
  EXPECT_NE(aliyun.error().message.find("aliyun"), std::string::npos);
  const auto open = OpenSmsGateway(KeyFile("tencent", 0644), clock_);
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.error().message.find("chmod 600"), std::string::npos);
}

}  // namespace
}  // namespace yz
