// speciosa analysis: what a person's own journal shows, with the model laid underneath.
//
// - Doses: a logged amount of a product (grams of leaf, mg, servings; the person's lab-tested
//   content first) converted to mg of mitragynine (MG) and 7-OH-mitragynine.
// - Exposure: the person's logged doses simulated with the model (their weight, their products,
//   a CYP3A-inhibiting co-medication) -> MG / 7-OH plasma levels, mu-opioid activity, tolerance,
//   the tone deficit and the withdrawal index on a time grid, and for any instant those values plus the time
//   since the last dose.
// - Stability: mean, SD, MSSD/RMSSD (successive differences only within a maximum gap), the
//   probability of acute change, trend with a confidence interval, GAD-7 with severity bands.
// - Insight: anxiety against modelled exposure (robust and lagged regression with CIs and n),
//   interdose rebound detection, tolerance drift and escalation from the dose log.
// - Taper: a schedule whose steps are simulated so that the day-to-day fall in mu activity
//   stays under a limit, to discuss with a clinician.
// Every result has a to_json. Functions are pure (no clock, no I/O): callers pass `now` and
// the journal data. Methods and their limits: docs/analysis.md.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/journal.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/sim.hpp"

namespace speciosa::analysis {

// --- Doses -----------------------------------------------------------------------------------

/// One dose as a person describes it. Errors name the CLI options (--dose, --product, ...).
struct DoseSpec {
  std::string amount;      ///< "2g", "25mg", "1tablet"
  std::string as = "leaf"; ///< what `amount` measures: leaf | mitragynine | 7-oh
  std::string product;     ///< knowledge-base product id or alias; "" = typical leaf
  std::string mg_content;  ///< "1.5%": overrides the product's MG content
  std::string oh_content;  ///< "0.01%": overrides the product's 7-OH content
};

/// mg of each alkaloid in one dose.
struct AlkaloidDose {
  double mitragynine_mg = 0;
  double hydroxymitragynine_mg = 0;
};

struct ConvertedDose {
  AlkaloidDose alkaloids;
  std::string content_note;           ///< which content was used and its source
  std::vector<std::string> warnings;  ///< above the ranges in data/dose_bands.toml
};

/// Converts a dose to mg of alkaloid through the product's content (data/products.toml).
Result<ConvertedDose> convert_dose(const knowledge::Knowledge& k, const DoseSpec& dose);

/// The same for a journal dose; the person's own product (with lab-tested content) wins over a
/// knowledge-base product of the same name. Errors say "journal dose <id>".
Result<ConvertedDose> convert_dose(const knowledge::Knowledge& k, const journal::Dose& dose,
                                   const std::vector<journal::PersonProduct>& products);

/// Appends the oral dose records (one per alkaloid present) for a dose at `t_h`.
void append_dose_events(double t_h, const AlkaloidDose& dose, std::vector<sim::Event>& events);

// --- The person's data -----------------------------------------------------------------------

/// Everything the analyses read about one person. The caller fetches it from the journal.
struct PersonData {
  journal::Person person;
  journal::Entries entries;                       ///< any span; each list ordered by time
  std::vector<journal::PersonProduct> products;
  /// CYP3A activity left by the person's current medications (1 = none). The CLI fills it
  /// through the safety module's interaction data (analysis sits below safety).
  double comed_cyp3a_activity = 1.0;
  std::string comedication_note;
};

// --- Exposure: the logged doses simulated -----------------------------------------------------

struct ExposureOptions {
  double step_h = 0.25;             ///< output grid step
  /// Only doses from this instant on are simulated (earlier ones are ignored); default all.
  journal::Instant from = journal::Instant::min();
  /// Grid end; default the last dose + 24 h.
  std::optional<journal::Instant> until;
};

/// Modelled values at one instant.
struct ExposurePoint {
  double mg_ng_ml = 0;
  double oh_ng_ml = 0;
  double mu_activity = 0;  ///< fraction of a full agonist's maximal effect
  double tolerance = 0;    ///< 0..1
  double withdrawal = 0;   ///< withdrawal index 0..1 (docs/model.md): slow, lags by ~12 h
  /// Opioid tone below the adapted level, 0..1 (docs/model.md): the fast, within-day stage of
  /// withdrawal that grows as mu activity falls between doses and closes 1-2 h after the next one.
  double tone_deficit = 0;
  std::optional<double> hours_since_last_dose;  ///< none before the first dose
};

struct Exposure {
  journal::Instant start{};  ///< t_h = 0: the first simulated dose
  std::vector<double> t_h;
  std::vector<double> mg_ng_ml;
  std::vector<double> oh_ng_ml;
  std::vector<double> mu_activity;
  std::vector<double> tolerance;
  std::vector<double> withdrawal;
  std::vector<double> tone_deficit;
  std::vector<journal::Instant> dose_times;  ///< sorted
  std::vector<AlkaloidDose> dose_amounts;    ///< same order as dose_times
  double weight_kg = 70;

