// The two ways of advancing the PK state between breakpoints (doses and output times).
#pragma once

#include <array>
#include <memory>

#include "cvode_solver.hpp"
#include "speciosa/pharm/pk.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::sim::detail {

using PkState = std::array<double, pharm::kPkStateSize>;

/// Exact propagation: amounts advance by exp(A·h), with A built at the CYP3A activities of the
/// step's midpoint; the enzymes advance by the exact solution of their linear turnover ODE at
/// the step's mean inactivation rate. With auto-inhibition off the enzymes stay at their
/// values and A is built once, so the path is exact to rounding.
class ExactStepper {
 public:
  ExactStepper(const pharm::PkParams& params, const SimulationOptions& options);
  void advance(PkState& state, double t0_h, double t1_h);

 private:
  void step(PkState& state, double h);
  /// Fastest absolute rate of change of the two enzyme activities (1/h).
  double enzyme_rate(const PkState& state) const;
  const pharm::PkMatrix& propagator(double h, double enzyme_gut, double enzyme_liver);

  const pharm::PkParams& params_;
  bool autoinhibition_;
  double max_step_h_;
  // The last propagator built, reused while step length and enzymes stay (nearly) the same.
  double cached_h_ = -1;
  double cached_gut_ = -1;
  double cached_liver_ = -1;
  pharm::PkMatrix cached_;
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
  explicit OdeStepper(const pharm::PkParams& params) : params_(params) {}
  static int rhs(double t_h, std::span<const double> y, std::span<double> ydot, void* user);
  const pharm::PkParams& params_;
  std::unique_ptr<CvodeSolver> solver_;
};

}  // namespace speciosa::sim::detail
