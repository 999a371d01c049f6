// The HTTP edge: binds, routes, checks the session and CSRF token, turns rejections into JSON
// errors, serves the built dashboard, and logs one line per request without content.
#include <arpa/inet.h>

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <regex>
#include <sstream>

#include "api.hpp"

namespace speciosa::server {
namespace {

constexpr const char* kSessionCookie = "speciosa_session";
constexpr const char* kCsrfHeader = "X-CSRF-Token";

// The route being served on this thread, for the log line (httplib calls the logger on the
// thread that handled the request, after the handler).
struct Trace {
  Clock::time_point start;
  const char* route = "-";
};
thread_local Trace trace;

std::string error_body(const ApiError& e) {
  return nlohmann::json{{"error", {{"field", e.field}, {"problem", e.problem}, {"accepted", e.accepted}}}}.dump();
}

std::string cookie_value(const httplib::Request& req, std::string_view name) {
  const std::string header = req.get_header_value("Cookie");
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.starts_with(name) && part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return {};
}

// "/api/v1/people/{pid}/report.pdf" -> "/api/v1/people/([0-9]{1,18})/report\.pdf"; {code} takes
// ISO 3166 codes.
std::string pattern_of(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '.') {
      out += "\\.";
      continue;
    }
    if (path[i] != '{') {
      out += path[i];
      continue;
    }
    const std::size_t close = path.find('}', i);
    out += path.substr(i + 1, close - i - 1) == "code" ? "([A-Za-z0-9-]{1,16})" : "([0-9]{1,18})";
    i = close;
  }
  return out;
}

std::string host_name(const std::string& host_header) {
  if (host_header.starts_with("[")) return host_header.substr(0, host_header.find(']') + 1);
  return host_header.substr(0, host_header.find(':'));
}

bool is_state_changing(const std::string& method) { return method != "GET" && method != "HEAD"; }

void add_security_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
}

void send_reply(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  if (!reply.filename.empty()) {
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", reply.filename));
  }
  res.set_header("Cache-Control", "no-store");
  res.set_content(reply.body, reply.content_type);
}

// Checks that hold for every API route before its handler runs; throws ApiError.
Session admit(App& app, const Route& route, const httplib::Request& req) {
  // In single-person mode there is no login, so a page that rebinds its own DNS name to
  // 127.0.0.1 could read the journal; only loopback host names are answered.
  if (!app.options.multi_user && !is_loopback(host_name(req.get_header_value("Host")))) {
    reject(403, "Host", "is not a loopback name", "127.0.0.1, localhost or [::1]");
  }
  Session session = app.sessions.find(cookie_value(req, kSessionCookie)).value_or(Session{});
  if (is_state_changing(req.method) &&
      (session.id.empty() || !same_token(req.get_header_value(kCsrfHeader), session.csrf))) {
    reject(403, kCsrfHeader, "is missing or does not match this session",
           "the csrf value from GET /api/v1/session, sent with its session cookie");
  }
  if (app.options.multi_user && route.needs_login && !session.account) {
    reject(401, "session", "not logged in", "POST /api/v1/login first");
  }
  return session;
}

void handle(App& app, const Route& route, const httplib::Request& req, httplib::Response& res) {
  trace.route = route.path;
  try {
    Call call{req, res, app, admit(app, route, req)};
    send_reply(res, route.handler(call));
  } catch (const ApiError& e) {
    send_reply(res, Reply{e.status, error_body(e)});
  } catch (const std::exception&) {
    // The message may quote journal content; the log line carries the status only.
    send_reply(res, Reply{500, error_body({500, "server", "internal error", "try again; report it if it persists"})});
  }
}

std::string content_type_of(const std::filesystem::path& file) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript"}, {".css", "text/css"},
      {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
      {".json", "application/json"}, {".woff2", "font/woff2"}, {".webmanifest", "application/manifest+json"}};
  const std::string ext = file.extension().string();
  for (const auto& [e, type] : kTypes) {
    if (ext == e) return type;
  }
  return "application/octet-stream";
}

