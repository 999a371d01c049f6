// Private to pharm: the Hill (sigmoid Emax) curve shared by the receptor, balance and
// withdrawal equations.
#pragma once

#include <cmath>

namespace speciosa::pharm::detail {

/// x^n / (x50^n + x^n) for x > 0, else 0: fraction of the maximal response.
inline double hill(double x, double x50, double n) {
  if (x <= 0) return 0;
  const double r = std::pow(x / x50, n);
  return r / (1 + r);
}

}  // namespace speciosa::pharm::detail
