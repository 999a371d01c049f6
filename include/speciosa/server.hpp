// speciosa server: the HTTP API under /api/v1 and the built dashboard (web/dist) at /.
//
// - serve() blocks until the process is stopped. It binds 127.0.0.1 by default; any other
//   address needs multi-user mode (accounts, session cookies, CSRF tokens, login limits).
// - Every state-changing request carries the CSRF token of its session (GET /api/v1/session).
// - Logs name the method, the route template, the status and the duration; never bodies,
//   journal content, passwords, cookies or tokens.
// - The journal is opened through a small pool of stores, one per concurrent request.
// Thread-safety: serve() runs the request threads itself; the other functions are reentrant.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/common.hpp"

namespace speciosa::server {

struct ServerOptions {
  std::string listen = "127.0.0.1";  ///< address to bind; non-loopback needs multi_user
  int port = 8400;                   ///< TCP port, 1..65535 (0 picks a free one; tests only)
  bool multi_user = false;           ///< accounts and logins (speciosa account add NAME)
  bool secure_cookies = false;       ///< mark cookies Secure even without X-Forwarded-Proto
  std::filesystem::path web_dir;     ///< built dashboard; default default_web_dir()
  std::string db_url;                ///< journal: SQLite path or postgresql://...
  std::filesystem::path data_dir;    ///< knowledge base; default knowledge::default_data_dir()
  std::size_t max_body_bytes = 64 * 1024;  ///< larger request bodies get 413
};

/// Rejects options the server must not start with: a bad port, or a non-loopback address
/// without multi-user mode (anyone on the network could read the journal).
Status check_options(const ServerOptions& options);

/// Whether `address` is a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback(std::string_view address);

/// Loads the knowledge base, opens the journal and serves until stopped. `on_ready` (if
/// given) is called with the bound port once the server listens.
Status serve(const ServerOptions& options, void (*on_ready)(int port) = nullptr);

/// Adds an account with an argon2id hash of `password` (at least 8 characters).
Status add_account(const std::string& db_url, const std::string& name, const std::string& password);

/// The built dashboard in the source tree (web/dist), compiled in like the data directory.
std::filesystem::path default_web_dir();

/// One route of the API: method and path template, e.g. {"GET", "/api/v1/people/{pid}"}.
struct RouteSpec {
  std::string method;
  std::string path;
};
/// Every route the server answers, in registration order.
std::vector<RouteSpec> api_routes();
/// The OpenAPI 3.0 document served at /api/v1/openapi.json.
std::string_view openapi_document();

}  // namespace speciosa::server
