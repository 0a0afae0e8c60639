// `serve` and the public address (issue 21): without one it warns and refuses QR codes; an address
// given with --public-url is kept in the store, so the next start without the flag prints it.
#include <gtest/gtest.h>

#include <string>

#include "app/http_test_client.h"
#include "app/test_support.h"

namespace yz {
namespace {

using testing::Http;
using testing::ServerProcess;
using testing::TempDir;

TEST(PublicAddressServe, WarnsWithoutOneAndRemembersTheOneGiven) {
  TempDir dir;
  const std::string data = dir / "data";
  {
    ServerProcess server = ServerProcess::Start(
        {"serve", "--data", data, "--listen", "127.0.0.1:0", "--demo", "--no-access-log"});
    EXPECT_NE(server.Log().find("只在本机能打开"), std::string::npos) << server.Log();
    const auto qr = Http(server.port(), "GET", "/api/v1/stations/SG-C001/qr.svg");
    EXPECT_EQ(qr.status, 409) << qr.body;
  }
  {
    ServerProcess server =
        ServerProcess::Start({"serve", "--data", data, "--listen", "127.0.0.1:0", "--public-url",
                              "https://yz.shouguang.example.cn/", "--no-access-log"});
    EXPECT_EQ(server.Log().find("只在本机能打开"), std::string::npos) << server.Log();
  }
  ServerProcess server =
      ServerProcess::Start({"serve", "--data", data, "--listen", "127.0.0.1:0", "--no-access-log"});
  EXPECT_EQ(server.Log().find("警告 warning: 公开地址"), std::string::npos) << server.Log();
  const auto qr = Http(server.port(), "GET", "/api/v1/stations/SG-C001/qr.svg");
  EXPECT_EQ(qr.status, 200);
  const auto detail = Http(server.port(), "GET", "/api/v1/stations/SG-C001");
  EXPECT_NE(detail.body.find("\"checkin_url\":\"https://yz.shouguang.example.cn/s/SG-C001\""),
            std::string::npos)
      << detail.body;
}

TEST(PublicAddressServe, RefusesAMalformedPublicUrlOnTheCommandLine) {
  TempDir dir;
  auto r = testing::RunYizhan("serve --data '" + std::string(dir / "data") +
                                  "' --listen 127.0.0.1:0 --public-url yz.example.cn",
                              dir);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("须以 http:// 或 https:// 开头"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace yz
