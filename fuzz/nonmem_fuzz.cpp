// NONMEM-style datasets (`speciosa population --data`): any bytes as the CSV text. A dataset
// may be rejected with a message; an accepted one has subjects whose doses are finite, sorted
// and within the per-subject limit, and whose observation times are sorted and distinct.
#include <algorithm>
#include <cmath>
#include <string_view>

#include "fuzz_support.hpp"
#include "speciosa/sim_population.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using speciosa::fuzz::require;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = speciosa::sim::parse_nonmem(text, "events.csv");
  if (!parsed) {
    require(!parsed.error().message.empty(), "a rejection says what is wrong");
    return 0;
  }
  require(!parsed->empty(), "an accepted dataset has subjects");
  for (const auto& subject : *parsed) {
    require(subject.events.size() <= 100'000, "doses stay within the per-subject limit");
    for (std::size_t i = 0; i < subject.events.size(); ++i) {
      require(std::isfinite(subject.events[i].t_h) && std::isfinite(subject.events[i].amt_mg),
              "events are finite");
      require(i == 0 || subject.events[i - 1].t_h <= subject.events[i].t_h, "events are sorted by time");
    }
    const auto& t = subject.observation_times_h;
    require(std::adjacent_find(t.begin(), t.end(), [](double a, double b) { return a >= b; }) == t.end(),
            "observation times are sorted and distinct");
  }
  return 0;
}
