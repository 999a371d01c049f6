// speciosa sim/population: virtual populations on top of the PK model (and, optionally, the
// mechanism model).
//
// - PopulationModel draws one subject: covariates (sex, weight, age, CYP2D6 / CYP3A4
//   phenotype, the MG content of their product) and correlated log-/logit-normal random effects
//   (data/population.toml), and builds that subject's PkParams.
// - Each subject's random numbers come from RandomStream(seed, subject index) only, so results do
//   not depend on thread count, block size or MPI rank count.
// - run_population() simulates a range of subjects on all cores (TBB), adds each subject's
//   outputs to fixed-size histograms (BandAccumulator: integer counts, so merging in any order
//   gives the same bytes, and memory does not grow with N), and hands per-subject results to a
//   sink in subject order through a bounded reorder window.
// - parse_nonmem() reads a NONMEM-style dataset (ID, TIME, AMT, EVID, CMT, II, ADDL, SS, WT, SEX,
//   AGE); errors name line and column.
// Reentrant; the only shared state is what the caller passes in.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/common.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/knowledge_population.hpp"
#include "speciosa/pharm/pk.hpp"
#include "speciosa/sim.hpp"
#include "speciosa/sim_mechanism.hpp"

namespace speciosa::sim {

// --- Random numbers --------------------------------------------------------------------------

/// SplitMix64 keyed by (seed, subject): a counter-based stream, reproducible on any thread.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t subject);
  std::uint64_t next_u64();
  /// Uniform in (0, 1), never exactly 0 or 1.
  double uniform();
  /// Standard normal (Box-Muller; both values of a pair are used).
  double normal();

 private:
  std::uint64_t state_;
  double spare_ = 0;
  bool has_spare_ = false;
};

// --- One subject -----------------------------------------------------------------------------

/// A subject's covariates. Phenotypes index PopulationData::cyp2d6 / ::cyp3a4.
struct Covariates {
  double weight_kg = 70;
  double age_y = 40;
  bool female = false;
  std::uint8_t cyp2d6 = 0;
  std::uint8_t cyp3a4 = 0;
  /// This subject's product MG content relative to the typical content (1 when assayed).
  double content_ratio = 1;
};

/// Covariates known from a dataset; the sampled value is used for each one left empty.
struct CovariateOverrides {
  std::optional<double> weight_kg;
  std::optional<double> age_y;
  std::optional<bool> female;
};

/// Uncertain product content: low / typical and high / typical of data/products.toml, sampled
/// from a triangular distribution with its mode at 1. {1, 1} means the content is known.
struct ContentSpread {
  double low_ratio = 1;
  double high_ratio = 1;
};

/// The most random effects a model may have (one per [[iiv]] entry).
inline constexpr std::size_t kMaxRandomEffects = 16;

struct Subject {
  std::uint64_t index = 0;
  Covariates covariates;
  std::array<double, kMaxRandomEffects> eta{};  ///< random effects, in [[iiv]] order
  pharm::PkParams pk;
};

/// Everything needed to draw subjects; built once, immutable, shared by all threads.
class PopulationModel {
 public:
  /// Checks that omega is positive definite and the model fits kMaxRandomEffects.
  /// `comed_cyp3a_activity` applies to every subject (--with).
  static Result<PopulationModel> create(const knowledge::Knowledge& k,
                                        const knowledge::PopulationData& data,
                                        double comed_cyp3a_activity = 1.0);
  /// Draws subject `index`. The stream always draws the same numbers in the same order,
  /// whatever the overrides, so overriding a covariate leaves the others unchanged.
  Subject sample(std::uint64_t seed, std::uint64_t index, const ContentSpread& content,
                 const CovariateOverrides& overrides = {}) const;
  /// The stream a subject's residual errors come from (independent of its sampling stream).
  static RandomStream residual_stream(std::uint64_t seed, std::uint64_t index);
  const knowledge::PopulationData& data() const { return data_; }
  std::size_t random_effects() const { return terms_.size(); }

