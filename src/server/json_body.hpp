// Private to the server: reading a JSON request body field by field. A body that is not a
// JSON object, an unknown field or a field of the wrong type is malformed (400); whether a
// well-typed value is acceptable is for the journal and the models to say (422).
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace speciosa::server {

class Fields {
 public:
  /// Parses `body`; rejects anything but an object whose keys are all in `allowed`.
  Fields(const std::string& body, std::initializer_list<std::string_view> allowed);

  bool has(const char* key) const;
  std::string text(const char* key) const;  ///< required
  std::optional<std::string> opt_text(const char* key) const;
  std::optional<int> opt_int(const char* key) const;
  std::optional<double> opt_number(const char* key) const;
  std::vector<std::string> texts(const char* key) const;  ///< missing = empty
  std::vector<int> ints(const char* key) const;            ///< missing = empty

 private:
  const nlohmann::json* find(const char* key) const;  // null when missing or JSON null
  nlohmann::json doc_;
};

}  // namespace speciosa::server
