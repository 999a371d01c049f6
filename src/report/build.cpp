// build_report: the header, the sections in reading order, and the sources they cited.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sections.hpp"

namespace speciosa::report {
namespace detail {
namespace {

constexpr double kSecondsPerDay = 86400.0;

journal::Instant local_midnight(journal::Instant at, const std::string& tz) {
  const auto offset = journal::utc_offset(at, tz);
  return std::chrono::floor<std::chrono::days>(at + offset) - offset;
}

journal::Instant first_entry(const journal::Entries& e, journal::Instant fallback) {
  journal::Instant first = fallback;
  for (const auto& d : e.doses) first = std::min(first, d.at);
  for (const auto& c : e.checkins) first = std::min(first, c.at);
  for (const auto& s : e.side_effects) first = std::min(first, s.at);
  return first;
}

std::string evidence_meaning(knowledge::Evidence e) {
  switch (e) {
    case knowledge::Evidence::kClinical: return "controlled studies in people";
    case knowledge::Evidence::kObservational: return "surveys and cohorts of people who use kratom";
    case knowledge::Evidence::kCaseReports: return "individual case reports";
    case knowledge::Evidence::kInVitro: return "cells, enzymes or receptors in the laboratory";
    case knowledge::Evidence::kAnimal: return "animal studies";
    case knowledge::Evidence::kTheoretical: return "inferred or assumed; not measured";
  }
  return "";
}

std::string citation(const knowledge::Source& s) {
  std::string line = fmt::format("[{}] {} ({}). {}.", s.key, s.authors, s.year, s.title);
  if (!s.journal.empty()) line += " " + s.journal + ".";
  if (!s.doi.empty()) {
    line += " doi:" + s.doi;
  } else if (!s.url.empty()) {
    line += " " + s.url;
  }
  return line;
}

template <typename T>
std::vector<T> inside(const std::vector<T>& all, journal::TimeRange window) {
  std::vector<T> out;
  std::copy_if(all.begin(), all.end(), std::back_inserter(out),
               [&](const T& e) { return window.from <= e.at && e.at < window.to; });
  return out;
}

// The window's entries, and each dose in mg of alkaloid.
Status window_entries(Context& ctx) {
  const journal::Entries& all = ctx.in.data.entries;
  ctx.entries = {inside(all.doses, ctx.in.window), inside(all.checkins, ctx.in.window),
                 inside(all.side_effects, ctx.in.window)};
  for (const journal::Dose& d : ctx.entries.doses) {
    auto converted = analysis::convert_dose(ctx.k, d, ctx.in.data.products);
    if (!converted) return converted.error();
    ctx.amounts.push_back(converted->alkaloids);
  }
  return Ok{};
}

void add_header(Report& r, const ReportInput& in) {
  const std::string& tz = in.data.person.tz;
  const auto days = std::chrono::round<std::chrono::days>(in.window.to - in.window.from).count();
  r.title = "Kratom use and mood: self-tracking summary for a clinician";
  r.header_lines = {
      fmt::format("Person: {}", in.display_name.empty() ? "anonymous" : in.display_name),
      fmt::format("Period: {} to {} ({} days)", local_date(in.window.from, tz), local_date(in.window.to, tz), days),
      fmt::format("Generated: {}", local_date(in.generated_at, tz))};
  r.disclaimer =
      "A summary of what this person logged, with model estimates. It is not a diagnosis. Kratom is "
      "not an approved treatment for anxiety or any other condition.";
}

}  // namespace

double Context::days_since_start(journal::Instant at) const {
  return static_cast<double>((at - start).count()) / kSecondsPerDay;
}

std::string local_date(journal::Instant at, const std::string& tz) {
  return journal::format_time(at, tz).substr(0, 10);
}

std::vector<PlotTick> date_ticks(const Context& ctx) {
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  // About eight labels fit under a page-wide chart.
  const int step = ctx.span_days <= 16 ? 2 : ctx.span_days <= 56 ? 7 : ctx.span_days <= 112 ? 14 : 28;
  std::vector<PlotTick> ticks;
  for (int d = 0; d <= static_cast<int>(ctx.span_days); d += step) {
    const journal::Instant at = ctx.start + std::chrono::days{d} + std::chrono::hours{12};
    const std::chrono::year_month_day ymd{
        std::chrono::floor<std::chrono::days>(at + journal::utc_offset(at, ctx.person().tz))};
    ticks.push_back({static_cast<double>(d), fmt::format("{} {}", static_cast<unsigned>(ymd.day()),
                                                         kMonths[static_cast<unsigned>(ymd.month()) - 1])});
  }
  return ticks;
}

std::string number(double v) { return fmt::format("{:.3g}", v); }

void add_sources(Context& ctx) {
  ctx.add(Heading{"Evidence levels and sources"});
  std::vector<std::string> levels;
  for (auto e : {knowledge::Evidence::kClinical, knowledge::Evidence::kObservational, knowledge::Evidence::kCaseReports,
                 knowledge::Evidence::kInVitro, knowledge::Evidence::kAnimal, knowledge::Evidence::kTheoretical}) {
    levels.push_back(fmt::format("{}: {}", knowledge::to_string(e), evidence_meaning(e)));
  }
  ctx.add(Paragraph{"Each number above names its evidence level, strongest first: " + fmt::format("{}.", fmt::join(levels, "; ")),
                    true});
  Bullets list{{}, true};
  for (const std::string& key : ctx.cited) {
    if (const knowledge::Source* s = ctx.k.find_source(key)) list.items.push_back(citation(*s));
  }
  ctx.add(list);
}

}  // namespace detail

const std::vector<double>* Chart::keep(std::vector<double> values) const {
  data->push_back(std::move(values));
  return &data->back();
}

Result<Report> build_report(const knowledge::Knowledge& k, const knowledge::SafetyData& safety_data,
                            const ReportInput& in) {
  if (!(in.window.from < in.window.to)) {
    return invalid_input("report", "days", "the report window is empty", "a window of at least one day");
  }
  Report report;
  detail::add_header(report, in);
  detail::Context ctx{k, safety_data, in};
  ctx.report = &report;
  if (Status s = detail::window_entries(ctx); !s) return s.error();
  ctx.start = std::max(in.window.from,
                       detail::local_midnight(detail::first_entry(ctx.entries, in.window.to), in.data.person.tz));
  ctx.span_days = std::max(1.0, ctx.days_since_start(in.window.to));
  const int days = detail::window_days(in);
  ctx.insight = analysis::insight(k, in.data, {in.window.to, days, analysis::InsightOptions{}.lead_in_days, (days + 6) / 7});
  detail::add_use_pattern(ctx);
  detail::add_products(ctx);
  if (Status s = detail::add_exposure(ctx); !s) return s.error();
  detail::add_mood(ctx);
  detail::add_stability(ctx);
  detail::add_rebound(ctx);
  if (Status s = detail::add_interactions(ctx); !s) return s.error();
  detail::add_red_flags(ctx);
  detail::add_legal(ctx);
  detail::add_sources(ctx);
  return report;
}

Result<Paper> paper_from_string(std::string_view text, std::string_view field) {
  if (text == "a4" || text == "A4") return Paper::kA4;
  if (text == "letter") return Paper::kLetter;
  return invalid_input(std::string(field), std::string(field.substr(field.find_first_not_of('-'))),
                       fmt::format("unknown paper size '{}'", text), "a4, letter");
}

Status check_report_path(const std::string& path, std::string_view field) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".pdf" || ext == ".html") return Ok{};
  return invalid_input(std::string(field), std::string(field.substr(field.find_first_not_of('-'))),
                       fmt::format("'{}' does not end in .pdf or .html", path),
                       "a file name ending in .pdf or .html, e.g. report.pdf");
}

}  // namespace speciosa::report
