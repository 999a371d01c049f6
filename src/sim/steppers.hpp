// The two ways of advancing the PK state between breakpoints (doses and output times).
#pragma once

#include <array>
#include <memory>

#include "cvode_solver.hpp"
#include "speciosa/pharm/pk.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::sim::detail {

using PkState = std::array<double, pharm::kPkStateSize>;

/// No drug, enzymes at baseline.
PkState drug_free_state();
/// Applies one record (dose, reset, replace; observations change nothing) to the state.
void apply_event(const pharm::PkParams& p, const Event& e, PkState& s);

/// Exact propagation: amounts advance by exp(A·h); the enzymes advance by the exact solution of
/// their linear turnover ODE at the step's mean inactivation rate, and A is taken at the step's
/// midpoint enzyme activities. With auto-inhibition off the enzymes stay put and the path is
/// exact to rounding.
///
/// Speed: gut-wall CYP3A, which changes fast during absorption, enters A only through the two
/// rate constants that carry absorbed MG into the circulation and into 7-OH (column kGutMg), and
/// exp(A·h) is linear in those two. So each cached propagator is stored as the rest of exp(A·h)
/// plus the two column responses, and gut CYP3A costs nothing to change. Hepatic CYP3A changes
/// slowly; propagators are cached at nodes 0.02 apart in its activity and interpolated linearly.
class ExactStepper {
 public:
  ExactStepper(const pharm::PkParams& params, const SimulationOptions& options);
  void advance(PkState& state, double t0_h, double t1_h);

 private:
  // exp(A·h) at one hepatic-CYP3A activity, split as described above.
  struct Propagator {
    double h = -1;
    double enzyme_liver = -1;
    pharm::PkMatrix rest;           // exp(A·h) with no flow out of the gut MG column
    pharm::PkAmounts per_to_central;// column response per unit gut->central rate constant
    pharm::PkAmounts per_to_oh;     // column response per unit gut->7-OH rate constant
    unsigned long last_use = 0;
  };

  void step(PkState& state, double h);
  /// Amounts after h with the enzymes held at the given activities.
  pharm::PkAmounts propagate(const pharm::PkAmounts& amounts, double h, double enzyme_gut,
                             double enzyme_liver);
  pharm::PkAmounts propagate_at_node(const pharm::PkAmounts& amounts, double h, double node,
                                     double to_central, double to_oh);
  const Propagator& propagator(double h, double enzyme_liver);
  /// Fastest absolute rate of change of the two enzyme activities (1/h).
  double enzyme_rate(const PkState& state) const;

  const pharm::PkParams& params_;
  bool autoinhibition_;
  double max_step_h_;
  // A small least-recently-used cache: a run uses a handful of step lengths and liver nodes.
  std::array<Propagator, 32> cache_;
  Propagator* last_ = nullptr;
  unsigned long uses_ = 0;
  // The gut-column rate constants at the last enzyme activities asked for.
  double rates_gut_ = -1;
  double rates_liver_ = -1;
  double to_central_ = 0;
  double to_oh_ = 0;
  // With auto-inhibition off: the composed exp(A·h) for the last step length.
  double fixed_h_ = -1;
  double fixed_liver_ = -1;
  pharm::PkMatrix fixed_;
};

/// Adaptive BDF integration of the full nonlinear model with CVODE, restarted at each dose.
class OdeStepper {
 public:
  static Result<std::unique_ptr<OdeStepper>> create(const pharm::PkParams& params,
                                                    const PkState& initial,
                                                    const SimulationOptions& options);
  /// Restart after a discontinuity.
  Status restart(double t_h, const PkState& state);
  /// Advance to t1_h, never stepping past t_stop_h (the next dose).
  Status advance(PkState& state, double t1_h, double t_stop_h);

 private:
  OdeStepper(const pharm::PkParams& params, bool autoinhibition)
      : params_(params), autoinhibition_(autoinhibition) {}
  static int rhs(double t_h, std::span<const double> y, std::span<double> ydot, void* user);
  const pharm::PkParams& params_;
  bool autoinhibition_;
  std::unique_ptr<CvodeSolver> solver_;
};

}  // namespace speciosa::sim::detail
