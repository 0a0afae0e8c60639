// What a person's rights act on (PIPL art. 45 and 47): every area that holds data about a person
// registers a PersonDataHolder, and a person's download and deletion walk all of them. The areas
// of today: the person's own record, consents and sessions (people), their messages (messages);
// later areas (volunteers, services) add a holder in the composition root.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "domain/people/person.h"

namespace yz {

struct PersonDataField {
  std::string key;    // stable, for programs ("given_at")
  std::string label;  // Chinese, for the page ("同意时间")
  std::string value;  // as the person should read it (times in the city's zone)
};

struct PersonDataSection {
  std::string area;   // "consents", "messages", …
  std::string title;  // Chinese
  std::vector<std::vector<PersonDataField>> items;
};

class PersonDataHolder {
 public:
  virtual ~PersonDataHolder() = default;
  // Everything this area holds about `person`, readable.
  virtual Result<PersonDataSection> Collect(const Person& person) = 0;
  // Erases (or anonymises, where a record must stay) everything this area holds about `person`.
  // Must be idempotent: a deletion interrupted half-way is run again.
  virtual Result<void> Erase(const Person& person) = 0;
};

}  // namespace yz
