// One behaviour suite for every JournalStore backend (STYLE.md §13). Each backend supplies
//   static std::string fresh_url();      // an empty database of its own
// and instantiates the suite with INSTANTIATE_TYPED_TEST_SUITE_P.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "connection.hpp"
#include "speciosa/journal.hpp"

namespace speciosa::journal::testing {

using namespace std::chrono_literals;

inline Instant utc(std::string_view text) { return parse_time(text, "UTC", "at").value(); }

inline Dose make_dose(std::string_view at, double amount, std::string unit = "g") {
  Dose d;
  d.at = utc(at);
  d.amount = amount;
  d.unit = std::move(unit);
  d.product = "maeng-da";
  d.form = Form::kCapsule;
  d.note = "with food";
  return d;
}

inline Checkin make_checkin(std::string_view at, int anxiety, int mood) {
  Checkin c;
  c.at = utc(at);
  c.anxiety = anxiety;
  c.mood = mood;
  return c;
}

inline SideEffect make_effect(std::string_view at, std::string symptom, int severity) {
  SideEffect e;
  e.at = utc(at);
  e.symptom = std::move(symptom);
  e.severity = severity;
  return e;
}

inline Person make_person(std::string name, std::string tz = "UTC") {
  Person p;
  p.name = std::move(name);
  p.tz = std::move(tz);
  return p;
}

template <typename Backend>
class JournalSuite : public ::testing::Test {
 protected:
  void SetUp() override { url_ = Backend::fresh_url(); }

  std::unique_ptr<JournalStore> open() {
    auto store = open_journal(url_);
    EXPECT_TRUE(store.has_value()) << (store ? "" : store.error().to_string());
    return store ? std::move(*store) : nullptr;
  }

  Entries all(JournalStore& store, PersonId who) {
    auto e = store.entries(who, TimeRange{});
    EXPECT_TRUE(e.has_value()) << (e ? "" : e.error().to_string());
    return e ? *e : Entries{};
  }

  std::string url_;
};

TYPED_TEST_SUITE_P(JournalSuite);

TYPED_TEST_P(JournalSuite, PersonRoundTripAndCurrentPerson) {
  auto store = this->open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->current_person().error().code, ErrorCode::kNotFound);
  Person p = make_person("Ana", "America/New_York");
  p.weight_kg = 61.5;
  p.sex = Sex::kFemale;
  p.birth_year = 1990;
  p.jurisdiction = "US-AL";
  p.risks = {Risk::kLiverDisease, Risk::kHeartRhythm};
  const PersonId ana = store->add_person(p).value();
  const PersonId ben = store->add_person(make_person("Ben")).value();
  EXPECT_EQ(store->current_person()->id, ben);  // the newest is current
  ASSERT_TRUE(store->set_current_person(ana));
  const Person got = store->current_person().value();
  EXPECT_EQ(got.name, "Ana");
  EXPECT_EQ(got.weight_kg, 61.5);
  EXPECT_EQ(got.sex, Sex::kFemale);
  EXPECT_EQ(got.birth_year, 1990);
  EXPECT_EQ(got.tz, "America/New_York");
  EXPECT_EQ(got.jurisdiction, "US-AL");
  EXPECT_EQ(got.risks, (std::vector<Risk>{Risk::kHeartRhythm, Risk::kLiverDisease}));
  Person edited = got;
  edited.weight_kg = 60;
  edited.risks = {Risk::kPregnancyOrBreastfeeding};
  ASSERT_TRUE(store->update_person(edited));
  EXPECT_EQ(store->person(ana)->weight_kg, 60);
  EXPECT_EQ(store->person(ana)->risks, std::vector<Risk>{Risk::kPregnancyOrBreastfeeding});
  EXPECT_EQ(store->people()->size(), 2u);
  EXPECT_EQ(store->add_person(make_person("Ben")).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store->set_current_person(9999).error().code, ErrorCode::kNotFound);
}

