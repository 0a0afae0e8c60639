// The volunteers area on every store kind: the repository's contract (domain/volunteers/
// volunteer_repository.h) and the service's rules of duty (volunteer_service.h) with a fixed
// clock — sign-up horizon, cancel deadline and late-cancel alert, no-shows and the pause,
// reminders once each, arrival within 300 m, hours, the calendar token and its feed, the imports.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "core/clock.h"
#include "domain/accounts/authorization.h"
#include "domain/audit/auditor.h"
#include "domain/messages/message_service.h"
#include "domain/people/consent.h"
#include "domain/stations/station_directory.h"
#include "domain/volunteers/volunteer_files.h"
#include "domain/volunteers/volunteer_service.h"
#include "storage/store_fixture.h"

namespace yz {
namespace {

using namespace std::chrono_literals;

// Monday 2026-12-07 10:00 in Shanghai.
const UtcTime kNow = *ParseRfc3339("2026-12-07T10:00:00+08:00");
UtcTime Local(const char* text) { return *ParseShiftTime(text, TimeZone::Shanghai()); }

class VolunteerConformanceTest : public testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::vector<Station> stations;
    const std::pair<const char*, double> places[] = {{"A1", 0.0}, {"B2", 0.01}, {"C3", 0.2}};
    for (const auto& [code, offset] : places) {
      Station s;
      s.code = code;
      s.name = std::string("驿站") + code;
      s.address = "文圣街1号";
      s.region = "370783001";
      s.location = GeoPoint{Latitude(36.85 + offset), Longitude(118.74)};
      s.status = StationStatus::kOpen;
      s.phone = "13100131000";
      s.manager = "王站长";
      stations.push_back(s);
    }
    ASSERT_TRUE(store_->stations->SaveStations(stations).ok());
    directory_ = std::make_unique<StationDirectory>(*store_->stations);
    ASSERT_TRUE(directory_->Reload().ok());
    auditor_ = std::make_unique<Auditor>(*store_->audit, clock_);
    messages_ = std::make_unique<MessageService>(*store_->messages, clock_);
    service_ = std::make_unique<VolunteerService>(
        *store_->volunteers, *store_->people, *directory_, *messages_, *auditor_, clock_,
        VolunteerServiceConfig{TimeZone::Shanghai(), "test-key"});
  }

  VolunteerRepository& repo() { return *store_->volunteers; }

  // Imports volunteers; returns the person of each phone, in order.
  std::vector<int64_t> Register(std::vector<std::string> phones) {
    std::string csv = "phone,name\n";
    for (std::size_t i = 0; i < phones.size(); ++i)
      csv += phones[i] + ",志愿者" + std::to_string(i + 1) + "\n";
    auto outcome = service_->ImportVolunteers(csv, SpreadsheetFormat::kCsv, "cli");
    EXPECT_TRUE(outcome.ok() && outcome->errors.empty());
    std::vector<int64_t> people;
    for (const auto& phone : phones) {
      auto v = repo().FindVolunteerByPhone(phone);
      EXPECT_TRUE(v.ok() && v->has_value());
      people.push_back(v.ok() && *v ? (*v)->person_id : 0);
    }
    return people;
  }

  Shift AddShift(const char* station, const char* starts, const char* ends, int needed = 1,
                 const char* role = "值班") {
    Shift s;
    s.station_code = station;
    s.starts_at = Local(starts);
    s.ends_at = Local(ends);
    s.role = role;
    s.needed = needed;
    auto added = repo().AddShift(s, "370783001", clock_.Now());
    EXPECT_TRUE(added.ok()) << (added.ok() ? "" : added.error().message);
    return added.ok() ? *added : s;
  }

  // The outbox, newest first; only the messages of `purpose` when one is named.
  std::vector<Message> Outbox(std::string_view purpose = "") {
    auto list = store_->messages->ListMessages(MessageQuery{});
    EXPECT_TRUE(list.ok());
    std::vector<Message> out;
    for (const Message& m : list.ok() ? *list : std::vector<Message>{}) {
      if (purpose.empty() || m.purpose == purpose) out.push_back(m);
    }
    return out;
  }

  FakeClock clock_{kNow};
  std::unique_ptr<StationDirectory> directory_;
  std::unique_ptr<Auditor> auditor_;
  std::unique_ptr<MessageService> messages_;
  std::unique_ptr<VolunteerService> service_;
};

