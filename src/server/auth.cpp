#include "auth.hpp"

#include <sodium.h>

namespace speciosa::server {
namespace {

// Enough live sessions for any household or clinic; past it, expired ones are swept first.
constexpr std::size_t kSweepAbove = 10'000;

}  // namespace

Session Sessions::create(std::optional<journal::AccountId> account, std::string account_name) {
  Session s{random_token(), account, std::move(account_name), random_token()};
  const auto now = Clock::now();
  std::lock_guard lock(mu_);
  if (by_id_.size() > kSweepAbove) drop_expired(now);
  by_id_[s.id] = Entry{s, now};
  return s;
}

std::optional<Session> Sessions::find(const std::string& id) {
  if (id.empty()) return std::nullopt;
  const auto now = Clock::now();
  std::lock_guard lock(mu_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  if (now - it->second.last_used > kIdleLimit) {
    by_id_.erase(it);
    return std::nullopt;
  }
  it->second.last_used = now;
  return it->second.session;
}

void Sessions::remove(const std::string& id) {
  std::lock_guard lock(mu_);
  by_id_.erase(id);
}

void Sessions::drop_expired(Clock::time_point now) {
  std::erase_if(by_id_, [&](const auto& item) { return now - item.second.last_used > kIdleLimit; });
}

bool LoginLimiter::blocked(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = failures_.find(key);
  if (it == failures_.end()) return false;
  auto& times = it->second;
  while (!times.empty() && now - times.front() > kWindow) times.pop_front();
  return static_cast<int>(times.size()) >= kMaxFailures;
}

void LoginLimiter::record_failure(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mu_);
  failures_[key].push_back(now);
}

void LoginLimiter::clear(const std::string& key) {
  std::lock_guard lock(mu_);
  failures_.erase(key);
}

bool init_crypto() { return sodium_init() >= 0; }

std::string random_token() {
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[2 * sizeof bytes + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

bool same_token(const std::string& a, const std::string& b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

Result<std::string> hash_password(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error{ErrorCode::kInternal, "account", "password", "not enough memory to hash the password", {}};
  }
  return std::string(out);
}

bool verify_password(const std::string& hash, const std::string& password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace speciosa::server
