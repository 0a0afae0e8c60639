#include "gateways/sms/sms_gateway_config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "app/test_support.h"

namespace yz {
namespace {

using testing::TempDir;
using testing::WriteText;

constexpr std::string_view kSecretKey = "sEcReT-kEy-0123456789";

boost::json::object ValidFields() {
  return boost::json::parse(R"({
    "provider": "tencent", "secret_id": "AKIDexample", "secret_key": "sEcReT-kEy-0123456789",
    "sdk_app_id": "1400000001", "sign_name": "某某工会",
    "templates": {"sign_in_code": "1234567", "visit_reminder": 7654321}
  })")
      .as_object();
}

std::string Text(const boost::json::object& o) { return boost::json::serialize(o); }

std::string WriteKeyFile(const TempDir& dir, std::string_view text, mode_t mode) {
  const std::string path = dir / "sms.json";
  WriteText(path, text);
  ::chmod(path.c_str(), mode);
  return path;
}

TEST(SmsGatewayConfig, ReadsAValidFileAndFillsTheDefaults) {
  TempDir dir;
  const auto config = LoadSmsGatewayConfig(WriteKeyFile(dir, Text(ValidFields()), 0600));
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->provider, "tencent");
  const TencentSmsConfig& t = config->tencent;
  EXPECT_EQ(t.secret_id, "AKIDexample");
  EXPECT_EQ(t.secret_key, kSecretKey);
  EXPECT_EQ(t.sdk_app_id, "1400000001");
  EXPECT_EQ(t.sign_name, "某某工会");
  EXPECT_EQ(t.region, "ap-guangzhou");
  EXPECT_EQ(t.endpoint, "https://sms.tencentcloudapi.com");
  EXPECT_EQ(t.timeout.count(), 5000);
  EXPECT_EQ(t.connect_timeout.count(), 2000);
  EXPECT_EQ(t.proxy, "");
  EXPECT_EQ(t.max_response_bytes, 64u * 1024u);
  EXPECT_EQ(t.templates.at("sign_in_code"), "1234567");
  EXPECT_EQ(t.templates.at("visit_reminder"), "7654321");  // a bare number is accepted
}

TEST(SmsGatewayConfig, ReadsTheOptionalFields) {
  auto o = ValidFields();
  o["region"] = "ap-beijing";
  o["endpoint"] = "http://127.0.0.1:18080/";
  o["timeout_ms"] = 800;
  o["connect_timeout_ms"] = 300;
  o["proxy"] = "http://10.0.0.1:3128";
  const auto config = ParseSmsGatewayConfig(Text(o), "sms.json");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->tencent.region, "ap-beijing");
  EXPECT_EQ(config->tencent.endpoint, "http://127.0.0.1:18080");
  EXPECT_EQ(config->tencent.timeout.count(), 800);
  EXPECT_EQ(config->tencent.connect_timeout.count(), 300);
  EXPECT_EQ(config->tencent.proxy, "http://10.0.0.1:3128");
}

TEST(SmsGatewayConfig, ConnectTimeoutDefaultNeverExceedsTheTotal) {
  auto o = ValidFields();
  o["timeout_ms"] = 500;
  const auto config = ParseSmsGatewayConfig(Text(o), "sms.json");
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->tencent.connect_timeout.count(), 500);
}

class MissingField : public ::testing::TestWithParam<const char*> {};

