// Journal times as typed ("2026-11-24 08:30", "...Z", "...+05:30") in a person's IANA zone,
// and calendar dates. Input: the zone on the first line, the text after it. An accepted time
// must format and parse back to the same instant, and a date likewise.
#include <chrono>
#include <string>

#include "fuzz_support.hpp"
#include "speciosa/journal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace speciosa::journal;
  using speciosa::fuzz::require;
  const auto fields = speciosa::fuzz::split_fields(data, size, 2);
  const std::string& tz = fields[0];
  const std::string& text = fields[1];
  (void)check_time_zone(tz, "--tz");
  if (auto at = parse_time(text, tz, "--at")) {
    const std::string shown = format_time(*at, tz);
    auto again = parse_time(shown, tz, "--at");
    require(again.has_value(), "a formatted time parses again");
    require(*again == *at, "a formatted time parses back to the same instant");
    const auto offset = utc_offset(*at, tz);
    require(offset > std::chrono::hours(-24) && offset < std::chrono::hours(24),
            "a zone's offset is less than a day");
  }
  if (auto day = parse_date(text, "--start")) {
    auto again = parse_date(format_date(*day), "--start");
    require(again.has_value() && *again == *day, "a formatted date parses back to the same day");
  }
  return 0;
}
