#include "steppers.hpp"

#include <cmath>
#include <unsupported/Eigen/MatrixFunctions>

namespace speciosa::sim::detail {
namespace {

// Largest change of an enzyme activity within one sub-step, and the spacing of the cached
// hepatic-CYP3A nodes. Together they keep the exact path within 0.5 % of a tight-tolerance ODE
// reference (tests/unit/sim/solver_test.cpp).
constexpr double kMaxEnzymeChangePerStep = 0.01;
constexpr double kLiverNodeSpacing = 0.02;

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

const ExactStepper::Propagator& ExactStepper::propagator(double h, double enzyme_liver) {
  ++uses_;
  if (last_ != nullptr && last_->h == h && last_->enzyme_liver == enzyme_liver) {
    last_->last_use = uses_;
    return *last_;
  }
  Propagator* oldest = &cache_[0];
  for (Propagator& p : cache_) {
    if (p.h == h && p.enzyme_liver == enzyme_liver) {
      p.last_use = uses_;
      last_ = &p;
      return p;
    }
    if (p.last_use < oldest->last_use) oldest = &p;
  }
  // Build: exp(A·h) with the gut column's outflows zeroed, then with each set to 1.
  pharm::PkMatrix a = pharm::pk_matrix(params_, 1.0, enzyme_liver);
  a(pharm::kCentralMg, pharm::kGutMg) = 0;
  a(pharm::kCentralOh, pharm::kGutMg) = 0;
  Propagator& p = *oldest;
  p.rest = (a * h).exp();
  a(pharm::kCentralMg, pharm::kGutMg) = 1;
  p.per_to_central = (a * h).exp().col(pharm::kGutMg) - p.rest.col(pharm::kGutMg);
  a(pharm::kCentralMg, pharm::kGutMg) = 0;
  a(pharm::kCentralOh, pharm::kGutMg) = 1;
  p.per_to_oh = (a * h).exp().col(pharm::kGutMg) - p.rest.col(pharm::kGutMg);
  p.h = h;
  p.enzyme_liver = enzyme_liver;
  p.last_use = uses_;
  last_ = &p;
  return p;
}

pharm::PkAmounts ExactStepper::propagate_at_node(const pharm::PkAmounts& amounts, double h, double node,
                                                 double to_central, double to_oh) {
  const Propagator& p = propagator(h, node);
  return p.rest * amounts +
         amounts[pharm::kGutMg] * (to_central * p.per_to_central + to_oh * p.per_to_oh);
}

pharm::PkAmounts ExactStepper::propagate(const pharm::PkAmounts& amounts, double h, double enzyme_gut,
                                         double enzyme_liver) {
  // The two gut-column rate constants at the current activities, exactly.
  if (enzyme_gut != rates_gut_ || enzyme_liver != rates_liver_) {
    const pharm::PkMatrix a = pharm::pk_matrix(params_, enzyme_gut, enzyme_liver);
    to_central_ = a(pharm::kCentralMg, pharm::kGutMg);
    to_oh_ = a(pharm::kCentralOh, pharm::kGutMg);
    rates_gut_ = enzyme_gut;
    rates_liver_ = enzyme_liver;
  }
  const double to_central = to_central_;
  const double to_oh = to_oh_;
  if (!autoinhibition_) {
    // Enzymes fixed: compose exp(A·h) once per step length and reuse it.
    if (h != fixed_h_ || enzyme_liver != fixed_liver_) {
      const Propagator& p = propagator(h, enzyme_liver);
      fixed_ = p.rest;
      fixed_.col(pharm::kGutMg) += to_central * p.per_to_central + to_oh * p.per_to_oh;
      fixed_h_ = h;
      fixed_liver_ = enzyme_liver;
    }
    return fixed_ * amounts;
  }
  const double position = enzyme_liver / kLiverNodeSpacing;
  const double lower = std::floor(position);
  const double w = position - lower;
  const pharm::PkAmounts below =
      propagate_at_node(amounts, h, lower * kLiverNodeSpacing, to_central, to_oh);
  if (w < 1e-12) return below;
  const pharm::PkAmounts above =
      propagate_at_node(amounts, h, (lower + 1) * kLiverNodeSpacing, to_central, to_oh);
  return (1 - w) * below + w * above;
}

void ExactStepper::step(PkState& s, double h) {
  Eigen::Map<pharm::PkAmounts> amounts(s.data());
  if (!autoinhibition_) {
    amounts = propagate(amounts, h, s[pharm::kEnzymeGut], s[pharm::kEnzymeLiver]);
    return;
  }
  // Predictor: amounts at the end of the step with the enzymes as they are now, to average the
  // inactivation rate over the step; then the enzymes' exact update; then the amounts with the
  // midpoint enzymes (second-order accurate in h).
  const pharm::InactivationRates k0 = rates_at(params_, s);
  PkState predicted = s;
  Eigen::Map<pharm::PkAmounts>(predicted.data()) =
      propagate(amounts, h, s[pharm::kEnzymeGut], s[pharm::kEnzymeLiver]);
  const pharm::InactivationRates k1 = rates_at(params_, predicted);
  const double gut1 = advance_enzyme(s[pharm::kEnzymeGut], params_.kdeg_gut_per_h,
                                     0.5 * (k0.gut_per_h + k1.gut_per_h), h);
  const double liver1 = advance_enzyme(s[pharm::kEnzymeLiver], params_.kdeg_liver_per_h,
                                       0.5 * (k0.liver_per_h + k1.liver_per_h), h);
  amounts = propagate(amounts, h, 0.5 * (s[pharm::kEnzymeGut] + gut1),
                      0.5 * (s[pharm::kEnzymeLiver] + liver1));
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
  // Equal sub-steps no longer than max_step_h_, halved while the enzymes move fast (during
  // absorption gut-wall CYP3A can lose most of its activity within an hour). Halving keeps the
  // set of step lengths, and so of cached propagators, small.
  const double limit = std::min(max_step_h_, kMaxEnzymeChangePerStep / std::max(enzyme_rate(state), 1e-12));
  int n = 1;
  while (span_h / n > limit) n *= 2;
  const double h = span_h / n;
  for (int i = 0; i < n; ++i) step(state, h);
}

Result<std::unique_ptr<OdeStepper>> OdeStepper::create(const pharm::PkParams& params,
                                                       const PkState& initial,
                                                       const SimulationOptions& options) {
  std::unique_ptr<OdeStepper> stepper(new OdeStepper(params, options.autoinhibition));
  auto solver = CvodeSolver::create(initial, 0.0, &OdeStepper::rhs, stepper.get(), options.solver);
  if (!solver) return solver.error();
  stepper->solver_ = std::move(solver).value();
  return stepper;
}

int OdeStepper::rhs(double t_h, std::span<const double> y, std::span<double> ydot, void* user) {
  const auto* self = static_cast<const OdeStepper*>(user);
  pharm::pk_derivatives(t_h, y, self->params_, ydot);
  if (!self->autoinhibition_) {
    ydot[pharm::kEnzymeGut] = 0;  // CYP3A held at its starting activity: the linear model
    ydot[pharm::kEnzymeLiver] = 0;
  }
  return 0;
}

Status OdeStepper::restart(double t_h, const PkState& state) { return solver_->reinit(t_h, state); }

Status OdeStepper::advance(PkState& state, double t1_h, double t_stop_h) {
  return solver_->advance(t1_h, t_stop_h, state);
}

}  // namespace speciosa::sim::detail
