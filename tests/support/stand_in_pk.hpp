// A stand-in plasma model for mechanism tests and benchmarks — NOT speciosa's PK model.
// speciosa's real MG / 7-OH pharmacokinetics come from pharm/pk.hpp (the lead's model); this
// only has to produce plausible, exactly computable curves to drive the mechanism:
//   MG: two-compartment oral, apparent-oral values of the research dossier §8.2 (ka 2/h,
//       CL/F 233 L/h, Vc/F 650 L, Q/F 350 L/h, Vp/F 8,000 L; Cmax ≈ 80 nM after 39 mg).
//   7-OH: formed in proportion to MG absorption (first-pass-like), eliminated with t1/2 5 h,
//       scaled so its single-dose Cmax is 0.2 × MG Cmax (molar), as in Tanna 2022.
// Exact: the linear system is diagonalised once; each dose adds its amount to the gut and
// concentrations between doses are sums of exponentials.
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <vector>

#include "speciosa/pharm/pd.hpp"

namespace speciosa::testing {

class StandInPk {
 public:
  struct Dose {
    double t_h;
    double mg_mg;  ///< mg of mitragynine taken by mouth
  };

  explicit StandInPk(std::vector<Dose> doses) : doses_(std::move(doses)) {
    std::sort(doses_.begin(), doses_.end(),
              [](const Dose& a, const Dose& b) { return a.t_h < b.t_h; });
    build(1.0);
    // Scale 7-OH formation so one dose gives a 7-OH/MG molar Cmax ratio of 0.2.
    const StandInPk unit({{0.0, 1.0}}, 1.0);
    double mg_peak = 0, oh_peak = 0;
    for (double t = 0; t < 24; t += 0.001) {
      const pharm::PlasmaConc c = unit(t);
      mg_peak = std::max(mg_peak, c.mg_nm);
      oh_peak = std::max(oh_peak, c.oh_nm);
    }
    build(0.2 * mg_peak / oh_peak);
  }

  pharm::PlasmaConc operator()(double t_h) const {
    auto it = std::upper_bound(dose_t_.begin(), dose_t_.end(), t_h);
    if (it == dose_t_.begin()) return {};
    const auto k = static_cast<std::size_t>(it - dose_t_.begin() - 1);
    const double dt = t_h - dose_t_[k];
    pharm::PlasmaConc c;
    for (int j = 0; j < 4; ++j) {
      const double e = std::exp(lambda_(j) * dt);
      c.mg_nm += coef_mg_[k](j) * e;
      c.oh_nm += coef_oh_[k](j) * e;
    }
    return c;
  }

  std::vector<double> dose_times() const {
    std::vector<double> t;
    for (const Dose& d : doses_) t.push_back(d.t_h);
    return t;
  }

 private:
  StandInPk(std::vector<Dose> doses, double phi) : doses_(std::move(doses)) { build(phi); }

  static constexpr double kMwMg = 398.5;  // g/mol
  static constexpr double kKa = 2.0, kCl = 233, kVc = 650, kQ = 350, kVp = 8000;
  static constexpr double kKoh = 0.693147 / 5.0;

  void build(double phi_per_l) {
    Eigen::Matrix4d a = Eigen::Matrix4d::Zero();
    a(0, 0) = -kKa;
    a(1, 0) = kKa;
    a(1, 1) = -(kCl + kQ) / kVc;
    a(1, 2) = kQ / kVp;
    a(2, 1) = kQ / kVc;
    a(2, 2) = -kQ / kVp;
    a(3, 0) = phi_per_l * kKa;
    a(3, 3) = -kKoh;
    Eigen::EigenSolver<Eigen::Matrix4d> es(a);
    lambda_ = es.eigenvalues().real();
    const Eigen::Matrix4d v = es.eigenvectors().real();
    const Eigen::Matrix4d v_inv = v.inverse();
    const Eigen::RowVector4d row_mg = v.row(1) / kVc;  // central amount -> nM
    const Eigen::RowVector4d row_oh = v.row(3);        // already nM
    dose_t_.clear();
    coef_mg_.clear();
    coef_oh_.clear();
    Eigen::Vector4d x = Eigen::Vector4d::Zero();
    double t_prev = doses_.empty() ? 0 : doses_.front().t_h;
    for (const Dose& d : doses_) {
      const Eigen::Vector4d modal = v_inv * x;
      const Eigen::Vector4d decay = (lambda_ * (d.t_h - t_prev)).array().exp();
      x = v * modal.cwiseProduct(decay);
      x(0) += d.mg_mg * 1.0e6 / kMwMg;
      t_prev = d.t_h;
      const Eigen::Vector4d m = v_inv * x;
      dose_t_.push_back(d.t_h);
      coef_mg_.push_back(row_mg.transpose().cwiseProduct(m));
      coef_oh_.push_back(row_oh.transpose().cwiseProduct(m));
    }
  }

  std::vector<Dose> doses_;
  Eigen::Vector4d lambda_;
  std::vector<double> dose_t_;
  std::vector<Eigen::Vector4d> coef_mg_;
  std::vector<Eigen::Vector4d> coef_oh_;
};

/// n days of the same dose at the given clock offsets (h after the first dose of each day).
inline std::vector<StandInPk::Dose> daily(double mg_mg, int days, std::vector<double> offsets_h) {
  std::vector<StandInPk::Dose> d;
  for (int day = 0; day < days; ++day) {
    for (double o : offsets_h) d.push_back({24.0 * day + o, mg_mg});
  }
  return d;
}

}  // namespace speciosa::testing