TEST_P(VolunteerConformanceTest, ImportsTheRegisterByPhoneAndUpdatesInPlace) {
  auto first = service_->ImportVolunteers(
      "phone,name,region,skills\n13800138000,张三,370783,first_aid|party_member\n"
      "13900139000,李四,,\n",
      SpreadsheetFormat::kCsv, "cli");
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->counts.created, 2);
  auto v = repo().FindVolunteerByPhone("13800138000");
  ASSERT_TRUE(v.ok() && v->has_value());
  EXPECT_EQ((*v)->name, "张三");
  EXPECT_EQ((*v)->phone, "13800138000");
  EXPECT_EQ((*v)->skills,
            (std::vector<VolunteerSkill>{VolunteerSkill::kFirstAid, VolunteerSkill::kPartyMember}));
  // Union staff approved first aid; a new register keeps the approval while the skill stays.
  Volunteer approved = **v;
  approved.approved_skills = {VolunteerSkill::kFirstAid};
  ASSERT_TRUE(repo().SaveVolunteer(approved).ok());
  auto second = service_->ImportVolunteers("phone,name,skills\n13800138000,张三丰,first_aid\n",
                                           SpreadsheetFormat::kCsv, "cli");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->counts.created, 0);
  EXPECT_EQ(second->counts.updated, 1);
  v = repo().FindVolunteerByPhone("13800138000");
  EXPECT_EQ((*v)->name, "张三丰");
  EXPECT_EQ((*v)->approved_skills, (std::vector<VolunteerSkill>{VolunteerSkill::kFirstAid}));
  // The person behind the volunteer is the one a phone sign-in finds.
  auto person = store_->people->FindPersonByPhone("13800138000");
  ASSERT_TRUE(person.ok() && person->has_value());
  EXPECT_EQ((*person)->id, (*v)->person_id);
  // A bad file writes nothing.
  auto bad = service_->ImportVolunteers("phone,name\n13700137000,王五\n1234,赵六\n",
                                        SpreadsheetFormat::kCsv, "cli");
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad->errors.size(), 1u);
  EXPECT_EQ(bad->errors[0].line, 3);
  EXPECT_FALSE(repo().FindVolunteerByPhone("13700137000")->has_value());
}

TEST_P(VolunteerConformanceTest, ImportsARosterAllOrNothingAndReplacesItsVolunteers) {
  Register({"13800138000", "13900139000"});
  const std::string roster =
      "station,starts_at,ends_at,role,needed,volunteers\n"
      "A1,2026-12-20 07:00,2026-12-20 09:00,,2,13800138000|13900139000\n"
      "B2,2026-12-21T08:00:00+08:00,2026-12-21T12:00:00+08:00,清凉服务,3,\n";
  auto first = service_->ImportRoster(roster, SpreadsheetFormat::kCsv, "cli");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->errors.empty()) << first->errors[0].message;
  EXPECT_EQ(first->counts.created, 2);
  auto shifts = repo().StationShifts("A1", kNow, kNow + 30 * 24h);
  ASSERT_TRUE(shifts.ok());
  ASSERT_EQ(shifts->size(), 1u);
  EXPECT_EQ((*shifts)[0].held, 2);
  // The same row again with one volunteer: the other's hold is cancelled.
  auto second = service_->ImportRoster(
      "station,starts_at,ends_at,needed,volunteers\n"
      "A1,2026-12-20 07:00,2026-12-20 10:00,2,13900139000\n",
      SpreadsheetFormat::kCsv, "cli");
  ASSERT_TRUE(second.ok() && second->errors.empty());
  EXPECT_EQ(second->counts.updated, 1);
  auto shift = repo().FindShift((*shifts)[0].id);
  ASSERT_TRUE(shift.ok() && shift->has_value());
  EXPECT_EQ((*shift)->held, 1);
  EXPECT_EQ((*shift)->ends_at, Local("2026-12-20 10:00"));
  const int64_t zhang = (*repo().FindVolunteerByPhone("13800138000"))->id;
  EXPECT_EQ((*repo().FindHold((*shifts)[0].id, zhang))->state, HoldState::kCancelled);
  // Unknown stations and phones that are not volunteers are errors of their lines; nothing written.
  auto bad = service_->ImportRoster(
      "station,starts_at,ends_at,volunteers\n"
      "C3,2026-12-22 07:00,2026-12-22 09:00,\n"
      "ZZ9,2026-12-22 07:00,2026-12-22 09:00,\n"
      "C3,2026-12-23 07:00,2026-12-23 09:00,13700137000\n",
      SpreadsheetFormat::kCsv, "cli");
  ASSERT_TRUE(bad.ok());
  ASSERT_EQ(bad->errors.size(), 2u);
  EXPECT_EQ(bad->errors[0].line, 3);
  EXPECT_EQ(bad->errors[1].line, 4);
  EXPECT_NE(bad->errors[1].message.find("137****7000"), std::string::npos);
  EXPECT_TRUE(repo().StationShifts("C3", kNow, kNow + 30 * 24h)->empty());
}

