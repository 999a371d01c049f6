// Dose regimens from the simulate options: --dose, --as, --product, --mg-content,
// --oh-content, --every, --count, --at and the span (--hours). Input: one option per line in
// that order. A regimen may be rejected with a message; an accepted one has events at finite,
// sorted times, and building it must stay within memory and time.
#include <charconv>
#include <cmath>
#include <string>

#include "fuzz_support.hpp"
#include "speciosa/analysis_simulation.hpp"

namespace {

const speciosa::knowledge::Knowledge& real_knowledge() {
  static const speciosa::knowledge::Knowledge k = [] {
    auto loaded = speciosa::knowledge::load_knowledge(SPECIOSA_FUZZ_DATA_DIR);
    speciosa::fuzz::require(loaded.has_value(), "data/ loads");
    return *loaded;
  }();
  return k;
}

template <typename T>
T number_or(const std::string& text, T fallback) {
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc{} && end == text.data() + text.size() ? value : fallback;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using speciosa::fuzz::require;
  const auto f = speciosa::fuzz::split_fields(data, size, 9);
  speciosa::analysis::RegimenOptions o;
  o.dose = f[0];
  o.as = f[1];
  o.product = f[2];
  o.mg_content = f[3];
  o.oh_content = f[4];
  o.every = f[5];
  o.count = number_or(f[6], 0);
  o.at = f[7];
  // The CLI accepts any positive finite --hours; the span only sizes --every without --count.
  double span_h = number_or(f[8], 168.0);
  if (!(span_h > 0) || !std::isfinite(span_h)) span_h = 168;
  auto r = speciosa::analysis::build_regimen(o, real_knowledge(), span_h);
  if (!r) return 0;
  require(!r->events.empty() && !r->dose_times_h.empty(), "an accepted regimen has doses");
  for (std::size_t i = 0; i < r->events.size(); ++i) {
    require(std::isfinite(r->events[i].t_h) && std::isfinite(r->events[i].amt_mg) &&
                r->events[i].amt_mg > 0, "events are finite doses");
    require(i == 0 || r->events[i - 1].t_h <= r->events[i].t_h, "events are sorted by time");
  }
  return 0;
}
