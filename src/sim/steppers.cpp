#include "steppers.hpp"

#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

namespace speciosa::sim::detail {
namespace {

// Enzyme activity change (absolute) below which a cached propagator is reused, and the largest
// change allowed within one sub-step. Together they keep the exact path within 0.5 % of the
// tight-tolerance ODE reference (tests/unit/sim/exact_vs_ode_test.cpp).
constexpr double kEnzymeReuseTolerance = 2e-3;
constexpr double kMaxEnzymeChangePerStep = 0.01;

// Exact solution of de/dt = kdeg·(1 − e) − k_inact·e over h with constant rates.
double advance_enzyme(double e0, double kdeg, double k_inact, double h) {
  const double k_total = kdeg + k_inact;
  const double e_ss = kdeg / k_total;
  return e_ss + (e0 - e_ss) * std::exp(-k_total * h);
}

pharm::InactivationRates rates_at(const pharm::PkParams& p, const PkState& s) {
  const pharm::PkRates r = pharm::pk_rates(p, s[pharm::kEnzymeGut], s[pharm::kEnzymeLiver]);
  return pharm::inactivation_rates(
      p, pharm::inhibitor_concentrations(p, r, s[pharm::kGutMg], s[pharm::kCentralMg]));
}

}  // namespace

ExactStepper::ExactStepper(const pharm::PkParams& params, const SimulationOptions& options)
    : params_(params),
      autoinhibition_(options.autoinhibition),
      max_step_h_(options.autoinhibition ? options.solver.max_enzyme_step_h : INFINITY) {}

const pharm::PkMatrix& ExactStepper::propagator(double h, double enzyme_gut, double enzyme_liver) {
  const bool same = h == cached_h_ && std::abs(enzyme_gut - cached_gut_) < kEnzymeReuseTolerance &&
                    std::abs(enzyme_liver - cached_liver_) < kEnzymeReuseTolerance;
  if (!same) {
    cached_ = (pharm::pk_matrix(params_, enzyme_gut, enzyme_liver) * h).exp();
    cached_h_ = h;
    cached_gut_ = enzyme_gut;
    cached_liver_ = enzyme_liver;
  }
  return cached_;
}

void ExactStepper::step(PkState& s, double h) {
  Eigen::Map<pharm::PkAmounts> amounts(s.data());
  if (!autoinhibition_) {
    amounts = propagator(h, s[pharm::kEnzymeGut], s[pharm::kEnzymeLiver]) * amounts;
    return;
  }
  // Predictor: amounts at the end of the step with the enzymes as they are now, to average the
  // inactivation rate over the step; then the enzymes' exact update; then the amounts with the
  // midpoint enzymes (second-order accurate in h).
  const pharm::InactivationRates k0 = rates_at(params_, s);
  PkState predicted = s;
  Eigen::Map<pharm::PkAmounts>(predicted.data()) =
      propagator(h, s[pharm::kEnzymeGut], s[pharm::kEnzymeLiver]) * amounts;
  const pharm::InactivationRates k1 = rates_at(params_, predicted);
  const double gut1 = advance_enzyme(s[pharm::kEnzymeGut], params_.kdeg_gut_per_h,
                                     0.5 * (k0.gut_per_h + k1.gut_per_h), h);
  const double liver1 = advance_enzyme(s[pharm::kEnzymeLiver], params_.kdeg_liver_per_h,
                                       0.5 * (k0.liver_per_h + k1.liver_per_h), h);
  const double gut_mid = 0.5 * (s[pharm::kEnzymeGut] + gut1);
  const double liver_mid = 0.5 * (s[pharm::kEnzymeLiver] + liver1);
  amounts = propagator(h, gut_mid, liver_mid) * amounts;
  s[pharm::kEnzymeGut] = gut1;
  s[pharm::kEnzymeLiver] = liver1;
}

double ExactStepper::enzyme_rate(const PkState& s) const {
  const pharm::InactivationRates k = rates_at(params_, s);
  const double gut = params_.kdeg_gut_per_h * (1 - s[pharm::kEnzymeGut]) - k.gut_per_h * s[pharm::kEnzymeGut];
  const double liver =
      params_.kdeg_liver_per_h * (1 - s[pharm::kEnzymeLiver]) - k.liver_per_h * s[pharm::kEnzymeLiver];
  return std::max(std::abs(gut), std::abs(liver));
}

void ExactStepper::advance(PkState& state, double t0_h, double t1_h) {
  const double span_h = t1_h - t0_h;
  if (span_h <= 0) return;
  if (!autoinhibition_) {
    step(state, span_h);
    return;
  }
  // Equal sub-steps no longer than max_step_h_, shortened while the enzymes move fast (during
  // absorption the gut-wall CYP3A can lose most of its activity within an hour).
  double t_h = t0_h;
  while (t_h < t1_h - 1e-12) {
    const double remaining = t1_h - t_h;
    const double limit = std::min(max_step_h_, kMaxEnzymeChangePerStep / std::max(enzyme_rate(state), 1e-12));
    const int n = std::max(1, static_cast<int>(std::ceil(remaining / limit - 1e-9)));
    const double h = remaining / n;
    step(state, h);
    t_h = n == 1 ? t1_h : t_h + h;
  }
}

Result<std::unique_ptr<OdeStepper>> OdeStepper::create(const pharm::PkParams& params,
                                                       const PkState& initial,
                                                       const SimulationOptions& options) {
  std::unique_ptr<OdeStepper> stepper(new OdeStepper(params));
  auto solver = CvodeSolver::create(initial, 0.0, &OdeStepper::rhs, stepper.get(), options.solver);
  if (!solver) return solver.error();
  stepper->solver_ = std::move(solver).value();
  return stepper;
}

int OdeStepper::rhs(double t_h, std::span<const double> y, std::span<double> ydot, void* user) {
  pharm::pk_derivatives(t_h, y, static_cast<OdeStepper*>(user)->params_, ydot);
  return 0;
}

Status OdeStepper::restart(double t_h, const PkState& state) { return solver_->reinit(t_h, state); }

Status OdeStepper::advance(PkState& state, double t1_h, double t_stop_h) {
  return solver_->advance(t1_h, t_stop_h, state);
}

}  // namespace speciosa::sim::detail