TEST_P(VolunteerConformanceTest, TheLastPlaceGoesToOneOfTwoRacingVolunteers) {
  const auto people = Register({"13800138000", "13900139000", "13700137000"});
  const Shift shift = AddShift("A1", "2026-12-10 07:00", "2026-12-10 09:00", 2);
  const int64_t a = (*repo().FindVolunteerByPerson(people[0]))->id;
  const int64_t b = (*repo().FindVolunteerByPerson(people[1]))->id;
  const int64_t c = (*repo().FindVolunteerByPerson(people[2]))->id;
  EXPECT_EQ(*repo().TakeShift(shift.id, a, kNow), TakeOutcome::kTaken);
  EXPECT_EQ(*repo().TakeShift(shift.id, a, kNow), TakeOutcome::kAlreadyHeld);
  std::promise<void> go;
  auto start = go.get_future().share();
  auto race = [&](int64_t v) {
    start.wait();
    return *repo().TakeShift(shift.id, v, kNow);
  };
  auto fb = std::async(std::launch::async, race, b);
  auto fc = std::async(std::launch::async, race, c);
  go.set_value();
  const TakeOutcome rb = fb.get(), rc = fc.get();
  EXPECT_EQ((rb == TakeOutcome::kTaken) + (rc == TakeOutcome::kTaken), 1);
  EXPECT_EQ((rb == TakeOutcome::kFull) + (rc == TakeOutcome::kFull), 1);
  EXPECT_EQ((*repo().FindShift(shift.id))->held, 2);
  EXPECT_EQ(repo().ShiftHolds(shift.id)->size(), 2u);
  EXPECT_EQ(*repo().TakeShift(999999, a, kNow), TakeOutcome::kNoSuchShift);
  // A place given back is free again.
  EXPECT_TRUE(*repo().CancelHold(shift.id, a, kNow));
  EXPECT_FALSE(*repo().CancelHold(shift.id, a, kNow));
  EXPECT_EQ((*repo().FindShift(shift.id))->held, 1);
  const auto places = repo().OpenPlaces(kNow, kNow + 7 * 24h);
  ASSERT_TRUE(places.ok());
  ASSERT_EQ(places->size(), 1u);
  EXPECT_EQ((*places)[0].station_code, "A1");
  EXPECT_EQ((*places)[0].places, 1);
}

TEST_P(VolunteerConformanceTest, TakingFollowsTheCityRules) {
  const auto people = Register({"13800138000"});
  const Shift soon = AddShift("A1", "2026-12-08 07:00", "2026-12-08 09:00");
  const Shift overlapping = AddShift("B2", "2026-12-08 08:00", "2026-12-08 10:00");
  const Shift far = AddShift("A1", "2027-01-20 07:00", "2027-01-20 09:00");
  const Shift started = AddShift("C3", "2026-12-07 09:00", "2026-12-07 12:00");
  ASSERT_TRUE(service_->Take(people[0], soon.id, "").ok());
  EXPECT_TRUE(service_->Take(people[0], soon.id, "").ok()) << "taking again is not an error";
  auto clash = service_->Take(people[0], overlapping.id, "");
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::kConflict);
  auto ahead = service_->Take(people[0], far.id, "");
  ASSERT_FALSE(ahead.ok());
  EXPECT_NE(ahead.error().message.find("30 days ahead"), std::string::npos);
  EXPECT_FALSE(service_->Take(people[0], started.id, "").ok());
  auto stranger = service_->Take(424242, soon.id, "");
  ASSERT_FALSE(stranger.ok());
  EXPECT_EQ(stranger.error().code, ErrorCode::kNotFound);
  // A city that opens sign-up 60 days ahead.
  DutyRules rules = *repo().Rules();
  rules.signup_days_ahead = 60;
  ASSERT_TRUE(repo().SaveRules(rules).ok());
  EXPECT_TRUE(service_->Take(people[0], far.id, "").ok());
}

