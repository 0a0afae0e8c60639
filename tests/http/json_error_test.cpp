#include "http/json_error.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

namespace yz {
namespace {

boost::json::value Parse(const std::string& text) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  EXPECT_FALSE(ec) << text;
  return v;
}

TEST(ErrorJson, HasThePinnedShape) {
  EXPECT_EQ(ErrorJson("not_found", "no such station"),
            R"({"error":{"code":"not_found","message":"no such station"}})");
}

TEST(ErrorJson, EscapesQuotesBackslashesAndControlCharacters) {
  const std::string message = "a \"quoted\" \\ path\n\t\x01 end";
  const boost::json::value v = Parse(ErrorJson("invalid_argument", message));
  EXPECT_EQ(v.at("error").at("message").as_string(), message);
}

TEST(ErrorJson, KeepsChineseText) {
  const boost::json::value v = Parse(ErrorJson("conflict", "驿站未开放"));
  EXPECT_EQ(v.at("error").at("message").as_string(), "驿站未开放");
}

TEST(ErrorJson, ReplacesInvalidUtf8WithReplacementCharacters) {
  const std::string text = ErrorJson("invalid_argument", "bad \xFF\xC0 path");
  const boost::json::value v = Parse(text);
  EXPECT_EQ(v.at("error").at("message").as_string(), "bad \xEF\xBF\xBD\xEF\xBF\xBD path");
}

TEST(ErrorResponse, CarriesStatusJsonTypeAndBody) {
  const HttpResponse r = ErrorResponse(413, "payload_too_large", "too big");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(r.body, ErrorJson("payload_too_large", "too big"));
}

TEST(ErrorResponse, UsesTheCatalogueCodeNameOfAnError) {
  const HttpResponse r = ErrorResponse(404, Error::NotFound("no station 11010100001"));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, ErrorJson("not_found", "no station 11010100001"));
}

}  // namespace
}  // namespace yz
