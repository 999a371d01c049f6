// Statistics on short personal series: straight-line fits with confidence intervals (plain and
// Huber-robust), and the instability metrics of Jahng, Wood & Trull 2008.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "speciosa/analysis.hpp"
#include "support.hpp"

namespace speciosa::analysis {

namespace detail {

// Two-sided 95 % quantile of Student's t with `df` degrees of freedom: the Cornish-Fisher
// expansion around the normal quantile (Abramowitz & Stegun 1964, 26.7.5), within 0.2 % of the
// exact value from df = 5; table values below that.
double t_quantile_975(int df) {
  SPECIOSA_ASSERT(df >= 1, "a t quantile needs at least one degree of freedom");
  constexpr double kTable[] = {12.706, 4.303, 3.182, 2.776};
  if (df <= 4) return kTable[df - 1];
  const double z = 1.959964;
  const double n = df;
  const double z3 = z * z * z;
  const double z5 = z3 * z * z;
  const double z7 = z5 * z * z;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n) +
         (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n);
}

std::optional<MeanCi> mean_ci(const std::vector<double>& values) {
  if (values.size() < 3) return std::nullopt;
  const double n = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double ss = 0;
  for (double v : values) ss += (v - mean) * (v - mean);
  const double half = t_quantile_975(static_cast<int>(values.size()) - 1) * std::sqrt(ss / (n - 1) / n);
  return MeanCi{mean, mean - half, mean + half, static_cast<int>(values.size())};
}

}  // namespace detail

namespace {

using detail::t_quantile_975;

// Weighted least squares of y on x; nullopt when x does not vary.
std::optional<LineFit> weighted_fit(const std::vector<double>& x, const std::vector<double>& y,
                                    const std::vector<double>& w) {
  const std::size_t n = x.size();
  double sw = 0, sx = 0, sy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sw += w[i];
    sx += w[i] * x[i];
    sy += w[i] * y[i];
  }
  const double mx = sx / sw;
  const double my = sy / sw;
  double sxx = 0, sxy = 0, syy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sxx += w[i] * (x[i] - mx) * (x[i] - mx);
    sxy += w[i] * (x[i] - mx) * (y[i] - my);
    syy += w[i] * (y[i] - my) * (y[i] - my);
  }
  if (!(sxx > 0)) return std::nullopt;
  LineFit f;
  f.n = static_cast<int>(n);
  f.slope = sxy / sxx;
  f.intercept = my - f.slope * mx;
  f.r = syy > 0 ? sxy / std::sqrt(sxx * syy) : 0.0;
  // Residual variance on the weighted scale; weights of 1 give plain OLS.
  double rss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double e = y[i] - f.intercept - f.slope * x[i];
    rss += w[i] * e * e;
  }
  const double sigma2 = rss / static_cast<double>(n - 2);
  const double se = std::sqrt(sigma2 / sxx);
  const double half = t_quantile_975(static_cast<int>(n) - 2) * se;
  f.ci_low = f.slope - half;
  f.ci_high = f.slope + half;
  return f;
}

double median_of(std::vector<double> v) {
  SPECIOSA_ASSERT(!v.empty(), "median of an empty list");
  const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
  std::nth_element(v.begin(), mid, v.end());
  if (v.size() % 2 == 1) return *mid;
  return (*mid + *std::max_element(v.begin(), mid)) / 2;
}

}  // namespace

std::optional<LineFit> fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  SPECIOSA_ASSERT(x.size() == y.size(), "x and y pair up");
  if (x.size() < 3) return std::nullopt;
  return weighted_fit(x, y, std::vector<double>(x.size(), 1.0));
}

std::optional<LineFit> robust_fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  SPECIOSA_ASSERT(x.size() == y.size(), "x and y pair up");
  if (x.size() < 3) return std::nullopt;
  std::vector<double> w(x.size(), 1.0);
  auto fit = weighted_fit(x, y, w);
  // Huber weights with the usual tuning constant 1.345 (95 % efficiency under normal errors;
  // Holland & Welsch 1977), scale from the median absolute residual (MAD / 0.6745).
  constexpr double kHuber = 1.345;
  for (int iteration = 0; fit && iteration < 50; ++iteration) {
    std::vector<double> abs_res(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) abs_res[i] = std::abs(y[i] - fit->intercept - fit->slope * x[i]);
    const double scale = median_of(abs_res) / 0.6745;
    if (!(scale > 0)) break;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double u = abs_res[i] / scale;
      w[i] = u <= kHuber ? 1.0 : kHuber / u;
    }
    auto next = weighted_fit(x, y, w);
    if (!next) break;
    const bool converged = std::abs(next->slope - fit->slope) <= 1e-9 * (1 + std::abs(fit->slope));
    fit = next;
    if (converged) break;
  }
  return fit;
}

ScaleStability scale_stability(const std::vector<TimedValue>& values, double max_gap_h,
                               double acute_change_points) {
  ScaleStability s;
  s.n = static_cast<int>(values.size());
  if (values.empty()) return s;
  double sum = 0;
  for (const TimedValue& v : values) sum += v.value;
  s.mean = sum / s.n;
  if (s.n >= 2) {
    double ss = 0;
    for (const TimedValue& v : values) ss += (v.value - s.mean) * (v.value - s.mean);
    s.sd = std::sqrt(ss / (s.n - 1));
  }
  double sum_sq = 0;
  int acute = 0;
  for (std::size_t i = 1; i < values.size(); ++i) {
    SPECIOSA_ASSERT(values[i].t_h >= values[i - 1].t_h, "ratings sorted by time");
    if (values[i].t_h - values[i - 1].t_h > max_gap_h) continue;
    const double d = values[i].value - values[i - 1].value;
    sum_sq += d * d;
    if (std::abs(d) >= acute_change_points) ++acute;
    ++s.n_pairs;
  }
  if (s.n_pairs > 0) {
    s.mssd = sum_sq / s.n_pairs;
    s.rmssd = std::sqrt(*s.mssd);
    s.pac = static_cast<double>(acute) / s.n_pairs;
  }
  // Trend on daily means (day = floor(t_h / 24) on the caller's clock), so several ratings a
  // day do not count as independent observations of the trend.
  std::map<long, std::pair<double, int>> days;
  for (const TimedValue& v : values) {
    auto& [total, count] = days[static_cast<long>(std::floor(v.t_h / 24))];
    total += v.value;
    ++count;
  }
  std::vector<double> day_x, day_y;
  for (const auto& [day, acc] : days) {
    day_x.push_back(static_cast<double>(day) / 7);
    day_y.push_back(acc.first / acc.second);
  }
  s.trend = fit_line(day_x, day_y);
  return s;
}

std::string gad7_band(int score) {
  SPECIOSA_ASSERT(score >= 0 && score <= 21, "GAD-7 totals are 0..21");
  // Cut-points 5, 10 and 15 (Spitzer et al. 2006).
  if (score >= 15) return "severe";
  if (score >= 10) return "moderate";
  if (score >= 5) return "mild";
  return "minimal";
}

}  // namespace speciosa::analysis
