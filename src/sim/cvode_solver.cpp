#include "cvode_solver.hpp"

#include <cvode/cvode.h>
#include <fmt/format.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

namespace speciosa::sim::detail {

struct CvodeSolver::Impl {
  SUNContext ctx = nullptr;
  N_Vector y = nullptr;
  SUNMatrix jac = nullptr;
  SUNLinearSolver ls = nullptr;
  void* mem = nullptr;
  Rhs rhs = nullptr;
  void* user = nullptr;
  SolverOptions options;
  sunindextype size = 0;
  double t_h = 0;

  ~Impl() {
    if (mem != nullptr) CVodeFree(&mem);
    if (ls != nullptr) SUNLinSolFree(ls);
    if (jac != nullptr) SUNMatDestroy(jac);
    if (y != nullptr) N_VDestroy(y);
    if (ctx != nullptr) SUNContext_Free(&ctx);
  }

  static int trampoline(sunrealtype t, N_Vector y, N_Vector ydot, void* self) {
    auto* impl = static_cast<Impl*>(self);
    const std::span<const double> in(N_VGetArrayPointer(y), static_cast<std::size_t>(impl->size));
    const std::span<double> out(N_VGetArrayPointer(ydot), static_cast<std::size_t>(impl->size));
    return impl->rhs(t, in, out, impl->user);
  }
};

namespace {
Error solver_error(int flag, double from_h, double to_h, const SolverOptions& o) {
  std::string remedy;
  if (flag == CV_TOO_MUCH_WORK) {
    remedy = fmt::format("raise max_steps (now {}) or loosen rtol (now {:g})", o.max_steps, o.rtol);
  } else if (flag == CV_TOO_MUCH_ACC) {
    remedy = fmt::format("loosen rtol (now {:g}) or atol (now {:g})", o.rtol, o.atol);
  } else {
    remedy = "check the parameters for extreme values";
  }
  return Error{ErrorCode::kSolver, "CVODE", "",
               fmt::format("the ODE solver failed between {:g} h and {:g} h ({})", from_h, to_h,
                           CVodeGetReturnFlagName(flag)),
               remedy};
}
}  // namespace

CvodeSolver::CvodeSolver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
CvodeSolver::~CvodeSolver() = default;

Result<std::unique_ptr<CvodeSolver>> CvodeSolver::create(std::span<const double> y0, double t0_h,
                                                         Rhs rhs, void* user,
                                                         const SolverOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->rhs = rhs;
  impl->user = user;
  impl->options = options;
  impl->size = static_cast<sunindextype>(y0.size());
  impl->t_h = t0_h;
  const auto fail = [](const char* what) {
    return Error{ErrorCode::kInternal, "CVODE", "", std::string("could not ") + what, ""};
  };
  if (SUNContext_Create(nullptr, &impl->ctx) != 0) return fail("create a SUNDIALS context");
  impl->y = N_VNew_Serial(impl->size, impl->ctx);
  if (impl->y == nullptr) return fail("allocate the state vector");
  std::copy(y0.begin(), y0.end(), N_VGetArrayPointer(impl->y));
  impl->mem = CVodeCreate(CV_BDF, impl->ctx);
  if (impl->mem == nullptr) return fail("create the integrator");
  if (CVodeInit(impl->mem, &Impl::trampoline, t0_h, impl->y) != CV_SUCCESS) return fail("initialise");
  CVodeSetUserData(impl->mem, impl.get());
  CVodeSStolerances(impl->mem, options.rtol, options.atol);
  CVodeSetMaxNumSteps(impl->mem, options.max_steps);
  impl->jac = SUNDenseMatrix(impl->size, impl->size, impl->ctx);
  impl->ls = SUNLinSol_Dense(impl->y, impl->jac, impl->ctx);
  if (impl->jac == nullptr || impl->ls == nullptr ||
      CVodeSetLinearSolver(impl->mem, impl->ls, impl->jac) != CV_SUCCESS) {
    return fail("set up the dense linear solver");
  }
  return std::unique_ptr<CvodeSolver>(new CvodeSolver(std::move(impl)));
}

Status CvodeSolver::reinit(double t0_h, std::span<const double> y0) {
  std::copy(y0.begin(), y0.end(), N_VGetArrayPointer(impl_->y));
  impl_->t_h = t0_h;
  const int flag = CVodeReInit(impl_->mem, t0_h, impl_->y);
  if (flag != CV_SUCCESS) return solver_error(flag, t0_h, t0_h, impl_->options);
  return Ok{};
}

Status CvodeSolver::advance(double t_out_h, double t_stop_h, std::span<double> y_out) {
  if (t_out_h > impl_->t_h) {
    CVodeSetStopTime(impl_->mem, t_stop_h);
    double t_reached = impl_->t_h;
    const int flag = CVode(impl_->mem, t_out_h, impl_->y, &t_reached, CV_NORMAL);
    if (flag < 0) return solver_error(flag, impl_->t_h, t_out_h, impl_->options);
    impl_->t_h = t_reached;
  }
  const double* y = N_VGetArrayPointer(impl_->y);
  std::copy(y, y + impl_->size, y_out.begin());
  return Ok{};
}

}  // namespace speciosa::sim::detail
