#include "core/crypto.h"

#include <gtest/gtest.h>

namespace yz {
namespace {

TEST(Crypto, Sha256Base64MatchesTheStandardVector) {
  // FIPS 180-2 example "abc": ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad.
  EXPECT_EQ(Sha256Base64("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
  EXPECT_EQ(Sha256Base64(""), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
}

TEST(Crypto, RandomTokensDiffer) {
  EXPECT_NE(RandomToken(16), RandomToken(16));
  EXPECT_EQ(RandomToken(16).size(), 22u);
}

}  // namespace
}  // namespace yz
