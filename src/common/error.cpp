#include <cstdio>
#include <cstdlib>

#include "speciosa/common.hpp"

namespace speciosa {

std::string Error::to_string() const {
  std::string out;
  if (!where.empty()) out += where + ": ";
  // "--dose: ..." already names the field; "data/pk.toml:12: field 'value': ..." does not.
  const bool named_by_where = where == field || where == "--" + field;
  if (!field.empty() && !named_by_where) out += "field '" + field + "': ";
  out += message;
  if (!accepted.empty()) out += " (accepted: " + accepted + ")";
  return out;
}

bool Error::is_user_error() const {
  return code == ErrorCode::kInvalidInput || code == ErrorCode::kNotFound ||
         code == ErrorCode::kConflict;
}

Error invalid_input(std::string where, std::string field, std::string message,
                    std::string accepted) {
  return Error{ErrorCode::kInvalidInput, std::move(where), std::move(field), std::move(message),
               std::move(accepted)};
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

void assertion_failed(const char* cond, const char* why, const char* file, int line) {
  std::fprintf(stderr, "speciosa: internal error: %s (%s) at %s:%d\n", why, cond, file, line);
  std::abort();
}

}  // namespace speciosa
