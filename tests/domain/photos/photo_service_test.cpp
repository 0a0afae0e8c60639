#include "domain/photos/photo_service.h"

#include <gtest/gtest.h>

#include <map>

#include "domain/fakes/fake_registry.h"

namespace yz {
namespace {

using testing::FakeAuditLog;
using testing::FakeRegistry;
using testing::MakePrincipal;
using testing::MakeStation;

class FakePhotoFiles final : public PhotoStorage {
 public:
  Result<void> Write(std::string_view code, std::string_view file,
                     std::string_view bytes) override {
    if (fail_writes) return Error::Unavailable("disk full");
    files[std::string(code) + "/" + std::string(file)] = std::string(bytes);
    return Ok();
  }
  Result<std::string> Read(std::string_view code, std::string_view file) override {
    const auto it = files.find(std::string(code) + "/" + std::string(file));
    if (it == files.end()) return Error::NotFound("missing");
    return it->second;
  }
  void Remove(std::string_view code, std::string_view file) override {
    files.erase(std::string(code) + "/" + std::string(file));
  }
  std::map<std::string, std::string> files;
  bool fail_writes = false;
};

// Any input starting with "IMG" is an image; its "encoding" marks it re-encoded.
Result<EncodedPhoto> FakeEncode(std::string_view bytes) {
  if (!bytes.starts_with("IMG")) return Error::InvalidArgument("不是图片 / not an image");
  return EncodedPhoto{"JPEG(" + std::string(bytes) + ")", 640, 480};
}

class PhotoServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(directory_
                    .Save(std::vector<Station>{MakeStation("IN1", "370783001"),
                                               MakeStation("OUT1", "370784001")})
                    .ok());
  }
  Caller Editor() { return Caller{editor_, "10.0.0.2"}; }

  FakeRegistry registry_;
  StationDirectory directory_{registry_};
  FakePhotoFiles files_;
  FakeAuditLog log_;
  FakeClock clock_{FromEpochMillis(1'780'000'000'000)};
  Auditor auditor_{log_, clock_};
  int names_ = 0;
  PhotoService service_{
      registry_,
      directory_,
      files_,
      FakeEncode,
      auditor_,
      [this] { return "photo" + std::to_string(++names_); },
      PhotoLimits{.max_bytes = 100, .max_per_station = 2, .max_caption_chars = 5}};
  Principal editor_ = MakePrincipal(Role::kStationManager, Scope{{}, {"IN1"}}, "bob");
};

TEST_F(PhotoServiceTest, AnAddedPhotoIsReencodedStoredListedByTheStationAndAudited) {
  auto added = service_.Add(Editor(), "IN1", "IMG-with-exif", "门口");
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(added->file, "photo1.jpg");
  EXPECT_EQ(added->width, 640);
  EXPECT_EQ(files_.files.at("IN1/photo1.jpg"), "JPEG(IMG-with-exif)");
  const Station* s = directory_.Current()->Find("IN1");
  ASSERT_EQ(s->photos.size(), 1u);
  EXPECT_EQ(s->photos[0].path, "IN1/photo1.jpg");
  EXPECT_EQ(s->photos[0].caption, "门口");
  ASSERT_EQ(log_.entries().size(), 1u);
  EXPECT_EQ(log_.entries()[0].action, "station.photo_add");
  EXPECT_EQ(log_.entries()[0].object, "station:IN1");
  auto read = service_.Read(editor_, "IN1", "photo1.jpg");
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(*read, "JPEG(IMG-with-exif)");
}

TEST_F(PhotoServiceTest, AStationOutsideTheScopeIsNotFound) {
  auto added = service_.Add(Editor(), "OUT1", "IMG", "");
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(files_.files.empty());
}

TEST_F(PhotoServiceTest, LimitsAreCheckedBeforeAnythingIsWritten) {
  EXPECT_EQ(service_.Add(Editor(), "IN1", "IMG" + std::string(200, 'x'), "").error().code,
            ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(service_.Add(Editor(), "IN1", "IMG", "六个字的说明").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_EQ(service_.Add(Editor(), "IN1", "not an image", "").error().code,
            ErrorCode::kInvalidArgument);
  EXPECT_TRUE(files_.files.empty());
  ASSERT_TRUE(service_.Add(Editor(), "IN1", "IMG1", "").ok());
  ASSERT_TRUE(service_.Add(Editor(), "IN1", "IMG2", "").ok());
  EXPECT_EQ(service_.Add(Editor(), "IN1", "IMG3", "").error().code, ErrorCode::kConflict);
  EXPECT_EQ(files_.files.size(), 2u);
}

TEST_F(PhotoServiceTest, AFailedSaveRemovesTheWrittenFile) {
  registry_.FailNextSave();
  auto added = service_.Add(Editor(), "IN1", "IMG", "");
  ASSERT_FALSE(added.ok());
  EXPECT_EQ(added.error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(files_.files.empty());
  EXPECT_TRUE(directory_.Current()->Find("IN1")->photos.empty());
  ASSERT_EQ(log_.entries().size(), 1u);
  EXPECT_EQ(log_.entries()[0].outcome, AuditOutcome::kFailed);
}

TEST_F(PhotoServiceTest, AFailedFileWriteLeavesTheStationUnchanged) {
  files_.fail_writes = true;
  EXPECT_EQ(service_.Add(Editor(), "IN1", "IMG", "").error().code, ErrorCode::kUnavailable);
  EXPECT_TRUE(directory_.Current()->Find("IN1")->photos.empty());
}

TEST_F(PhotoServiceTest, OnlyFilesTheStationListsCanBeReadOrRemoved) {
  ASSERT_TRUE(service_.Add(Editor(), "IN1", "IMG", "").ok());
  files_.files["IN1/secret.jpg"] = "not listed";
  EXPECT_EQ(service_.Read(editor_, "IN1", "secret.jpg").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.Read(editor_, "IN1", "../yizhan.db").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(service_.Remove(Editor(), "IN1", "secret.jpg").error().code, ErrorCode::kNotFound);
  EXPECT_EQ(files_.files.count("IN1/secret.jpg"), 1u);
}

TEST_F(PhotoServiceTest, RemovingUnlistsThenDeletesTheFileAndIsAudited) {
  ASSERT_TRUE(service_.Add(Editor(), "IN1", "IMG", "").ok());
  ASSERT_TRUE(service_.Remove(Editor(), "IN1", "photo1.jpg").ok());
  EXPECT_TRUE(directory_.Current()->Find("IN1")->photos.empty());
  EXPECT_EQ(files_.files.count("IN1/photo1.jpg"), 0u);
  EXPECT_EQ(log_.entries().back().action, "station.photo_delete");
}

}  // namespace
}  // namespace yz
