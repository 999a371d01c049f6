// Population runs: subjects in blocks on every core (a TBB pipeline whose output stage is serial
// and in order, so results reach the sink in subject order through a bounded window of blocks),
// each subject's outputs added to thread-local histograms that are merged at the end.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>
#include <fmt/format.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include "speciosa/sim_population.hpp"
#include "steppers.hpp"

namespace speciosa::sim {
namespace {

using detail::PkState;

// Per-thread buffers, reused from subject to subject so the PK path does not allocate once warm.
struct Scratch {
  std::vector<double> mg_ng_ml;
  std::vector<double> oh_ng_ml;
  std::vector<Event> events;  // the subject's own doses, for the mechanism model
};

std::size_t grid_points(const PopulationOptions& o) {
  return static_cast<std::size_t>(std::floor(o.end_h / o.step_h + 1e-9)) + 1;
}

Event subject_event(const Event& e, double content_ratio) {
  Event out = e;
  // Leaf doses carry MG at the typical content; this subject's product holds content_ratio times it.
  if (e.cmt == Compartment::kGutMg) out.amt_mg *= content_ratio;
  return out;
}

// The state the subject starts in: drug-free, or the steady state of an SS dose at time 0.
Result<PkState> start_state(const pharm::PkParams& p, std::span<const Event> events, double content_ratio,
                            const SimulationOptions& options) {
  PkState s = detail::drug_free_state();
  for (const Event& e : events) {
    if (!e.ss) continue;
    Event one = subject_event(e, content_ratio);
    one.t_h = 0;
    one.ss = false;
    auto ss = steady_state(p, {one}, e.ii_h, options);
    if (!ss) return ss.error();
    std::copy(ss->begin(), ss->end(), s.begin());
    break;
  }
  return s;
}

ExposureSummary exposure(const std::vector<double>& conc, double step_h) {
  ExposureSummary e;
  for (std::size_t i = 0; i < conc.size(); ++i) {
    if (conc[i] > e.cmax_ng_ml) {
      e.cmax_ng_ml = conc[i];
      e.tmax_h = static_cast<double>(i) * step_h;
    }
    if (i > 0) e.auc_ng_h_ml += 0.5 * (conc[i] + conc[i - 1]) * step_h;
  }
  e.last_ng_ml = conc.back();
  return e;
}

// Walks doses, grid times and observation times in time order. Grid values go to scratch,
// observations (without residual error) to `observations`.
Status simulate_subject(const Subject& subject, const SubjectPlan& plan, const PopulationOptions& o,
                        Scratch& scratch, Observation* observations) {
  SimulationOptions sim_options;
  sim_options.end_h = o.end_h;
  sim_options.step_h = o.step_h;
  sim_options.autoinhibition = o.autoinhibition;
  const double ratio = subject.covariates.content_ratio;
  auto start = start_state(subject.pk, plan.events, ratio, sim_options);
  if (!start) return start.error();
  PkState s = *start;
  detail::ExactStepper stepper(subject.pk, sim_options);
  const std::size_t n_grid = grid_points(o);
  const std::size_t n_obs = plan.observation_times_h.size();
  scratch.mg_ng_ml.resize(n_grid);
  scratch.oh_ng_ml.resize(n_grid);
  std::size_t next_event = 0, next_grid = 0, next_obs = 0;
  double t_h = 0;
  while (next_grid < n_grid || next_obs < n_obs) {
    const double t_grid = next_grid < n_grid ? static_cast<double>(next_grid) * o.step_h : INFINITY;
    const double t_obs = next_obs < n_obs ? plan.observation_times_h[next_obs] : INFINITY;
    const double t_event = next_event < plan.events.size() ? plan.events[next_event].t_h : INFINITY;
    const double t_next = std::min({t_grid, t_obs, t_event});
    if (t_next > t_h) {
      stepper.advance(s, t_h, t_next);
      t_h = t_next;
    }
    while (next_event < plan.events.size() && plan.events[next_event].t_h <= t_h) {
      detail::apply_event(subject.pk, subject_event(plan.events[next_event], ratio), s);
      ++next_event;
    }
    const double mg = pharm::mg_conc_ng_ml(subject.pk, s[pharm::kCentralMg]);
    const double oh = pharm::oh_conc_ng_ml(subject.pk, s[pharm::kCentralOh]);
    if (t_grid <= t_h) {
      scratch.mg_ng_ml[next_grid] = mg;
      scratch.oh_ng_ml[next_grid] = oh;
      ++next_grid;
    }
    if (t_obs <= t_h) {
      observations[next_obs] = Observation{t_h, mg, oh, mg, oh};
      ++next_obs;
    }
  }
  return Ok{};
}

// DV = IPRED·(1 + proportional·e1) + additive·e2, from the subject's residual stream.
void add_residual_error(const PopulationModel& model, std::uint64_t seed, std::uint64_t index,
                        std::span<Observation> observations) {
  RandomStream rng = PopulationModel::residual_stream(seed, index);
  const auto& r = model.data().residual;
  for (Observation& obs : observations) {
    obs.mg_dv_ng_ml = obs.mg_ipred_ng_ml * (1 + r.proportional_cv * rng.normal()) + r.additive_ng_ml * rng.normal();
    obs.oh_dv_ng_ml = obs.oh_ipred_ng_ml * (1 + r.proportional_cv * rng.normal()) + r.additive_ng_ml * rng.normal();
  }
}

Status run_mechanism(const PopulationRun& run, const Subject& subject, const SubjectPlan& plan,
                     Scratch& scratch, BandAccumulator& acc, SubjectResult& result) {
  scratch.events.clear();
  for (const Event& e : plan.events) scratch.events.push_back(subject_event(e, subject.covariates.content_ratio));
  SimulationOptions pk_options;
  pk_options.end_h = run.options.end_h;
  pk_options.step_h = run.options.step_h;
  pk_options.autoinhibition = run.options.autoinhibition;
  auto m = simulate_mechanism_for(subject.pk, scratch.events, pk_options, *run.mechanism);
  if (!m) return m.error();
  for (std::size_t c = 0; c < kMechanismColumns.size(); ++c) {
    const std::vector<double>& column = m->columns[c];
    for (std::size_t k = 0; k < column.size(); ++k) acc.add(2 + c, k, column[k]);
    result.mechanism_max[c] = *std::max_element(column.begin(), column.end());
  }
  return Ok{};
}

Status run_subject(const PopulationRun& run, std::uint64_t index, Scratch& scratch, BandAccumulator& acc,
                   SubjectBlock& block) {
  const PopulationOptions& o = run.options;
  const SubjectPlan plan = run.plan(index);
  const Subject subject = run.model->sample(o.seed, index, o.content, plan.covariates);
  const std::size_t first_obs = block.observations.size();
  block.observations.resize(first_obs + plan.observation_times_h.size());
  if (Status s = simulate_subject(subject, plan, o, scratch, block.observations.data() + first_obs); !s) return s;
  add_residual_error(*run.model, o.seed, index,
                     std::span<Observation>(block.observations).subspan(first_obs));
  block.obs_begin.push_back(block.observations.size());

  SubjectResult& r = block.subjects.emplace_back();
  r.index = index;
  r.id = plan.id;
  r.covariates = subject.covariates;
  r.mitragynine = exposure(scratch.mg_ng_ml, o.step_h);
  r.hydroxymitragynine = exposure(scratch.oh_ng_ml, o.step_h);
  r.max_daily_mg_mg = max_daily_mg(plan.events) * subject.covariates.content_ratio;
  for (std::size_t k = 0; k < scratch.mg_ng_ml.size(); ++k) {
    acc.add(0, k, scratch.mg_ng_ml[k]);
    acc.add(1, k, scratch.oh_ng_ml[k]);
  }
  std::size_t c = 0;
  for (const knowledge::ConcentrationThreshold& t : run.thresholds) {
    const ExposureSummary& e = t.analyte == "mitragynine" ? r.mitragynine : r.hydroxymitragynine;
    r.crossed[c] = e.cmax_ng_ml >= t.conc_ng_ml;
    ++c;
  }
  for (const DoseThreshold& t : o.dose_thresholds) {
    r.crossed[c] = r.max_daily_mg_mg >= t.daily_mg_mg;
    ++c;
  }
  for (std::size_t i = 0; i < c; ++i) {
    if (r.crossed[i]) acc.count(i);
  }
  if (o.mechanism) return run_mechanism(run, subject, plan, scratch, acc, r);
  return Ok{};
}

Status validate_run(const PopulationRun& run) {
  const PopulationOptions& o = run.options;
  SPECIOSA_ASSERT(run.model != nullptr && run.plan, "a population run needs a model and a plan");
  SPECIOSA_ASSERT(!o.mechanism || run.mechanism != nullptr, "--mechanism needs mechanism parameters");
  SPECIOSA_ASSERT(o.first_subject <= o.last_subject && o.last_subject <= o.n_subjects, "subject range");
  if (Status s = check::positive_finite("population", "step_h", o.step_h); !s) return s;
  if (Status s = check::positive_finite("population", "end_h", o.end_h); !s) return s;
  if (run.thresholds.size() + o.dose_thresholds.size() > kMaxThresholds) {
    return invalid_input("population", "thresholds", "too many thresholds", fmt::format("at most {}", kMaxThresholds));
  }
  return Ok{};
}

}  // namespace

std::vector<double> population_grid(const PopulationOptions& options) {
  std::vector<double> t(grid_points(options));
  for (std::size_t k = 0; k < t.size(); ++k) t[k] = static_cast<double>(k) * options.step_h;
  return t;
}

double max_daily_mg(std::span<const Event> events) {
  // Two pointers over the MG doses (sorted by time): the largest sum within any 24 h window.
  constexpr double kDayH = 24;
  double best = 0, window = 0;
  std::size_t first = 0;
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (events[i].cmt != Compartment::kGutMg || events[i].evid == EventKind::kObservation) continue;
    window += events[i].amt_mg;
    while (events[first].t_h <= events[i].t_h - kDayH) {
      if (events[first].cmt == Compartment::kGutMg && events[first].evid != EventKind::kObservation) {
        window -= events[first].amt_mg;
      }
      ++first;
    }
    best = std::max(best, window);
  }
  return best;
}

