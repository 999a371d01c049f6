// The OpenAPI document, embedded at build time from openapi.json (see CMakeLists.txt).
#include "speciosa/server.hpp"

namespace speciosa::server {

std::string_view openapi_document() {
  static constexpr std::string_view kDocument =
#include "openapi.inc"
      ;
  return kDocument;
}

}  // namespace speciosa::server
