// What the volunteers area holds about a person, for their download and deletion (PIPL art. 45,
// 47; domain/people/person_data.h): the volunteer record and every shift they held, with arrival
// and departure. Deletion removes the record and its holds, freeing live places.
#pragma once

#include "domain/people/person_data.h"
#include "domain/people/person_rights_service.h"
#include "domain/volunteers/volunteer_repository.h"

namespace yz {

class VolunteerDataHolder final : public PersonDataHolder {
 public:
  VolunteerDataHolder(VolunteerRepository& volunteers, const PersonRightsService& rights)
      : volunteers_(volunteers), rights_(rights) {}
  Result<PersonDataSection> Collect(const Person& person) override;
  Result<void> Erase(const Person& person) override;

 private:
  VolunteerRepository& volunteers_;
  const PersonRightsService& rights_;
};

}  // namespace yz
