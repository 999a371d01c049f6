// Kratom as the perpetrator: predicted exposure change of other drugs, and the CYP3A activity a
// co-medication leaves for MG's own metabolism.
#include <cmath>
#include <fmt/format.h>

#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

Result<double> parameter(const knowledge::Knowledge& k, const char* id) {
  const knowledge::Parameter* p = k.find_parameter(id);
  if (p == nullptr) {
    return Error{ErrorCode::kDataFile, "data/interactions_model.toml", id, "parameter is missing",
                 "a [[parameter]] with this id"};
  }
  return p->value;
}

// Weighted mean of f(i) with weights w(i) over the output grid.
template <typename Weight, typename Value>
double weighted_mean(std::size_t n, Weight&& w, Value&& f) {
  double sum = 0, total = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sum += w(i) * f(i);
    total += w(i);
  }
  return total > 0 ? sum / total : 1.0;
}

}  // namespace

Result<double> comedication_cyp3a_activity(const knowledge::Knowledge& k, std::string_view strength) {
  if (strength == "strong") return parameter(k, "cyp3a_activity_strong_inhibitor");
  if (strength == "moderate") return parameter(k, "cyp3a_activity_moderate_inhibitor");
  if (strength == "weak") return parameter(k, "cyp3a_activity_weak_inhibitor");
  return invalid_input("comedication", "cyp3a", "unknown inhibitor strength '" + std::string(strength) + "'",
                       "strong, moderate, weak");
}

Result<VictimModel> victim_model_from(const knowledge::Knowledge& k) {
  VictimModel v;
  for (auto [id, field] : {std::pair{"victim_cyp3a_fm", &v.cyp3a_fm}, std::pair{"victim_cyp3a_fg", &v.cyp3a_fg},
                           std::pair{"victim_cyp2d6_fm", &v.cyp2d6_fm},
                           std::pair{"mg_cyp3a_ki_reversible", &v.ki_cyp3a_nm},
                           std::pair{"mg_cyp2d6_ki", &v.ki_cyp2d6_nm}}) {
    auto value = parameter(k, id);
    if (!value) return value.error();
    *field = *value;
  }
  return v;
}

Result<VictimAucRatios> predict_victim_auc_ratios(const pharm::PkParams& params,
                                                  const std::vector<Event>& events,
                                                  double victim_time_h, const VictimModel& v) {
  if (Status s = check::non_negative_finite("interactions", "victim_time_h", victim_time_h); !s) {
    return s.error();
  }
  // The liver sees the substrate for about a day after an oral dose; 24 h at a 0.05 h grid
  // resolves MG's absorption peak.
  constexpr double kLiverWindowH = 24.0;
  SimulationOptions o;
  o.end_h = victim_time_h + kLiverWindowH;
  o.step_h = 0.05;
  o.record_inhibitor_concentrations = true;
  auto s = simulate(params, events, o);
  if (!s) return s.error();
  const std::size_t first = static_cast<std::size_t>(std::lround(victim_time_h / o.step_h));
  const std::size_t n = s->t_h.size() - first;
  const auto at = [&](const std::vector<double>& x, std::size_t i) { return x[first + i]; };
  // Remaining activity = time-dependent loss (the model's enzyme state) × reversible inhibition
  // 1/(1 + I/Ki) at that moment (Fahmi 2008, without induction).
  const auto gut_activity = [&](std::size_t i) {
    return at(s->enzyme_gut, i) * params.comed_cyp3a_activity / (1.0 + at(s->gut_wall_mg_nm, i) / v.ki_cyp3a_nm);
  };
  const auto liver_activity = [&](std::size_t i) {
    return at(s->enzyme_liver, i) * params.comed_cyp3a_activity / (1.0 + at(s->liver_inlet_mg_nm, i) / v.ki_cyp3a_nm);
  };
  // The substrate crosses the gut wall as it is absorbed; taken as absorbed like MG (ka).
  const auto absorption = [&](std::size_t i) {
    return std::exp(-params.ka_mg_per_h * (at(s->t_h, i) - victim_time_h));
  };
  const double a_gut = weighted_mean(n, absorption, gut_activity);
  const double a_liver = weighted_mean(n, [](std::size_t) { return 1.0; }, liver_activity);
  const double a_2d6 = weighted_mean(n, [](std::size_t) { return 1.0; },
                                     [&](std::size_t i) { return 1.0 / (1.0 + at(s->liver_inlet_mg_nm, i) / v.ki_cyp2d6_nm); });
  // Without kratom a co-medication's own inhibition is already part of the baseline.
  const double baseline = params.comed_cyp3a_activity;
  const auto gut_term = [&](double a) { return 1.0 / (a * (1.0 - v.cyp3a_fg) + v.cyp3a_fg); };
  const auto liver_term = [&](double a) { return 1.0 / (a * v.cyp3a_fm + 1.0 - v.cyp3a_fm); };
  VictimAucRatios r;
  r.cyp3a4 = gut_term(a_gut) * liver_term(a_liver) / (gut_term(baseline) * liver_term(baseline));
  r.cyp2d6 = 1.0 / (a_2d6 * v.cyp2d6_fm + 1.0 - v.cyp2d6_fm);
  return r;
}

}  // namespace speciosa::sim
