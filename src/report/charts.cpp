// The two chart sections: modelled exposure over the period, and mood, anxiety and GAD-7.
#include <algorithm>
#include <fmt/format.h>

#include "sections.hpp"

namespace speciosa::report::detail {
namespace {

// A 90-day window at 15-minute steps is 8,640 points: still fine for a page-wide line, and
// fine enough to show each dose's peak (MG tmax about 1 h, Tanna 2022).
constexpr double kExposureStepH = 0.25;

// The simulated doses as model events, for predictions on the same regimen (interactions).
std::vector<sim::Event> dose_events(const analysis::Exposure& e) {
  std::vector<sim::Event> events;
  for (std::size_t i = 0; i < e.dose_times.size(); ++i) {
    analysis::append_dose_events(static_cast<double>((e.dose_times[i] - e.start).count()) / 3600.0,
                                 e.dose_amounts[i], events);
  }
  return sim::expand_events(events);
}

std::vector<double> dose_days(const Context& ctx) {
  std::vector<double> days;
  for (const journal::Dose& d : ctx.entries.doses) days.push_back(ctx.days_since_start(d.at));
  return days;
}

double peak(const std::vector<double>& v) { return v.empty() ? 0 : *std::max_element(v.begin(), v.end()); }

Chart exposure_chart(const Context& ctx, const analysis::Exposure& s) {
  Chart c;
  const double offset_days = ctx.days_since_start(s.start);
  std::vector<double> x_days;
  for (double t : s.t_h) x_days.push_back(offset_days + t / 24);
  c.spec.x = c.keep(std::move(x_days));
  c.spec.x_label = "date (local)";
  c.spec.x_max = ctx.span_days;
  c.spec.x_ticks = date_ticks(ctx);
  c.spec.dose_times_h = dose_days(ctx);
  // One panel each (7-OH only if a product has any): 7-OH levels are about a tenth of
  // mitragynine's and would be a flat line on a shared scale.
  c.spec.panels.push_back({"Modelled plasma mitragynine", "ng/mL", {{"mitragynine", c.keep(s.mg_ng_ml)}}});
  if (peak(s.oh_ng_ml) > 0) {
    c.spec.panels.push_back({"Modelled plasma 7-OH-mitragynine", "ng/mL", {{"7-OH-MG", c.keep(s.oh_ng_ml)}}});
  }
  c.spec.footnote = "Triangles under the axis mark logged doses.";
  return c;
}

// GAD-7 total score bands (Spitzer 2006): 0–4, 5–9, 10–14, 15–21, named by analysis::gad7_band.
// Band edges sit half-way between the integer scores.
std::vector<PlotBand> gad7_bands() {
  return {{0, 4.5, analysis::gad7_band(0)},
          {4.5, 9.5, analysis::gad7_band(5)},
          {9.5, 14.5, analysis::gad7_band(10)},
          {14.5, 21, analysis::gad7_band(15)}};
}

struct Ratings {
  std::vector<double> anxiety_x, anxiety, mood_x, mood, gad7_x, gad7;
};

Ratings ratings(const Context& ctx) {
  Ratings r;
  for (const journal::Checkin& c : ctx.entries.checkins) {
    const double x = ctx.days_since_start(c.at);
    if (c.anxiety) {
      r.anxiety_x.push_back(x);
      r.anxiety.push_back(*c.anxiety);
    }
    if (c.mood) {
      r.mood_x.push_back(x);
      r.mood.push_back(*c.mood);
    }
    if (auto g = c.gad7_score()) {
      r.gad7_x.push_back(x);
      r.gad7.push_back(*g);
    }
  }
  return r;
}

Chart mood_chart(const Context& ctx, const Ratings& r) {
  Chart c;
  c.spec.x = c.keep({0.0, ctx.span_days});
  c.spec.x_label = "date (local)";
  c.spec.x_max = ctx.span_days;
  c.spec.x_ticks = date_ticks(ctx);
  c.spec.dose_times_h = dose_days(ctx);
  PlotPanel ratings_panel{"Check-ins", "rating 0-10", {}, {}, 10.0};
  ratings_panel.lines.push_back({"anxiety", c.keep(r.anxiety), false, c.keep(r.anxiety_x), true});
  ratings_panel.lines.push_back({"mood", c.keep(r.mood), true, c.keep(r.mood_x), true});
  c.spec.panels.push_back(std::move(ratings_panel));
  if (!r.gad7.empty()) {
    PlotPanel gad7_panel{"GAD-7 with severity bands", "score 0-21", {}, gad7_bands(), 21.0};
    gad7_panel.lines.push_back({"GAD-7", c.keep(r.gad7), false, c.keep(r.gad7_x), true});
    c.spec.panels.push_back(std::move(gad7_panel));
  }
  c.spec.footnote = "Anxiety 0 none to 10 worst; mood 0 worst to 10 best. Triangles mark logged doses.";
  return c;
}

std::string gad7_text(const Context& ctx) {
  std::vector<std::pair<journal::Instant, int>> scores;
  for (const journal::Checkin& c : ctx.entries.checkins) {
    if (auto g = c.gad7_score()) scores.emplace_back(c.at, *g);
  }
  if (scores.empty()) return "No GAD-7 was answered in this period.";
  const auto& [first_at, first] = scores.front();
  const auto& [last_at, last] = scores.back();
  if (scores.size() == 1) {
    return fmt::format("GAD-7: {} ({}) on {}.", last, analysis::gad7_band(last), local_date(last_at, ctx.person().tz));
  }
  return fmt::format("GAD-7: {} answers; first {} ({}) on {}, latest {} ({}) on {}.", scores.size(), first,
                     analysis::gad7_band(first), local_date(first_at, ctx.person().tz), last, analysis::gad7_band(last),
                     local_date(last_at, ctx.person().tz));
}

}  // namespace

Status add_exposure(Context& ctx) {
  ctx.add(Heading{"Modelled exposure"});
  if (ctx.entries.doses.empty()) {
    ctx.add(Paragraph{"No doses to model in this period."});
    return Ok{};
  }
  auto exposure = analysis::simulate_exposure(ctx.k, ctx.in.data, {kExposureStepH, ctx.in.window.from, ctx.in.window.to});
  if (!exposure) return exposure.error();
  ctx.events = dose_events(*exposure);
  Chart chart = exposure_chart(ctx, *exposure);
  const double mg_peak = peak(exposure->mg_ng_ml);
  const double oh_peak = peak(exposure->oh_ng_ml);
  chart.alt = fmt::format("Line chart of modelled plasma levels over {} days: mitragynine up to {} ng/mL, "
                          "7-OH-mitragynine up to {} ng/mL; {} logged doses marked.",
                          number(ctx.span_days), number(mg_peak), number(oh_peak), ctx.entries.doses.size());
  ctx.add(chart);
  ctx.cite("tanna2022");
  ctx.cite("tanna2021");
  ctx.cite("basiliere2020");
  std::string text = fmt::format(
      "Highest modelled level: mitragynine {} ng/mL, 7-OH-mitragynine {} ng/mL, for {} kg{}. A model estimate, "
      "not a measurement: parameters fitted to one clinical study (tanna2022, n = 5, one 2 g dose; clinical) with "
      "CYP3A auto-inhibition from laboratory data (tanna2021; in-vitro). 7-OH includes what the body forms from "
      "mitragynine (CYP3A4; basiliere2020; in-vitro), so it is present even with products that contain none. Doses "
      "before the period are not included.",
      number(mg_peak), number(oh_peak), number(exposure->weight_kg),
      ctx.person().weight_kg ? "" : " (weight not recorded; 70 kg assumed)");
  if (!ctx.in.data.comedication_note.empty()) text += " With " + ctx.in.data.comedication_note + ".";
  ctx.add(Paragraph{text, true});
  return Ok{};
}

void add_mood(Context& ctx) {
  ctx.add(Heading{"Mood, anxiety and GAD-7"});
  const Ratings r = ratings(ctx);
  if (r.anxiety.empty() && r.mood.empty() && r.gad7.empty()) {
    ctx.add(Paragraph{"No check-ins were logged in this period."});
    return;
  }
  Chart chart = mood_chart(ctx, r);
  chart.alt = fmt::format("Dot chart of {} anxiety and {} mood ratings (0-10) over {} days{}.", r.anxiety.size(),
                          r.mood.size(), number(ctx.span_days),
                          r.gad7.empty() ? "" : fmt::format(", and {} GAD-7 scores against the severity bands", r.gad7.size()));
  ctx.add(chart);
  ctx.cite("spitzer2006");
  ctx.add(Paragraph{gad7_text(ctx) + " Bands: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe (spitzer2006; "
                                     "clinical). A screening score, not a diagnosis.",
                    true});
}

}  // namespace speciosa::report::detail
