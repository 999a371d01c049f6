// Builds PkParams from data/pk.toml and data/compounds.toml.
#include <cmath>
#include <fmt/format.h>

#include "speciosa/sim.hpp"

namespace speciosa::sim {
namespace {

// Every parameter the PK model reads from data/pk.toml, and how it scales with weight.
constexpr PkBinding kBindings[] = {
    {"ka_mg", &pharm::PkParams::ka_mg_per_h, false, false},
    {"fa_mg", &pharm::PkParams::fa_mg, false, false},
    {"fg0_mg", &pharm::PkParams::fg0_mg, false, false},
    {"q_ent", &pharm::PkParams::q_ent_l_h, true, false},
    {"q_h", &pharm::PkParams::q_h_l_h, true, false},
    {"clint_u_mg", &pharm::PkParams::clint_u_mg_l_h, true, false},
    {"fm_cyp3a_mg", &pharm::PkParams::fm_cyp3a_mg, false, false},
    {"vc_mg", &pharm::PkParams::vc_mg_l, false, true},
    {"q_mg", &pharm::PkParams::q_mg_l_h, true, false},
    {"vp_mg", &pharm::PkParams::vp_mg_l, false, true},
    {"f7oh_of_cyp3a", &pharm::PkParams::f7oh_of_cyp3a, false, false},
    {"cl_oh", &pharm::PkParams::cl_oh_l_h, true, false},
    {"v_oh", &pharm::PkParams::v_oh_l, false, true},
    {"ka_oh", &pharm::PkParams::ka_oh_per_h, false, false},
    {"f_oh_oral", &pharm::PkParams::f_oh_oral, false, false},
    {"ki_cyp3a_gut", &pharm::PkParams::ki_gut_nm, false, false},
    {"kinact_cyp3a_gut", &pharm::PkParams::kinact_gut_per_h, false, false},
    {"kdeg_cyp3a_gut", &pharm::PkParams::kdeg_gut_per_h, false, false},
    {"ki_cyp3a_liver", &pharm::PkParams::ki_liver_nm, false, false},
    {"kinact_cyp3a_liver", &pharm::PkParams::kinact_liver_per_h, false, false},
    {"kdeg_cyp3a_liver", &pharm::PkParams::kdeg_liver_per_h, false, false},
};

}  // namespace

const std::vector<std::string>& pk_parameter_ids() {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    for (const PkBinding& b : kBindings) out.emplace_back(b.id);
    return out;
  }();
  return ids;
}

const PkBinding* pk_binding(std::string_view id) {
  for (const PkBinding& b : kBindings) {
    if (b.id == id) return &b;
  }
  return nullptr;
}

Result<pharm::PkParams> pk_params_from(const knowledge::Knowledge& k, double weight_kg) {
  if (Status s = check::in_range("weight", "weight_kg", weight_kg, 30, 250, "kg"); !s) return s.error();
  pharm::PkParams p;
  // Allometric size scaling (Anderson & Holford 2008): clearances ·(W/Wref)^0.75, volumes ·W/Wref.
  const knowledge::Parameter* reference = k.find_parameter("reference_weight");
  const knowledge::Parameter* exponent = k.find_parameter("allometric_exponent_cl");
  if (reference == nullptr || exponent == nullptr) {
    return Error{ErrorCode::kDataFile, "data/pk.toml", "reference_weight",
                 "reference_weight and allometric_exponent_cl are required", ""};
  }
  const double size = weight_kg / reference->value;
  for (const PkBinding& b : kBindings) {
    const knowledge::Parameter* param = k.find_parameter(b.id);
    if (param == nullptr) {
      return Error{ErrorCode::kDataFile, "data/pk.toml", std::string(b.id), "parameter is missing",
                   "a [[parameter]] with this id"};
    }
    double value = param->value;
    if (b.is_clearance) value *= std::pow(size, exponent->value);
    if (b.is_volume) value *= size;
    p.*(b.field) = value;
  }
  const knowledge::Compound* mg = k.find_compound("mitragynine");
  const knowledge::Compound* oh = k.find_compound("7-hydroxymitragynine");
  if (mg == nullptr || oh == nullptr || mg->fraction_unbound <= 0) {
    return Error{ErrorCode::kDataFile, "data/compounds.toml", "compound",
                 "mitragynine (with fraction_unbound) and 7-hydroxymitragynine are required", ""};
  }
  p.fu_mg = mg->fraction_unbound;
  p.mw_mg_g_mol = mg->molar_mass_g_mol;
  p.mw_oh_g_mol = oh->molar_mass_g_mol;
  return p;
}

}  // namespace speciosa::sim
