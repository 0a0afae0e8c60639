// A small streaming JSON writer for the plan commands' output: numbers in the shortest form that
// reads back exactly ("1234", "0.0125"), non-finite numbers as null, strings escaped per RFC 8259.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace yz {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Number(double value);
  JsonWriter& Integer(long long value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();

  // Shorthands for a key and its value.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, double value) { return Key(key).Number(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Integer(value); }
  JsonWriter& Field(std::string_view key, long value) { return Key(key).Integer(value); }
  JsonWriter& Field(std::string_view key, unsigned long value) { return Key(key).Integer(static_cast<long long>(value)); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }

  const std::string& text() const { return out_; }

 private:
  void Separate();
  std::string out_;
  std::vector<bool> has_item_;  // per open container
  bool after_key_ = false;
};

std::string JsonEscape(std::string_view s);

}  // namespace yz
