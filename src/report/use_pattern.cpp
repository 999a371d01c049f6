// Use pattern (doses, amounts and timing per local day) and the products behind the doses.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>

#include "sections.hpp"

namespace speciosa::report::detail {
namespace {

struct UseDay {
  int doses = 0;
  double product_g = 0;
  double mg_mg = 0;
  double oh_mg = 0;
  double first_min = 24 * 60;
  double last_min = 0;
};

struct Spread {
  double mean = 0, low = 0, high = 0;
};

Spread spread(const std::vector<double>& v) {
  SPECIOSA_ASSERT(!v.empty(), "a spread needs values");
  const auto [low, high] = std::minmax_element(v.begin(), v.end());
  return {std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size()), *low, *high};
}

double median(std::vector<double> v) {
  SPECIOSA_ASSERT(!v.empty(), "a median needs values");
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string clock_time(double minutes) {
  const int m = static_cast<int>(std::lround(minutes));
  return fmt::format("{:02d}:{:02d}", m / 60, m % 60);
}

// Mass of product in grams; servings (tablets, shots) have none.
std::optional<double> product_grams(const journal::Dose& d) {
  if (d.unit == "g") return d.amount;
  if (d.unit == "mg") return d.amount / 1000;
  if (d.unit == "ug") return d.amount / 1e6;
  return std::nullopt;
}

std::map<journal::Date, UseDay> use_days(const Context& ctx) {
  std::map<journal::Date, UseDay> days;
  for (std::size_t i = 0; i < ctx.entries.doses.size(); ++i) {
    const journal::Dose& d = ctx.entries.doses[i];
    const auto local = d.at + journal::utc_offset(d.at, ctx.person().tz);
    const journal::Date date = std::chrono::floor<std::chrono::days>(local);
    const double minute = static_cast<double>((local - date).count()) / 60.0;
    UseDay& u = days[date];
    ++u.doses;
    u.product_g += product_grams(d).value_or(0);
    u.mg_mg += ctx.amounts[i].mitragynine_mg;
    u.oh_mg += ctx.amounts[i].hydroxymitragynine_mg;
    u.first_min = std::min(u.first_min, minute);
    u.last_min = std::max(u.last_min, minute);
  }
  return days;
}

std::string per_day(const std::vector<double>& v, std::string_view unit) {
  const Spread s = spread(v);
  const std::string suffix = unit.empty() ? "" : " " + std::string(unit);
  return fmt::format("mean {}{} (range {}–{}{})", number(s.mean), suffix, number(s.low), number(s.high), suffix);
}

std::vector<std::vector<std::string>> amount_rows(const std::map<journal::Date, UseDay>& days, int window_days) {
  std::vector<double> doses, grams, mg, oh;
  for (const auto& [date, u] : days) {
    doses.push_back(u.doses);
    grams.push_back(u.product_g);
    mg.push_back(u.mg_mg);
    oh.push_back(u.oh_mg);
  }
  std::vector<std::vector<std::string>> rows{
      {"Days with any dose", fmt::format("{} of {} days", days.size(), window_days)},
      {"Doses per day (days with use)", per_day(doses, "")},
  };
  if (*std::max_element(grams.begin(), grams.end()) > 0) rows.push_back({"Product per day, by weight", per_day(grams, "g")});
  rows.push_back({"Mitragynine per day (estimated)", per_day(mg, "mg")});
  rows.push_back({"7-OH-mitragynine per day (estimated)", per_day(oh, "mg")});
  return rows;
}

std::vector<std::vector<std::string>> timing_rows(const std::map<journal::Date, UseDay>& days,
                                                  const std::vector<journal::Dose>& doses) {
  std::vector<double> first, last;
  for (const auto& [date, u] : days) {
    first.push_back(u.first_min);
    last.push_back(u.last_min);
  }
  std::vector<std::vector<std::string>> rows{{"First dose of the day (median local time)", clock_time(median(first))},
                                             {"Last dose of the day (median local time)", clock_time(median(last))}};
  std::vector<double> gaps_h;
  for (std::size_t i = 1; i < doses.size(); ++i) {
    gaps_h.push_back(static_cast<double>((doses[i].at - doses[i - 1].at).count()) / 3600.0);
  }
  if (!gaps_h.empty()) {
    rows.push_back({"Time between doses", fmt::format("median {} h; longest {} h", number(median(gaps_h)),
                                                      number(*std::max_element(gaps_h.begin(), gaps_h.end())))});
  }
  return rows;
}

const journal::PersonProduct* own_product(const ReportInput& in, const std::string& name) {
  for (const auto& p : in.data.products) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string percent(double fraction) { return number(fraction * 100) + " %"; }

// "1.6 % (lab-tested)" or "1.5 % (typical; range 0.5–2.7 %)".
std::string content_text(std::optional<double> lab_percent, const knowledge::Content* typical) {
  if (lab_percent) return fmt::format("{} % (lab-tested)", number(*lab_percent));
  if (typical == nullptr) return "unknown";
  return fmt::format("{} (typical; range {}–{} %)", percent(typical->typical), number(typical->low * 100),
                     number(typical->high * 100));
}

std::vector<std::string> product_row(Context& ctx, const std::string& name, int count) {
  const journal::PersonProduct* own = own_product(ctx.in, name);
  const knowledge::Product* kb = ctx.k.find_product(own != nullptr ? own->kb_product_id : name);
  const bool lab = own != nullptr && own->mg_percent.has_value();
  std::string basis = "lab-tested (certificate of analysis)";
  if (kb != nullptr && !lab) {
    ctx.cite(kb->mg_fraction.provenance.source);
    basis = fmt::format("typical for {}: {} ({})", kb->name, kb->mg_fraction.provenance.source,
                        knowledge::to_string(kb->mg_fraction.provenance.evidence));
  } else if (kb == nullptr && !lab) {
    basis = "not in the knowledge base";
  }
  return {name, std::to_string(count),
          content_text(own != nullptr ? own->mg_percent : std::nullopt, kb ? &kb->mg_fraction : nullptr),
          content_text(own != nullptr ? own->oh_percent : std::nullopt, kb ? &kb->oh_fraction : nullptr), basis};
}

}  // namespace

void add_use_pattern(Context& ctx) {
  ctx.add(Heading{"Use pattern"});
  const auto days = use_days(ctx);
  if (days.empty()) {
    ctx.add(Paragraph{"No doses were logged in this period."});
    return;
  }
  const int window_days = static_cast<int>(std::ceil(ctx.span_days - 1e-9));
  Table t{{"Measure", "Value"}, amount_rows(days, window_days), {0.45, 0.55}};
  for (auto& row : timing_rows(days, ctx.entries.doses)) t.rows.push_back(std::move(row));
  t.rows.push_back({"Escalation (weekly amounts)", escalation_text(ctx)});
  ctx.add(t);
  ctx.add(Paragraph{fmt::format("Over the {} days since the first entry in the period. Amounts are as logged; "
                                "alkaloid amounts use each product's content (next section).",
                                window_days),
                    true});
}

void add_products(Context& ctx) {
  ctx.add(Heading{"Products and their content"});
  std::vector<std::pair<std::string, int>> used;  // in order of first use
  for (const journal::Dose& d : ctx.entries.doses) {
    auto it = std::find_if(used.begin(), used.end(), [&](const auto& u) { return u.first == d.product; });
    if (it == used.end()) {
      used.emplace_back(d.product, 1);
    } else {
      ++it->second;
    }
  }
  if (used.empty()) {
    ctx.add(Paragraph{"No products were logged in this period."});
    return;
  }
  Table t{{"Product", "Doses", "Mitragynine (w/w)", "7-OH (w/w)", "Basis"}, {}, {0.16, 0.08, 0.24, 0.24, 0.28}};
  for (const auto& [name, count] : used) t.rows.push_back(product_row(ctx, name, count));
  ctx.add(t);
  ctx.add(Paragraph{"Content varies from batch to batch: typical values come from laboratory analyses of "
                    "market products, and a given batch can lie anywhere in the range.",
                    true});
}

}  // namespace speciosa::report::detail