TEST_P(VolunteerConformanceTest, CancellingCloseToTheStartIsRefusedAndLateCancelsTellTheStation) {
  const auto people = Register({"13800138000"});
  const Shift next_week = AddShift("A1", "2026-12-14 07:00", "2026-12-14 09:00");
  const Shift tomorrow = AddShift("B2", "2026-12-08 07:00", "2026-12-08 09:00");
  const Shift in_an_hour = AddShift("C3", "2026-12-07 11:00", "2026-12-07 12:00");
  for (const Shift& s : {next_week, tomorrow, in_an_hour})
    ASSERT_TRUE(service_->Take(people[0], s.id, "").ok());
  ASSERT_TRUE(service_->Cancel(people[0], next_week.id, "").ok());
  EXPECT_TRUE(Outbox("volunteer_late_cancel").empty()) << "an early cancel alerts nobody";
  ASSERT_TRUE(service_->Cancel(people[0], tomorrow.id, "").ok());
  const auto outbox = Outbox("volunteer_late_cancel");
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].purpose, "volunteer_late_cancel");
  EXPECT_EQ(outbox[0].phone, "13100131000");
  EXPECT_NE(outbox[0].text.find("驿站B2"), std::string::npos);
  EXPECT_NE(outbox[0].text.find("志愿者1临时取消"), std::string::npos);
  auto refused = service_->Cancel(people[0], in_an_hour.id, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("王站长"), std::string::npos);
  EXPECT_EQ((*repo().FindShift(in_an_hour.id))->held, 1);
}

TEST_P(VolunteerConformanceTest, NoShowsAreMarkedAfterThirtyMinutesAndRepeatedOnesPause) {
  const auto people = Register({"13800138000"});
  const int64_t v = (*repo().FindVolunteerByPerson(people[0]))->id;
  std::vector<Shift> shifts;
  for (const char* day : {"2026-12-08", "2026-12-09", "2026-12-10"}) {
    shifts.push_back(AddShift("A1", (std::string(day) + " 07:00").c_str(),
                              (std::string(day) + " 09:00").c_str()));
    ASSERT_TRUE(service_->Take(people[0], shifts.back().id, "").ok());
  }
  clock_.Set(Local("2026-12-08 07:29"));
  EXPECT_EQ(*service_->SweepNoShows(), 0);
  clock_.Set(Local("2026-12-08 07:31"));
  EXPECT_EQ(*service_->SweepNoShows(), 1);
  EXPECT_EQ(*service_->SweepNoShows(), 0) << "marked once";
  EXPECT_EQ((*repo().FindHold(shifts[0].id, v))->state, HoldState::kNoShow);
  EXPECT_EQ((*repo().FindShift(shifts[0].id))->held, 0) << "the place is free again";
  // Arriving keeps a hold from being a no-show.
  clock_.Set(Local("2026-12-09 06:50"));
  ASSERT_TRUE(service_->ArriveByQr(people[0], "A1", std::nullopt, "").ok());
  clock_.Set(Local("2026-12-09 08:00"));
  EXPECT_EQ(*service_->SweepNoShows(), 0);
  clock_.Set(Local("2026-12-10 08:00"));
  EXPECT_EQ(*service_->SweepNoShows(), 1);
  EXPECT_FALSE((*repo().FindVolunteer(v))->paused_until) << "two no-shows: not yet";
  const Shift fourth = AddShift("A1", "2026-12-11 07:00", "2026-12-11 09:00");
  ASSERT_TRUE(service_->Take(people[0], fourth.id, "").ok());
  clock_.Set(Local("2026-12-11 08:00"));
  EXPECT_EQ(*service_->SweepNoShows(), 1);
  const auto paused = (*repo().FindVolunteer(v))->paused_until;
  ASSERT_TRUE(paused);
  EXPECT_EQ(*paused, Local("2026-12-11 08:00") + 30 * 24h);
  const Shift fifth = AddShift("B2", "2026-12-13 07:00", "2026-12-13 09:00");
  auto refused = service_->Take(people[0], fifth.id, "");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("paused"), std::string::npos);
}

