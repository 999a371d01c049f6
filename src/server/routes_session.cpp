// Health, the session (CSRF token), login and logout, and the OpenAPI document.
#include "api.hpp"

namespace speciosa::server {
namespace {

nlohmann::json session_json(const Call& call, const Session& s) {
  return {{"mode", call.app.options.multi_user ? "multi" : "single"},
          {"account", s.account ? nlohmann::json(s.account_name) : nlohmann::json(nullptr)},
          {"csrf", s.csrf}};
}

void require_multi_user(const Call& call) {
  if (!call.app.options.multi_user) {
    reject(404, "path", "there are no accounts in single-person mode", "speciosa serve --multi-user");
  }
}

}  // namespace

Reply get_health(Call&) { return json_reply({{"ok", true}, {"version", SPECIOSA_VERSION}}); }

Reply get_session(Call& call) {
  if (call.session.id.empty()) {
    call.session = call.app.sessions.create(std::nullopt, "");
    set_session_cookie(call, call.session);
  }
  return json_reply(session_json(call, call.session));
}

Reply post_login(Call& call) {
  require_multi_user(call);
  const Fields body(call.req.body, {"account", "password"});
  const std::string name = body.text("account");
  const std::string password = body.text("password");
  const std::string key = name + '\n' + call.req.remote_addr;
  if (call.app.login_limiter.blocked(key, Clock::now())) {
    reject(429, "password", "too many failed logins for this account from this address",
           "wait 15 minutes, then try again");
  }
  auto account = call.store().account(name);
  if (!account && account.error().code != ErrorCode::kNotFound) reject(account.error());
  // Verify against a real hash even for an unknown name, so the time taken does not tell
  // which account names exist.
  static const std::string kDecoy = hash_password("decoy password").value();
  const bool ok = verify_password(account ? account->password_hash : kDecoy, password) && account;
  if (!ok) {
    call.app.login_limiter.record_failure(key, Clock::now());
    reject(401, "password", "account or password is wrong", "the account name and password set with speciosa account add");
  }
  call.app.login_limiter.clear(key);
  // A new session id at login: an id planted before login (session fixation) is worthless.
  call.app.sessions.remove(call.session.id);
  call.session = call.app.sessions.create(account->id, account->name);
  set_session_cookie(call, call.session);
  return json_reply(session_json(call, call.session));
}

Reply post_logout(Call& call) {
  require_multi_user(call);
  call.app.sessions.remove(call.session.id);
  clear_session_cookie(call);
  return json_reply({{"ok", true}});
}

Reply get_openapi(Call&) { return Reply{200, std::string(openapi_document())}; }

}  // namespace speciosa::server
