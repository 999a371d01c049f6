// Value checks shared by both backends and every edge (CLI, server, import).
#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <numeric>

#include "speciosa/journal.hpp"

namespace speciosa::journal {
namespace {

constexpr std::string_view kWhere = "journal";
constexpr std::size_t kMaxNameChars = 100;
constexpr std::size_t kMaxNoteChars = 2000;
// Largest single dose accepted. Reported use rarely exceeds ~15 g of leaf per dose; 50 g
// catches a typo (an extra digit, mg typed as g) without rejecting heavy real use.
constexpr double kMaxDoseMg = 50'000;
constexpr double kMaxServings = 20;
constexpr auto kMaxFuture = std::chrono::hours{24};

template <typename E, std::size_t N>
using Names = std::array<std::pair<E, std::string_view>, N>;

constexpr Names<Sex, 4> kSexNames{{{Sex::kUnspecified, "unspecified"},
                                   {Sex::kFemale, "female"},
                                   {Sex::kMale, "male"},
                                   {Sex::kIntersex, "intersex"}}};
constexpr Names<Risk, 5> kRiskNames{{{Risk::kPregnancyOrBreastfeeding, "pregnancy-or-breastfeeding"},
                                     {Risk::kLiverDisease, "liver-disease"},
                                     {Risk::kOpioidUseDisorder, "opioid-use-disorder"},
                                     {Risk::kSeizureDisorder, "seizure-disorder"},
                                     {Risk::kHeartRhythm, "heart-rhythm"}}};
constexpr Names<Form, 5> kFormNames{{{Form::kPowder, "powder"},
                                     {Form::kCapsule, "capsule"},
                                     {Form::kTea, "tea"},
                                     {Form::kExtract, "extract"},
                                     {Form::kTablet, "tablet"}}};

template <typename E, std::size_t N>
std::string_view name_of(const Names<E, N>& names, E value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  SPECIOSA_ASSERT(false, "enum value without a name");
}

template <typename E, std::size_t N>
Result<E> parse_name(const Names<E, N>& names, std::string_view text, std::string_view field) {
  for (const auto& [v, name] : names) {
    if (name == text) return v;
  }
  std::string accepted;
  for (const auto& [v, name] : names) {
    accepted += accepted.empty() ? std::string(name) : ", " + std::string(name);
  }
  return invalid_input(std::string(kWhere), std::string(field),
                       fmt::format("unknown value '{}'", text), accepted);
}

Status whole_in(std::string_view field, int value, int lo, int hi) {
  if (value >= lo && value <= hi) return Ok{};
  return invalid_input(std::string(kWhere), std::string(field),
                       fmt::format("{} is not in {}..{}", value, lo, hi),
                       fmt::format("a whole number from {} to {}", lo, hi));
}

Status text_fits(std::string_view field, std::string_view text, std::size_t max_chars,
                 bool required) {
  if (required && text.empty()) {
    return invalid_input(std::string(kWhere), std::string(field), "is empty",
                         fmt::format("text of 1 to {} characters", max_chars));
  }
  if (text.size() <= max_chars) return Ok{};
  return invalid_input(std::string(kWhere), std::string(field),
                       fmt::format("is {} characters long", text.size()),
                       fmt::format("at most {} characters", max_chars));
}

Status time_ok(Instant at, Instant now) {
  if (at <= now + kMaxFuture && at >= Instant{}) return Ok{};
  return invalid_input(std::string(kWhere), "at",
                       fmt::format("{} is more than a day in the future or before 1970",
                                   format_time(at, "UTC")),
                       "a time from 1970 up to one day from now");
}

Status all_of(std::initializer_list<Status> checks) {
  for (const auto& s : checks) {
    if (!s) return s;
  }
  return Ok{};
}

double dose_mg(const Dose& dose) {
  if (dose.unit == "g") return dose.amount * 1000;
  if (dose.unit == "ug") return dose.amount / 1000;
  return dose.amount;
}

Status validate_dose(const Dose& dose, Instant now) {
  if (auto s = time_ok(dose.at, now); !s) return s;
  const bool by_mass = dose.unit == "g" || dose.unit == "mg" || dose.unit == "ug";
  if (!by_mass && dose.unit != "serving") {
    return invalid_input(std::string(kWhere), "unit", fmt::format("unknown unit '{}'", dose.unit),
                         "g, mg, ug or serving");
  }
  const bool positive = std::isfinite(dose.amount) && dose.amount > 0;
  const bool plausible = by_mass ? dose_mg(dose) <= kMaxDoseMg : dose.amount <= kMaxServings;
  if (!positive || !plausible) {
    return invalid_input(std::string(kWhere), "amount",
                         fmt::format("{} {} is not a plausible single dose", dose.amount, dose.unit),
                         by_mass ? "more than 0 and at most 50 g" : "1 to 20 servings");
  }
  return all_of({text_fits("product", dose.product, kMaxNameChars, true),
                 text_fits("note", dose.note, kMaxNoteChars, false)});
}

Status validate_checkin(const Checkin& c, Instant now) {
  if (!c.anxiety && !c.mood && !c.gad7 && c.withdrawal.empty()) {
    return invalid_input(std::string(kWhere), "checkin", "has nothing in it",
                         "anxiety, mood, GAD-7 answers or a withdrawal checklist");
  }
  if (auto s = all_of({time_ok(c.at, now),
                       c.anxiety ? whole_in("anxiety", *c.anxiety, 0, 10) : Status{Ok{}},
                       c.mood ? whole_in("mood", *c.mood, 0, 10) : Status{Ok{}},
                       c.energy ? whole_in("energy", *c.energy, 0, 10) : Status{Ok{}},
                       text_fits("note", c.note, kMaxNoteChars, false)});
      !s) {
    return s;
  }
  if (c.sleep_h && !(std::isfinite(*c.sleep_h) && *c.sleep_h >= 0 && *c.sleep_h <= 24)) {
    return invalid_input(std::string(kWhere), "sleep_h", fmt::format("{} is not in 0..24", *c.sleep_h),
                         "hours of sleep from 0 to 24");
  }
  if (c.gad7) {
    for (std::size_t i = 0; i < c.gad7->size(); ++i) {
      if (auto s = whole_in(fmt::format("gad7 item {}", i + 1), (*c.gad7)[i], 0, 3); !s) return s;
    }
  }
  const auto& known = withdrawal_symptoms();
  for (const auto& [symptom, score] : c.withdrawal) {
    if (std::find(known.begin(), known.end(), symptom) == known.end()) {
      return invalid_input(std::string(kWhere), "withdrawal",
                           fmt::format("unknown symptom '{}'", symptom),
                           fmt::format("{}", fmt::join(known, ", ")));
    }
    if (auto s = whole_in("withdrawal " + symptom, score, 0, 4); !s) return s;
  }
  return Ok{};
}

Status validate_side_effect(const SideEffect& e, Instant now) {
  return all_of({time_ok(e.at, now), text_fits("symptom", e.symptom, 200, true),
                 whole_in("severity", e.severity, 0, 3)});
}

bool valid_jurisdiction(std::string_view code) {
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto alnum = [&](char c) { return upper(c) || (c >= '0' && c <= '9'); };
  if (code.size() < 2 || !upper(code[0]) || !upper(code[1])) return false;
  if (code.size() == 2) return true;
  const auto sub = code.substr(3);
  return code[2] == '-' && !sub.empty() && sub.size() <= 3 && std::all_of(sub.begin(), sub.end(), alnum);
}

}  // namespace

std::string_view to_string(Sex v) { return name_of(kSexNames, v); }
std::string_view to_string(Risk v) { return name_of(kRiskNames, v); }
std::string_view to_string(Form v) { return name_of(kFormNames, v); }
Result<Sex> sex_from_string(std::string_view text) { return parse_name(kSexNames, text, "sex"); }
Result<Risk> risk_from_string(std::string_view text) { return parse_name(kRiskNames, text, "risk"); }
Result<Form> form_from_string(std::string_view text) { return parse_name(kFormNames, text, "form"); }

std::optional<int> Checkin::gad7_score() const {
  if (!gad7) return std::nullopt;
  return std::accumulate(gad7->begin(), gad7->end(), 0);
}

const std::vector<std::string>& withdrawal_symptoms() {
  static const std::vector<std::string> kSymptoms{
      "restless",        "aching-muscles-or-bones", "runny-nose-or-watery-eyes",
      "yawning",         "sweats-or-chills",        "stomach-upset-or-diarrhoea",
      "trouble-sleeping", "irritable-or-on-edge",   "craving",
      "low-mood",        "jerky-legs"};
  return kSymptoms;
}

const std::vector<std::string>& side_effect_symptoms() {
  static const std::vector<std::string> kSymptoms{
      "nausea",   "vomiting",    "constipation", "itching",      "sweating",     "dizziness",
      "drowsiness", "headache",  "dry-mouth",    "loss-of-appetite", "racing-heart", "tremor",
      "confusion", "seizure",    "fainting",     "yellow-skin-or-eyes", "dark-urine"};
  return kSymptoms;
}

Status validate(const Person& p) {
  if (auto s = all_of({text_fits("name", p.name, kMaxNameChars, true), check_time_zone(p.tz, "tz")});
      !s) {
    return s;
  }
  if (p.weight_kg && !(std::isfinite(*p.weight_kg) && *p.weight_kg >= 20 && *p.weight_kg <= 400)) {
    return invalid_input(std::string(kWhere), "weight_kg", fmt::format("{} is not in 20..400", *p.weight_kg),
                         "body weight in kg from 20 to 400");
  }
  const int this_year = static_cast<int>(
      std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())}
          .year());
  if (p.birth_year) {
    if (auto s = whole_in("birth_year", *p.birth_year, 1900, this_year); !s) return s;
  }
  if (!p.jurisdiction.empty() && !valid_jurisdiction(p.jurisdiction)) {
    return invalid_input(std::string(kWhere), "jurisdiction",
                         fmt::format("'{}' is not an ISO 3166 code", p.jurisdiction),
                         "a country code like TH or a subdivision like US-AL");
  }
  return Ok{};
}

