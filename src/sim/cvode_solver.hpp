// RAII wrapper around SUNDIALS CVODE (BDF, dense direct linear solver) for small systems.
// The right-hand side follows the SUNDIALS contract: return 0 on success, >0 to ask for a
// smaller step, <0 to abort. Negative solver flags become Errors that name a remedy.
// Not thread-safe per instance; use one instance per thread.
#pragma once

#include <memory>
#include <span>

#include "speciosa/common.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::sim::detail {

class CvodeSolver {
 public:
  using Rhs = int (*)(double t_h, std::span<const double> y, std::span<double> ydot, void* user);

  /// Creates a solver for `size` states starting at t0_h from y0.
  static Result<std::unique_ptr<CvodeSolver>> create(std::span<const double> y0, double t0_h,
                                                     Rhs rhs, void* user,
                                                     const SolverOptions& options);
  ~CvodeSolver();
  CvodeSolver(const CvodeSolver&) = delete;
  CvodeSolver& operator=(const CvodeSolver&) = delete;

  /// Restarts at a discontinuity (a dose): new time and state, history discarded.
  Status reinit(double t0_h, std::span<const double> y0);
  /// Integrates to t_out_h without stepping past t_stop_h; writes the state at t_out_h.
  Status advance(double t_out_h, double t_stop_h, std::span<double> y_out);

 private:
  struct Impl;
  explicit CvodeSolver(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace speciosa::sim::detail