TYPED_TEST_P(JournalSuite, MedicationAndProductRoundTrip) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const PersonId who = store->add_person(make_person("Ana")).value();
  Medication m{0, "sertraline", "50 mg daily", parse_date("2026-01-10", "start").value(), std::nullopt};
  m.id = store->add_medication(who, m).value();
  m.stop = parse_date("2026-06-01", "stop").value();
  ASSERT_TRUE(store->update_medication(who, m));
  const auto meds = store->medications(who).value();
  ASSERT_EQ(meds.size(), 1u);
  EXPECT_EQ(meds[0].name, "sertraline");
  EXPECT_EQ(meds[0].dose_text, "50 mg daily");
  EXPECT_EQ(meds[0].start, m.start);
  EXPECT_EQ(meds[0].stop, m.stop);

  PersonProduct prod{0, "my red", "red-bali", 1.6, 0.02};
  prod.id = store->add_product(who, prod).value();
  store->add_product(who, PersonProduct{0, "plain", "maeng-da", std::nullopt, std::nullopt}).value();
  const auto prods = store->products(who).value();
  ASSERT_EQ(prods.size(), 2u);
  EXPECT_EQ(prods[0].name, "my red");
  EXPECT_EQ(prods[0].kb_product_id, "red-bali");
  EXPECT_EQ(prods[0].mg_percent, 1.6);
  EXPECT_EQ(prods[0].oh_percent, 0.02);
  EXPECT_FALSE(prods[1].mg_percent.has_value());
  EXPECT_EQ(store->add_product(who, prod).error().code, ErrorCode::kConflict);
}