TEST_P(VolunteerConformanceTest, ArrivalNeedsAShiftNowAndAPositionNearTheStation) {
  const auto people = Register({"13800138000"});
  const Shift shift = AddShift("A1", "2026-12-07 11:00", "2026-12-07 13:00");
  ASSERT_TRUE(service_->Take(people[0], shift.id, "").ok());
  auto early = service_->ArriveByQr(people[0], "A1", std::nullopt, "");
  ASSERT_FALSE(early.ok()) << "10:00 is more than 30 minutes before 11:00";
  EXPECT_EQ(early.error().code, ErrorCode::kNotFound);
  clock_.Set(Local("2026-12-07 10:45"));
  auto wrong_station = service_->ArriveByQr(people[0], "B2", std::nullopt, "");
  ASSERT_FALSE(wrong_station.ok());
  const GeoPoint station{Latitude(36.85), Longitude(118.74)};
  const GeoPoint far{Latitude(36.85 + 0.005), Longitude(118.74)};  // about 556 m north
  auto too_far = service_->ArriveByQr(people[0], "A1", far, "");
  ASSERT_FALSE(too_far.ok());
  EXPECT_EQ(too_far.error().code, ErrorCode::kInvalidArgument);
  auto arrived = service_->ArriveByQr(people[0], "A1", station, "");
  ASSERT_TRUE(arrived.ok()) << arrived.error().message;
  EXPECT_EQ(arrived->hold.arrived_at, Local("2026-12-07 10:45"));
  EXPECT_EQ(arrived->hold.arrival_by, "qr");
  EXPECT_TRUE(service_->ArriveByQr(people[0], "A1", station, "").ok()) << "twice is fine";
  clock_.Set(Local("2026-12-07 12:40"));
  auto left = service_->Depart(people[0], shift.id, "");
  ASSERT_TRUE(left.ok());
  // Counted from the start (not the early arrival) to the departure.
  EXPECT_EQ(ServedMinutes(left->shift, left->hold, clock_.Now()), 100);
  auto mine = service_->MyShifts(people[0]);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ((*mine)[0].served_minutes, 100);
  EXPECT_EQ((*mine)[0].shift.station_name, "驿站A1");
  // The manager's contact while the shift runs, none once it has ended.
  EXPECT_EQ((*mine)[0].manager, "王站长");
  EXPECT_EQ((*mine)[0].manager_phone, "13100131000");
  clock_.Set(Local("2026-12-07 13:01"));
  EXPECT_EQ((*service_->MyShifts(people[0]))[0].manager_phone, "");
}

TEST_P(VolunteerConformanceTest, RemindersGoOutTheDayBeforeAndTheHourBeforeOnceEach) {
  const auto people = Register({"13800138000"});
  const Shift shift = AddShift("A1", "2026-12-08 07:00", "2026-12-08 09:00");
  clock_.Set(Local("2026-12-07 06:00"));
  ASSERT_TRUE(service_->Take(people[0], shift.id, "").ok());
  EXPECT_TRUE(Outbox().empty()) << "taken more than a day ahead: the job reminds later";
  EXPECT_EQ(*service_->SendReminders(), 0);
  clock_.Set(Local("2026-12-07 07:30"));
  EXPECT_EQ(*service_->SendReminders(), 1);
  EXPECT_EQ(*service_->SendReminders(), 0);
  clock_.Set(Local("2026-12-08 06:10"));
  EXPECT_EQ(*service_->SendReminders(), 1);
  EXPECT_EQ(*service_->SendReminders(), 0);
  const auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 2u);
  for (const Message& m : outbox) {
    EXPECT_EQ(m.purpose, "shift_reminder");
    EXPECT_EQ(m.channel, MessageChannel::kNotice) << "no SMS consent: a notice on their page";
    EXPECT_NE(m.text.find("12月8日 07:00"), std::string::npos);
  }
  // A shift taken three hours ahead is reminded at once, and the job does not repeat it.
  const Shift later = AddShift("B2", "2026-12-08 09:10", "2026-12-08 10:00");
  ASSERT_TRUE(service_->Take(people[0], later.id, "").ok());
  EXPECT_EQ(Outbox().size(), 3u);
  EXPECT_EQ(*service_->SendReminders(), 0);
}

