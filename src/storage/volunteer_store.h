// The VolunteerRepository (domain/volunteers) of both stores: its SQL is the same on SQLite and
// PostgreSQL, so it is written once over sql::Runner (storage/sql/sql_session.h). Phones stay in
// the people table, sealed with the store's field cipher and found by its blind index ("phone"),
// as domain/people/person.h says.
#pragma once

#include "core/field_cipher.h"
#include "domain/volunteers/volunteer_repository.h"
#include "storage/sql/sql_session.h"

namespace yz {

class VolunteerStore final : public VolunteerRepository {
 public:
  // REQUIRES: migrations 008_people and 015_volunteers applied; `runner` and `cipher` outlive this.
  VolunteerStore(sql::Runner& runner, const FieldCipher& cipher)
      : runner_(runner), cipher_(cipher) {}

  Result<std::optional<Volunteer>> FindVolunteer(int64_t id) override;
  Result<std::optional<Volunteer>> FindVolunteerByPerson(int64_t person_id) override;
  Result<std::optional<Volunteer>> FindVolunteerByPhone(std::string_view phone) override;
  Result<std::optional<Volunteer>> FindVolunteerByCalendarKey(std::string_view key) override;
  Result<Volunteer> SaveVolunteer(const Volunteer& volunteer) override;
  Result<void> SetCalendarKey(int64_t volunteer_id, std::string_view key, int generation) override;
  Result<void> EraseVolunteer(int64_t volunteer_id) override;
  Result<std::vector<Volunteer>> ListVolunteers(std::string_view region_prefix, int64_t after_id,
                                                int limit) override;
  Result<ImportCounts> ImportVolunteers(const std::vector<VolunteerRow>& rows,
                                        UtcTime now) override;

  Result<Shift> AddShift(const Shift& shift, std::string_view region, UtcTime now) override;
  Result<std::optional<Shift>> FindShift(int64_t id) override;
  Result<std::vector<Shift>> StationShifts(std::string_view station, UtcTime from,
                                           UtcTime to) override;
  Result<std::vector<Shift>> RegionShifts(std::string_view region_prefix, UtcTime from, UtcTime to,
                                          int limit) override;
  Result<std::vector<StationOpenPlaces>> OpenPlaces(UtcTime from, UtcTime to) override;
  Result<ImportCounts> ImportShifts(const std::vector<ShiftRow>& rows, UtcTime now) override;

  Result<TakeOutcome> TakeShift(int64_t shift_id, int64_t volunteer_id, UtcTime now) override;
  Result<bool> CancelHold(int64_t shift_id, int64_t volunteer_id, UtcTime now) override;
  Result<std::optional<ShiftHold>> FindHold(int64_t shift_id, int64_t volunteer_id) override;
  Result<std::vector<ShiftHold>> ShiftHolds(int64_t shift_id) override;
  Result<std::vector<HeldShift>> VolunteerShifts(int64_t volunteer_id, UtcTime ends_after) override;
  Result<bool> RecordArrival(int64_t shift_id, int64_t volunteer_id, UtcTime at,
                             std::string_view by) override;
  Result<bool> RecordDeparture(int64_t shift_id, int64_t volunteer_id, UtcTime at) override;
  Result<std::vector<HeldShift>> UnarrivedHolds(UtcTime from, UtcTime to) override;
  Result<bool> MarkNoShow(int64_t shift_id, int64_t volunteer_id) override;
  Result<int> CountNoShows(int64_t volunteer_id, UtcTime since) override;
  Result<std::vector<HeldShift>> HoldsToRemind(UtcTime from, UtcTime to, int step) override;
  Result<void> MarkReminded(int64_t shift_id, int64_t volunteer_id, int step) override;

  Result<int64_t> SaveTemplate(const DutyTemplate& t, std::string_view region,
                               UtcTime now) override;
  Result<std::optional<DutyTemplate>> FindTemplate(int64_t id) override;
  Result<std::vector<DutyTemplate>> ActiveTemplates(std::string_view station) override;
  Result<void> DeactivateTemplate(int64_t id) override;
  Result<int64_t> AddShiftsIfAbsent(const std::vector<ShiftRow>& rows, UtcTime now) override;

  Result<std::vector<ServiceRecord>> ServiceRecords(std::string_view region_prefix, UtcTime from,
                                                    UtcTime to, UtcTime now,
                                                    int64_t volunteer_id) override;

  Result<DutyRules> Rules() override;
  Result<void> SaveRules(const DutyRules& rules) override;

 private:
  Result<std::optional<Volunteer>> FindWhere(std::string_view where, const sql::Param& value);
  Result<std::vector<HeldShift>> HeldShiftsWhere(std::string_view where, const sql::Params& params);
  Result<std::vector<Shift>> ShiftsWhere(std::string_view where, const sql::Params& params);
  Result<std::vector<DutyTemplate>> TemplatesWhere(std::string_view where,
                                                   const sql::Params& params);
  std::string PhoneIndex(std::string_view phone) const {
    return cipher_.BlindIndex("phone", phone);
  }

  sql::Runner& runner_;
  const FieldCipher& cipher_;
};

}  // namespace yz
