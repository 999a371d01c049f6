#include "simulation_run.hpp"

#include "speciosa/report.hpp"

namespace speciosa::cli {

Status write_pk_plot(const std::string& path, const SimulationRun& run) {
  const auto& m = run.mechanism;
  report::PlotSpec spec;
  spec.title = "Modelled concentrations and effects (model estimate, not medical advice)";
  spec.x = &run.series.t_h;
  spec.panels.push_back({"Plasma concentrations", "ng/mL",
                         {{"mitragynine", &run.series.mg_ng_ml, false},
                          {"7-OH-mitragynine", &run.series.oh_ng_ml, true}}});
  spec.panels.push_back({"Mu-opioid receptor activity", "fraction of full agonist",
                         {{"mu activity", &m.column("mu_activity"), false}}});
  spec.panels.push_back({"Stimulant vs sedative", "index 0-1",
                         {{"stimulant", &m.column("stimulant_index"), false},
                          {"sedative", &m.column("sedative_index"), true}}});
  spec.panels.push_back({"Tolerance and withdrawal", "index 0-1",
                         {{"tolerance", &m.column("tolerance"), false},
                          {"withdrawal", &m.column("withdrawal"), true}}});
  spec.panels.push_back({"Cortisol (HPA axis)", "nmol/L", {{"cortisol", &m.column("cortisol_nmol_l"), false}}});
  spec.dose_times_h = run.regimen.dose_times_h;
  spec.footnote = "Triangles mark doses. Effect panels rest on theoretical parameters (docs/model.md, Part II).";
  return report::write_plot(path, spec);
}

}  // namespace speciosa::cli