// Files under the web directory only: the requested path is resolved and must stay inside.
// Unknown paths without an extension get index.html (the dashboard routes in the browser).
void serve_static(const App& app, const httplib::Request& req, httplib::Response& res) {
  trace.route = "/{static}";
  std::error_code ec;
  const auto root = std::filesystem::weakly_canonical(app.options.web_dir, ec);
  std::string rel = req.path.substr(1);
  auto file = std::filesystem::weakly_canonical(root / rel, ec);
  const auto [end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  if (ec || end != root.end()) {
    res.status = 404;
    return;
  }
  if (std::filesystem::is_directory(file)) file /= "index.html";
  if (!std::filesystem::is_regular_file(file) && !file.has_extension()) file = root / "index.html";
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    res.status = 404;
    if (rel.empty()) {
      res.set_content("<!doctype html><title>speciosa</title><p>The dashboard is not built "
                      "(make run builds it). The API is at <a href=\"/api/v1/health\">/api/v1</a>.",
                      "text/html; charset=utf-8");
    }
    return;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  res.set_content(bytes.str(), content_type_of(file));
}

void on_error(const httplib::Request&, httplib::Response& res, std::size_t max_body_bytes) {
  if (!res.body.empty()) return;
  ApiError e{res.status, "path", "no such route", "see /api/v1/openapi.json"};
  if (res.status == 413) {
    e = {413, "body", fmt::format("is larger than {} bytes", max_body_bytes), "a smaller request"};
  } else if (res.status == 400) {
    e = {400, "request", "is not a well-formed HTTP request", "HTTP/1.1"};
  } else if (res.status != 404) {
    e = {res.status, "request", "was not accepted", "see /api/v1/openapi.json"};
  }
  res.set_content(error_body(e), "application/json");
}

void log_line(const httplib::Request& req, const httplib::Response& res) {
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - trace.start).count();
  std::fprintf(stderr, "speciosa serve: %s %s %d %.1f ms\n", req.method.c_str(), trace.route, res.status, ms);
}

void register_routes(httplib::Server& http, App& app) {
  for (const Route& route : routes()) {
    const std::string pattern = pattern_of(route.path);
    auto handler = [&app, &route](const httplib::Request& req, httplib::Response& res) {
      handle(app, route, req, res);
    };
    const std::string_view method = route.method;
    if (method == "GET") http.Get(pattern, handler);
    if (method == "POST") http.Post(pattern, handler);
    if (method == "PATCH") http.Patch(pattern, handler);
    if (method == "DELETE") http.Delete(pattern, handler);
  }
  http.Get(R"(/(?!api/).*)", [&app](const httplib::Request& req, httplib::Response& res) {
    serve_static(app, req, res);
  });
}

Result<std::unique_ptr<App>> load_app(const ServerOptions& options) {
  const auto data_dir = options.data_dir.empty() ? knowledge::default_data_dir() : options.data_dir;
  auto k = knowledge::load_knowledge(data_dir);
  if (!k) return k.error();
  auto safety = knowledge::load_safety_data(data_dir);
  if (!safety) return safety.error();
  auto app = std::make_unique<App>(options, std::move(*k), std::move(*safety));
  if (app->options.web_dir.empty()) app->options.web_dir = default_web_dir();
  // Open (and migrate) the journal now, so a bad --db fails at start, not at the first request.
  auto lease = app->stores.acquire();
  if (!lease) return lease.error();
  return app;
}

// Errors from code shared with the CLI may name an option ("--mg-content"); the API's field
// for it is "mg_content".
std::string api_field(std::string field) {
  if (!field.starts_with("--")) return field;
  field.erase(0, 2);
  std::replace(field.begin(), field.end(), '-', '_');
  return field;
}

}  // namespace

[[noreturn]] void reject(int status, std::string field, std::string problem, std::string accepted) {
  throw ApiError{status, std::move(field), std::move(problem), std::move(accepted)};
}

[[noreturn]] void reject(const Error& error) {
  int status = 500;
  switch (error.code) {
    case ErrorCode::kInvalidInput: status = 422; break;
    case ErrorCode::kNotFound: status = 404; break;
    case ErrorCode::kConflict: status = 409; break;
    default: break;
  }
  if (status == 500) reject(500, "server", "internal error", "try again; report it if it persists");
  reject(status, api_field(error.field), error.message, error.accepted);
}

