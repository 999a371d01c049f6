// speciosa pharm/anxiety: a model-predicted anxiety index, relative to the person's own
// drug-free baseline (0). Positive = the model expects more anxiety/tension than baseline,
// negative = less. It is a hypothesis to compare with a person's own check-ins, built from
// theoretical weights; it is not a measurement and never a promise of benefit.
//
//   anxiety = w_withdrawal·W − w_relief·E(mu)/M + w_cortisol·ln(F/F0)
// W withdrawal (tolerance.hpp), E(mu)/M adapted acute relief, F cortisol and F0 the cortisol a
// drug-free axis would have at the same clock time (hpa.hpp).
// Pure: no I/O, no globals, no allocation. Thread-safe.
#pragma once

namespace speciosa::pharm {

struct AnxietyParams {
  double w_withdrawal = 0;
  double w_relief = 0;
  double w_cortisol = 0;
};

struct AnxietyInputs {
  double withdrawal = 0;          ///< 0..1
  double adapted_relief = 0;      ///< relief(mu) / M
  double cortisol_nmol_l = 0;
  double cortisol_drug_free_nmol_l = 0;
};

double anxiety_index(const AnxietyInputs& in, const AnxietyParams& p);

}  // namespace speciosa::pharm
