#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "speciosa/sim.hpp"

namespace speciosa::sim {

std::vector<Event> expand_events(const std::vector<Event>& events) {
  std::vector<Event> out;
  for (const Event& e : events) {
    Event first = e;
    first.addl = 0;
    out.push_back(first);
    for (int k = 1; k <= e.addl; ++k) {
      Event next = first;
      next.ss = false;
      // t0 + k·ii rather than repeated addition, so times do not drift (mrgsolve #1286).
      next.t_h = e.t_h + k * e.ii_h;
      out.push_back(next);
    }
  }
  // Stable: records at the same time keep their input order, and state-changing records come
  // before observations at equal times.
  std::stable_sort(out.begin(), out.end(), [](const Event& a, const Event& b) {
    if (a.t_h != b.t_h) return a.t_h < b.t_h;
    return a.evid != EventKind::kObservation && b.evid == EventKind::kObservation;
  });
  return out;
}

Status validate_events(const std::vector<Event>& events) {
  for (std::size_t i = 0; i < events.size(); ++i) {
    const Event& e = events[i];
    const std::string where = fmt::format("event {}", i + 1);
    if (!std::isfinite(e.t_h) || e.t_h < 0) {
      return invalid_input(where, "time", fmt::format("{} h is not a time >= 0", e.t_h), "a time >= 0 h");
    }
    const auto cmt = static_cast<int>(e.cmt);
    if (cmt < 1 || cmt > pharm::kPkLinearSize) {
      return invalid_input(where, "cmt", fmt::format("compartment {} does not exist", cmt),
                           "1 (gut MG), 2 (central MG), 3 (peripheral MG), 4 (gut 7-OH), 5 (7-OH)");
    }
    const bool dose = e.evid == EventKind::kDose || e.evid == EventKind::kResetAndDose ||
                      e.evid == EventKind::kReplace;
    if (dose && (!std::isfinite(e.amt_mg) || e.amt_mg < 0 || (e.amt_mg == 0 && e.evid != EventKind::kReplace))) {
      return invalid_input(where, "amount", fmt::format("{} mg is not a positive amount", e.amt_mg),
                           "an amount > 0 mg");
    }
    if (e.rate_mg_h != 0) {
      return invalid_input(where, "rate", "zero-order infusions are not supported", "rate 0 (bolus)");
    }
    if (e.addl < 0 || ((e.addl > 0 || e.ss) && !(e.ii_h > 0 && std::isfinite(e.ii_h)))) {
      return invalid_input(where, "ii", "additional or steady-state doses need an interval > 0",
                           "addl >= 0 with ii > 0 h");
    }
    if (!(e.f_bio > 0 && e.f_bio <= 1)) {
      return invalid_input(where, "f", fmt::format("bioavailability {} is not in (0, 1]", e.f_bio),
                           "a fraction in (0, 1]");
    }
  }
  return Ok{};
}

}  // namespace speciosa::sim
