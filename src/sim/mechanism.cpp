// Piecewise integration of the mechanism states with SUNDIALS CVODE (BDF, dense), through
// the sim module's CvodeSolver, restarted at every dose.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <span>

#include "cvode_solver.hpp"
#include "speciosa/sim_mechanism.hpp"

namespace speciosa::sim {
namespace {

using pharm::PlasmaConc;

struct RhsContext {
  const MechanismParams* params = nullptr;
  const PlasmaFunction* plasma = nullptr;
  double clock_at_t0_h = 0;
};

double clock_of(double t_h, double clock_at_t0_h) {
  const double c = std::fmod(clock_at_t0_h + t_h, 24.0);
  return c < 0 ? c + 24.0 : c;
}

// One place that turns a mechanism state into everything derived from it, so the RHS and
// the outputs cannot disagree.
struct Derived {
  pharm::ReceptorActivity receptors;
  double tolerance = 0;
  double withdrawal = 0;
  double tone_deficit = 0;
  double mu_adapted = 0;
};

Derived derive(std::span<const double> y, const MechanismParams& p) {
  Derived d;
  d.receptors = pharm::receptor_activity(y.subspan(kMechPd, pharm::kPdStateSize), p.pd);
  const auto tol = y.subspan(kMechTolerance, pharm::kToleranceStateSize);
  d.tolerance = pharm::tolerance_level(tol);
  d.withdrawal = pharm::withdrawal_level(tol);
  d.tone_deficit = pharm::tone_deficit(tol);
  d.mu_adapted = d.receptors.mu_activity * (1 - d.tolerance);
  return d;
}

void mechanism_rhs(double t_h, std::span<const double> y, std::span<double> dy,
                   const RhsContext& c) {
  const MechanismParams& p = *c.params;
  const PlasmaConc cp = t_h < 0 ? PlasmaConc{} : (*c.plasma)(t_h);
  pharm::derivatives(t_h, y.subspan(kMechPd, pharm::kPdStateSize), p.pd, cp,
                     dy.subspan(kMechPd, pharm::kPdStateSize));
  const Derived d = derive(y, p);
  pharm::derivatives(t_h, y.subspan(kMechTolerance, pharm::kToleranceStateSize), p.tolerance,
                     d.receptors.mu_activity,
                     dy.subspan(kMechTolerance, pharm::kToleranceStateSize));
  const double clock_h = clock_of(t_h, c.clock_at_t0_h);
  pharm::derivatives(t_h, y.subspan(kMechHpa, pharm::kHpaStateSize), p.hpa,
                     pharm::HpaInputs{clock_h, d.mu_adapted, d.withdrawal},
                     dy.subspan(kMechHpa, pharm::kHpaStateSize));
  pharm::derivatives(t_h, y.subspan(kMechHpaDrugFree, pharm::kHpaStateSize), p.hpa,
                     pharm::HpaInputs{clock_h, 0, 0},
                     dy.subspan(kMechHpaDrugFree, pharm::kHpaStateSize));
}

// CvodeSolver's right-hand side: the SUNDIALS contract (0 ok, >0 retry with a smaller step).
int cvode_rhs(double t_h, std::span<const double> y, std::span<double> dy, void* user) {
  mechanism_rhs(t_h, y, dy, *static_cast<const RhsContext*>(user));
  for (double v : dy) {
    if (!std::isfinite(v)) return 1;
  }
  return 0;
}

Status validate(const std::vector<double>& grid_h, const std::vector<double>& dose_times_h,
                const MechanismOptions& o) {
  constexpr std::string_view kWhere = "simulate_mechanism";
  for (std::size_t i = 0; i < grid_h.size(); ++i) {
    if (Status s = check::non_negative_finite(kWhere, "grid_h", grid_h[i]); !s) return s;
    if (i > 0 && grid_h[i] <= grid_h[i - 1]) {
      return invalid_input(std::string(kWhere), "grid_h",
                           fmt::format("time {} h is not after {} h", grid_h[i], grid_h[i - 1]),
                           "strictly increasing times >= 0");
    }
  }
  for (double t : dose_times_h) {
    if (Status s = check::non_negative_finite(kWhere, "dose_times_h", t); !s) return s;
  }
  if (Status s = check::in_range(kWhere, "clock_at_t0_h", o.clock_at_t0_h, 0, 24, "h"); !s) {
    return s;
  }
  return check::non_negative_finite(kWhere, "burn_in_h", o.burn_in_h);
}

void record(std::span<const double> y, const MechanismParams& p, MechanismSeries& out) {
  const Derived d = derive(y, p);
  const pharm::Balance b = pharm::balance(d.receptors, d.tolerance, p.pd);
  const double cortisol = y[kMechHpa + pharm::kCortisol];
  const double cortisol_free = y[kMechHpaDrugFree + pharm::kCortisol];
  const double adapted_relief =
      pharm::relief(d.receptors.mu_activity, p.tolerance) * (1 - d.tolerance);
  const double values[] = {
      d.receptors.mu_activity,
      b.stimulant_index,
      b.sedative_index,
      d.tolerance,
      d.withdrawal,
      cortisol,
      pharm::anxiety_index({d.withdrawal, adapted_relief, cortisol, cortisol_free}, p.anxiety)};
  for (std::size_t i = 0; i < out.columns.size(); ++i) out.columns[i].push_back(values[i]);
  out.kor_occupancy.push_back(d.receptors.kor_occupancy);
  out.dor_occupancy.push_back(d.receptors.dor_occupancy);
  out.alpha2_activity.push_back(d.receptors.alpha2_activity);
  out.tone_deficit.push_back(d.tone_deficit);
}

}  // namespace

const std::vector<double>& MechanismSeries::column(std::string_view name) const {
  const auto it = std::find(kMechanismColumns.begin(), kMechanismColumns.end(), name);
  SPECIOSA_ASSERT(it != kMechanismColumns.end(), "unknown mechanism column");
  return columns[static_cast<std::size_t>(it - kMechanismColumns.begin())];
}

Result<MechanismSeries> simulate_mechanism(const MechanismParams& params,
                                           const PlasmaFunction& plasma,
                                           const std::vector<double>& grid_h,
                                           const std::vector<double>& dose_times_h,
                                           const MechanismOptions& options) {
  if (Status s = validate(grid_h, dose_times_h, options); !s) return s.error();

  std::array<double, kMechStateSize> y0{};
  pharm::tolerance_initial_state(
      std::span(y0).subspan(kMechTolerance, pharm::kToleranceStateSize));
  const double t0_h = -options.burn_in_h;
  const double clock0 = clock_of(t0_h, options.clock_at_t0_h);
  pharm::hpa_initial_state(clock0, params.hpa,
                           std::span(y0).subspan(kMechHpa, pharm::kHpaStateSize));
  pharm::hpa_initial_state(clock0, params.hpa,
                           std::span(y0).subspan(kMechHpaDrugFree, pharm::kHpaStateSize));

  RhsContext ctx{&params, &plasma, options.clock_at_t0_h};
  auto solver = detail::CvodeSolver::create(y0, t0_h, &cvode_rhs, &ctx, options.solver);
  if (!solver) return solver.error();
  detail::CvodeSolver& cv = **solver;
  std::array<double, kMechStateSize> y = y0;

  // Restart points: t = 0 (the burn-in ends, the first dose) and every later dose.
  std::vector<double> restarts = dose_times_h;
  restarts.push_back(0.0);
  std::sort(restarts.begin(), restarts.end());
  restarts.erase(std::unique(restarts.begin(), restarts.end()), restarts.end());

  MechanismSeries out;
  out.t_h = grid_h;
  for (auto& c : out.columns) c.reserve(grid_h.size());
  // Grid and dose times computed by different arithmetic can differ by rounding; closer than
  // this they are the same instant (CVODE rejects a step that short: CV_TOO_CLOSE).
  constexpr double kSameTimeH = 1e-9;
  double t_now = t0_h;
  std::size_t next = 0;  // next restart not yet reached
  for (double t_out : grid_h) {
    while (next < restarts.size() && restarts[next] <= t_out + kSameTimeH) {
      if (restarts[next] > t_now + kSameTimeH) {
        if (Status s = cv.advance(restarts[next], restarts[next], y); !s) return s.error();
        t_now = restarts[next];
      }
      if (Status s = cv.reinit(t_now, y); !s) return s.error();
      ++next;
    }
    if (t_out > t_now + kSameTimeH) {
      const double stop = next < restarts.size() ? restarts[next] : t_out;
      if (Status s = cv.advance(t_out, stop, y); !s) return s.error();
      t_now = t_out;
    }
    record(y, params, out);
  }
  return out;
}

}  // namespace speciosa::sim
