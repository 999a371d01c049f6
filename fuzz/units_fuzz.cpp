// Amounts, fractions and durations as typed on the command line ("2g", "1.5 %", "30min",
// "0,6h,30min"). A parser may reject anything, but what it accepts must be a finite number
// of the kind asked for, and it must never crash.
#include <cmath>
#include <string>

#include "fuzz_support.hpp"
#include "speciosa/common.hpp"

namespace {

using speciosa::fuzz::require;

void check_number(const speciosa::Result<double>& r, const char* what) {
  if (r) require(std::isfinite(*r), what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace speciosa::units;
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto q = parse_quantity(text, "--dose")) {
    require(std::isfinite(q->value), "parse_quantity gives a finite value");
    require(!q->unit.empty(), "parse_quantity names the unit");
  }
  check_number(parse_mass_mg(text, "--dose"), "parse_mass_mg gives a finite mass");
  check_number(parse_duration_h(text, "--every"), "parse_duration_h gives a finite duration");
  check_number(parse_fraction(text, "--mg-content"), "parse_fraction gives a finite fraction");
  if (auto times = parse_time_list_h(text, "--at")) {
    require(!times->empty(), "a time list has at least one time");
    for (double t : *times) require(std::isfinite(t), "parse_time_list_h gives finite times");
  }
  return 0;
}