TEST_P(VolunteerConformanceTest, TheCalendarTokenIsStableUntilRotatedAndTheFeedFollowsHolds) {
  const auto people = Register({"13800138000"});
  const Shift kept = AddShift("A1", "2026-12-08 07:00", "2026-12-08 09:00");
  const Shift dropped = AddShift("B2", "2026-12-09 07:00", "2026-12-09 09:00");
  const Shift old = AddShift("C3", "2026-11-01 07:00", "2026-11-01 09:00");
  const int64_t v = (*repo().FindVolunteerByPerson(people[0]))->id;
  for (const Shift& s : {kept, dropped, old}) ASSERT_TRUE(repo().TakeShift(s.id, v, kNow).ok());
  ASSERT_TRUE(service_->Cancel(people[0], dropped.id, "").ok());
  auto token = service_->CalendarToken("13800138000", false);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(*service_->CalendarToken("138 0013 8000", false), *token);
  auto feed = service_->CalendarFeed(*token);
  ASSERT_TRUE(feed.ok() && feed->has_value());
  const std::string& ics = **feed;
  EXPECT_NE(ics.find(fmt::format("UID:shift-{}-volunteer-{}@yizhan", kept.id, v)),
            std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:驿站志愿值班：驿站A1"), std::string::npos);
  EXPECT_NE(ics.find("STATUS:CANCELLED"), std::string::npos) << "the dropped shift";
  EXPECT_EQ(ics.find(fmt::format("UID:shift-{}-", old.id)), std::string::npos)
      << "ended more than 30 days ago";
  auto rotated = service_->CalendarToken("13800138000", true);
  ASSERT_TRUE(rotated.ok());
  EXPECT_NE(*rotated, *token);
  EXPECT_FALSE(service_->CalendarFeed(*token)->has_value());
  EXPECT_TRUE(service_->CalendarFeed(*rotated)->has_value());
  EXPECT_FALSE(service_->CalendarFeed("not-a-token")->has_value());
  auto unknown = service_->CalendarToken("13700137000", false);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
}

TEST_P(VolunteerConformanceTest, NearMeFindsOnlyStationsWithFreePlacesNearestFirst) {
  const auto people = Register({"13800138000"});
  const Shift a = AddShift("A1", "2026-12-08 07:00", "2026-12-08 09:00");
  AddShift("C3", "2026-12-09 07:00", "2026-12-09 09:00", 3);
  AddShift("B2", "2026-12-30 07:00", "2026-12-30 09:00");  // beyond the week
  ASSERT_TRUE(service_->Take(people[0], a.id, "").ok());   // A1 is full now
  ASSERT_TRUE(service_->RefreshOpenDuty().ok());
  std::shared_ptr<const OpenDutyIndex::Generation> keep;
  const auto hits = service_->NearMe(GeoPoint{Latitude(36.85), Longitude(118.74)}, 10, keep);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].station->code, "C3");
  EXPECT_EQ(hits[0].places.places, 3);
  EXPECT_NEAR(hits[0].distance_m, 22239, 50);
}

TEST_P(VolunteerConformanceTest, SignUpRecordsConsentAndKeepsApprovalsOnlyForDeclaredSkills) {
  auto person = store_->people->FindOrAddPerson("13600136000", kNow);
  ASSERT_TRUE(person.ok());
  const int version = CurrentPurposeText(kVolunteerPurpose)->version;
  VolunteerForm form{"赵六", "370783", {VolunteerSkill::kLegal, VolunteerSkill::kOther}, "", 0};
  auto stale = service_->SignUp(*person, form, "");
  ASSERT_FALSE(stale.ok()) << "consent is required";
  form.consent_version = version;
  auto saved = service_->SignUp(*person, form, "");
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->name, "赵六");
  auto consents = store_->people->ListConsents(person->id);
  ASSERT_TRUE(consents.ok());
  ASSERT_EQ(consents->size(), 1u);
  EXPECT_EQ((*consents)[0].purpose, kVolunteerPurpose);
  Volunteer approved = *saved;
  approved.approved_skills = {VolunteerSkill::kLegal};
  ASSERT_TRUE(repo().SaveVolunteer(approved).ok());
  form.skills = {VolunteerSkill::kOther};
  auto changed = service_->SignUp(*person, form, "");
  ASSERT_TRUE(changed.ok());
  EXPECT_TRUE(changed->approved_skills.empty());
  form.name = "";
  EXPECT_FALSE(service_->SignUp(*person, form, "").ok());
}

