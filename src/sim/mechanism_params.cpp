// MechanismParams from the knowledge base, and which outputs rest on theoretical parameters.
#include <algorithm>
#include <fmt/format.h>

#include "speciosa/sim_mechanism.hpp"

namespace speciosa::sim {
namespace {

// One parameter: its id in data/*.toml, its canonical unit (after the loader's conversion)
// and where it goes.
struct Field {
  std::string_view id;
  std::string_view unit;
  double* target;
};

std::vector<Field> fields(MechanismParams& m) {
  auto& pd = m.pd;
  auto& tol = m.tolerance;
  auto& hpa = m.hpa;
  auto& anx = m.anxiety;
  return {
      {"fu_mg", "fraction", &pd.fu_mg},
      {"fu_7oh", "fraction", &pd.fu_oh},
      {"kpuu_brain", "1", &pd.kpuu},
      {"ke0_mor", "1/h", &pd.ke0_per_h},
      {"ec50_mu_mg", "nM", &pd.ec50_mu_mg_nm},
      {"emax_mu_mg", "fraction", &pd.emax_mu_mg},
      {"ec50_mu_7oh", "nM", &pd.ec50_mu_oh_nm},
      {"emax_mu_7oh", "fraction", &pd.emax_mu_oh},
      {"ki_kor_mg", "nM", &pd.ki_kor_mg_nm},
      {"ki_kor_7oh", "nM", &pd.ki_kor_oh_nm},
      {"ki_dor_mg", "nM", &pd.ki_dor_mg_nm},
      {"ki_dor_7oh", "nM", &pd.ki_dor_oh_nm},
      {"ki_alpha2_mg", "nM", &pd.ki_a2_mg_nm},
      {"efficacy_alpha2_mg", "fraction", &pd.efficacy_a2_mg},
      {"stim_ec50_mg", "nM", &pd.stim_ec50_nm},
      {"stim_hill", "1", &pd.stim_hill},
      {"sed_ec50", "1", &pd.sed_ec50},
      {"sed_hill", "1", &pd.sed_hill},
      {"kout_tone", "1/h", &tol.kout_per_h},
      {"ktol", "1/h", &tol.ktol_per_h},
      {"relief_emax", "1", &tol.relief_emax},
      {"relief_ec50", "1", &tol.relief_ec50},
      {"withdrawal_k", "1/h", &tol.withdrawal_k_per_h},
      {"withdrawal_d50", "1", &tol.withdrawal_d50},
      {"withdrawal_hill", "1", &tol.withdrawal_hill},
      {"hpa_k_crh", "1/h", &hpa.k_crh_per_h},
      {"hpa_k_acth", "1/h", &hpa.k_acth_per_h},
      {"hpa_k_cortisol", "1/h", &hpa.k_cortisol_per_h},
      {"hpa_gain", "nM", &hpa.gain_nmol_l},
      {"hpa_kgr", "nM", &hpa.kgr_nmol_l},
      {"hpa_gr_hill", "1", &hpa.gr_hill},
      {"hpa_amp24", "1", &hpa.amp24},
      {"hpa_phase24", "h", &hpa.phase24_h},
      {"hpa_amp12", "1", &hpa.amp12},
      {"hpa_phase12", "h", &hpa.phase12_h},
      {"hpa_opioid_imax", "fraction", &hpa.opioid_imax},
      {"hpa_opioid_ec50", "1", &hpa.opioid_ec50},
      {"hpa_withdrawal_gain", "1", &hpa.withdrawal_gain},
      {"anxiety_w_withdrawal", "1", &anx.w_withdrawal},
      {"anxiety_w_relief", "1", &anx.w_relief},
      {"anxiety_w_cortisol", "1", &anx.w_cortisol},
  };
}

using Ids = std::vector<std::string_view>;

// Which parameters feed which output; each output also inherits everything upstream of it.
const Ids kReceptorIds = {"fu_mg",      "fu_7oh",      "kpuu_brain", "ke0_mor",
                          "ec50_mu_mg", "emax_mu_mg", "ec50_mu_7oh", "emax_mu_7oh"};
const Ids kToleranceIds = {"kout_tone",    "ktol",           "relief_emax",
                           "relief_ec50",  "withdrawal_k",   "withdrawal_d50",
                           "withdrawal_hill"};
const Ids kSedativeIds = {"ki_alpha2_mg", "efficacy_alpha2_mg", "sed_ec50", "sed_hill"};
const Ids kStimulantIds = {"stim_ec50_mg", "stim_hill"};
const Ids kHpaIds = {"hpa_k_crh",   "hpa_k_acth",      "hpa_k_cortisol",  "hpa_gain",
                     "hpa_kgr",     "hpa_gr_hill",     "hpa_amp24",       "hpa_phase24",
                     "hpa_amp12",   "hpa_phase12",     "hpa_opioid_imax", "hpa_opioid_ec50",
                     "hpa_withdrawal_gain"};
const Ids kAnxietyIds = {"anxiety_w_withdrawal", "anxiety_w_relief", "anxiety_w_cortisol"};

std::vector<const Ids*> groups_of(std::string_view column) {
  if (column == "mu_activity") return {&kReceptorIds};
  if (column == "tolerance" || column == "withdrawal") return {&kReceptorIds, &kToleranceIds};
  if (column == "sedative_index") return {&kReceptorIds, &kToleranceIds, &kSedativeIds};
  if (column == "stimulant_index") {
    return {&kReceptorIds, &kToleranceIds, &kSedativeIds, &kStimulantIds};
  }
  if (column == "cortisol_nmol_l") return {&kReceptorIds, &kToleranceIds, &kHpaIds};
  if (column == "anxiety_index") {
    return {&kReceptorIds, &kToleranceIds, &kHpaIds, &kAnxietyIds};
  }
  return {};
}

}  // namespace

Result<MechanismParams> mechanism_params(const knowledge::Knowledge& k) {
  MechanismParams m;
  for (const Field& f : fields(m)) {
    const knowledge::Parameter* p = k.find_parameter(f.id);
    if (p == nullptr) {
      return Error{ErrorCode::kDataFile, "mechanism parameters", std::string(f.id),
                   "parameter is missing",
                   "a [[parameter]] table with this id in data/pd.toml or data/hpa.toml"};
    }
    if (p->unit != f.unit) {
      return Error{ErrorCode::kDataFile,
                   fmt::format("{}:{}", p->provenance.file, p->provenance.line),
                   std::string(f.id), fmt::format("unit '{}' does not fit here", p->unit),
                   fmt::format("a value in {}", f.unit)};
    }
    *f.target = p->value;
  }
  return m;
}

std::vector<std::string> mechanism_parameter_ids() {
  MechanismParams scratch;
  std::vector<std::string> ids;
  for (const Field& f : fields(scratch)) ids.emplace_back(f.id);
  return ids;
}

std::vector<std::string> parameters_of(std::string_view column) {
  std::vector<std::string> ids;
  for (const Ids* g : groups_of(column)) ids.insert(ids.end(), g->begin(), g->end());
  return ids;
}

std::vector<std::string> theoretical_parameters(const knowledge::Knowledge& k,
                                                std::string_view column) {
  std::vector<std::string> out;
  for (const std::string& id : parameters_of(column)) {
    const knowledge::Parameter* p = k.find_parameter(id);
    if (p == nullptr || p->provenance.evidence == knowledge::Evidence::kTheoretical) {
      out.push_back(id);
    }
  }
  return out;
}

}  // namespace speciosa::sim