TEST_P(MissingField, IsNamedInTheError) {
  auto o = ValidFields();
  o.erase(GetParam());
  const auto config = ParseSmsGatewayConfig(Text(o), "/etc/yizhan/sms.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  const std::string& m = config.error().message;
  EXPECT_NE(m.find(std::string("missing field ") + GetParam()), std::string::npos) << m;
  EXPECT_NE(m.find(std::string("缺少字段 ") + GetParam()), std::string::npos) << m;
  EXPECT_NE(m.find("/etc/yizhan/sms.json"), std::string::npos) << m;
  EXPECT_EQ(m.find(kSecretKey), std::string::npos) << m;
}

INSTANTIATE_TEST_SUITE_P(SmsGatewayConfig, MissingField,
                         ::testing::Values("provider", "secret_id", "secret_key", "sdk_app_id",
                                           "sign_name", "templates"));

struct BadValue {
  const char* field;
  const char* json;  // the field's value, as JSON
};

class BadField : public ::testing::TestWithParam<BadValue> {};

TEST_P(BadField, IsNamedInTheErrorWithoutEchoingASecret) {
  auto o = ValidFields();
  o[GetParam().field] = boost::json::parse(GetParam().json);
  const auto config = ParseSmsGatewayConfig(Text(o), "sms.json");
  ASSERT_FALSE(config.ok()) << GetParam().field << " = " << GetParam().json;
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  const std::string& m = config.error().message;
  EXPECT_NE(m.find(GetParam().field), std::string::npos) << m;
  EXPECT_EQ(m.find("sEcReT"), std::string::npos) << m;
}

INSTANTIATE_TEST_SUITE_P(
    SmsGatewayConfig, BadField,
    ::testing::Values(BadValue{"secret_id", "42"}, BadValue{"secret_id", R"("")"},
                      BadValue{"secret_key", R"("sEcReT with a space")"},
                      BadValue{"secret_key", R"("sEcReT\r\nX-Injected: 1")"},
                      BadValue{"sdk_app_id", R"("14000abc")"}, BadValue{"sdk_app_id", "-1"},
                      BadValue{"sign_name", R"("")"}, BadValue{"region", R"("Guangzhou")"},
                      BadValue{"endpoint", R"("ftp://sms.tencentcloudapi.com")"},
                      BadValue{"endpoint", R"("http://sms.tencentcloudapi.com")"},
                      BadValue{"endpoint", R"("https://sms.tencentcloudapi.com/v3")"},
                      BadValue{"endpoint", R"("https://user@sms.tencentcloudapi.com")"},
                      BadValue{"endpoint", R"("https://sms.tencentcloudapi.com:https")"},
                      BadValue{"timeout_ms", "50"}, BadValue{"timeout_ms", "600000"},
                      BadValue{"timeout_ms", R"("5000")"}, BadValue{"connect_timeout_ms", "9000"},
                      BadValue{"templates", "{}"}, BadValue{"templates", R"(["1234567"])"},
                      BadValue{"templates", R"({"sign_in_code": "SMS_1234"})"},
                      BadValue{"provider", R"("aliyun")"},
                      BadValue{"proxy", R"("10.0.0.1:3128")"}));

TEST(SmsGatewayConfig, RefusesAnUnknownFieldSoATypoIsNotSilentlyIgnored) {
  auto o = ValidFields();
  o["timout_ms"] = 800;
  const auto config = ParseSmsGatewayConfig(Text(o), "sms.json");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.error().message.find("unknown field timout_ms"), std::string::npos)
      << config.error().message;
}

TEST(SmsGatewayConfig, RefusesBadJsonWithoutQuotingIt) {
  const auto config = ParseSmsGatewayConfig(
      R"({"provider": "tencent", "secret_key": "sEcReT-kEy-0123456789",)", "sms.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
  EXPECT_NE(config.error().message.find("not valid JSON"), std::string::npos)
      << config.error().message;
  EXPECT_EQ(config.error().message.find("sEcReT"), std::string::npos) << config.error().message;
  EXPECT_FALSE(ParseSmsGatewayConfig(R"(["tencent"])", "sms.json").ok());
}

TEST(SmsGatewayConfig, RefusesAFileThatGroupOrOthersCanRead) {
  TempDir dir;
  for (const mode_t mode : {0644, 0640, 0604, 0620}) {
    const auto config = LoadSmsGatewayConfig(WriteKeyFile(dir, Text(ValidFields()), mode));
    ASSERT_FALSE(config.ok()) << std::oct << mode;
    EXPECT_EQ(config.error().code, ErrorCode::kInvalidArgument);
    const std::string& m = config.error().message;
    EXPECT_NE(m.find("chmod 600"), std::string::npos) << m;
    EXPECT_NE(m.find("权限"), std::string::npos) << m;
    EXPECT_NE(m.find("group or others"), std::string::npos) << m;
  }
  EXPECT_TRUE(LoadSmsGatewayConfig(WriteKeyFile(dir, Text(ValidFields()), 0400)).ok());
}

TEST(SmsGatewayConfig, AMissingFileIsNotFound) {
  TempDir dir;
  const auto config = LoadSmsGatewayConfig(dir / "absent.json");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().code, ErrorCode::kNotFound);
  EXPECT_NE(config.error().message.find("absent.json"), std::string::npos);
}

TEST(SmsGatewayConfig, RefusesADirectoryAndAnOversizedFile) {
  TempDir dir;
  const std::string sub = dir / "keys";
  std::filesystem::create_directory(sub);
  ::chmod(sub.c_str(), 0700);
  EXPECT_FALSE(LoadSmsGatewayConfig(sub).ok());
  const auto big = LoadSmsGatewayConfig(WriteKeyFile(dir, std::string(70 * 1024, ' '), 0600));
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.error().message.find("64 KiB"), std::string::npos) << big.error().message;
}

}  // namespace
}  // namespace yz
