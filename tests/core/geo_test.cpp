#include "core/geo.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>

namespace yz {
namespace {

GeoPoint At(double lat, double lng) { return {Latitude(lat), Longitude(lng)}; }

double Chord(UnitVector a, UnitVector b) {
  return std::sqrt((a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y) + (a.z - b.z) * (a.z - b.z));
}

TEST(GeoTest, DistanceOfOneDegreeOfLatitudeIsAnArcOfTheContractSphere) {
  const double expected = kEarthRadiusMeters * std::numbers::pi / 180.0;  // 111,195.08 m
  EXPECT_NEAR(DistanceMeters(At(0, 0), At(1, 0)), expected, 1e-6);
  EXPECT_NEAR(DistanceMeters(At(36, 118), At(37, 118)), expected, 1e-6);
  EXPECT_NEAR(expected, 111195.08, 0.01);
}

TEST(GeoTest, DistanceMatchesKnownCityPairs) {
  // Shanghai → Beijing, computed independently with the spherical law of cosines in Python.
  const double shanghai_beijing =
      DistanceMeters(At(31.17530398364597, 121.531541859215), At(39.91334545536069, 116.38404722455657));
  EXPECT_NEAR(shanghai_beijing, 1076959.776, 0.05);
  // Quarter of the equator and the antipode.
  EXPECT_NEAR(DistanceMeters(At(0, 0), At(0, 90)), kEarthRadiusMeters * std::numbers::pi / 2, 1e-6);
  EXPECT_NEAR(DistanceMeters(At(0, 0), At(0, 180)), kEarthRadiusMeters * std::numbers::pi, 1e-6);
  EXPECT_NEAR(DistanceMeters(At(90, 0), At(-90, 0)), kEarthRadiusMeters * std::numbers::pi, 1e-6);
}

TEST(GeoTest, DistanceIsSymmetricAndZeroForTheSamePoint) {
  const GeoPoint a = At(36.8554, 118.7909), b = At(36.87, 118.80);
  EXPECT_DOUBLE_EQ(DistanceMeters(a, b), DistanceMeters(b, a));
  EXPECT_EQ(DistanceMeters(a, a), 0.0);
}

TEST(GeoTest, DistanceCrossesTheAntimeridian) {
  EXPECT_NEAR(DistanceMeters(At(0, 179.5), At(0, -179.5)), kEarthRadiusMeters * std::numbers::pi / 180, 1e-6);
}

TEST(GeoTest, UnitVectorsPointAlongTheAxes) {
  const UnitVector e = ToUnitVector(At(0, 0));
  EXPECT_NEAR(e.x, 1, 1e-15);
  EXPECT_NEAR(e.y, 0, 1e-15);
  EXPECT_NEAR(e.z, 0, 1e-15);
  const UnitVector east = ToUnitVector(At(0, 90));
  EXPECT_NEAR(east.y, 1, 1e-15);
  const UnitVector north = ToUnitVector(At(90, 0));
  EXPECT_NEAR(north.z, 1, 1e-15);
}

TEST(GeoTest, ChordConversionsAgreeWithDistance) {
  const GeoPoint a = At(36.8554, 118.7909);
  for (const GeoPoint b : {At(36.86, 118.79), At(37.5, 119.0), At(-10, 20), At(-36.8554, -61.2091)}) {
    const double chord = Chord(ToUnitVector(a), ToUnitVector(b));
    EXPECT_NEAR(ChordToMeters(chord), DistanceMeters(a, b), 1e-3);
    EXPECT_NEAR(MetersToChord(DistanceMeters(a, b)), chord, 1e-9);
  }
}

TEST(GeoTest, ChordConversionsAreInversesAndClamp) {
  for (double meters : {0.0, 1.0, 500.0, 20000.0, 1e6, 1e7}) {
    EXPECT_NEAR(ChordToMeters(MetersToChord(meters)), meters, 1e-6 * std::max(1.0, meters));
  }
  EXPECT_NEAR(MetersToChord(1e9), 2.0, 1e-12);  // beyond the antipode: the diameter
  EXPECT_NEAR(ChordToMeters(2.5), kEarthRadiusMeters * std::numbers::pi, 1e-6);
  EXPECT_EQ(ChordToMeters(0.0), 0.0);
}

TEST(GeoTest, ValidityOfCoordinates) {
  EXPECT_TRUE(At(90, 180).IsValid());
  EXPECT_TRUE(At(-90, -180).IsValid());
  EXPECT_FALSE(At(90.0001, 0).IsValid());
  EXPECT_FALSE(At(0, -180.0001).IsValid());
  EXPECT_FALSE(At(std::numeric_limits<double>::quiet_NaN(), 0).IsValid());
  EXPECT_FALSE(At(0, std::numeric_limits<double>::infinity()).IsValid());
}

}  // namespace
}  // namespace yz