TYPED_TEST_P(JournalSuite, EveryEntryKindRoundTrips) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const PersonId who = store->add_person(make_person("Ana")).value();
  Dose dose = make_dose("2026-11-20 08:30", 2.5);
  Checkin c = make_checkin("2026-11-20 09:00", 6, 4);
  c.energy = 5;
  c.sleep_h = 7.25;
  c.note = "tired, \"odd\" day";
  c.gad7 = std::array<int, 7>{0, 1, 2, 1, 0, 3, 1};
  c.withdrawal = {{"restless", 2}, {"yawning", 4}};
  SideEffect effect = make_effect("2026-11-20 10:00", "nausea", 2);
  dose.id = store->add_entry(who, dose).value();
  c.id = store->add_entry(who, c).value();
  effect.id = store->add_entry(who, effect).value();
  EXPECT_NE(dose.id, c.id);

  const Entries got = this->all(*store, who);
  ASSERT_EQ(got.doses.size(), 1u);
  ASSERT_EQ(got.checkins.size(), 1u);
  ASSERT_EQ(got.side_effects.size(), 1u);
  const Dose& d = got.doses[0];
  EXPECT_EQ(d.id, dose.id);
  EXPECT_EQ(d.uid.size(), 32u);
  EXPECT_EQ(d.at, dose.at);
  EXPECT_EQ(d.amount, 2.5);
  EXPECT_EQ(d.unit, "g");
  EXPECT_EQ(d.product, "maeng-da");
  EXPECT_EQ(d.form, Form::kCapsule);
  EXPECT_EQ(d.note, "with food");
  const Checkin& k = got.checkins[0];
  EXPECT_EQ(k.at, c.at);
  EXPECT_EQ(k.anxiety, 6);
  EXPECT_EQ(k.mood, 4);
  EXPECT_EQ(k.energy, 5);
  EXPECT_EQ(k.sleep_h, 7.25);
  EXPECT_EQ(k.note, c.note);
  EXPECT_EQ(k.gad7, c.gad7);
  EXPECT_EQ(k.gad7_score(), 8);
  EXPECT_EQ(k.withdrawal, c.withdrawal);
  EXPECT_EQ(got.side_effects[0].symptom, "nausea");
  EXPECT_EQ(got.side_effects[0].severity, 2);

  // Edit, fetch by id, delete.
  dose.amount = 3;
  dose.at = utc("2026-11-20 08:45");
  ASSERT_TRUE(store->update_entry(who, dose));
  const Entry fetched = store->entry(who, dose.id).value();
  ASSERT_TRUE(std::holds_alternative<Dose>(fetched));
  EXPECT_EQ(std::get<Dose>(fetched).amount, 3);
  EXPECT_EQ(std::get<Dose>(fetched).at, dose.at);
  EXPECT_EQ(std::get<Dose>(fetched).uid, d.uid);  // edits keep the identity
  c.withdrawal = {{"craving", 1}};
  ASSERT_TRUE(store->update_entry(who, c));
  EXPECT_EQ(std::get<Checkin>(store->entry(who, c.id).value()).withdrawal, c.withdrawal);
  Checkin wrong_kind = c;
  wrong_kind.id = dose.id;
  EXPECT_EQ(store->update_entry(who, wrong_kind).error().code, ErrorCode::kNotFound);
  Checkin gad_only;
  gad_only.at = utc("2026-11-21 09:00");
  gad_only.gad7 = std::array<int, 7>{3, 3, 3, 3, 3, 3, 3};
  const EntryId gad_id = store->add_entry(who, gad_only).value();
  const Checkin gad_back = std::get<Checkin>(store->entry(who, gad_id).value());
  EXPECT_FALSE(gad_back.anxiety.has_value());
  EXPECT_FALSE(gad_back.mood.has_value());
  EXPECT_EQ(gad_back.gad7_score(), 21);
  ASSERT_TRUE(store->remove_entry(who, gad_id));
  ASSERT_TRUE(store->remove_entry(who, c.id));
  EXPECT_EQ(store->entry(who, c.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store->remove_entry(who, c.id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(this->all(*store, who).checkins.size(), 0u);
}

TYPED_TEST_P(JournalSuite, RangeQueriesAreHalfOpenAndOrdered) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const PersonId who = store->add_person(make_person("Ana")).value();
  for (auto at : {"2026-11-03 08:00", "2026-11-01 08:00", "2026-11-02 08:00"}) {
    store->add_entry(who, make_dose(at, 1)).value();
  }
  const auto got = store->entries(who, {utc("2026-11-01 08:00"), utc("2026-11-03 08:00")}).value();
  ASSERT_EQ(got.doses.size(), 2u);
  EXPECT_EQ(got.doses[0].at, utc("2026-11-01 08:00"));
  EXPECT_EQ(got.doses[1].at, utc("2026-11-02 08:00"));
}

TYPED_TEST_P(JournalSuite, RejectedValuesNameTheFieldAndWriteNothing) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const PersonId who = store->add_person(make_person("Ana")).value();
  const auto tomorrow_plus = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) + 25h;
  Dose future = make_dose("2026-11-20 08:00", 2);
  future.at = tomorrow_plus;
  Dose negative = make_dose("2026-11-20 08:00", -1);
  Dose absurd = make_dose("2026-11-20 08:00", 200);
  Dose bad_unit = make_dose("2026-11-20 08:00", 2, "spoons");
  Dose no_product = make_dose("2026-11-20 08:00", 2);
  no_product.product.clear();
  Checkin anxious = make_checkin("2026-11-20 08:00", 11, 5);
  Checkin moody = make_checkin("2026-11-20 08:00", 5, -1);
  Checkin gad = make_checkin("2026-11-20 08:00", 5, 5);
  gad.gad7 = std::array<int, 7>{0, 1, 2, 4, 0, 0, 0};
  Checkin withdrawal = make_checkin("2026-11-20 08:00", 5, 5);
  withdrawal.withdrawal = {{"restless", 5}};
  Checkin unknown_symptom = make_checkin("2026-11-20 08:00", 5, 5);
  unknown_symptom.withdrawal = {{"sneezing", 1}};
  Checkin empty;
  empty.at = utc("2026-11-20 08:00");
  Checkin gad_only = empty;
  gad_only.gad7 = std::array<int, 7>{3, 3, 3, 3, 3, 3, 4};
  Checkin sleepy = make_checkin("2026-11-20 08:00", 5, 5);
  sleepy.sleep_h = 25;
  const std::vector<std::pair<Entry, std::string>> cases{
      {future, "at"},          {negative, "amount"},          {absurd, "amount"},
      {bad_unit, "unit"},      {no_product, "product"},       {anxious, "anxiety"},
      {moody, "mood"},         {gad, "gad7 item 4"},          {withdrawal, "withdrawal restless"},
      {unknown_symptom, "withdrawal"}, {sleepy, "sleep_h"}, {empty, "checkin"},
      {gad_only, "gad7 item 7"},
      {make_effect("2026-11-20 08:00", "nausea", 4), "severity"},
      {make_effect("2026-11-20 08:00", "", 1), "symptom"}};
  for (const auto& [entry, field] : cases) {
    auto r = store->add_entry(who, entry);
    ASSERT_FALSE(r.has_value()) << field;
    EXPECT_EQ(r.error().code, ErrorCode::kInvalidInput) << field;
    EXPECT_EQ(r.error().field, field);
    EXPECT_FALSE(r.error().accepted.empty()) << field;
  }
  Entries batch;
  batch.doses = {make_dose("2026-11-20 08:00", 2), negative};
  EXPECT_FALSE(store->import_entries(who, batch).has_value());
  const Entries got = this->all(*store, who);
  EXPECT_TRUE(got.doses.empty() && got.checkins.empty() && got.side_effects.empty());

  Person bad = make_person("Cy", "Mars/Olympus");
  EXPECT_EQ(store->add_person(bad).error().field, "tz");
  bad = make_person("Cy");
  bad.weight_kg = 2;
  EXPECT_EQ(store->add_person(bad).error().field, "weight_kg");
  bad = make_person("Cy");
  bad.jurisdiction = "usa";
  EXPECT_EQ(store->add_person(bad).error().field, "jurisdiction");
  EXPECT_EQ(store->add_product(who, PersonProduct{0, "x", "maeng-da", 120.0, std::nullopt}).error().field,
            "mg_percent");
  Medication backwards{0, "sertraline", "", parse_date("2026-02-01", "s").value(),
                       parse_date("2026-01-01", "s").value()};
  EXPECT_EQ(store->add_medication(who, backwards).error().field, "stop");
  EXPECT_EQ(store->people()->size(), 1u);
  EXPECT_TRUE(store->products(who)->empty());
  EXPECT_TRUE(store->medications(who)->empty());
}

