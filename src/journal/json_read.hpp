// Reading JSON written by the journal's exchange formats: typed members whose absence or
// wrong type becomes an Error naming where it is ("doses[3]") and the member.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "speciosa/common.hpp"

namespace speciosa::journal::json_read {

/// What a reader of `format` accepts, for the Error's "accepted" part.
inline std::string accepted_for(std::string_view format) {
  return "a file written by speciosa export --format " + std::string(format);
}

inline Error bad_member(const std::string& where, const std::string& key, const std::string& why,
                        std::string_view format) {
  return invalid_input(where, key, why, accepted_for(format));
}

/// An optional member; a present member of the wrong type is an error.
template <typename T>
Result<std::optional<T>> member(const nlohmann::json& obj, const char* key, const std::string& where,
                                std::string_view format) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::optional<T>{};
  try {
    return std::optional<T>(it->template get<T>());
  } catch (const nlohmann::json::exception&) {
    return bad_member(where, key, "has the wrong type", format);
  }
}

template <typename T>
Result<T> required(const nlohmann::json& obj, const char* key, const std::string& where,
                   std::string_view format) {
  auto v = member<T>(obj, key, where, format);
  if (!v) return v.error();
  if (!*v) return bad_member(where, key, "is missing", format);
  return **v;
}

/// Reads an optional member into `out` (left as is when absent).
template <typename T>
Status read_into(const nlohmann::json& obj, const char* key, const std::string& where,
                 std::string_view format, std::optional<T>& out) {
  auto v = member<T>(obj, key, where, format);
  if (!v) return v.error();
  out = *v;
  return Ok{};
}

/// Like read_into, for members whose absence means a default value.
template <typename T>
Status read_or(const nlohmann::json& obj, const char* key, const std::string& where,
               std::string_view format, T& out, T fallback) {
  auto v = member<T>(obj, key, where, format);
  if (!v) return v.error();
  out = v->value_or(std::move(fallback));
  return Ok{};
}

/// The first failed status, else Ok.
inline Status first_error(std::initializer_list<Status> checks) {
  for (const auto& s : checks) {
    if (!s) return s;
  }
  return Ok{};
}

}  // namespace speciosa::journal::json_read
