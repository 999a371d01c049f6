// Piecewise integration of the mechanism states with SUNDIALS CVODE (BDF, dense).
#include <algorithm>
#include <cmath>
#include <cvode/cvode.h>
#include <fmt/format.h>
#include <memory>
#include <nvector/nvector_serial.h>
#include <span>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

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
  double mu_adapted = 0;
};

Derived derive(std::span<const double> y, const MechanismParams& p) {
  Derived d;
  d.receptors = pharm::receptor_activity(y.subspan(kMechPd, pharm::kPdStateSize), p.pd);
  const auto tol = y.subspan(kMechTolerance, pharm::kToleranceStateSize);
  d.tolerance = pharm::tolerance_level(tol);
  d.withdrawal = pharm::withdrawal_level(tol);
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

// RAII owner of one CVODE integrator (BDF, dense direct linear solver) for the mechanism.
class MechanismCvode {
 public:
  static Result<std::unique_ptr<MechanismCvode>> create(std::span<const double> y0, double t0_h,
                                                        const RhsContext& ctx,
                                                        const MechanismSolverOptions& o) {
    std::unique_ptr<MechanismCvode> s(new MechanismCvode(ctx, o));
    const auto fail = [](const char* what) {
      return Error{ErrorCode::kInternal, "CVODE", "", std::string("could not ") + what,
                   "report this as a bug"};
    };
    if (SUNContext_Create(nullptr, &s->sunctx_) != 0) return fail("create a SUNDIALS context");
    const auto n = static_cast<sunindextype>(y0.size());
    s->y_ = N_VNew_Serial(n, s->sunctx_);
    if (s->y_ == nullptr) return fail("allocate the state vector");
    std::copy(y0.begin(), y0.end(), N_VGetArrayPointer(s->y_));
    s->mem_ = CVodeCreate(CV_BDF, s->sunctx_);
    if (s->mem_ == nullptr) return fail("create the integrator");
    if (CVodeInit(s->mem_, &MechanismCvode::rhs, t0_h, s->y_) != CV_SUCCESS) {
      return fail("initialise the integrator");
    }
    CVodeSetUserData(s->mem_, s.get());
    // Failures come back as Errors with a remedy; CVODE must not print to stderr itself.
    CVodeSetErrHandlerFn(s->mem_, &MechanismCvode::silent, nullptr);
    CVodeSStolerances(s->mem_, o.rtol, o.atol);
    CVodeSetMaxNumSteps(s->mem_, o.max_steps);
    s->jac_ = SUNDenseMatrix(n, n, s->sunctx_);
    s->ls_ = SUNLinSol_Dense(s->y_, s->jac_, s->sunctx_);
    if (s->jac_ == nullptr || s->ls_ == nullptr ||
        CVodeSetLinearSolver(s->mem_, s->ls_, s->jac_) != CV_SUCCESS) {
      return fail("set up the dense linear solver");
    }
    s->t_h_ = t0_h;
    return s;
  }

  ~MechanismCvode() {
    if (mem_ != nullptr) CVodeFree(&mem_);
    if (ls_ != nullptr) SUNLinSolFree(ls_);
    if (jac_ != nullptr) SUNMatDestroy(jac_);
    if (y_ != nullptr) N_VDestroy(y_);
    if (sunctx_ != nullptr) SUNContext_Free(&sunctx_);
  }
  MechanismCvode(const MechanismCvode&) = delete;
  MechanismCvode& operator=(const MechanismCvode&) = delete;

  /// Restarts at the current time with the current state (history discarded).
  Status restart() {
    const int flag = CVodeReInit(mem_, t_h_, y_);
    if (flag != CV_SUCCESS) return error(flag, t_h_, t_h_);
    return Ok{};
  }

  /// Integrates to t_out_h without stepping past t_stop_h (>= t_out_h).
  Status advance(double t_out_h, double t_stop_h) {
    if (t_out_h <= t_h_) return Ok{};
    CVodeSetStopTime(mem_, t_stop_h);
    double reached = t_h_;
    const int flag = CVode(mem_, t_out_h, y_, &reached, CV_NORMAL);
    if (flag < 0) return error(flag, t_h_, t_out_h);
    t_h_ = reached;
    return Ok{};
  }

  std::span<const double> state() const {
    return {N_VGetArrayPointer(y_), static_cast<std::size_t>(kMechStateSize)};
  }

 private:
  MechanismCvode(const RhsContext& ctx, const MechanismSolverOptions& o) : ctx_(ctx), options_(o) {}

  static void silent(int, const char*, const char*, char*, void*) {}

  static int rhs(sunrealtype t, N_Vector y, N_Vector ydot, void* self) {
    const auto* s = static_cast<const MechanismCvode*>(self);
    const std::span<const double> in(N_VGetArrayPointer(y), kMechStateSize);
    const std::span<double> out(N_VGetArrayPointer(ydot), kMechStateSize);
    mechanism_rhs(t, in, out, s->ctx_);
    for (double v : out) {
      if (!std::isfinite(v)) return 1;  // recoverable: CVODE retries with a smaller step
    }
    return 0;
  }

  Error error(int flag, double from_h, double to_h) const {
    std::string remedy = "check the parameters and plasma concentrations for extreme values";
    if (flag == CV_TOO_MUCH_WORK) {
      remedy = fmt::format("raise max_steps (now {}) or loosen rtol (now {:g})",
                           options_.max_steps, options_.rtol);
    } else if (flag == CV_TOO_MUCH_ACC || flag == CV_ERR_FAILURE || flag == CV_CONV_FAILURE) {
      remedy = fmt::format("loosen rtol (now {:g}) or atol (now {:g})", options_.rtol,
                           options_.atol);
    }
    return Error{ErrorCode::kSolver, "simulate_mechanism", "",
                 fmt::format("the ODE solver failed between {:g} h and {:g} h ({})", from_h,
                             to_h, CVodeGetReturnFlagName(flag)),
                 remedy};
  }

  RhsContext ctx_;
  MechanismSolverOptions options_;
  SUNContext sunctx_ = nullptr;
  N_Vector y_ = nullptr;
  SUNMatrix jac_ = nullptr;
  SUNLinearSolver ls_ = nullptr;
  void* mem_ = nullptr;
  double t_h_ = 0;
};

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
  pharm::tolerance_initial_state(std::span(y0).subspan(kMechTolerance, pharm::kToleranceStateSize));
  const double t0_h = -options.burn_in_h;
  const double clock0 = clock_of(t0_h, options.clock_at_t0_h);
  pharm::hpa_initial_state(clock0, params.hpa, std::span(y0).subspan(kMechHpa, pharm::kHpaStateSize));
  pharm::hpa_initial_state(clock0, params.hpa,
                           std::span(y0).subspan(kMechHpaDrugFree, pharm::kHpaStateSize));

  const RhsContext ctx{&params, &plasma, options.clock_at_t0_h};
  auto solver = MechanismCvode::create(y0, t0_h, ctx, options.solver);
  if (!solver) return solver.error();
  MechanismCvode& cv = **solver;

  // Restart points: t = 0 (the burn-in ends, the first dose) and every later dose.
  std::vector<double> restarts = dose_times_h;
  restarts.push_back(0.0);
  std::sort(restarts.begin(), restarts.end());
  restarts.erase(std::unique(restarts.begin(), restarts.end()), restarts.end());

  MechanismSeries out;
  out.t_h = grid_h;
  for (auto& c : out.columns) c.reserve(grid_h.size());
  std::size_t next = 0;  // next restart not yet reached
  for (double t_out : grid_h) {
    while (next < restarts.size() && restarts[next] <= t_out) {
      if (Status s = cv.advance(restarts[next], restarts[next]); !s) return s.error();
      if (Status s = cv.restart(); !s) return s.error();
      ++next;
    }
    const double stop = next < restarts.size() ? restarts[next] : t_out;
    if (Status s = cv.advance(t_out, stop); !s) return s.error();
    record(cv.state(), params, out);
  }
  return out;
}

}  // namespace speciosa::sim
