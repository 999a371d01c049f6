#include <algorithm>
#include <cmath>

#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

// Trapezoidal AUC over [from, to) on the output grid.
double auc_between(const std::vector<double>& t, const std::vector<double>& c, double from, double to) {
  double auc = 0;
  for (std::size_t i = 1; i < t.size(); ++i) {
    if (t[i - 1] >= from - 1e-9 && t[i] <= to + 1e-9) auc += 0.5 * (c[i] + c[i - 1]) * (t[i] - t[i - 1]);
  }
  return auc;
}

// Last grid value strictly before time t (the trough before a dose at t).
double value_before(const std::vector<double>& t, const std::vector<double>& c, double at) {
  double v = 0;
  for (std::size_t i = 0; i < t.size() && t[i] < at - 1e-9; ++i) v = c[i];
  return v;
}

AnalyteSummary summarize_one(const std::vector<double>& t, const std::vector<double>& c,
                             const std::vector<double>& doses, std::optional<double> ss_trough) {
  AnalyteSummary s;
  if (t.empty()) return s;
  const auto peak = std::max_element(c.begin(), c.end());
  const std::size_t i_peak = static_cast<std::size_t>(peak - c.begin());
  s.cmax_ng_ml = *peak;
  double last_dose_before_peak = 0;
  for (double d : doses) {
    if (d <= t[i_peak] + 1e-9) last_dose_before_peak = d;
  }
  s.tmax_h = t[i_peak] - last_dose_before_peak;
  s.auc_total_ng_h_ml = auc_between(t, c, t.front(), t.back());
  if (doses.size() < 2) {
    s.auc_last_tau_ng_h_ml = s.auc_total_ng_h_ml;
    return s;
  }
  const double tau = doses[doses.size() - 1] - doses[doses.size() - 2];
  const double last = doses.back();
  s.auc_last_tau_ng_h_ml = auc_between(t, c, last, last + tau);
  const double first_tau = auc_between(t, c, doses[0], doses[0] + (doses[1] - doses[0]));
  s.accumulation_ratio = first_tau > 0 ? s.auc_last_tau_ng_h_ml / first_tau : 1.0;
  s.trough_ng_ml = value_before(t, c, last);
  if (!ss_trough) return s;
  for (std::size_t k = 1; k < doses.size(); ++k) {
    if (value_before(t, c, doses[k]) >= 0.9 * *ss_trough) {
      s.t90_ss_h = doses[k];
      break;
    }
  }
  return s;
}

// Least-squares slope of log C over [from, to].
double log_slope(const std::vector<double>& t, const std::vector<double>& c, double from, double to) {
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] < from - 1e-9 || t[i] > to + 1e-9 || c[i] <= 0) continue;
    const double y = std::log(c[i]);
    sx += t[i];
    sy += y;
    sxx += t[i] * t[i];
    sxy += t[i] * y;
    ++n;
  }
  return n >= 2 ? (n * sxy - sx * sy) / (n * sxx - sx * sx) : 0.0;
}

}  // namespace

Summary summarize(const Series& series, const std::vector<double>& dose_times_h,
                  std::optional<SteadyStateTroughs> ss) {
  return {summarize_one(series.t_h, series.mg_ng_ml, dose_times_h,
                        ss ? std::optional(ss->mg_ng_ml) : std::nullopt),
          summarize_one(series.t_h, series.oh_ng_ml, dose_times_h,
                        ss ? std::optional(ss->oh_ng_ml) : std::nullopt)};
}

NcaMetrics nca(const std::vector<double>& t, const std::vector<double>& c, double window_from_h,
               double window_to_h) {
  NcaMetrics m;
  const auto peak = std::max_element(c.begin(), c.end());
  m.cmax_ng_ml = *peak;
  m.tmax_h = t[static_cast<std::size_t>(peak - c.begin())];
  const double lambda_z = -log_slope(t, c, window_from_h, window_to_h);
  m.half_life_h = lambda_z > 0 ? std::log(2.0) / lambda_z : INFINITY;
  const double span = t.back() - t.front();
  const double lambda_tail = -log_slope(t, c, t.back() - 0.25 * span, t.back());
  m.auc_inf_ng_h_ml = auc_between(t, c, t.front(), t.back()) + (lambda_tail > 0 ? c.back() / lambda_tail : 0.0);
  return m;
}

}  // namespace speciosa::sim
