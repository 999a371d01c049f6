#include "simulation_run.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

#include "plot.hpp"

namespace speciosa::cli {
namespace {

Result<sim::Method> parse_method(const std::string& m) {
  if (m == "exact") return sim::Method::kExact;
  if (m == "ode") return sim::Method::kOde;
  return invalid_input("--method", "method", "unknown method '" + m + "'", "exact, ode");
}

}  // namespace

Result<double> parse_hours(const std::string& text, std::string_view option) {
  constexpr const char* kAccepted = "a number of hours above zero, e.g. 72 or 0.25";
  auto list = units::parse_time_list_h(text, option);
  if (!list) {
    Error e = list.error();
    e.accepted = kAccepted;
    return e;
  }
  if (list->size() != 1 || !(list->front() > 0) || !std::isfinite(list->front())) {
    return invalid_input(std::string(option), std::string(option.substr(2)),
                         fmt::format("'{}' is not a positive span of time", text), kAccepted);
  }
  return list->front();
}

double default_span_h(const RegimenOptions& r, const Regimen& regimen) {
  // --every without --count fills a week; otherwise follow the last dose for three days,
  // long enough to see most of mitragynine's ~2-day elimination.
  if (!r.every.empty() && r.count == 0) return 168;
  return regimen.dose_times_h.back() + 72;
}

Result<SimulationRun> run_simulation(const knowledge::Knowledge& k, const RunRequest& q) {
  auto method = parse_method(q.method);
  if (!method) return method.error();
  if (Status s = check::in_range("--weight", "weight", q.weight_kg, 30, 250, "kg"); !s) return s.error();
  std::optional<double> hours;
  if (!q.hours.empty()) {
    auto h = parse_hours(q.hours, "--hours");
    if (!h) return h.error();
    hours = *h;
  }
  auto step = parse_hours(q.step, "--step");
  if (!step) return step.error();
  auto regimen = build_regimen(q.regimen, k, hours.value_or(168));
  if (!regimen) return regimen.error();
  const double span_h = hours.value_or(default_span_h(q.regimen, *regimen));
  if (*step > span_h) {
    return invalid_input("--step", "step", fmt::format("{:g} h is longer than the span ({:g} h)", *step, span_h),
                         "a step no longer than --hours");
  }
  auto params = sim::pk_params_from(k, q.weight_kg);
  if (!params) return params.error();
  params->comed_cyp3a_activity = q.comed_cyp3a_activity;
  sim::SimulationOptions options;
  options.end_h = span_h;
  options.step_h = *step;
  options.method = *method;
  options.autoinhibition = q.autoinhibition;
  if (q.steady_state && q.regimen.every.empty()) {
    return invalid_input("--steady-state", "steady-state", "needs a repeating regimen", "--every 24h");
  }
  // For a repeating regimen the steady state gives time-to-steady-state, and --steady-state
  // starts the simulation there.
  std::optional<sim::SteadyStateTroughs> troughs;
  if (!q.regimen.every.empty() && regimen->dose_times_h.size() > 1) {
    const double tau = regimen->dose_times_h[1];
    std::vector<sim::Event> first;
    for (const sim::Event& e : regimen->events) {
      if (e.t_h < tau) first.push_back(e);
    }
    auto ss = sim::steady_state(*params, first, tau, options);
    if (!ss) return ss.error();
    troughs = sim::SteadyStateTroughs{pharm::mg_conc_ng_ml(*params, (*ss)[pharm::kCentralMg]),
                                      pharm::oh_conc_ng_ml(*params, (*ss)[pharm::kCentralOh])};
    if (q.steady_state) options.initial_state = *ss;
  }
  auto series = sim::simulate(*params, regimen->events, options);
  if (!series) return series.error();
  auto mechanism_params = sim::mechanism_params(k);
  if (!mechanism_params) return mechanism_params.error();
  auto mechanism = sim::simulate_mechanism_for(*params, regimen->events, options, *mechanism_params);
  if (!mechanism) return mechanism.error();
  SimulationRun run;
  run.mechanism = std::move(mechanism).value();
  for (std::string_view column : sim::kMechanismColumns) {
    run.mechanism_theoretical.emplace_back(std::string(column), sim::theoretical_parameters(k, column));
  }
  run.summary = sim::summarize(*series, regimen->dose_times_h, troughs);
  run.series = std::move(series).value();
  run.regimen = std::move(regimen).value();
  run.weight_kg = q.weight_kg;
  run.evidence_note =
      "Evidence: PK parameters fitted to one clinical study (Tanna 2022, n=5, one 2 g dose); CYP3A "
      "auto-inhibition from in-vitro data (Tanna 2021); see docs/model.md.";
  if (!q.comedication_note.empty()) run.evidence_note += " With " + q.comedication_note + ".";
  if (run.regimen.oh_per_dose_mg > 0) {
    run.evidence_note +=
        " 7-OH taken directly has never been studied in humans: its absorption and availability here "
        "are theoretical (ka_oh, f_oh_oral).";
  }
  return run;
}

Status write_pk_plot(const std::string& path, const SimulationRun& run) {
  const auto& m = run.mechanism;
  PlotSpec spec;
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
  return write_plot(path, spec);
}

}  // namespace speciosa::cli
