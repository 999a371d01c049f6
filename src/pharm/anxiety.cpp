#include "speciosa/pharm/anxiety.hpp"

#include <cmath>

namespace speciosa::pharm {

double anxiety_index(const AnxietyInputs& in, const AnxietyParams& p) {
  const double cortisol_ratio = in.cortisol_nmol_l / in.cortisol_drug_free_nmol_l;
  return p.w_withdrawal * in.withdrawal - p.w_relief * in.adapted_relief +
         p.w_cortisol * std::log(cortisol_ratio);
}

}  // namespace speciosa::pharm
