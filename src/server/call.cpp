#include <charconv>

#include "api.hpp"

namespace speciosa::server {

std::int64_t Call::id_param(std::size_t n) const {
  const std::string& text = req.matches[n + 1];
  std::int64_t id = 0;
  std::from_chars(text.data(), text.data() + text.size(), id);
  return id;
}

journal::Instant now() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string Call::text_param(std::size_t n) const { return req.matches[n + 1]; }

int Call::int_query(const std::string& name, int fallback, int lo, int hi) const {
  if (!req.has_param(name)) return fallback;
  const std::string text = req.get_param_value(name);
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < lo || value > hi) {
    reject(422, name, "'" + text + "' is not a whole number in range",
           "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  }
  return value;
}

journal::JournalStore& Call::store() {
  if (!lease_) lease_.emplace(take(app.stores.acquire()));
  return **lease_;
}

bool may_see(const Call& call, const journal::Person& person) {
  return !call.app.options.multi_user || (call.session.account && person.account == call.session.account);
}

journal::Person Call::person(std::size_t n) {
  auto found = store().person(id_param(n));
  if (!found && found.error().code != ErrorCode::kNotFound) reject(found.error());
  if (!found || !may_see(*this, *found)) {
    reject(404, "pid", "no such person", "the id of one of your people (GET /api/v1/people)");
  }
  return std::move(*found);
}

}  // namespace speciosa::server
