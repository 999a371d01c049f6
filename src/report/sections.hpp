// The report's sections. Each adds its blocks to the report and cites its sources; build.cpp
// calls them in reading order.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "speciosa/report.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::report::detail {

/// What every section reads, and what they add to.
struct Context {
  const knowledge::Knowledge& k;
  const knowledge::SafetyData& safety;
  const ReportInput& in;
  journal::Entries entries{};                     ///< the entries inside the window
  std::vector<analysis::AlkaloidDose> amounts{};  ///< mg of each alkaloid, one per entries.doses
  journal::Instant start{};        ///< x = 0 of the charts: local midnight of the first day with data
  double span_days = 1;            ///< chart x range, from start to the end of the window
  std::vector<sim::Event> events{};  ///< the window's doses as model events (t_h since the first)
  std::set<std::string> cited{};   ///< source keys named anywhere in the report
  Result<analysis::Insight> insight = Error{};  ///< rebound and escalation, or why not available
  Report* report = nullptr;

  const journal::Person& person() const { return in.data.person; }
  void add(Block block) { report->blocks.push_back(std::move(block)); }
  void cite(const std::string& key) { cited.insert(key); }
  void cite(const std::vector<std::string>& keys) { cited.insert(keys.begin(), keys.end()); }
  /// Days from `start` (the charts' x).
  double days_since_start(journal::Instant at) const;
};

/// "2026-03-14" in the person's zone.
std::string local_date(journal::Instant at, const std::string& tz);
/// Date ticks for the charts' x axis (days since start).
std::vector<PlotTick> date_ticks(const Context& ctx);
/// Days the report window spans (at least 1).
int window_days(const ReportInput& in);
/// "0.42 (95 % CI 0.1 to 0.7; n = 40)".
std::string fit_text(const analysis::LineFit& fit, double scale = 1);
/// "12.5" / "0.31": three significant figures at most, no trailing zeros.
std::string number(double v);

void add_use_pattern(Context& ctx);
void add_products(Context& ctx);
Status add_exposure(Context& ctx);
void add_mood(Context& ctx);
void add_stability(Context& ctx);
void add_rebound(Context& ctx);
/// The escalation finding in plain words (or why it is not available).
std::string escalation_text(const Context& ctx);
Status add_interactions(Context& ctx);
void add_red_flags(Context& ctx);
void add_legal(Context& ctx);
void add_sources(Context& ctx);

}  // namespace speciosa::report::detail