 private:
  struct Term {
    const PkBinding* binding;
    knowledge::IivScale scale;
  };
  knowledge::PopulationData data_;
  std::vector<Term> terms_;
  /// Lower-triangular Cholesky factor of omega, row-major, random_effects()² values.
  std::vector<double> cholesky_;
  pharm::PkParams reference_;       ///< typical subject at the reference weight
  double reference_weight_kg_ = 70;
  double allometric_exponent_ = 0.75;
};

// --- Histograms for quantile bands -----------------------------------------------------------

/// The value axis of one output's histograms: log-spaced for concentrations, linear for indices.
struct OutputAxis {
  std::string_view name;  ///< CSV column stem, e.g. "mitragynine_ng_ml"
  double lo = 0;
  double hi = 1;
  bool log = false;
};

/// Per output and grid point, a histogram of `kBins` bins plus under- and overflow; plus
/// integer event counters (thresholds). Memory: outputs × grid × (kBins + 2) counts.
class BandAccumulator {
 public:
  static constexpr std::size_t kBins = 512;
  BandAccumulator(std::size_t grid_points, std::vector<OutputAxis> axes, std::size_t counters);
  void add(std::size_t output, std::size_t point, double value);
  void count(std::size_t counter) { ++counts_[counter_offset_ + counter]; }
  /// Adds another accumulator of the same shape. Integer sums: order does not matter.
  void merge(const BandAccumulator& other);
  /// The raw counts (histograms then counters), e.g. for an MPI reduction.
  std::span<std::uint64_t> raw() { return counts_; }
  /// The q-quantile (0..1) at a grid point, interpolated within its bin (in log space on a log
  /// axis). Values below the axis count as 0 (the axis starts far below any reported level).
  double quantile(std::size_t output, std::size_t point, double q) const;
  std::uint64_t counter(std::size_t c) const { return counts_[counter_offset_ + c]; }
  std::uint64_t samples(std::size_t output, std::size_t point) const;
  const std::vector<OutputAxis>& axes() const { return axes_; }
  std::size_t grid_points() const { return grid_points_; }

 private:
  std::size_t offset(std::size_t output, std::size_t point) const {
    return (output * grid_points_ + point) * (kBins + 2);
  }
  std::size_t grid_points_;
  std::vector<OutputAxis> axes_;
  std::vector<double> origin_;         ///< per output: f(lo)
  std::vector<double> bins_per_unit_;  ///< per output: kBins / (f(hi) - f(lo))
  std::size_t counter_offset_;
  std::vector<std::uint64_t> counts_;
};

// --- Population runs ------------------------------------------------------------------------

/// What one subject receives and when it is observed.
struct SubjectPlan {
  std::int64_t id = 0;                   ///< the NONMEM ID written to outputs
  std::span<const Event> events;         ///< expanded, sorted; MG gut doses at typical content
  std::span<const double> observation_times_h;  ///< for DV/IPRED (sorted); may be empty
  CovariateOverrides covariates;
};
using PlanFunction = std::function<SubjectPlan(std::uint64_t index)>;

/// A daily-intake threshold (data/thresholds.toml): crossed when the subject's largest MG intake
/// in any 24 h window reaches `daily_mg_mg`.
struct DoseThreshold {
  std::string id;
  std::string name;
  double daily_mg_mg = 0;
  std::string source;
  std::string evidence;
};

struct PopulationOptions {
  std::uint64_t seed = 1;
  std::uint64_t n_subjects = 1000;   ///< the whole population (all MPI ranks)
  std::uint64_t first_subject = 0;   ///< this process's share: [first_subject, last_subject)
  std::uint64_t last_subject = 1000;
  double end_h = 168;                ///< output grid 0, step_h, ..., end_h
  double step_h = 0.25;
  bool autoinhibition = true;
  bool mechanism = false;            ///< also run the mechanism model (receptor ... anxiety)
  int threads = 0;                   ///< 0 = every core
  ContentSpread content;
  std::vector<DoseThreshold> dose_thresholds;
  /// Subjects per work item; any value gives the same results (only speed changes).
  std::size_t block_size = 64;
};