TYPED_TEST_P(JournalSuite, CloseAndReopenKeepsEverything) {
  PersonId who = 0;
  {
    auto store = this->open();
    ASSERT_TRUE(store);
    who = store->add_person(make_person("Ana")).value();
    store->add_entry(who, make_dose("2026-11-20 08:00", 2)).value();
    store->add_medication(who, Medication{0, "sertraline", "", std::nullopt, std::nullopt}).value();
  }
  auto store = this->open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->current_person()->id, who);
  EXPECT_EQ(this->all(*store, who).doses.size(), 1u);
  EXPECT_EQ(store->medications(who)->size(), 1u);
}

TYPED_TEST_P(JournalSuite, MigratesFromEveryEarlierSchemaVersion) {
  for (int version = 0; version < current_schema_version(); ++version) {
    SCOPED_TRACE("from schema version " + std::to_string(version));
    const std::string url = TypeParam::fresh_url();
    {
      auto db = open_connection(url).value();
      ASSERT_TRUE(migrate(*db, version));
      if (version >= 1) {
        db->begin_write();
        db->query("INSERT INTO person (name, tz, created_utc) VALUES ('Old', 'UTC', 0)", {});
        db->query("INSERT INTO entry (person_id, uid, kind, at_utc) VALUES (1, 'u1', 'dose', 1700000000)", {});
        db->query("INSERT INTO dose (entry_id, amount, unit, product, form) VALUES (1, 2, 'g', 'maeng-da', 'powder')", {});
        db->commit();
      }
    }
    auto store = open_journal(url);
    ASSERT_TRUE(store.has_value()) << store.error().to_string();
    {
      auto db = open_connection(url).value();
      db->begin_read();
      EXPECT_EQ(std::get<std::int64_t>(db->query("SELECT version FROM schema_version", {}).at(0).at(0)),
                current_schema_version());
      db->commit();
    }
    const PersonId who = version >= 1 ? 1 : (*store)->add_person(make_person("New")).value();
    if (version >= 1) {
      const Entries old = (*store)->entries(who, TimeRange{}).value();
      ASSERT_EQ(old.doses.size(), 1u);
      EXPECT_EQ(old.doses[0].uid, "u1");
      EXPECT_EQ(old.doses[0].amount, 2);
    }
    Checkin c = make_checkin("2026-11-20 08:00", 3, 6);
    c.withdrawal = {{"craving", 2}};
    EXPECT_TRUE((*store)->add_entry(who, c).has_value());
    EXPECT_TRUE((*store)->add_product(who, PersonProduct{0, "mine", "maeng-da", 1.2, std::nullopt}).has_value());
  }
}

