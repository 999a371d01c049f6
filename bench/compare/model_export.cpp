// Prints the linear PK model of the typical 70 kg subject (CYP3A held at baseline) so that R's
// deSolve and SciPy integrate exactly the model speciosa solves: dA/dt = M·A with amounts in nmol,
// doses into the gut, concentrations = amount × factor. Used by bench/compare/run.py only.
#include <cstdio>

#include "speciosa/knowledge.hpp"
#include "speciosa/sim.hpp"

int main() {
  using namespace speciosa;
  auto k = knowledge::load_knowledge(knowledge::default_data_dir());
  if (!k) {
    std::fprintf(stderr, "%s\n", k.error().to_string().c_str());
    return 1;
  }
  auto p = sim::pk_params_from(*k, 70);
  if (!p) {
    std::fprintf(stderr, "%s\n", p.error().to_string().c_str());
    return 1;
  }
  const pharm::PkMatrix m = pharm::pk_matrix(*p, 1.0, 1.0);
  std::printf("{\"matrix\": [");
  for (int i = 0; i < pharm::kPkLinearSize; ++i) {
    std::printf("%s[", i ? ", " : "");
    for (int j = 0; j < pharm::kPkLinearSize; ++j) std::printf("%s%.17g", j ? ", " : "", m(i, j));
    std::printf("]");
  }
  std::printf("], \"nmol_per_mg\": %.17g, \"mg_ng_ml_per_nmol\": %.17g, \"oh_ng_ml_per_nmol\": %.17g}\n",
              units::nmol_from_mg(1.0, p->mw_mg_g_mol), pharm::mg_conc_ng_ml(*p, 1.0),
              pharm::oh_conc_ng_ml(*p, 1.0));
  return 0;
}