/// The most thresholds (concentration + dose) a run may check.
inline constexpr std::size_t kMaxThresholds = 16;

/// Summary of one analyte over the grid.
struct ExposureSummary {
  double cmax_ng_ml = 0;
  double tmax_h = 0;
  double auc_ng_h_ml = 0;   ///< trapezoid over the grid
  double last_ng_ml = 0;    ///< at end_h
};

/// One subject's result, fixed-size so blocks need no allocation per subject.
struct SubjectResult {
  std::uint64_t index = 0;
  std::int64_t id = 0;
  Covariates covariates;
  double max_daily_mg_mg = 0;  ///< largest MG intake in any 24 h window
  ExposureSummary mitragynine;
  ExposureSummary hydroxymitragynine;
  std::array<bool, kMaxThresholds> crossed{};  ///< concentration thresholds, then dose thresholds
  /// With --mechanism: each mechanism column's maximum over the span (kMechanismColumns order).
  std::array<double, kMechanismColumns.size()> mechanism_max{};
};

/// Concentrations at the subject's observation times, for NONMEM output.
struct Observation {
  double t_h = 0;
  double mg_ipred_ng_ml = 0;
  double oh_ipred_ng_ml = 0;
  double mg_dv_ng_ml = 0;   ///< with residual error
  double oh_dv_ng_ml = 0;
};

/// Consecutive subjects, delivered to the sink in subject order.
struct SubjectBlock {
  std::vector<SubjectResult> subjects;
  /// Observations of subject i are observations[obs_begin[i] .. obs_begin[i + 1]).
  std::vector<Observation> observations;
  std::vector<std::size_t> obs_begin;
};
/// Called on one thread at a time, in subject order. An error stops the run.
using BlockSink = std::function<Status(const SubjectBlock&)>;
/// Subjects finished so far (for a progress bar); called in order, on one thread at a time.
using ProgressFunction = std::function<void(std::uint64_t done)>;

/// The outputs that get bands: MG and 7-OH, then the mechanism columns with --mechanism.
std::vector<OutputAxis> population_outputs(bool mechanism);

/// A run's shape: concentration thresholds from data plus dose thresholds.
struct PopulationRun {
  const PopulationModel* model = nullptr;
  PopulationOptions options;
  PlanFunction plan;
  std::vector<knowledge::ConcentrationThreshold> thresholds;
  /// With options.mechanism: the mechanism parameters (sim::mechanism_params).
  const MechanismParams* mechanism = nullptr;
};

/// An empty accumulator of the right shape for `run`.
BandAccumulator make_accumulator(const PopulationRun& run);

/// Simulates subjects [first_subject, last_subject) and adds them to `acc`.
Status run_population(const PopulationRun& run, BandAccumulator& acc, const BlockSink& sink,
                      const ProgressFunction& progress = {});

/// Output grid of a run: 0, step_h, ..., end_h.
std::vector<double> population_grid(const PopulationOptions& options);

/// Largest MG amount (mg, at typical content) in any 24 h window of the regimen.
double max_daily_mg(std::span<const Event> events);

// --- NONMEM datasets -------------------------------------------------------------------------

struct NonmemSubject {
  std::int64_t id = 0;
  std::vector<Event> events;               ///< expanded and sorted
  std::vector<double> observation_times_h; ///< EVID 0 records (sorted)
  CovariateOverrides covariates;
};

/// Parses a NONMEM-style CSV dataset. Columns (header, any order, case-insensitive): ID, TIME,
/// AMT, CMT required; EVID, II, ADDL, SS, RATE, MDV, WT, SEX (0 male, 1 female), AGE optional;
/// others ignored. Errors are "label:line:column" with the column's name as the field.
Result<std::vector<NonmemSubject>> parse_nonmem(std::string_view text, std::string_view label);

}  // namespace speciosa::sim