// Person B must never see, change or delete anything of person A, through any method.
TYPED_TEST_P(JournalSuite, OnePersonsDataNeverComesBackForAnother) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const PersonId a = store->add_person(make_person("A")).value();
  const PersonId b = store->add_person(make_person("B")).value();
  Dose dose = make_dose("2026-11-20 08:00", 2);
  dose.uid = "shared-uid";
  dose.id = store->add_entry(a, dose).value();
  Checkin c = make_checkin("2026-11-20 09:00", 5, 5);
  c.withdrawal = {{"restless", 1}};
  c.id = store->add_entry(a, c).value();
  SideEffect e = make_effect("2026-11-20 10:00", "itching", 1);
  e.id = store->add_entry(a, e).value();
  Medication m{0, "sertraline", "", std::nullopt, std::nullopt};
  m.id = store->add_medication(a, m).value();
  store->add_product(a, PersonProduct{0, "mine", "maeng-da", std::nullopt, std::nullopt}).value();

  const Entries seen = this->all(*store, b);
  EXPECT_TRUE(seen.doses.empty() && seen.checkins.empty() && seen.side_effects.empty());
  EXPECT_TRUE(store->medications(b)->empty());
  EXPECT_TRUE(store->products(b)->empty());
  for (EntryId id : {dose.id, c.id, e.id}) {
    EXPECT_EQ(store->entry(b, id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(store->remove_entry(b, id).error().code, ErrorCode::kNotFound);
  }
  for (const Entry& changed : {Entry{dose}, Entry{c}, Entry{e}}) {
    EXPECT_EQ(store->update_entry(b, changed).error().code, ErrorCode::kNotFound);
  }
  Medication stolen = m;
  stolen.name = "changed";
  EXPECT_EQ(store->update_medication(b, stolen).error().code, ErrorCode::kNotFound);
  // The same uid may exist for both people: import for B adds B's own copy.
  Entries import;
  import.doses = {dose};
  EXPECT_EQ(store->import_entries(b, import)->added, 1);
  const Entries mine = this->all(*store, a);
  ASSERT_EQ(mine.doses.size(), 1u);
  EXPECT_EQ(mine.doses[0].id, dose.id);
  EXPECT_EQ(mine.checkins.size(), 1u);
  EXPECT_EQ(mine.checkins[0].withdrawal.size(), 1u);
  EXPECT_EQ(mine.side_effects.size(), 1u);
  EXPECT_EQ(store->medications(a)->at(0).name, "sertraline");
  const Entries theirs = this->all(*store, b);
  ASSERT_EQ(theirs.doses.size(), 1u);
  EXPECT_NE(theirs.doses[0].id, dose.id);
  EXPECT_TRUE(theirs.checkins.empty());
}

TYPED_TEST_P(JournalSuite, ImportingTwiceAddsNothingTheSecondTime) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const PersonId a = store->add_person(make_person("A")).value();
  store->add_entry(a, make_dose("2026-11-20 08:00", 2)).value();
  store->add_entry(a, make_checkin("2026-11-20 09:00", 5, 5)).value();
  store->add_entry(a, make_effect("2026-11-20 10:00", "nausea", 1)).value();
  const Entries exported = this->all(*store, a);
  const PersonId b = store->add_person(make_person("B")).value();
  EXPECT_EQ(store->import_entries(b, exported)->added, 3);
  const auto again = store->import_entries(b, exported).value();
  EXPECT_EQ(again.added, 0);
  EXPECT_EQ(again.skipped, 3);
  EXPECT_EQ(store->import_entries(a, exported)->skipped, 3);
  const Entries got = this->all(*store, b);
  EXPECT_EQ(got.doses.size() + got.checkins.size() + got.side_effects.size(), 3u);
  EXPECT_EQ(got.doses[0].uid, exported.doses[0].uid);
}

TYPED_TEST_P(JournalSuite, DstTransitionsAndLocalDays) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const std::string tz = "America/New_York";
  const PersonId who = store->add_person(make_person("Ana", tz)).value();
  auto local = [&](std::string_view text) { return parse_time(text, tz, "--at"); };
  // Spring forward 2026-03-08: 02:00 EST becomes 03:00 EDT.
  EXPECT_EQ(local("2026-03-08 03:00").value() - local("2026-03-08 01:59").value(), 1min);
  const auto skipped = local("2026-03-08 02:30");
  ASSERT_FALSE(skipped.has_value());
  EXPECT_EQ(skipped.error().field, "--at");
  // Fall back 2026-11-01: 01:30 happens twice; the first (EDT, UTC-4) is meant.
  EXPECT_EQ(local("2026-11-01 01:30").value(), utc("2026-11-01 05:30"));
  EXPECT_EQ(local("2026-11-01 01:30-05:00").value(), utc("2026-11-01 06:30"));
  EXPECT_EQ(format_time(utc("2026-11-01 05:30"), tz), "2026-11-01T01:30:00-04:00");
  EXPECT_EQ(format_time(utc("2026-11-01 06:30"), tz), "2026-11-01T01:30:00-05:00");

  for (const char* at : {"2026-03-08 00:30", "2026-03-08 01:59", "2026-03-08 03:00", "2026-03-08 23:59",
                         "2026-03-09 00:00", "2026-11-01 01:30", "2026-11-01 23:30"}) {
    Dose d;
    d.at = local(at).value();
    d.amount = 1;
    d.unit = "g";
    d.product = "maeng-da";
    store->add_entry(who, d).value();
  }
  Dose second_130 = make_dose("2026-11-01 06:30", 1);  // 01:30 EST, the repeated hour
  store->add_entry(who, second_130).value();
  Checkin late = make_checkin("2026-11-02 04:59", 4, 6);  // 23:59 EST on Nov 1
  store->add_entry(who, late).value();

  const Entries got = this->all(*store, who);
  EXPECT_EQ(format_time(got.doses[2].at, tz), "2026-03-08T03:00:00-04:00");
  const auto days = summarize_local_days(got, tz).value();
  ASSERT_EQ(days.size(), 3u);
  EXPECT_EQ(format_date(days[0].day), "2026-03-08");
  EXPECT_EQ(days[0].doses, 4);
  EXPECT_EQ(days[0].dose_mass_mg, 4000);
  EXPECT_EQ(format_date(days[1].day), "2026-03-09");
  EXPECT_EQ(days[1].doses, 1);
  EXPECT_EQ(format_date(days[2].day), "2026-11-01");
  EXPECT_EQ(days[2].doses, 3);
  EXPECT_EQ(days[2].checkins, 1);
  EXPECT_EQ(days[2].mean_anxiety, 4.0);
}

