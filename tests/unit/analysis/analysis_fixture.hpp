// The knowledge base, loaded once for the analysis tests, and a fixed day to build journals on.
#pragma once

#include <chrono>
#include <gtest/gtest.h>

#include "speciosa/analysis.hpp"

namespace speciosa::testing {

inline const knowledge::Knowledge& test_knowledge() {
  static const knowledge::Knowledge k = [] {
    auto loaded = knowledge::load_knowledge(SPECIOSA_TEST_DATA_DIR);
    SPECIOSA_ASSERT(loaded.has_value(), "data/ loads");
    return std::move(loaded).value();
  }();
  return k;
}

/// 2026-03-02 00:00 UTC, a Monday.
inline journal::Instant test_day0() {
  return journal::Instant{std::chrono::sys_days{std::chrono::year{2026} / 3 / 2}};
}

inline journal::Instant hours_after(journal::Instant t0, double h) {
  return t0 + std::chrono::seconds{static_cast<long>(h * 3600)};
}

}  // namespace speciosa::testing