Reply json_reply(const nlohmann::json& body, int status) {
  return Reply{status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

void set_session_cookie(Call& call, const Session& session) {
  const bool secure = call.app.options.secure_cookies || call.req.get_header_value("X-Forwarded-Proto") == "https";
  call.res.set_header("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict{}", kSessionCookie,
                                                session.id, secure ? "; Secure" : ""));
}

void clear_session_cookie(Call& call) {
  call.res.set_header("Set-Cookie",
                      fmt::format("{}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0", kSessionCookie));
}

bool is_loopback(std::string_view address) {
  if (address == "localhost") return true;
  if (address.starts_with("[") && address.ends_with("]")) address = address.substr(1, address.size() - 2);
  const std::string text(address);
  in_addr v4{};
  in6_addr v6{};
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  return inet_pton(AF_INET6, text.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

Status check_options(const ServerOptions& o) {
  if (o.port < 0 || o.port > 65535) {
    return invalid_input("--port", "port", fmt::format("{} is not a TCP port", o.port), "1 to 65535");
  }
  if (!o.multi_user && !is_loopback(o.listen)) {
    return invalid_input("--listen", "listen",
                         fmt::format("'{}' is not a loopback address; without accounts anyone who can "
                                     "reach it could read and change the journal",
                                     o.listen),
                         "127.0.0.1 (the default), or --multi-user with accounts (speciosa account add NAME)");
  }
  return Ok{};
}

std::filesystem::path default_web_dir() { return SPECIOSA_WEB_DIR; }

Status serve(const ServerOptions& options, void (*on_ready)(int port)) {
  if (auto s = check_options(options); !s) return s;
  if (!init_crypto()) return Error{ErrorCode::kInternal, "serve", "crypto", "libsodium did not start", {}};
  auto app = load_app(options);
  if (!app) return app.error();
  httplib::Server http;
  http.set_payload_max_length(options.max_body_bytes);
  // Browsers and load tools reuse a connection for many requests.
  http.set_keep_alive_max_count(10'000);
  // httplib writes headers and body separately; with Nagle's algorithm on, a kept-alive
  // connection then waits for the client's delayed ACK (~40 ms) on every response.
  http.set_tcp_nodelay(true);
  http.set_pre_routing_handler([](const httplib::Request&, httplib::Response& res) {
    trace = Trace{Clock::now(), "-"};
    add_security_headers(res);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  register_routes(http, **app);
  http.set_error_handler([max = options.max_body_bytes](const httplib::Request& req, httplib::Response& res) {
    on_error(req, res, max);
  });
  http.set_logger(log_line);
  const int port = options.port == 0 ? http.bind_to_any_port(options.listen)
                                     : (http.bind_to_port(options.listen, options.port) ? options.port : -1);
  if (port <= 0) {
    return Error{ErrorCode::kIo, "--port", "port",
                 fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)",
                             options.listen, options.port),
                 "a free port (--port) and an address of this machine (--listen)"};
  }
  if (on_ready != nullptr) on_ready(port);
  if (!http.listen_after_bind()) return Error{ErrorCode::kIo, "serve", "listen", "the server stopped", {}};
  return Ok{};
}

Status add_account(const std::string& db_url, const std::string& name, const std::string& password) {
  // NIST SP 800-63B 5.1.1.2: at least 8 characters for a memorised secret.
  if (password.size() < 8) {
    return invalid_input("account add", "password", "is shorter than 8 characters",
                         "a password of at least 8 characters on standard input");
  }
  if (!init_crypto()) return Error{ErrorCode::kInternal, "account", "crypto", "libsodium did not start", {}};
  auto hash = hash_password(password);
  if (!hash) return hash.error();
  auto store = journal::open_journal(db_url);
  if (!store) return store.error();
  auto id = (*store)->add_account(journal::Account{0, name, *hash});
  if (!id) return id.error();
  return Ok{};
}

std::vector<RouteSpec> api_routes() {
  std::vector<RouteSpec> out;
  for (const Route& r : routes()) out.push_back({r.method, r.path});
  return out;
}

}  // namespace speciosa::server
