// The knowledge base as JSON, shared by `speciosa knowledge products --json` and the HTTP API
// (GET /api/v1/products). Pure; thread-safe.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "speciosa/knowledge.hpp"

namespace speciosa::knowledge {

/// [{"id","name","kind","aliases","mg_percent":{"typical","low","high","source","evidence"},
///   "oh_percent":{...},"note"}] in file order.
nlohmann::json products_to_json(const Knowledge& k);

}  // namespace speciosa::knowledge