TEST_P(VolunteerConformanceTest, TemplatesMakeTheirShiftsOnceUpToTheHorizon) {
  DutyTemplate t;
  t.station_code = "A1";
  t.weekdays = 0x1F;
  t.start_minute = 7 * 60;
  t.end_minute = 9 * 60;
  t.needed = 2;
  t.valid_from = *ParseDate("2026-12-01");
  const UtcTime horizon = kNow + 40 * 24h;
  // Saved by the store, then made into shifts: 2026-12-08 … 2027-01-06 are the weekdays of the
  // 31 local days from 2026-12-07 (today's 07:00 has passed).
  auto id = repo().SaveTemplate(t, "370783001", kNow);
  ASSERT_TRUE(id.ok());
  auto made = service_->GenerateShifts(*ParseDate("2026-12-07"), 31);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(*made, 22);
  EXPECT_EQ(*service_->GenerateShifts(*ParseDate("2026-12-07"), 31), 0) << "made once";
  auto shifts = repo().StationShifts("A1", kNow, horizon);
  ASSERT_TRUE(shifts.ok());
  ASSERT_EQ(shifts->size(), 22u);
  EXPECT_EQ(shifts->front().starts_at, Local("2026-12-08 07:00"));
  EXPECT_EQ(shifts->front().needed, 2);
  // A stopped template makes nothing more.
  ASSERT_TRUE(repo().DeactivateTemplate(*id).ok());
  EXPECT_EQ(*service_->GenerateShifts(*ParseDate("2027-01-07"), 7), 0) << "a stopped template";
  EXPECT_FALSE(repo().FindTemplate(*id)->has_value());
  const auto many = repo().ActiveTemplates("");
  ASSERT_TRUE(many.ok());
  EXPECT_TRUE(many->empty());
  // A large batch in one call (several statements of many rows).
  std::vector<ShiftRow> rows;
  for (int i = 0; i < 1000; ++i) {
    rows.push_back({0, "B2", "370783001", kNow + i * 1h, kNow + i * 1h + 30min, "值班", 1, {}, 0});
  }
  EXPECT_EQ(*repo().AddShiftsIfAbsent(rows, kNow), 1000);
  EXPECT_EQ(*repo().AddShiftsIfAbsent(rows, kNow), 0);
}

