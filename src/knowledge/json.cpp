#include <nlohmann/json.hpp>

#include "speciosa/knowledge_json.hpp"

namespace speciosa::knowledge {

nlohmann::json products_to_json(const Knowledge& k) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : k.products) {
    out.push_back({{"id", p.id}, {"name", p.name}, {"kind", to_string(p.kind)},
                   {"aliases", p.aliases},
                   {"mg_percent", {{"typical", p.mg_fraction.typical * 100}, {"low", p.mg_fraction.low * 100},
                                   {"high", p.mg_fraction.high * 100}, {"source", p.mg_fraction.provenance.source},
                                   {"evidence", to_string(p.mg_fraction.provenance.evidence)}}},
                   {"oh_percent", {{"typical", p.oh_fraction.typical * 100}, {"low", p.oh_fraction.low * 100},
                                   {"high", p.oh_fraction.high * 100}, {"source", p.oh_fraction.provenance.source}}},
                   {"note", p.note}});
  }
  return out;
}

}  // namespace speciosa::knowledge