  /// Linear interpolation on the grid; zeros before the first dose, the last grid values after
  /// the end.
  ExposurePoint at(journal::Instant when) const;
};

/// Simulates the person's doses. Needs at least one dose in range (else kInvalidInput).
Result<Exposure> simulate_exposure(const knowledge::Knowledge& k, const PersonData& data,
                                   const ExposureOptions& options = {});

// --- Statistics building blocks ---------------------------------------------------------------

/// One rating at a time (hours on any common clock).
struct TimedValue {
  double t_h = 0;
  double value = 0;
};

/// A straight-line fit y = intercept + slope·x with a 95 % confidence interval for the slope.
struct LineFit {
  double intercept = 0;
  double slope = 0;
  double ci_low = 0;
  double ci_high = 0;
  int n = 0;
  double r = 0;  ///< (weighted) correlation of x and y
};
/// Ordinary least squares; the CI uses Student's t with n − 2 degrees of freedom. n >= 3.
std::optional<LineFit> fit_line(const std::vector<double>& x, const std::vector<double>& y);
/// Huber M-estimate (k = 1.345·scale; Huber 1964) by iteratively reweighted least squares, so a
/// few extreme ratings do not decide the slope; CI from the final weighted fit. n >= 3.
std::optional<LineFit> robust_fit_line(const std::vector<double>& x, const std::vector<double>& y);

/// Variability and instability of one rating scale.
struct ScaleStability {
  int n = 0;
  double mean = 0;
  std::optional<double> sd;      ///< n >= 2
  int n_pairs = 0;               ///< successive pairs no more than max_gap_h apart
  std::optional<double> mssd;    ///< mean squared successive difference over those pairs
  std::optional<double> rmssd;
  std::optional<double> pac;     ///< share of those pairs with |difference| >= the threshold
  std::optional<LineFit> trend;  ///< daily means against time in weeks: slope per week
};
/// `values` sorted by time. Pairs further apart than `max_gap_h` are skipped (Jahng 2008).
ScaleStability scale_stability(const std::vector<TimedValue>& values, double max_gap_h,
                               double acute_change_points);

/// GAD-7 severity band (Spitzer 2006): "minimal" 0-4, "mild" 5-9, "moderate" 10-14,
/// "severe" 15-21.
std::string gad7_band(int score);

// --- Mood stability ---------------------------------------------------------------------------

struct StabilityOptions {
  journal::Instant now{};
  int days = 28;  ///< window: the last `days` days before now
};

struct Gad7Point {
  journal::Instant at{};
  int score = 0;
  std::string band;
};

struct Stability {
  journal::Instant from{};
  journal::Instant to{};
  std::string tz;
  int days = 0;
  int days_with_data = 0;          ///< local days with at least one rating
  double max_gap_h = 0;            ///< successive differences only within this gap
  double acute_change_points = 0;  ///< PAC threshold on the 0-10 scales
  std::optional<ScaleStability> anxiety;
  std::optional<ScaleStability> mood;
  std::vector<Gad7Point> gad7;
  std::vector<std::string> sources;  ///< source keys of the method constants
};

/// Analyses check-ins in [now − days, now). Window limits are checked (kInvalidInput).
Result<Stability> mood_stability(const knowledge::Knowledge& k, const PersonData& data,
                                 const StabilityOptions& options);
nlohmann::json to_json(const Stability& s);

// --- Insight: exposure-linked anxiety, rebound, tolerance drift --------------------------------

struct InsightOptions {
  journal::Instant now{};
  int days = 56;          ///< check-ins analysed: the last `days` days
  int lead_in_days = 14;  ///< doses simulated before the window so tolerance has built up
  int weeks = 26;         ///< tolerance drift: the last `weeks` weeks of the dose log
};

/// A check-in with the modelled exposure at its time.
struct CheckinExposure {
  journal::Instant at{};
  std::optional<int> anxiety;
  std::optional<int> mood;
  ExposurePoint exposure;
};

/// How anxiety moves with one predictor: robust slope with a 95 % CI and the n it rests on.
struct Association {
  std::string predictor;  ///< "tone_deficit", "withdrawal", "mg_ng_ml", "oh_ng_ml", "mu_activity", "hours_since_last_dose"
  std::string unit;       ///< predictor unit; slope is anxiety points per unit
  double lag_h = 0;       ///< exposure taken this long before the check-in
  LineFit fit;
};

struct Rebound {
  bool detected = false;
  /// "not-enough-data", "none", "weak", "moderate", "strong" (from the correlation, Cohen 1988).
  std::string strength = "not-enough-data";
  int n_checkins = 0;              ///< check-ins with anxiety and modelled exposure
  int n_needed = 0;                ///< check-ins the finding needs
  int days_covered = 0;            ///< local days with such check-ins
  int days_needed = 0;
  std::optional<LineFit> tone_deficit_fit;  ///< anxiety on the tone deficit
  int n_relief_pairs = 0;          ///< dose with a check-in shortly before and after
  std::optional<double> relief_mean;      ///< mean anxiety before minus after the dose
  std::optional<double> relief_ci_low;
  std::optional<double> relief_ci_high;
  std::string finding;             ///< plain words
};

/// Use in one week (7 days; the last week ends at `now`).
struct WeekUse {
  journal::Date week_start{};  ///< local date the week starts on
  int doses = 0;
  double grams_per_day = 0;  ///< product mass (leaf by weight) per day
  double mg_per_day = 0;     ///< mg mitragynine per day
  double doses_per_day = 0;
  std::optional<double> median_interval_h;   ///< between doses on the same local day
  std::optional<double> first_dose_local_h;  ///< median clock time of the day's first dose
  std::optional<double> withdrawal_score;    ///< mean checklist total (0..4 per symptom)
  /// False for weeks that start before the day of the first logged dose (the week the log begins
  /// in, and any before): their per-day figures undercount, so trends and escalation leave them out.
  bool whole_week = true;
};

struct Escalation {
  bool detected = false;
  bool enough_data = false;
  int weeks_with_use = 0;
  int weeks_needed = 0;
  double rise_threshold = 0;          ///< fraction: the rise that counts as escalation
  std::string threshold_source;
  std::optional<double> mg_per_day_change;     ///< fraction, last 2 weeks vs first 2 weeks
  std::optional<double> doses_per_day_change;  ///< fraction, same
  std::optional<LineFit> mg_per_day_trend;     ///< per week
  std::optional<LineFit> doses_per_day_trend;  ///< per week
  std::optional<LineFit> interval_trend;       ///< h per week (negative: doses closer together)
  std::optional<LineFit> first_dose_trend;     ///< h per week (negative: earlier)
  std::optional<LineFit> withdrawal_trend;     ///< checklist points per week
  std::string finding;
};

struct Insight {
  journal::Instant from{};
  journal::Instant to{};
  std::string tz;
  std::vector<CheckinExposure> checkins;
  std::vector<Association> associations;
  Rebound rebound;
  std::vector<WeekUse> weeks;
  Escalation escalation;
  std::vector<std::string> findings;  ///< plain-language summary lines
  std::vector<std::string> sources;
};

Result<Insight> insight(const knowledge::Knowledge& k, const PersonData& data,
                        const InsightOptions& options);
/// Includes "rebound":{"detected","strength","n_checkins",...} and "escalation":{"detected",...}
/// (DESIGN.md contract).
nlohmann::json to_json(const Insight& insight);

// --- Taper planner ----------------------------------------------------------------------------

struct TaperOptions {
  journal::Instant now{};
  int weeks = 0;              ///< 0: as long as the steps need
  double step_fraction = 0.10;  ///< cut per step, of the current daily amount
  std::vector<int> hold_steps;  ///< 1-based steps to hold for one more step period
  int recent_days = 7;        ///< "current use" = the mean of these days
};

struct TaperDay {
  int day = 0;                ///< 0 = the first day of the plan
  int step = 0;               ///< 0 = current use
  double mg_per_day = 0;
  double grams_per_day = 0;   ///< of the person's usual product
  double mean_mu_activity = 0;
  double mu_fall = 0;         ///< mean mu activity yesterday minus today
  double peak_withdrawal = 0;
  std::string reason;
};

struct TaperPlan {
  double start_mg_per_day = 0;
  double start_grams_per_day = 0;
  int doses_per_day = 0;
  double fall_limit = 0;      ///< the limit on mu_fall
  std::string limit_source;
  std::string limit_evidence;
  std::vector<TaperDay> days;
  std::vector<std::string> reasons;
};

Result<TaperPlan> plan_taper(const knowledge::Knowledge& k, const PersonData& data,
                             const TaperOptions& options);
nlohmann::json to_json(const TaperPlan& plan);

}  // namespace speciosa::analysis
