// Local time <-> UTC instants through the system tzdata (date/tz with USE_OS_TZDB).
#include <charconv>
#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>
#include <stdexcept>

#include "speciosa/journal.hpp"

namespace speciosa::journal {
namespace {

constexpr std::string_view kTimeAccepted =
    "\"YYYY-MM-DD HH:MM\" in the person's time zone, optionally with \":SS\" and a trailing "
    "\"Z\" or \"+HH:MM\"";

const date::time_zone* find_zone(std::string_view tz) {
  try {
    return date::locate_zone(tz);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

// Reads exactly `width` digits at `pos` (advancing it); false if they are not there.
bool read_digits(std::string_view text, std::size_t& pos, std::size_t width, int& out) {
  if (pos + width > text.size()) return false;
  for (std::size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  std::from_chars(text.data() + pos, text.data() + pos + width, out);
  pos += width;
  return true;
}

bool read_char(std::string_view text, std::size_t& pos, std::string_view allowed) {
  if (pos >= text.size() || allowed.find(text[pos]) == std::string_view::npos) return false;
  ++pos;
  return true;
}

std::optional<date::year_month_day> read_date(std::string_view text, std::size_t& pos) {
  int y = 0, m = 0, d = 0;
  if (!read_digits(text, pos, 4, y) || !read_char(text, pos, "-") ||
      !read_digits(text, pos, 2, m) || !read_char(text, pos, "-") ||
      !read_digits(text, pos, 2, d)) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(m)},
                                 date::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

Error bad_time(std::string_view field, std::string_view text, std::string why) {
  return invalid_input(std::string(field), std::string(field),
                       fmt::format("'{}' {}", text, why), std::string(kTimeAccepted));
}

// Journal times are written back as "YYYY-MM-DD...Z" (export, history), so an accepted time must
// have a four-digit UTC year; before 1900 no one kept this journal.
Result<Instant> within_years(Instant at, std::string_view field, std::string_view text) {
  constexpr auto kFirst = date::sys_days{date::year{1900} / 1 / 1};
  constexpr auto kEnd = date::sys_days{date::year{10000} / 1 / 1};
  if (at < kFirst || at >= kEnd) return bad_time(field, text, "is not between the years 1900 and 9999");
  return at;
}

}  // namespace

std::string system_time_zone() {
  try {
    return std::string(date::current_zone()->name());
  } catch (const std::runtime_error&) {
    return "UTC";
  }
}

Status check_time_zone(std::string_view tz, std::string_view field) {
  if (!tz.empty() && find_zone(tz) != nullptr) return Ok{};
  return invalid_input(std::string(field), std::string(field),
                       fmt::format("'{}' is not a time zone known to this system", tz),
                       "an IANA zone such as America/New_York, Europe/Berlin or UTC");
}

Result<Date> parse_date(std::string_view text, std::string_view field) {
  std::size_t pos = 0;
  const auto ymd = read_date(text, pos);
  if (!ymd || pos != text.size()) {
    return invalid_input(std::string(field), std::string(field),
                         fmt::format("'{}' is not a valid date", text), "YYYY-MM-DD");
  }
  return Date{date::sys_days{*ymd}.time_since_epoch()};
}

Result<Instant> parse_time(std::string_view text, std::string_view tz, std::string_view field) {
  std::size_t pos = 0;
  const auto ymd = read_date(text, pos);
  int hh = 0, mm = 0, ss = 0;
  if (!ymd || !read_char(text, pos, " T") || !read_digits(text, pos, 2, hh) ||
      !read_char(text, pos, ":") || !read_digits(text, pos, 2, mm)) {
    return bad_time(field, text, "is not a valid date and time");
  }
  if (pos < text.size() && text[pos] == ':' && !(++pos, read_digits(text, pos, 2, ss))) {
    return bad_time(field, text, "has malformed seconds");
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad_time(field, text, "has an impossible time of day");
  const auto local = date::local_days{*ymd} + std::chrono::hours{hh} +
                     std::chrono::minutes{mm} + std::chrono::seconds{ss};
  if (pos < text.size() && text[pos] == ' ') ++pos;
  if (pos == text.size()) {
    const date::time_zone* zone = find_zone(tz);
    if (zone == nullptr) {
      return check_time_zone(tz, "tz").error();
    }
    const date::local_info info = zone->get_info(local);
    if (info.result == date::local_info::nonexistent) {
      return bad_time(field, text,
                      fmt::format("does not exist in {} (the clocks jump forward then)", tz));
    }
    // A repeated local time (clocks going back) means its first occurrence.
    return within_years(Instant{(local - info.first.offset).time_since_epoch()}, field, text);
  }
  if (text.substr(pos) == "Z") return within_years(Instant{local.time_since_epoch()}, field, text);
  int oh = 0, om = 0;
  const char sign = text[pos];
  if (!read_char(text, pos, "+-") || !read_digits(text, pos, 2, oh) || !read_char(text, pos, ":") ||
      !read_digits(text, pos, 2, om) || pos != text.size() || oh > 14 || om > 59) {
    return bad_time(field, text, "has a malformed zone offset");
  }
  const std::chrono::seconds offset = std::chrono::hours{oh} + std::chrono::minutes{om};
  return within_years(Instant{local.time_since_epoch() - (sign == '-' ? -offset : offset)}, field, text);
}

std::string format_time(Instant at, std::string_view tz) {
  const date::time_zone* zone = find_zone(tz);
  if (zone == nullptr) return date::format("%FT%TZ", at);
  const date::zoned_seconds local{zone, at};
  // An RFC 3339 offset has no seconds, but local mean time before standard time does (Kolkata
  // +05:53:28, Monrovia -00:44:30 until 1972); "%Ez" would drop them and move the instant on
  // the way back in (export, import). Such times are shown in UTC instead.
  if (local.get_info().offset % std::chrono::minutes{1} != std::chrono::seconds{0}) {
    return date::format("%FT%TZ", at);
  }
  return date::format("%FT%T%Ez", local);
}

std::chrono::minutes utc_offset(Instant at, std::string_view tz) {
  const date::time_zone* zone = find_zone(tz);
  if (zone == nullptr) return std::chrono::minutes{0};
  return std::chrono::duration_cast<std::chrono::minutes>(zone->get_info(at).offset);
}

std::string format_date(Date day) { return date::format("%F", date::sys_days{day.time_since_epoch()}); }

}  // namespace speciosa::journal
