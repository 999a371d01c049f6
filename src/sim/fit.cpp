// Fits PK parameters to published single-dose summary statistics (Tanna 2022) by Nelder–Mead
// on log-parameters, bounded by each parameter's literature range in data/pk.toml.
//
// Nelder–Mead is written here (about 60 lines) because Debian's optimisers are either GPL (GSL)
// or far larger than the need (NLopt is not in our dependency list); the objective has under
// ten parameters and is smooth enough for a simplex search.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <functional>
#include <numeric>

#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

using Point = std::vector<double>;
using Objective = std::function<double(const Point&)>;

struct Simplex {
  std::vector<Point> points;
  std::vector<double> values;
};

// Standard Nelder–Mead (reflection 1, expansion 2, contraction 0.5, shrink 0.5).
int nelder_mead(const Objective& f, Point& best, double& best_value, int max_iterations) {
  const std::size_t n = best.size();
  Simplex s;
  s.points.push_back(best);
  for (std::size_t i = 0; i < n; ++i) {
    Point p = best;
    p[i] += 0.1;  // a 10 % step in log space
    s.points.push_back(p);
  }
  for (const Point& p : s.points) s.values.push_back(f(p));
  int iteration = 0;
  for (; iteration < max_iterations; ++iteration) {
    std::vector<std::size_t> order(n + 1);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return s.values[a] < s.values[b]; });
    const std::size_t lo = order.front(), hi = order.back(), second = order[n - 1];
    if (std::abs(s.values[hi] - s.values[lo]) < 1e-10 * (1 + std::abs(s.values[lo]))) break;
    Point centroid(n, 0.0);
    for (std::size_t i : order) {
      if (i == hi) continue;
      for (std::size_t j = 0; j < n; ++j) centroid[j] += s.points[i][j] / static_cast<double>(n);
    }
    const auto along = [&](double t) {
      Point p(n);
      for (std::size_t j = 0; j < n; ++j) p[j] = centroid[j] + t * (s.points[hi][j] - centroid[j]);
      return p;
    };
    Point reflected = along(-1.0);
    const double fr = f(reflected);
    if (fr < s.values[lo]) {
      Point expanded = along(-2.0);
      const double fe = f(expanded);
      s.points[hi] = fe < fr ? expanded : reflected;
      s.values[hi] = std::min(fe, fr);
    } else if (fr < s.values[second]) {
      s.points[hi] = reflected;
      s.values[hi] = fr;
    } else {
      Point contracted = along(fr < s.values[hi] ? -0.5 : 0.5);
      const double fc = f(contracted);
      if (fc < std::min(fr, s.values[hi])) {
        s.points[hi] = contracted;
        s.values[hi] = fc;
      } else {
        for (std::size_t i = 0; i <= n; ++i) {
          if (i == lo) continue;
          for (std::size_t j = 0; j < n; ++j) {
            s.points[i][j] = s.points[lo][j] + 0.5 * (s.points[i][j] - s.points[lo][j]);
          }
          s.values[i] = f(s.points[i]);
        }
      }
    }
  }
  const auto best_it = std::min_element(s.values.begin(), s.values.end());
  best = s.points[static_cast<std::size_t>(best_it - s.values.begin())];
  best_value = *best_it;
  return iteration;
}

const std::vector<double>& analyte_series(const Series& s, const std::string& analyte) {
  return analyte == "mitragynine" ? s.mg_ng_ml : s.oh_ng_ml;
}

}  // namespace

Result<Series> single_dose_profile(const pharm::PkParams& params, double dose_mg) {
  SimulationOptions o;
  o.end_h = 120;
  o.step_h = 0.05;
  Event dose;
  dose.amt_mg = dose_mg;
  return simulate(params, {dose}, o);
}

