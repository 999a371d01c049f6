#include "json_body.hpp"

#include <fmt/format.h>

#include "api.hpp"

namespace speciosa::server {
namespace {

[[noreturn]] void wrong_type(const char* key, const char* accepted) {
  reject(400, key, "has the wrong type", accepted);
}

// A whole number; past +-1e6 no field of the API can be valid, so say so rather than wrap.
int whole(const nlohmann::json& v, const char* key, const char* accepted) {
  if (!v.is_number_integer()) wrong_type(key, accepted);
  const auto n = v.get<std::int64_t>();
  if (n < -1'000'000 || n > 1'000'000) reject(422, key, fmt::format("{} is out of range", n));
  return static_cast<int>(n);
}

}  // namespace

Fields::Fields(const std::string& body, std::initializer_list<std::string_view> allowed) {
  doc_ = nlohmann::json::parse(body.empty() ? std::string("{}") : body, nullptr, /*allow_exceptions=*/false);
  if (doc_.is_discarded() || !doc_.is_object()) {
    reject(400, "body", "is not a JSON object", "a JSON object, Content-Type: application/json");
  }
  for (const auto& [key, value] : doc_.items()) {
    bool known = false;
    for (std::string_view a : allowed) known = known || a == key;
    if (!known) {
      std::string list;
      for (std::string_view a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
      reject(400, key, "is not a field of this request", list.empty() ? "no fields" : list);
    }
  }
}

const nlohmann::json* Fields::find(const char* key) const {
  auto it = doc_.find(key);
  if (it == doc_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool Fields::has(const char* key) const { return find(key) != nullptr; }

std::string Fields::text(const char* key) const {
  auto v = opt_text(key);
  if (!v) reject(400, key, "is missing", "a string");
  return *v;
}

std::optional<std::string> Fields::opt_text(const char* key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) wrong_type(key, "a string");
  return v->get<std::string>();
}

std::optional<int> Fields::opt_int(const char* key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  return whole(*v, key, "a whole number");
}

std::optional<double> Fields::opt_number(const char* key) const {
  const auto* v = find(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_number()) wrong_type(key, "a number");
  return v->get<double>();
}

std::vector<std::string> Fields::texts(const char* key) const {
  const auto* v = find(key);
  if (v == nullptr) return {};
  if (!v->is_array()) wrong_type(key, "a list of strings");
  std::vector<std::string> out;
  for (const auto& item : *v) {
    if (!item.is_string()) wrong_type(key, "a list of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

std::vector<int> Fields::ints(const char* key) const {
  const auto* v = find(key);
  if (v == nullptr) return {};
  if (!v->is_array()) wrong_type(key, "a list of whole numbers");
  std::vector<int> out;
  for (const auto& item : *v) out.push_back(whole(item, key, "a list of whole numbers"));
  return out;
}

}  // namespace speciosa::server
