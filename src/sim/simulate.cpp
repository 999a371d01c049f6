// Walks the timeline of doses and output times, advancing the state with one of the steppers
// and applying each dose as a jump (the integrator never steps across a dose).
#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "speciosa/sim.hpp"
#include "steppers.hpp"

namespace speciosa::sim {
namespace detail {

PkState drug_free_state() {
  PkState s{};
  s[pharm::kEnzymeGut] = 1.0;
  s[pharm::kEnzymeLiver] = 1.0;
  return s;
}

double molar_mass_for(const pharm::PkParams& p, Compartment cmt) {
  return cmt == Compartment::kGutOh || cmt == Compartment::kCentralOh ? p.mw_oh_g_mol : p.mw_mg_g_mol;
}

void apply_event(const pharm::PkParams& p, const Event& e, PkState& s) {
  if (e.evid == EventKind::kReset || e.evid == EventKind::kResetAndDose) s = drug_free_state();
  if (e.evid == EventKind::kReset || e.evid == EventKind::kObservation || e.evid == EventKind::kOther) {
    return;
  }
  const int index = static_cast<int>(e.cmt) - 1;
  const double nmol = units::nmol_from_mg(e.amt_mg * e.f_bio, molar_mass_for(p, e.cmt));
  if (e.evid == EventKind::kReplace) {
    s[static_cast<std::size_t>(index)] = nmol;
  } else {
    s[static_cast<std::size_t>(index)] += nmol;
  }
}

}  // namespace detail

namespace {

using detail::apply_event;
using detail::drug_free_state;
using detail::PkState;

bool changes_state(const Event& e) { return e.evid != EventKind::kObservation && e.evid != EventKind::kOther; }

std::size_t grid_size(const SimulationOptions& o) {
  return static_cast<std::size_t>(std::floor(o.end_h / o.step_h + 1e-9)) + 1;
}

void record(const pharm::PkParams& p, double t_h, const PkState& s, bool inhibitors, Series& out) {
  out.t_h.push_back(t_h);
  out.mg_ng_ml.push_back(pharm::mg_conc_ng_ml(p, s[pharm::kCentralMg]));
  out.oh_ng_ml.push_back(pharm::oh_conc_ng_ml(p, s[pharm::kCentralOh]));
  out.enzyme_gut.push_back(s[pharm::kEnzymeGut]);
  out.enzyme_liver.push_back(s[pharm::kEnzymeLiver]);
  if (!inhibitors) return;
  const pharm::InhibitorConcentrations c = pharm::inhibitor_concentrations(
      p, pharm::pk_rates(p, s[pharm::kEnzymeGut], s[pharm::kEnzymeLiver]), s[pharm::kGutMg],
      s[pharm::kCentralMg]);
  out.gut_wall_mg_nm.push_back(c.gut_nm);
  out.liver_inlet_mg_nm.push_back(c.liver_nm);
}

Status validate_options(const SimulationOptions& o) {
  if (Status s = check::positive_finite("simulate", "step_h", o.step_h); !s) return s;
  if (Status s = check::positive_finite("simulate", "end_h", o.end_h); !s) return s;
  if (o.step_h > o.end_h) {
    return invalid_input("simulate", "step_h",
                         fmt::format("the step ({:g} h) is longer than the span ({:g} h)", o.step_h, o.end_h),
                         "a step no longer than the span");
  }
  if (o.initial_state && o.initial_state->size() != pharm::kPkStateSize) {
    return invalid_input("simulate", "initial_state",
                         fmt::format("has {} values", o.initial_state->size()),
                         fmt::format("{} values", pharm::kPkStateSize));
  }
  return Ok{};
}

// Applies any steady-state (SS) doses: the body starts at the regimen's steady state.
Result<PkState> initial_state(const pharm::PkParams& p, const std::vector<Event>& events,
                              const SimulationOptions& o) {
  PkState s = drug_free_state();
  if (o.initial_state) std::copy(o.initial_state->begin(), o.initial_state->end(), s.begin());
  for (const Event& e : events) {
    if (!e.ss) continue;
    Event one = e;
    one.t_h = 0;
    one.ss = false;
    one.addl = 0;
    auto ss = steady_state(p, {one}, e.ii_h, o);
    if (!ss) return ss.error();
    std::copy(ss->begin(), ss->end(), s.begin());
    break;
  }
  return s;
}

// The shared walk: at each breakpoint (a dose or an output time, in time order) apply the
// doses due, then record the output; in between, the stepper advances the state.
template <typename Advance, typename Restart>
Status walk(const pharm::PkParams& p, const std::vector<Event>& events, const SimulationOptions& o,
            PkState& s, Series& out, Advance&& advance, Restart&& restart) {
  const std::size_t n_out = grid_size(o);
  std::size_t next_event = 0;
  std::size_t next_out = 0;
  double t_h = 0;
  while (next_out < n_out) {
    const double t_out = static_cast<double>(next_out) * o.step_h;
    const double t_event = next_event < events.size() ? events[next_event].t_h : INFINITY;
    const double t_next = std::min(t_out, t_event);
    if (t_next > t_h) {
      if (Status st = advance(s, t_h, t_next, t_event); !st) return st;
      t_h = t_next;
    }
    bool jumped = false;
    while (next_event < events.size() && events[next_event].t_h <= t_h) {
      apply_event(p, events[next_event], s);
      jumped = jumped || changes_state(events[next_event]);
      ++next_event;
    }
    if (jumped) {
      if (Status st = restart(t_h, s); !st) return st;
    }
    if (t_out <= t_h) {
      record(p, t_out, s, o.record_inhibitor_concentrations, out);
      ++next_out;
    }
  }
  out.final_state.assign(s.begin(), s.end());
  return Ok{};
}

}  // namespace

Result<Series> simulate(const pharm::PkParams& params, const std::vector<Event>& events,
                        const SimulationOptions& options) {
  if (Status st = validate_options(options); !st) return st.error();
  auto start = initial_state(params, events, options);
  if (!start) return start.error();
  PkState s = *start;
  Series out;
  const std::size_t n_out = grid_size(options);
  for (auto* v : {&out.t_h, &out.mg_ng_ml, &out.oh_ng_ml, &out.enzyme_gut, &out.enzyme_liver}) {
    v->reserve(n_out);
  }
  Status done = Ok{};
  if (options.method == Method::kExact) {
    detail::ExactStepper stepper(params, options);
    done = walk(
        params, events, options, s, out,
        [&](PkState& st, double t0, double t1, double) -> Status {
          stepper.advance(st, t0, t1);
          return Ok{};
        },
        [](double, const PkState&) -> Status { return Ok{}; });
  } else {
    auto stepper = detail::OdeStepper::create(params, s, options);
    if (!stepper) return stepper.error();
    done = walk(
        params, events, options, s, out,
        [&](PkState& st, double, double t1, double t_stop) {
          return (*stepper)->advance(st, t1, std::min(t_stop, options.end_h));
        },
        [&](double t, const PkState& st) { return (*stepper)->restart(t, st); });
  }
  if (!done) return done.error();
  return out;
}

Result<std::vector<double>> steady_state(const pharm::PkParams& params,
                                         const std::vector<Event>& one_interval, double tau_h,
                                         const SimulationOptions& options) {
  if (Status st = check::positive_finite("steady_state", "tau_h", tau_h); !st) return st.error();
  SimulationOptions o = options;
  o.end_h = tau_h;
  o.step_h = tau_h;
  o.initial_state.reset();
  std::vector<Event> interval;
  for (Event e : one_interval) {
    e.ss = false;
    interval.push_back(e);
  }
  PkState x = drug_free_state();
  // Convergence to 1e-9 takes about 30 half-lives of the slowest process; 20,000 intervals
  // covers half-lives far beyond anything plausible for these alkaloids.
  constexpr int kMaxIntervals = 20000;
  for (int i = 0; i < kMaxIntervals; ++i) {
    o.initial_state = std::vector<double>(x.begin(), x.end());
    auto run = simulate(params, interval, o);
    if (!run) return run.error();
    double change = 0;
    for (std::size_t j = 0; j < x.size(); ++j) {
      const double next = run->final_state[j];
      change = std::max(change, std::abs(next - x[j]) / (std::abs(next) + 1e-12));
      x[j] = next;
    }
    if (change < 1e-9) return std::vector<double>(x.begin(), x.end());
  }
  return Error{ErrorCode::kSolver, "steady_state", "tau_h",
               fmt::format("no steady state within {} intervals", kMaxIntervals),
               "a regimen whose exposure levels off"};
}

}  // namespace speciosa::sim