BandAccumulator make_accumulator(const PopulationRun& run) {
  return BandAccumulator(grid_points(run.options), population_outputs(run.options.mechanism),
                         run.thresholds.size() + run.options.dose_thresholds.size());
}

Status run_population(const PopulationRun& run, BandAccumulator& acc, const BlockSink& sink,
                      const ProgressFunction& progress) {
  if (Status s = validate_run(run); !s) return s;
  const PopulationOptions& o = run.options;
  const int threads = o.threads > 0 ? o.threads : tbb::info::default_concurrency();
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  // The reorder window: at most this many blocks are in flight, so memory stays flat in N.
  const std::size_t window = 4 * static_cast<std::size_t>(threads);
  std::vector<SubjectBlock> slots(window);
  tbb::enumerable_thread_specific<BandAccumulator> local([&] { return make_accumulator(run); });
  tbb::enumerable_thread_specific<Scratch> scratch;
  const std::uint64_t span = o.last_subject - o.first_subject;
  const std::uint64_t blocks = (span + o.block_size - 1) / o.block_size;
  std::uint64_t next_block = 0;
  std::uint64_t done = 0;
  Status failure = Ok{};  // written only by the serial output stage
  std::atomic<bool> failed{false};
  Status worker_failure = Ok{};
  std::mutex worker_failure_mutex;

  tbb::parallel_pipeline(
      window,
      tbb::make_filter<void, std::uint64_t>(
          tbb::filter_mode::serial_in_order,
          [&](tbb::flow_control& fc) -> std::uint64_t {
            if (next_block == blocks || failed.load()) {
              fc.stop();
              return 0;
            }
            return next_block++;
          }) &
          tbb::make_filter<std::uint64_t, std::uint64_t>(
              tbb::filter_mode::parallel,
              [&](std::uint64_t b) -> std::uint64_t {
                // Safe to reuse: the in-order output stage finished block b - window before the
                // input stage could hand out block b.
                SubjectBlock& block = slots[b % window];
                block.subjects.clear();
                block.observations.clear();
                block.obs_begin.assign(1, 0);
                const std::uint64_t first = o.first_subject + b * o.block_size;
                const std::uint64_t last = std::min(o.last_subject, first + o.block_size);
                for (std::uint64_t i = first; i < last && !failed.load(); ++i) {
                  Status s = run_subject(run, i, scratch.local(), local.local(), block);
                  if (!s) {
                    std::lock_guard<std::mutex> lock(worker_failure_mutex);
                    if (!failed.exchange(true)) worker_failure = s;
                  }
                }
                return b;
              }) &
          tbb::make_filter<std::uint64_t, void>(
              tbb::filter_mode::serial_in_order, [&](std::uint64_t b) {
                if (failed.load()) return;
                const SubjectBlock& block = slots[b % window];
                if (sink) {
                  Status s = sink(block);
                  if (!s) {
                    failure = s;
                    failed.store(true);
                    return;
                  }
                }
                done += block.subjects.size();
                if (progress) progress(done);
              }));
  if (!worker_failure) return worker_failure;
  if (!failure) return failure;
  local.combine_each([&](const BandAccumulator& a) { acc.merge(a); });
  return Ok{};
}

}  // namespace speciosa::sim
