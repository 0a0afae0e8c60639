#include "domain/settings/public_address.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(PublicAddress, NormalisesWhatPeopleType) {
  EXPECT_EQ(*NormalisePublicUrl(" https://yz.example.cn/ "), "https://yz.example.cn");
  EXPECT_EQ(*NormalisePublicUrl("HTTPS://YZ.example.cn:8443/yizhan/"),
            "https://YZ.example.cn:8443/yizhan");
  EXPECT_EQ(*NormalisePublicUrl("http://[2001:db8::1]:8080"), "http://[2001:db8::1]:8080");
  for (const char* bad :
       {"", "yz.example.cn", "ftp://yz.example.cn", "https://", "https://:80",
        "https://user:pw@yz.example.cn", "https://yz.example.cn/?a=1", "https://yz.example.cn/#x",
        "https://yz example.cn", "https://yz.example.cn:0", "https://yz.example.cn:70000",
        "https://yz.example.cn:8o", "http://[::1"}) {
    auto r = NormalisePublicUrl(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(r.error().message.find("公开地址"), std::string::npos) << r.error().message;
  }
}

TEST(PublicAddress, OnlyAnAddressEveryPhoneReachesIsPrintable) {
  for (const char* ok :
       {"https://yz.example.cn", "http://203.0.113.7:8080", "https://[2001:db8::1]",
        "https://yz.shouguang.gov.cn/yizhan", "http://172.32.0.1"}) {
    EXPECT_EQ(WhyNotPrintable(ok), std::nullopt) << ok;
  }
  for (const char* loopback :
       {"http://127.0.0.1:8080", "http://localhost:8080", "http://LOCALHOST", "http://0.0.0.0:8080",
        "http://[::1]:8080", "http://app.localhost"}) {
    const auto why = WhyNotPrintable(loopback);
    ASSERT_TRUE(why) << loopback;
    EXPECT_NE(why->find("只在本机能打开"), std::string::npos) << *why;
  }
  for (const char* intranet :
       {"http://10.1.2.3", "http://172.16.0.9:8080", "http://172.31.255.1", "http://192.168.1.20",
        "http://169.254.1.1", "http://100.64.0.1", "http://[fd00::1]", "http://[fe80::1]",
        "http://yizhan-server:8080", "http://nas.local", "http://yz.corp/x"}) {
    const auto why = WhyNotPrintable(intranet);
    ASSERT_TRUE(why) << intranet;
    EXPECT_NE(why->find("内网地址"), std::string::npos) << *why;
  }
  const auto unset = WhyNotPrintable("");
  ASSERT_TRUE(unset);
  EXPECT_TRUE(unset->starts_with("尚未设置公开地址"));
}

TEST(PublicAddress, ChangesAreSeenAtOnceWithoutATrailingSlash) {
  PublicAddress address("https://a.example.cn/");
  EXPECT_EQ(address.Get(), "https://a.example.cn");
  EXPECT_FALSE(address.fixed());
  address.Set("https://b.example.cn/");
  EXPECT_EQ(address.Get(), "https://b.example.cn");
  EXPECT_TRUE(PublicAddress("https://c.example.cn", true).fixed());
}

}  // namespace
}  // namespace yz
