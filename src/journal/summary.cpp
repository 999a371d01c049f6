// Local-day summaries: each entry is placed on the calendar day it fell on in the person's
// zone, so days around DST changes have 23 or 25 hours and nothing lands on the wrong day.
#include <date/tz.h>
#include <map>

#include "speciosa/journal.hpp"

namespace speciosa::journal {
namespace {

struct Accumulator {
  DaySummary day;
  double anxiety_sum = 0;
  int anxiety_n = 0;
  double mood_sum = 0;
  int mood_n = 0;
};

}  // namespace

Result<std::vector<DaySummary>> summarize_local_days(const Entries& entries, std::string_view tz) {
  if (auto s = check_time_zone(tz, "tz"); !s) return s.error();
  const date::time_zone* zone = date::locate_zone(tz);
  std::map<Date, Accumulator> days;
  auto day_of = [&](Instant at) -> Accumulator& {
    const auto local = zone->to_local(at);
    const Date d{date::floor<date::days>(local).time_since_epoch()};
    Accumulator& acc = days[d];
    acc.day.day = d;
    return acc;
  };
  for (const auto& dose : entries.doses) {
    Accumulator& acc = day_of(dose.at);
    ++acc.day.doses;
    if (dose.unit == "g") acc.day.dose_mass_mg += dose.amount * 1000;
    if (dose.unit == "mg") acc.day.dose_mass_mg += dose.amount;
    if (dose.unit == "ug") acc.day.dose_mass_mg += dose.amount / 1000;
  }
  for (const auto& c : entries.checkins) {
    Accumulator& acc = day_of(c.at);
    ++acc.day.checkins;
    if (c.anxiety) {
      acc.anxiety_sum += *c.anxiety;
      ++acc.anxiety_n;
    }
    if (c.mood) {
      acc.mood_sum += *c.mood;
      ++acc.mood_n;
    }
  }
  for (const auto& e : entries.side_effects) ++day_of(e.at).day.side_effects;
  std::vector<DaySummary> out;
  out.reserve(days.size());
  for (auto& [d, acc] : days) {
    if (acc.anxiety_n > 0) acc.day.mean_anxiety = acc.anxiety_sum / acc.anxiety_n;
    if (acc.mood_n > 0) acc.day.mean_mood = acc.mood_sum / acc.mood_n;
    out.push_back(acc.day);
  }
  return out;
}

}  // namespace speciosa::journal