TEST_P(VolunteerConformanceTest, HoursAndTimesAddUpPerVolunteerStationRegionAndMonth) {
  const auto people = Register({"13800138000", "13900139000"});
  const Shift a = AddShift("A1", "2026-12-08 07:00", "2026-12-08 09:00", 2);
  const Shift b = AddShift("B2", "2026-12-09 07:00", "2026-12-09 10:00");
  for (int64_t p : people) ASSERT_TRUE(service_->Take(p, a.id, "").ok());
  ASSERT_TRUE(service_->Take(people[0], b.id, "").ok());
  clock_.Set(Local("2026-12-08 06:45"));
  ASSERT_TRUE(service_->ArriveByQr(people[0], "A1", std::nullopt, "").ok());
  clock_.Set(Local("2026-12-08 07:30"));
  ASSERT_TRUE(service_->ArriveByQr(people[1], "A1", std::nullopt, "").ok());
  clock_.Set(Local("2026-12-08 08:30"));
  ASSERT_TRUE(service_->Depart(people[1], a.id, "").ok());  // 60 minutes
  clock_.Set(Local("2026-12-09 07:10"));
  ASSERT_TRUE(service_->ArriveByQr(people[0], "B2", std::nullopt, "").ok());
  // Not departed: A1 counts to its end (120 minutes); B2 is still running and does not count.
  clock_.Set(Local("2026-12-09 09:00"));
  const Principal admin{Account{.username = "city", .role = Role::kCityAdmin}, "", ""};
  const Caller who{admin, ""};
  const Date first = *ParseDate("2026-12-01"), last = *ParseDate("2026-12-31");
  auto by_volunteer = service_->ServiceHours(who, "", first, last, HoursGrouping::kVolunteer);
  ASSERT_TRUE(by_volunteer.ok()) << by_volunteer.error().message;
  ASSERT_EQ(by_volunteer->size(), 2u);
  EXPECT_EQ((*by_volunteer)[0].label, "志愿者1");
  EXPECT_EQ((*by_volunteer)[0].minutes, 120);
  EXPECT_EQ((*by_volunteer)[0].masked_phone, "138****8000");
  EXPECT_EQ((*by_volunteer)[1].minutes, 60);
  clock_.Set(Local("2026-12-09 10:30"));  // B2 over: 170 minutes more for the first
  auto by_station = service_->ServiceHours(who, "", first, last, HoursGrouping::kStation);
  ASSERT_TRUE(by_station.ok());
  ASSERT_EQ(by_station->size(), 2u);
  EXPECT_EQ((*by_station)[0].key, "A1");
  EXPECT_EQ((*by_station)[0].minutes, 180);
  EXPECT_EQ((*by_station)[0].times, 2);
  EXPECT_EQ((*by_station)[0].others, 2) << "two volunteers";
  EXPECT_EQ((*by_station)[1].minutes, 170);
  auto by_month = service_->ServiceHours(who, "370783", first, last, HoursGrouping::kMonth);
  ASSERT_EQ(by_month->size(), 1u);
  EXPECT_EQ((*by_month)[0].key, "2026-12");
  EXPECT_EQ((*by_month)[0].minutes, 350);
  EXPECT_EQ((*by_month)[0].times, 3);
  EXPECT_TRUE(service_->ServiceHours(who, "44", first, last, HoursGrouping::kRegion)->empty());
  EXPECT_FALSE(service_->ServiceHours(who, "", last, first, HoursGrouping::kRegion).ok());
  auto mine = service_->MyService(people[0]);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->minutes, 290);
  EXPECT_EQ(mine->times, 2);
  EXPECT_EQ(mine->stations, (std::vector<std::string>{"驿站B2", "驿站A1"}));
}

TEST_P(VolunteerConformanceTest, UnionStaffApproveDeclaredSkillsOfVolunteersInTheirScope) {
  ASSERT_TRUE(
      service_
          ->ImportVolunteers("phone,name,region,skills\n13800138000,甲,370783001,first_aid|legal\n"
                             "13900139000,乙,370784001,first_aid\n13700137000,丙,,medical\n",
                             SpreadsheetFormat::kCsv, "cli")
          .ok());
  const Principal region_admin{
      Account{.username = "ra", .role = Role::kRegionAdmin, .scope = Scope{{"370783"}, {}}}, "",
      ""};
  const Principal city_admin{Account{.username = "ca", .role = Role::kCityAdmin}, "", ""};
  const Caller ra{region_admin, ""}, ca{city_admin, ""};
  auto mine = service_->Register(ra, "", 0, 100);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u) << "only the region's volunteer";
  EXPECT_EQ((*mine)[0].name, "甲");
  EXPECT_EQ(service_->Register(ca, "", 0, 100)->size(), 3u)
      << "the city sees those without a region";
  const int64_t jia = (*mine)[0].id;
  auto approved = service_->ApproveSkills(ra, jia, {VolunteerSkill::kFirstAid});
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->approved_skills, (std::vector<VolunteerSkill>{VolunteerSkill::kFirstAid}));
  auto undeclared = service_->ApproveSkills(ra, jia, {VolunteerSkill::kMedical});
  ASSERT_FALSE(undeclared.ok());
  EXPECT_EQ(undeclared.error().code, ErrorCode::kInvalidArgument);
  const int64_t yi = (*repo().FindVolunteerByPhone("13900139000"))->id;
  auto outside = service_->ApproveSkills(ra, yi, {VolunteerSkill::kFirstAid});
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().code, ErrorCode::kNotFound);
}

YZ_INSTANTIATE_STORE_TESTS(VolunteerConformanceTest);

}  // namespace
}  // namespace yz