double predicted_metric(const Series& profile, const FitTarget& target) {
  const NcaMetrics m = nca(profile.t_h, analyte_series(profile, target.analyte),
                           target.window_from_h, target.window_to_h);
  if (target.metric == "cmax_ng_ml") return m.cmax_ng_ml;
  if (target.metric == "tmax_h") return m.tmax_h;
  if (target.metric == "auc_inf_ng_h_ml") return m.auc_inf_ng_h_ml;
  return m.half_life_h;
}

Result<FitResult> fit_single_dose(const knowledge::Knowledge& k, double dose_mg,
                                  const std::vector<std::string>& free_ids,
                                  const std::vector<FitTarget>& targets) {
  if (Status s = check::positive_finite("fit", "dose_mg", dose_mg); !s) return s.error();
  for (const FitTarget& t : targets) {
    const bool known_metric = t.metric == "cmax_ng_ml" || t.metric == "tmax_h" ||
                              t.metric == "auc_inf_ng_h_ml" || t.metric == "half_life_h";
    if (!known_metric || (t.analyte != "mitragynine" && t.analyte != "7-hydroxymitragynine")) {
      return invalid_input("fit", "target", fmt::format("unknown target {} {}", t.analyte, t.metric),
                           "analyte mitragynine|7-hydroxymitragynine; metric cmax_ng_ml, tmax_h, "
                           "auc_inf_ng_h_ml, half_life_h");
    }
  }
  knowledge::Knowledge trial = k;
  std::vector<knowledge::Parameter*> free;
  for (const std::string& id : free_ids) {
    auto it = std::find_if(trial.parameters.begin(), trial.parameters.end(),
                           [&](const knowledge::Parameter& p) { return p.id == id; });
    if (it == trial.parameters.end()) {
      return invalid_input("fit", "free", "unknown parameter '" + id + "'", "an id from data/pk.toml");
    }
    free.push_back(&*it);
  }
  // Each free parameter moves in log space, clamped to its literature range.
  const auto apply = [&](const Point& x) {
    for (std::size_t i = 0; i < free.size(); ++i) {
      free[i]->value = std::clamp(std::exp(x[i]), free[i]->low, free[i]->high);
    }
  };
  const auto objective = [&](const Point& x) {
    apply(x);
    auto params = pk_params_from(trial);
    if (!params) return 1e30;
    auto profile = single_dose_profile(*params, dose_mg);
    if (!profile) return 1e30;
    double sum = 0;
    for (const FitTarget& t : targets) {
      const double r = std::log(predicted_metric(*profile, t) / t.observed);
      sum += t.weight * r * r;
    }
    return std::isfinite(sum) ? sum : 1e30;
  };
  // Deterministic multi-start: at 1/4, 1/2 and 3/4 of each log-range (never from the current
  // values), keeping the best. Re-running the fit therefore reproduces data/pk.toml exactly, and
  // the spread of starts guards against the shallow local minima of this weakly identified model.
  FitResult result;
  Point x;
  result.objective = INFINITY;
  for (double quantile : {0.5, 0.25, 0.75}) {
    Point start;
    for (const knowledge::Parameter* p : free) {
      start.push_back(std::log(p->low) + quantile * (std::log(p->high) - std::log(p->low)));
    }
    double value = INFINITY;
    for (int restart = 0; restart < 3; ++restart) {
      // Restarting the simplex from its own optimum escapes early collapse (a standard remedy).
      result.iterations += nelder_mead(objective, start, value, 4000);
    }
    if (value < result.objective) {
      result.objective = value;
      x = start;
    }
  }
  apply(x);
  for (const knowledge::Parameter* p : free) result.values.emplace_back(p->id, p->value);
  auto params = pk_params_from(trial);
  if (!params) return params.error();
  auto profile = single_dose_profile(*params, dose_mg);
  if (!profile) return profile.error();
  for (const FitTarget& t : targets) result.predicted.emplace_back(t, predicted_metric(*profile, t));
  return result;
}

}  // namespace speciosa::sim