Status validate(const Account& a) {
  if (auto s = text_fits("name", a.name, kMaxNameChars, true); !s) return s;
  if (a.password_hash.empty()) {
    return invalid_input(std::string(kWhere), "password_hash", "is empty", "an argon2id hash string");
  }
  return Ok{};
}

Status validate(const Medication& m) {
  if (auto s = all_of({text_fits("name", m.name, kMaxNameChars, true),
                       text_fits("dose_text", m.dose_text, kMaxNameChars, false)});
      !s) {
    return s;
  }
  if (m.start && m.stop && *m.stop < *m.start) {
    return invalid_input(std::string(kWhere), "stop",
                         fmt::format("{} is before the start {}", format_date(*m.stop),
                                     format_date(*m.start)),
                         "a stop date on or after the start date");
  }
  return Ok{};
}

Status validate(const PersonProduct& p) {
  if (auto s = all_of({text_fits("name", p.name, kMaxNameChars, true),
                       text_fits("kb_product_id", p.kb_product_id, kMaxNameChars, true)});
      !s) {
    return s;
  }
  for (const auto& [field, value] : {std::pair{"mg_percent", p.mg_percent}, std::pair{"oh_percent", p.oh_percent}}) {
    if (value && !(std::isfinite(*value) && *value > 0 && *value <= 100)) {
      return invalid_input(std::string(kWhere), field, fmt::format("{} % is not in (0, 100]", *value),
                           "a lab-tested content in percent w/w, e.g. 1.6%");
    }
  }
  return Ok{};
}

