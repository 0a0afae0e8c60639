// The fixture of the command-line tests: a scratch directory with an embedded store in it, and
// the store's stations exported as CSV (what `import` must have written).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "app/test_support.h"

namespace yz::testing {

class CliTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string data_ = "--data '" + (dir_ / "data") + "'";

  std::string ExportCsv() {
    const std::string out = dir_ / "export.csv";
    auto r = RunYizhan("export stations --format csv -o '" + out + "' " + data_, dir_);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ReadText(out);
  }
};

}  // namespace yz::testing
