// Private to the server: what every route handler sees (the request, the server's state, the
// session) and how a handler rejects a request. Handlers throw ApiError; the route wrapper in
// http_server.cpp catches it once and writes {"error":{"field","problem","accepted"}}.
#pragma once

#include <httplib.h>
// httplib pulls in <resolv.h>, whose `_res` macro rewrites a parameter name in Eigen's headers
// (included through analysis.hpp); httplib's own code is already parsed here.
#undef _res

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth.hpp"
#include "json_body.hpp"
#include "speciosa/analysis.hpp"
#include "speciosa/journal.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/knowledge_safety.hpp"
#include "speciosa/server.hpp"
#include "store_pool.hpp"

namespace speciosa::server {

/// A rejected request, with the HTTP status it maps to.
struct ApiError {
  int status = 400;
  std::string field;
  std::string problem;
  std::string accepted;
};

[[noreturn]] void reject(int status, std::string field, std::string problem, std::string accepted = {});
/// Maps an Error by its code: input 422, not found 404, conflict 409, anything else 500.
[[noreturn]] void reject(const Error& error);

template <typename T>
T take(Result<T> result) {
  if (!result) reject(result.error());
  return std::move(result).value();
}

/// Everything the server holds for its lifetime; immutable after start except the session
/// table, the login limiter and the store pool, which lock themselves.
struct App {
  App(ServerOptions o, knowledge::Knowledge k, knowledge::SafetyData s)
      : options(std::move(o)), knowledge(std::move(k)), safety(std::move(s)), stores(options.db_url) {}

  ServerOptions options;
  knowledge::Knowledge knowledge;
  knowledge::SafetyData safety;
  StorePool stores;
  Sessions sessions;
  LoginLimiter login_limiter;
};

/// One request as a handler sees it.
struct Call {
  Call(const httplib::Request& r, httplib::Response& s, App& a, Session se)
      : req(r), res(s), app(a), session(std::move(se)) {}

  const httplib::Request& req;
  httplib::Response& res;
  App& app;
  Session session;  ///< the caller's session (anonymous in single-person mode)

  /// The n-th {placeholder} of the route as a positive id (routes match digits only).
  std::int64_t id_param(std::size_t n) const;
  std::string text_param(std::size_t n) const;
  /// The query parameter as a whole number in [lo, hi], else `fallback`; 422 when out of range.
  int int_query(const std::string& name, int fallback, int lo, int hi) const;
  /// A store from the pool, held until the call ends.
  journal::JournalStore& store();
  /// The person {pid} when the caller may see them, else 404 (never 403: not yours = no such).
  journal::Person person(std::size_t n = 0);

 private:
  std::optional<StorePool::Lease> lease_;
};

/// The current instant, to the second (journal times have whole seconds).
journal::Instant now();
/// The person {pid}'s medications without a stop date before now.
std::vector<std::string> medications_now(Call& call, const journal::Person& person);
/// Everything the analyses and the report read about the person {pid}: their entries in
/// `range`, products, and their current medications' effect on CYP3A.
analysis::PersonData person_data(Call& call, journal::TimeRange range = {});

/// What a handler returns: a status and a body.
struct Reply {
  Reply(int s, std::string b, std::string type = "application/json", std::string file = {})
      : status(s), body(std::move(b)), content_type(std::move(type)), filename(std::move(file)) {}

  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::string filename;  ///< set for downloads (Content-Disposition: attachment)
};
Reply json_reply(const nlohmann::json& body, int status = 200);

/// Sends the session's id as an HttpOnly, SameSite=Strict cookie (Secure behind TLS).
void set_session_cookie(Call& call, const Session& session);
void clear_session_cookie(Call& call);
/// Whether the caller may see this person: anyone in single-person mode, else only the
/// account that owns them.
bool may_see(const Call& call, const journal::Person& person);

using Handler = Reply (*)(Call& call);

/// One API route: method, path template with {placeholders}, handler.
struct Route {
  Route(const char* m, const char* p, Handler h, bool login = true)
      : method(m), path(p), handler(h), needs_login(login) {}

  const char* method;
  const char* path;
  Handler handler;
  bool needs_login;  ///< in multi-user mode; health, session and login do not
};

/// The route table (routes.cpp). Handlers live in routes_*.cpp.
const std::vector<Route>& routes();

// Handlers, one group per file.
Reply get_health(Call& call);
Reply get_session(Call& call);
Reply post_login(Call& call);
Reply post_logout(Call& call);
Reply get_openapi(Call& call);

Reply get_people(Call& call);
Reply post_people(Call& call);
Reply get_person(Call& call);
Reply patch_person(Call& call);
Reply delete_person(Call& call);

Reply get_history(Call& call);
Reply post_dose(Call& call);
Reply post_checkin(Call& call);
Reply post_gad7(Call& call);
Reply post_effect(Call& call);
Reply post_medication(Call& call);
Reply patch_entry(Call& call);
Reply delete_entry(Call& call);
Reply get_person_products(Call& call);
Reply post_person_product(Call& call);

Reply get_products(Call& call);
Reply post_interactions(Call& call);
Reply get_person_interactions(Call& call);
Reply get_legal(Call& call);
Reply post_redflags(Call& call);

Reply post_check(Call& call);
Reply get_stability(Call& call);
Reply get_timeline(Call& call);
Reply get_insight(Call& call);
Reply get_taper(Call& call);
Reply post_simulate(Call& call);
Reply get_report_pdf(Call& call);
Reply get_report_html(Call& call);

}  // namespace speciosa::server
