// Private to the server: sessions (cookie id -> account and CSRF token, in memory), login
// rate limiting, argon2id password hashes and random tokens (libsodium).
#pragma once

#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "speciosa/journal.hpp"

namespace speciosa::server {

using Clock = std::chrono::steady_clock;

struct Session {
  std::string id;  ///< the cookie value; empty when the request carried no valid session
  std::optional<journal::AccountId> account;  ///< logged-in account (multi-user mode)
  std::string account_name;
  std::string csrf;  ///< must come back as X-CSRF-Token on every state-changing request
};

/// Live sessions. A session idle for longer than kIdleLimit is gone. Thread-safe.
class Sessions {
 public:
  /// Twelve hours: a day's use without logging in again, short enough to bound a stolen cookie.
  static constexpr auto kIdleLimit = std::chrono::hours{12};

  /// A new session with a new id and a new CSRF token (never reuses a presented id).
  Session create(std::optional<journal::AccountId> account, std::string account_name);
  /// The session with this id, refreshing its idle time; nullopt when unknown or expired.
  std::optional<Session> find(const std::string& id);
  void remove(const std::string& id);

 private:
  struct Entry {
    Session session;
    Clock::time_point last_used;
  };
  void drop_expired(Clock::time_point now);  // REQUIRES: mu_ is held

  std::mutex mu_;
  std::unordered_map<std::string, Entry> by_id_;
};

/// Failed logins per (account, client address): kMaxFailures within kWindow blocks further
/// attempts for that pair until the oldest failure leaves the window. Thread-safe.
class LoginLimiter {
 public:
  // OWASP Authentication Cheat Sheet: lock out after a small number of failures for a
  // period; 5 per 15 minutes keeps guessing to ~500 tries a day per address.
  static constexpr int kMaxFailures = 5;
  static constexpr auto kWindow = std::chrono::minutes{15};

  bool blocked(const std::string& key, Clock::time_point now);
  void record_failure(const std::string& key, Clock::time_point now);
  void clear(const std::string& key);

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Clock::time_point>> failures_;
};

/// Initialises libsodium; false if it cannot (no entropy source).
bool init_crypto();
/// 32 random bytes as 64 hex digits.
std::string random_token();
/// Compares in time independent of where the strings differ.
bool same_token(const std::string& a, const std::string& b);
/// argon2id string (libsodium's interactive limits: 2 passes, 64 MiB).
Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

}  // namespace speciosa::server
