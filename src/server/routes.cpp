// The route table: every path the API answers. The OpenAPI document (openapi.json) lists the
// same routes; tests/unit/server/openapi_test.cpp holds the two together.
#include "api.hpp"

namespace speciosa::server {

const std::vector<Route>& routes() {
  static const std::vector<Route> kRoutes = {
      {"GET", "/api/v1/health", get_health, false},
      {"GET", "/api/v1/session", get_session, false},
      {"POST", "/api/v1/login", post_login, false},
      {"POST", "/api/v1/logout", post_logout, false},
      {"GET", "/api/v1/openapi.json", get_openapi, false},
      {"GET", "/api/v1/people", get_people},
      {"POST", "/api/v1/people", post_people},
      {"GET", "/api/v1/people/{pid}", get_person},
      {"PATCH", "/api/v1/people/{pid}", patch_person},
      {"DELETE", "/api/v1/people/{pid}", delete_person},
      {"GET", "/api/v1/people/{pid}/history", get_history},
      {"POST", "/api/v1/people/{pid}/doses", post_dose},
      {"POST", "/api/v1/people/{pid}/checkins", post_checkin},
      {"POST", "/api/v1/people/{pid}/gad7", post_gad7},
      {"POST", "/api/v1/people/{pid}/effects", post_effect},
      {"POST", "/api/v1/people/{pid}/medications", post_medication},
      {"PATCH", "/api/v1/people/{pid}/entries/{id}", patch_entry},
      {"DELETE", "/api/v1/people/{pid}/entries/{id}", delete_entry},
      {"GET", "/api/v1/people/{pid}/products", get_person_products},
      {"POST", "/api/v1/people/{pid}/products", post_person_product},
      {"GET", "/api/v1/people/{pid}/interactions", get_person_interactions},
      {"GET", "/api/v1/people/{pid}/timeline", get_timeline},
      {"POST", "/api/v1/people/{pid}/check", post_check},
      {"GET", "/api/v1/people/{pid}/stability", get_stability},
      {"GET", "/api/v1/people/{pid}/insight", get_insight},
      {"GET", "/api/v1/people/{pid}/taper", get_taper},
      {"GET", "/api/v1/people/{pid}/report.pdf", get_report_pdf},
      {"GET", "/api/v1/people/{pid}/report.html", get_report_html},
      {"GET", "/api/v1/products", get_products},
      {"POST", "/api/v1/interactions", post_interactions},
      {"GET", "/api/v1/legal/{code}", get_legal},
      {"POST", "/api/v1/redflags", post_redflags},
      {"POST", "/api/v1/simulate", post_simulate},
  };
  return kRoutes;
}

}  // namespace speciosa::server