TYPED_TEST_P(JournalSuite, ConcurrentWritersLoseNothing) {
  { ASSERT_TRUE(this->open()); }
  PersonId who = 0;
  {
    auto store = this->open();
    who = store->add_person(make_person("Ana")).value();
  }
  constexpr int kPerWriter = 40;
  std::vector<std::string> failures;
  std::mutex failures_mutex;
  auto writer = [&](int offset) {
    auto store = open_journal(this->url_);
    if (!store) {
      std::lock_guard lock(failures_mutex);
      failures.push_back(store.error().to_string());
      return;
    }
    for (int i = 0; i < kPerWriter; ++i) {
      Dose d = make_dose("2026-11-20 08:00", 1);
      d.at += std::chrono::minutes{offset + i};
      auto r = (*store)->add_entry(who, d);
      if (!r) {
        std::lock_guard lock(failures_mutex);
        failures.push_back(r.error().to_string());
      }
    }
  };
  std::thread one(writer, 0);
  std::thread two(writer, 1000);
  one.join();
  two.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  auto store = this->open();
  EXPECT_EQ(this->all(*store, who).doses.size(), 2u * kPerWriter);
}

TYPED_TEST_P(JournalSuite, AccountsOwnPeopleAndRemovingAPersonRemovesTheirEntries) {
  auto store = this->open();
  ASSERT_TRUE(store);
  const AccountId owner = store->add_account(Account{0, "ana", "$argon2id$stub"}).value();
  EXPECT_EQ(store->add_account(Account{0, "ana", "$argon2id$other"}).error().code, ErrorCode::kConflict);
  EXPECT_EQ(store->add_account(Account{0, "", "$argon2id$x"}).error().field, "name");
  EXPECT_EQ(store->account("ana").value().password_hash, "$argon2id$stub");
  EXPECT_EQ(store->account("nobody").error().code, ErrorCode::kNotFound);

  Person owned = make_person("Ana");
  owned.account = owner;
  const PersonId who = store->add_person(owned).value();
  const PersonId alone = store->add_person(make_person("Ben")).value();
  EXPECT_EQ(store->person(who).value().account, owner);
  EXPECT_FALSE(store->person(alone).value().account.has_value());

  const EntryId dose = store->add_entry(who, make_dose("2026-11-20 08:00", 2)).value();
  ASSERT_TRUE(store->remove_person(who));
  EXPECT_EQ(store->person(who).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store->entry(who, dose).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(store->remove_person(who).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(store->person(alone).has_value());
}

REGISTER_TYPED_TEST_SUITE_P(JournalSuite, PersonRoundTripAndCurrentPerson,
                            MedicationAndProductRoundTrip, EveryEntryKindRoundTrips,
                            RangeQueriesAreHalfOpenAndOrdered,
                            RejectedValuesNameTheFieldAndWriteNothing, CloseAndReopenKeepsEverything,
                            MigratesFromEveryEarlierSchemaVersion,
                            OnePersonsDataNeverComesBackForAnother,
                            ImportingTwiceAddsNothingTheSecondTime, DstTransitionsAndLocalDays,
                            ConcurrentWritersLoseNothing,
                            AccountsOwnPeopleAndRemovingAPersonRemovesTheirEntries);

}  // namespace speciosa::journal::testing
