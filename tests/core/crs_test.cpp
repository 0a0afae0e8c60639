#include "core/crs.h"

#include <gtest/gtest.h>

#include <cmath>

namespace yz {
namespace {

GeoPoint At(double lat, double lng) { return {Latitude(lat), Longitude(lng)}; }

// eviltransform's published WGS-84 → GCJ-02 test vectors (Shanghai, Shenzhen, Beijing), and two
// points computed with an independent Python transcription of the same formulas.
struct Vector {
  const char* name;
  double wgs_lat, wgs_lng, gcj_lat, gcj_lng;
};
constexpr Vector kVectors[] = {
    {"shanghai", 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215},
    {"shenzhen", 22.543847, 113.912316, 22.540796131694766, 113.9171764808363},
    {"beijing", 39.911954, 116.377817, 39.91334545536069, 116.38404722455657},
    {"shouguang", 36.8554, 118.7909, 36.85579453959164, 118.79658086268495},
    {"tiananmen", 39.907333, 116.391226, 39.90873423333617, 116.39746712145157},
};

TEST(CrsTest, Wgs84ToGcj02MatchesPublishedVectors) {
  for (const Vector& v : kVectors) {
    const GeoPoint gcj = Wgs84ToGcj02(At(v.wgs_lat, v.wgs_lng));
    EXPECT_NEAR(gcj.lat.degrees(), v.gcj_lat, 1e-9) << v.name;
    EXPECT_NEAR(gcj.lng.degrees(), v.gcj_lng, 1e-9) << v.name;
  }
}

TEST(CrsTest, Gcj02ToWgs84RecoversPublishedVectorsWithinHalfAMetre) {
  for (const Vector& v : kVectors) {
    const GeoPoint wgs = Gcj02ToWgs84(At(v.gcj_lat, v.gcj_lng));
    EXPECT_LT(DistanceMeters(wgs, At(v.wgs_lat, v.wgs_lng)), 0.5) << v.name;
  }
}

TEST(CrsTest, Gcj02ToBd09MatchesIndependentComputation) {
  // Shanghai and Shouguang GCJ-02 points above through Baidu's published offset, computed in Python.
  const GeoPoint shanghai = Gcj02ToBd09(At(31.17530398364597, 121.531541859215));
  EXPECT_NEAR(shanghai.lat.degrees(), 31.181328606874466, 1e-9);
  EXPECT_NEAR(shanghai.lng.degrees(), 121.53801568643858, 1e-9);
  const GeoPoint shouguang = FromWgs84(At(36.8554, 118.7909), Crs::kBd09);
  EXPECT_NEAR(shouguang.lat.degrees(), 36.86214959439421, 1e-9);
  EXPECT_NEAR(shouguang.lng.degrees(), 118.80298611900226, 1e-9);
}

TEST(CrsTest, RoundTripsWithinHalfAMetreAcrossChina) {
  double worst_gcj = 0.0;
  double worst_bd = 0.0;
  for (double lat = 18.0; lat <= 53.5; lat += 0.25) {
    for (double lng = 73.5; lng <= 135.0; lng += 0.25) {
      const GeoPoint wgs = At(lat, lng);
      worst_gcj = std::max(worst_gcj, DistanceMeters(Gcj02ToWgs84(Wgs84ToGcj02(wgs)), wgs));
      worst_bd = std::max(worst_bd, DistanceMeters(ToWgs84(FromWgs84(wgs, Crs::kBd09), Crs::kBd09), wgs));
    }
  }
  EXPECT_LT(worst_gcj, 0.5);
  EXPECT_LT(worst_bd, 0.5);
  // The iteration converges far beyond the contract; a regression to a one-step inverse
  // (errors of metres) fails here.
  EXPECT_LT(worst_gcj, 0.01);
}

TEST(CrsTest, OneStepInverseWouldNotMeetTheContract) {
  // The naive inverse w = g − (Wgs84ToGcj02(g) − g), for contrast with the iterative one.
  double worst = 0.0;
  for (double lat = 18.0; lat <= 53.5; lat += 0.5) {
    for (double lng = 73.5; lng <= 135.0; lng += 0.5) {
      const GeoPoint wgs = At(lat, lng);
      const GeoPoint gcj = Wgs84ToGcj02(wgs);
      const GeoPoint shifted = Wgs84ToGcj02(gcj);
      const GeoPoint naive = At(2 * gcj.lat.degrees() - shifted.lat.degrees(),
                                2 * gcj.lng.degrees() - shifted.lng.degrees());
      worst = std::max(worst, DistanceMeters(naive, wgs));
    }
  }
  EXPECT_GT(worst, 0.5);
}

TEST(CrsTest, Bd09ToGcj02InvertsGcj02ToBd09) {
  for (double lat = 1.0; lat <= 55.0; lat += 1.7) {
    for (double lng = 73.0; lng <= 137.0; lng += 1.3) {
      const GeoPoint gcj = At(lat, lng);
      const GeoPoint back = Bd09ToGcj02(Gcj02ToBd09(gcj));
      EXPECT_LT(DistanceMeters(back, gcj), 0.01) << lat << "," << lng;
    }
  }
}

TEST(CrsTest, Gcj02IsTheIdentityOutsideTheBox) {
  const GeoPoint outside[] = {At(35.681236, 139.767125),  // Tokyo
                              At(64.1466, -21.9426),      // Reykjavík
                              At(0.5, 100.0),             // south of the box
                              At(56.0, 100.0),            // north of the box
                              At(40.0, 71.9),             // west of the box
                              At(-33.8688, 151.2093)};    // Sydney
  for (const GeoPoint& p : outside) {
    EXPECT_FALSE(InGcj02Box(p));
    EXPECT_EQ(Wgs84ToGcj02(p), p);
    EXPECT_EQ(Gcj02ToWgs84(p), p);
    EXPECT_EQ(ToWgs84(p, Crs::kGcj02), p);
  }
}

TEST(CrsTest, BoxEdgesAreInside) {
  EXPECT_TRUE(InGcj02Box(At(0.8293, 72.004)));
  EXPECT_TRUE(InGcj02Box(At(55.8271, 137.8347)));
  EXPECT_FALSE(InGcj02Box(At(0.8292, 100.0)));
  EXPECT_FALSE(InGcj02Box(At(30.0, 137.8348)));
  EXPECT_TRUE(InGcj02Box(At(36.8554, 118.7909)));
}

TEST(CrsTest, Wgs84IsUnchangedEitherWay) {
  const GeoPoint p = At(36.8554, 118.7909);
  EXPECT_EQ(ToWgs84(p, Crs::kWgs84), p);
  EXPECT_EQ(FromWgs84(p, Crs::kWgs84), p);
}

TEST(CrsTest, FromWgs84AndToWgs84AreInverses) {
  const GeoPoint p = At(39.911954, 116.377817);
  for (Crs crs : {Crs::kWgs84, Crs::kGcj02, Crs::kBd09}) {
    EXPECT_LT(DistanceMeters(ToWgs84(FromWgs84(p, crs), crs), p), 0.01) << CrsName(crs);
  }
  EXPECT_GT(DistanceMeters(FromWgs84(p, Crs::kGcj02), p), 100.0);
  EXPECT_GT(DistanceMeters(FromWgs84(p, Crs::kBd09), FromWgs84(p, Crs::kGcj02)), 100.0);
}

TEST(CrsTest, ParsesAndNamesTheThreeSystems) {
  for (Crs crs : {Crs::kWgs84, Crs::kGcj02, Crs::kBd09}) {
    EXPECT_EQ(ParseCrs(CrsName(crs)), crs);
  }
  EXPECT_EQ(ParseCrs("gcj02"), Crs::kGcj02);
  EXPECT_EQ(ParseCrs("bd09"), Crs::kBd09);
  EXPECT_EQ(ParseCrs("wgs84"), Crs::kWgs84);
  EXPECT_EQ(ParseCrs("WGS84"), std::nullopt);
  EXPECT_EQ(ParseCrs("bd09ll"), std::nullopt);
  EXPECT_EQ(ParseCrs(""), std::nullopt);
}

}  // namespace
}  // namespace yz
