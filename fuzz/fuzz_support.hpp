// What every harness needs: the fuzzer's bytes split into fields, and an invariant check that
// aborts (so libFuzzer saves the input) with a message saying which promise was broken.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace speciosa::fuzz {

inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

/// One field per line; the last field takes the rest (it may hold newlines).
inline std::vector<std::string> split_fields(const std::uint8_t* data, std::size_t size,
                                             std::size_t n) {
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> fields;
  while (fields.size() + 1 < n) {
    const std::size_t newline = rest.find('\n');
    fields.emplace_back(rest.substr(0, newline));
    rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
  }
  fields.emplace_back(rest);
  return fields;
}

}  // namespace speciosa::fuzz