Status validate(const Entry& entry, Instant now) {
  return std::visit(
      [&](const auto& e) -> Status {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, Dose>) return validate_dose(e, now);
        if constexpr (std::is_same_v<T, Checkin>) return validate_checkin(e, now);
        if constexpr (std::is_same_v<T, SideEffect>) return validate_side_effect(e, now);
      },
      entry);
}

Status set_dose_amount(std::string_view text, Dose& dose) {
  auto q = units::parse_quantity(text, "amount");
  if (!q) return q.error();
  if (q->kind == units::Kind::kCount) {
    dose.amount = q->value;
    dose.unit = "serving";
    return Ok{};
  }
  if (q->kind != units::Kind::kMass) {
    return invalid_input("log dose", "amount", fmt::format("'{}' is not an amount", text),
                         "a mass like 2g or 500mg, or servings like 2 tablets");
  }
  // Keep the unit the person typed; kilograms are surely a typo and stay visible as grams.
  if (q->unit == "mg") {
    dose.amount = q->value;
    dose.unit = "mg";
  } else if (q->unit == "ug") {
    dose.amount = q->value * 1000;
    dose.unit = "ug";
  } else {
    dose.amount = q->value / 1000;
    dose.unit = "g";
  }
  return Ok{};
}

}  // namespace speciosa::journal
