// The PK model's plasma curves as the mechanism's input.
#include <algorithm>
#include <cmath>

#include "speciosa/sim_mechanism.hpp"

namespace speciosa::sim {
namespace {

// Plasma concentrations sampled on a uniform grid from t = 0, linearly interpolated (nM).
class SampledPlasma {
 public:
  SampledPlasma(const Series& s, double step_h, double mw_mg, double mw_oh) : step_h_(step_h) {
    mg_nm_.reserve(s.t_h.size());
    oh_nm_.reserve(s.t_h.size());
    for (std::size_t i = 0; i < s.t_h.size(); ++i) {
      mg_nm_.push_back(units::nm_from_ng_ml(s.mg_ng_ml[i], mw_mg));
      oh_nm_.push_back(units::nm_from_ng_ml(s.oh_ng_ml[i], mw_oh));
    }
  }

  pharm::PlasmaConc operator()(double t_h) const {
    const double x = std::max(0.0, t_h / step_h_);
    const auto last = mg_nm_.size() - 1;
    const auto i = std::min(static_cast<std::size_t>(x), last > 0 ? last - 1 : 0);
    const double f = std::min(1.0, x - static_cast<double>(i));
    const std::size_t j = std::min(i + 1, last);
    return {mg_nm_[i] + f * (mg_nm_[j] - mg_nm_[i]), oh_nm_[i] + f * (oh_nm_[j] - oh_nm_[i])};
  }

 private:
  double step_h_;
  std::vector<double> mg_nm_;
  std::vector<double> oh_nm_;
};

bool is_dose(const Event& e) {
  return e.evid == EventKind::kDose || e.evid == EventKind::kResetAndDose;
}

}  // namespace

Result<MechanismSeries> simulate_mechanism_for(const pharm::PkParams& pk,
                                               const std::vector<Event>& events,
                                               const SimulationOptions& pk_options,
                                               const MechanismParams& params,
                                               const CouplingOptions& options) {
  if (Status s = check::positive_finite("simulate_mechanism_for", "plasma_step_h",
                                        options.plasma_step_h);
      !s) {
    return s.error();
  }
  // Sample plasma on a grid that contains every output time: the output step divided into
  // whole sub-steps no longer than plasma_step_h.
  const double out_step_h = pk_options.step_h;
  const auto sub = static_cast<int>(std::ceil(out_step_h / options.plasma_step_h - 1e-9));
  SimulationOptions fine = pk_options;
  fine.step_h = out_step_h / std::max(1, sub);
  auto plasma = simulate(pk, events, fine);
  if (!plasma) return plasma.error();
  if (plasma->t_h.empty()) return MechanismSeries{};
  const SampledPlasma sampled(*plasma, fine.step_h, pk.mw_mg_g_mol, pk.mw_oh_g_mol);

  std::vector<double> grid;
  for (std::size_t i = 0; i < plasma->t_h.size(); i += static_cast<std::size_t>(std::max(1, sub))) {
    grid.push_back(plasma->t_h[i]);
  }
  std::vector<double> dose_times;
  for (const Event& e : events) {
    if (is_dose(e)) dose_times.push_back(e.t_h);
  }
  return simulate_mechanism(params, std::cref(sampled), grid, dose_times, options.mechanism);
}

}  // namespace speciosa::sim
