// A station imported by another process (`yizhan import stations` on the data directory of a
// running `yizhan serve`) reaches the server's search without a restart (RegistryWatcher).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <thread>

#include "app/http_test_client.h"
#include "app/test_support.h"

namespace yz {
namespace {

using testing::Http;
using testing::ServerProcess;
using testing::TempDir;

TEST(RegistryReload, StationsImportedByAnotherProcessAreSearchedWithinSeconds) {
  TempDir dir;
  const std::string data = dir / "data";
  ServerProcess server = ServerProcess::Start({"serve", "--data", data, "--listen", "127.0.0.1:0", "--demo",
                                               "--no-access-log"});
  const std::string near = "/api/v1/stations/nearby?lat=30.5&lng=114.3&limit=1";  // Wuhan: far from the demo city
  auto first = Http(server.port(), "GET", near);
  ASSERT_EQ(first.status, 200) << first.body;
  ASSERT_EQ(first.body.find("WH-NEW-1"), std::string::npos);

  const std::string file = dir / "new.csv";
  testing::WriteText(file, "code,name,lng,lat\nWH-NEW-1,武汉新站,114.3001,30.5001\n");
  auto imported = testing::RunYizhan("import stations '" + file + "' --data '" + data + "'", dir);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;

  bool seen = false;
  for (int i = 0; i < 100 && !seen; ++i) {  // the watcher polls every 2 s
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = Http(server.port(), "GET", near);
    ASSERT_EQ(r.status, 200);
    seen = boost::json::parse(r.body).at("stations").at(0).at("code") == "WH-NEW-1";
  }
  EXPECT_TRUE(seen) << "not in the search 10 s after the import\n" << server.Log();
}

}  // namespace
}  // namespace yz
