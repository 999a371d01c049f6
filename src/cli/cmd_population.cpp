// speciosa population: a virtual population on a regimen (or a NONMEM dataset): quantile bands
// over time, probabilities of crossing thresholds, per-subject summaries streamed to --out and
// simulated observations to --out-nonmem. All cores through TBB; across processes with Open MPI
// when started by mpirun (each rank takes a contiguous share of subjects; rank 0 gathers).
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <span>
#include <fmt/format.h>
#include <mpi.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "comedication.hpp"
#include "context.hpp"
#include "regimen.hpp"
#include "safety_output.hpp"
#include "simulation_run.hpp"
#include "speciosa/knowledge_population.hpp"
#include "speciosa/sim_population.hpp"

namespace speciosa::cli {
namespace {

struct PopulationCliOptions {
  RegimenOptions regimen;
  std::uint64_t n = 1000;
  std::string hours;
  std::string step = "0.25";
  std::vector<std::string> with;
  std::uint64_t seed = 1;
  int threads = 0;
  std::string out;
  std::string out_nonmem;
  std::string data;
  bool mechanism = false;
  bool no_autoinhibition = false;
  FormatOptions format;
  CLI::Option* n_option = nullptr;
};

// Input sanity limit, not a literature value: beyond this a run would take days.
constexpr std::uint64_t kMaxSubjects = 100'000'000;
constexpr std::array<double, 3> kQuantiles = {0.05, 0.5, 0.95};
constexpr std::array<std::string_view, 3> kQuantileNames = {"p5", "p50", "p95"};

// Open MPI, only when started by mpirun (it sets OMPI_COMM_WORLD_SIZE); otherwise one process.
class MpiSession {
 public:
  MpiSession() {
    if (std::getenv("OMPI_COMM_WORLD_SIZE") == nullptr) return;
    MPI_Init(nullptr, nullptr);
    active_ = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiSession() {
    if (active_) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool root() const { return rank_ == 0; }
  /// Whether every rank succeeded (a collective call: every rank must make it).
  bool all_ok(bool ok) const {
    if (!active_) return ok;
    int mine = ok ? 1 : 0, all = 0;
    MPI_Allreduce(&mine, &all, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return all == 1;
  }
  /// Sums the counts of every rank into rank 0's. Integer sums: exact in any order.
  void sum_to_root(std::span<std::uint64_t> counts) const {
    if (!active_) return;
    void* send = root() ? MPI_IN_PLACE : counts.data();
    MPI_Reduce(send, counts.data(), static_cast<int>(counts.size()), MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
  }
  void barrier() const {
    if (active_) MPI_Barrier(MPI_COMM_WORLD);
  }

 private:
  bool active_ = false;
  int rank_ = 0;
  int size_ = 1;
};

// Everything the run needs, validated before anything is written.
struct Setup {
  knowledge::PopulationData data;
  std::optional<sim::PopulationModel> model;
  std::optional<sim::MechanismParams> mechanism;
  sim::PopulationOptions options;
  std::vector<sim::Event> regimen_events;
  std::vector<sim::NonmemSubject> dataset;
  std::vector<double> grid_h;
  std::string regimen_note;
  std::vector<std::string> warnings;
};

Result<std::string> read_text_file(const std::string& path, std::string_view option) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return invalid_input(std::string(option), std::string(option.substr(2)), "cannot read '" + path + "'",
                         "a readable CSV file");
  }
  std::string text;
  char buffer[1 << 16];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, got);
  std::fclose(f);
  return text;
}

// A leaf product's MG content is uncertain unless assayed (--mg-content).
sim::ContentSpread content_spread(const PopulationCliOptions& o, const knowledge::Knowledge& k) {
  if (!o.regimen.mg_content.empty() || (o.regimen.as != "leaf" && o.regimen.as != "product")) return {};
  const knowledge::Product* p = k.find_product(o.regimen.product.empty() ? "leaf-generic" : o.regimen.product);
  if (p == nullptr || p->mg_per_serving_mg || !(p->mg_fraction.typical > 0)) return {};
  return {p->mg_fraction.low / p->mg_fraction.typical, p->mg_fraction.high / p->mg_fraction.typical};
}

Status prepare_regimen(const PopulationCliOptions& o, const knowledge::Knowledge& k, Setup& s,
                       std::optional<double> hours) {
  if (o.regimen.dose.empty()) {
    return invalid_input("--dose", "dose", "is missing", "--dose 2g (with --every, --count ...) or --data events.csv");
  }
  auto regimen = build_regimen(o.regimen, k, hours.value_or(168));
  if (!regimen) return regimen.error();
  s.options.end_h = hours.value_or(default_span_h(o.regimen, *regimen));
  s.options.n_subjects = o.n;
  s.options.content = content_spread(o, k);
  s.regimen_events = regimen->events;
  s.warnings = regimen->warnings;
  s.regimen_note = fmt::format("{} dose(s); {:.1f} mg mitragynine per dose at typical content; {}",
                               regimen->dose_times_h.size(), regimen->mg_per_dose_mg, regimen->content_note);
  if (s.options.content.low_ratio != 1 || s.options.content.high_ratio != 1) {
    s.regimen_note += " (each subject's content drawn from the product's range)";
  }
  return Ok{};
}

Status prepare_dataset(const PopulationCliOptions& o, Setup& s, std::optional<double> hours) {
  if (!o.regimen.dose.empty() || !o.regimen.every.empty() || !o.regimen.at.empty()) {
    return invalid_input("--data", "data", "a dataset carries its own doses", "--data without --dose, --every, --at");
  }
  if (o.n_option->count() > 0) {
    return invalid_input("--n", "n", "the dataset sets the subjects", "--data without --n");
  }
  auto text = read_text_file(o.data, "--data");
  if (!text) return text.error();
  auto subjects = sim::parse_nonmem(*text, std::filesystem::path(o.data).filename().string());
  if (!subjects) return subjects.error();
  double last_h = 0;
  for (const sim::NonmemSubject& subject : *subjects) {
    if (Status v = sim::validate_events(subject.events); !v) return v.error();
    for (const sim::Event& e : subject.events) last_h = std::max(last_h, e.t_h);
    for (double t : subject.observation_times_h) last_h = std::max(last_h, t);
  }
  s.dataset = std::move(subjects).value();
  s.options.n_subjects = s.dataset.size();
  // As for simulate: follow the last record for three days.
  s.options.end_h = hours.value_or(last_h + 72);
  s.regimen_note = fmt::format("{} subject(s) from {}", s.dataset.size(), o.data);
  return Ok{};
}

Result<Setup> prepare(const PopulationCliOptions& o, const knowledge::Knowledge& k, double comed_cyp3a_activity,
                      const knowledge::Thresholds& thresholds, const MpiSession& mpi) {
  Setup s;
  if (o.n == 0 || o.n > kMaxSubjects) {
    return invalid_input("--n", "n", fmt::format("{} subjects", o.n), fmt::format("1 to {}", kMaxSubjects));
  }
  if (o.threads < 0) return invalid_input("--threads", "threads", "is negative", "0 (every core) or more");
  std::optional<double> hours;
  if (!o.hours.empty()) {
    auto h = parse_hours(o.hours, "--hours");
    if (!h) return h.error();
    hours = *h;
  }
  auto step = parse_hours(o.step, "--step");
  if (!step) return step.error();
  Status ready = o.data.empty() ? prepare_regimen(o, k, s, hours) : prepare_dataset(o, s, hours);
  if (!ready) return ready.error();
  if (*step > s.options.end_h) {
    return invalid_input("--step", "step", fmt::format("{:g} h is longer than the span ({:g} h)", *step, s.options.end_h),
                         "a step no longer than --hours");
  }
  auto data = knowledge::load_population_data(k);
  if (!data) return data.error();
  s.data = std::move(data).value();
  auto model = sim::PopulationModel::create(k, s.data, comed_cyp3a_activity);
  if (!model) return model.error();
  s.model = std::move(model).value();
  if (o.mechanism) {
    auto m = sim::mechanism_params(k);
    if (!m) return m.error();
    s.mechanism = *m;
  }
  sim::PopulationOptions& p = s.options;
  p.seed = o.seed;
  p.step_h = *step;
  p.threads = o.threads;
  p.autoinhibition = !o.no_autoinhibition;
  p.mechanism = o.mechanism;
  // Each rank takes a contiguous share, so concatenating the ranks' rows keeps subject order.
  const auto share = [&](int rank) { return p.n_subjects * static_cast<std::uint64_t>(rank) / static_cast<std::uint64_t>(mpi.size()); };
  p.first_subject = share(mpi.rank());
  p.last_subject = share(mpi.rank() + 1);
  const auto& daily = thresholds.daily_total;
  const std::string sources = daily.rule.citation.sources.empty() ? "" : daily.rule.citation.sources.front();
  const std::string evidence(knowledge::to_string(daily.rule.citation.evidence));
  p.dose_thresholds = {
      {"daily_mg_above_high", fmt::format("MG intake above {:g} mg in 24 h (linked to dependence)", daily.high_mg),
       daily.high_mg, sources, evidence},
      {"daily_mg_above_very_high", fmt::format("MG intake above {:g} mg in 24 h (linked to heart-rhythm changes)", daily.very_high_mg),
       daily.very_high_mg, sources, evidence}};
  s.grid_h = sim::population_grid(p);
  return s;
}

sim::PlanFunction plan_for(const Setup& s, bool observe_grid) {
  if (!s.dataset.empty()) {
    return [&s](std::uint64_t i) {
      const sim::NonmemSubject& subject = s.dataset[i];
      return sim::SubjectPlan{subject.id, subject.events, subject.observation_times_h, subject.covariates};
    };
  }
  const std::span<const double> observations = observe_grid ? std::span<const double>(s.grid_h) : std::span<const double>();
  return [&s, observations](std::uint64_t i) {
    return sim::SubjectPlan{static_cast<std::int64_t>(i) + 1, s.regimen_events, observations, {}};
  };
}

// --- Files ------------------------------------------------------------------------------------

/// A file written as results arrive; removed again if the run fails.
class OutputFile {
 public:
  Status open(const std::string& path, bool append = false) {
    path_ = path;
    file_ = std::fopen(path.c_str(), append ? "ab" : "wb");
    if (file_ == nullptr) return Error{ErrorCode::kIo, path, "", "cannot be written", "a writable path"};
    return Ok{};
  }
  ~OutputFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  bool is_open() const { return file_ != nullptr; }
  Status write(std::string_view text) {
    if (std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      return Error{ErrorCode::kIo, path_, "", "write failed (disk full?)", ""};
    }
    return Ok{};
  }
  Status append_file(const std::string& part) {
    auto text = read_text_file(part, "--out");
    if (!text) return text.error();
    std::remove(part.c_str());
    return write(*text);
  }
  void close() {
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
  }
  void discard() {
    close();
    if (!path_.empty()) std::remove(path_.c_str());
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
};

std::string part_path(const std::string& path, int rank) { return fmt::format("{}.part{}", path, rank); }

std::string subjects_header(const Setup& s, const std::vector<knowledge::ConcentrationThreshold>& thresholds) {
  std::string h =
      "subject,id,sex,weight_kg,age_y,cyp2d6,cyp3a4,mg_content_ratio,max_daily_mg_mg,"
      "mg_cmax_ng_ml,mg_tmax_h,mg_auc_ng_h_ml,mg_last_ng_ml,oh_cmax_ng_ml,oh_tmax_h,oh_auc_ng_h_ml,oh_last_ng_ml";
  for (const auto& t : thresholds) h += "," + t.id;
  for (const auto& t : s.options.dose_thresholds) h += "," + t.id;
  if (s.options.mechanism) {
    for (std::string_view c : sim::kMechanismColumns) h += fmt::format(",max_{}", c);
  }
  return h + "\n";
}

void append_subject_row(const Setup& s, std::size_t n_thresholds, const sim::SubjectResult& r, std::string& out) {
  const sim::Covariates& c = r.covariates;
  fmt::format_to(std::back_inserter(out), "{},{},{},{:.4g},{:.3g},{},{},{:.4g},{:.6g}", r.index + 1, r.id,
                 c.female ? "F" : "M", c.weight_kg, c.age_y, s.data.cyp2d6[c.cyp2d6].id, s.data.cyp3a4[c.cyp3a4].id,
                 c.content_ratio, r.max_daily_mg_mg);
  for (const sim::ExposureSummary* e : {&r.mitragynine, &r.hydroxymitragynine}) {
    fmt::format_to(std::back_inserter(out), ",{:.6g},{:g},{:.6g},{:.6g}", e->cmax_ng_ml, e->tmax_h, e->auc_ng_h_ml,
                   e->last_ng_ml);
  }
  for (std::size_t i = 0; i < n_thresholds; ++i) out += r.crossed[i] ? ",1" : ",0";
  if (s.options.mechanism) {
    for (double v : r.mechanism_max) fmt::format_to(std::back_inserter(out), ",{:.6g}", v);
  }
  out += '\n';
}

constexpr const char* kNonmemHeader = "ID,TIME,DV,IPRED,EVID,CMT,AMT,MDV,WT,SEX,AGE\n";

// One subject's records: doses (as the subject received them) and, at each observation time, one
// row per analyte (CMT 2 MG, CMT 5 7-OH); time order, doses first at equal times.
void append_nonmem_rows(const sim::SubjectPlan& plan, const sim::SubjectResult& r,
                        std::span<const sim::Observation> observations, std::string& out) {
  const sim::Covariates& c = r.covariates;
  const std::string covariates = fmt::format("{:.4g},{},{:.3g}", c.weight_kg, c.female ? 1 : 0, c.age_y);
  std::size_t next_obs = 0;
  const auto write_observations_until = [&](double t_h) {
    for (; next_obs < observations.size() && observations[next_obs].t_h < t_h; ++next_obs) {
      const sim::Observation& o = observations[next_obs];
      fmt::format_to(std::back_inserter(out), "{},{:g},{:.6g},{:.6g},0,2,0,0,{}\n", r.id, o.t_h, o.mg_dv_ng_ml,
                     o.mg_ipred_ng_ml, covariates);
      fmt::format_to(std::back_inserter(out), "{},{:g},{:.6g},{:.6g},0,5,0,0,{}\n", r.id, o.t_h, o.oh_dv_ng_ml,
                     o.oh_ipred_ng_ml, covariates);
    }
  };
  for (const sim::Event& e : plan.events) {
    write_observations_until(e.t_h);  // observations strictly before the dose
    const double amt = e.cmt == sim::Compartment::kGutMg ? e.amt_mg * c.content_ratio : e.amt_mg;
    fmt::format_to(std::back_inserter(out), "{},{:g},0,0,{},{},{:.6g},1,{}\n", r.id, e.t_h, static_cast<int>(e.evid),
                   static_cast<int>(e.cmt), amt, covariates);
  }
  write_observations_until(INFINITY);
}

// --- Progress ---------------------------------------------------------------------------------

class ProgressBar {
 public:
  ProgressBar(std::uint64_t total, bool show) : total_(total), show_(show) {}
  void update(std::uint64_t done) {
    if (!show_ || total_ == 0) return;
    const int percent = static_cast<int>(100 * done / total_);
    if (percent == last_percent_) return;
    last_percent_ = percent;
    constexpr int kWidth = 40;
    const int filled = percent * kWidth / 100;
    std::fprintf(stderr, "\r[%s%s] %3d %% %llu/%llu subjects", std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(kWidth - filled), ' ').c_str(), percent,
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_));
    if (done == total_) std::fprintf(stderr, "\n");
  }

 private:
  std::uint64_t total_;
  bool show_;
  int last_percent_ = -1;
};

// --- Printing ---------------------------------------------------------------------------------

struct ThresholdRow {
  std::string id, name, source, evidence;
  double probability = 0;
  std::uint64_t subjects = 0;
};

std::vector<ThresholdRow> threshold_rows(const Setup& s, const std::vector<knowledge::ConcentrationThreshold>& conc,
                                         const sim::BandAccumulator& acc) {
  std::vector<ThresholdRow> rows;
  const double n = static_cast<double>(s.options.n_subjects);
  std::size_t i = 0;
  for (const auto& t : conc) {
    rows.push_back({t.id, t.name, t.provenance.source, std::string(knowledge::to_string(t.provenance.evidence)),
                    static_cast<double>(acc.counter(i)) / n, acc.counter(i)});
    ++i;
  }
  for (const auto& t : s.options.dose_thresholds) {
    rows.push_back({t.id, t.name, t.source, t.evidence, static_cast<double>(acc.counter(i)) / n, acc.counter(i)});
    ++i;
  }
  return rows;
}

constexpr const char* kPopulationDisclaimer =
    "Model estimate for a virtual population, not a measurement and not medical advice. Variability, "
    "covariate effects and correlations partly rest on assumptions (data/population.toml, evidence "
    "\"theoretical\"). If you feel very drowsy, breathe slowly or feel unwell, get medical help.";

void print_csv(const Setup& s, const sim::BandAccumulator& acc) {
  std::string out = "time_h";
  for (const sim::OutputAxis& a : acc.axes()) {
    for (std::string_view q : kQuantileNames) out += fmt::format(",{}_{}", a.name, q);
  }
  out += '\n';
  for (std::size_t k = 0; k < s.grid_h.size(); ++k) {
    fmt::format_to(std::back_inserter(out), "{:g}", s.grid_h[k]);
    for (std::size_t o = 0; o < acc.axes().size(); ++o) {
      for (double q : kQuantiles) fmt::format_to(std::back_inserter(out), ",{:.6g}", acc.quantile(o, k, q));
    }
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
}

void print_json(const Setup& s, const sim::BandAccumulator& acc, const std::vector<ThresholdRow>& thresholds) {
  nlohmann::json j;
  j["subjects"] = s.options.n_subjects;
  j["seed"] = s.options.seed;
  j["regimen"] = s.regimen_note;
  j["units"] = {{"time", "h"}, {"concentration", "ng/mL"}};
  nlohmann::json bands;
  bands["time_h"] = s.grid_h;
  for (std::size_t o = 0; o < acc.axes().size(); ++o) {
    nlohmann::json band;
    for (std::size_t q = 0; q < kQuantiles.size(); ++q) {
      std::vector<double> values(s.grid_h.size());
      for (std::size_t k = 0; k < values.size(); ++k) values[k] = acc.quantile(o, k, kQuantiles[q]);
      band[std::string(kQuantileNames[q])] = values;
    }
    bands[std::string(acc.axes()[o].name)] = band;
  }
  j["bands"] = bands;
  j["thresholds"] = nlohmann::json::array();
  for (const ThresholdRow& t : thresholds) {
    j["thresholds"].push_back({{"id", t.id}, {"name", t.name}, {"probability", t.probability},
                               {"subjects", t.subjects}, {"source", t.source}, {"evidence", t.evidence}});
  }
  j["disclaimer"] = kPopulationDisclaimer;
  std::printf("%s\n", j.dump(2).c_str());
}

void print_table(const Setup& s, const sim::BandAccumulator& acc, const std::vector<ThresholdRow>& thresholds) {
  std::printf("Population: %llu virtual subjects (seed %llu); %s\n",
              static_cast<unsigned long long>(s.options.n_subjects), static_cast<unsigned long long>(s.options.seed),
              s.regimen_note.c_str());
  std::printf("%.0f h simulated. Bands: 5th / 50th / 95th percentile across subjects.\n\n", s.options.end_h);
  std::printf("%8s", "time h");
  for (const sim::OutputAxis& a : acc.axes()) std::printf(" %30s", std::string(a.name).c_str());
  std::printf("\n");
  // About 25 rows: enough to see peaks and troughs of a daily regimen in a terminal.
  const std::size_t stride = std::max<std::size_t>(1, s.grid_h.size() / 25);
  for (std::size_t k = 0; k < s.grid_h.size(); k += stride) {
    std::printf("%8g", s.grid_h[k]);
    for (std::size_t o = 0; o < acc.axes().size(); ++o) {
      std::printf(" %30s", fmt::format("{:.3g} / {:.3g} / {:.3g}", acc.quantile(o, k, 0.05), acc.quantile(o, k, 0.5),
                                       acc.quantile(o, k, 0.95)).c_str());
    }
    std::printf("\n");
  }
  std::printf("\nProbability of crossing (share of subjects):\n");
  for (const ThresholdRow& t : thresholds) {
    std::printf("  %6.2f %%  %s (%s, %s)\n", 100 * t.probability, t.name.c_str(), t.source.c_str(), t.evidence.c_str());
  }
  std::printf("\n%s\n", kPopulationDisclaimer);
}

// --- The run ------------------------------------------------------------------------------------

struct Outputs {
  OutputFile subjects;
  OutputFile nonmem;
};

Status open_outputs(const PopulationCliOptions& o, const Setup& s, const MpiSession& mpi,
                    const std::vector<knowledge::ConcentrationThreshold>& thresholds, Outputs& out) {
  // Rank 0 writes the file itself; other ranks write parts that rank 0 appends in rank order.
  const auto path = [&](const std::string& p) { return mpi.root() ? p : part_path(p, mpi.rank()); };
  if (!o.out.empty()) {
    if (Status st = out.subjects.open(path(o.out)); !st) return st;
    if (mpi.root()) {
      if (Status st = out.subjects.write(subjects_header(s, thresholds)); !st) return st;
    }
  }
  if (!o.out_nonmem.empty()) {
    if (Status st = out.nonmem.open(path(o.out_nonmem)); !st) return st;
    if (mpi.root()) {
      if (Status st = out.nonmem.write(kNonmemHeader); !st) return st;
    }
  }
  return Ok{};
}

Status gather_parts(const MpiSession& mpi, const PopulationCliOptions& o, Outputs& out) {
  out.subjects.close();
  out.nonmem.close();
  mpi.barrier();  // every rank's part is complete
  if (!mpi.root() || mpi.size() == 1) return Ok{};
  for (const std::string* path : {&o.out, &o.out_nonmem}) {
    if (path->empty()) continue;
    OutputFile whole;
    if (Status st = whole.open(*path, /*append=*/true); !st) return st;
    for (int rank = 1; rank < mpi.size(); ++rank) {
      if (Status st = whole.append_file(part_path(*path, rank)); !st) return st;
    }
  }
  return Ok{};
}

int run_population_command(CliContext& ctx, const PopulationCliOptions& o) {
  MpiSession mpi;
  auto format = resolve_format(o.format);
  if (!format) return 2;
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return ctx.exit_code;
  auto safety = load_safety_data(ctx);
  if (!safety) return ctx.exit_code;
  auto comedication = comedication_from(ctx, o.with);
  if (!comedication) return ctx.exit_code;
  auto setup = prepare(o, *k, comedication->cyp3a_activity, safety->thresholds, mpi);
  if (!setup) return report_error(setup.error());
  Setup& s = *setup;
  if (mpi.root()) {
    for (const std::string& w : s.warnings) warn(w);
    for (const std::string& w : comedication->warnings) warn(w);
  }
  const std::vector<knowledge::ConcentrationThreshold>& thresholds = s.data.thresholds;

  sim::PopulationRun run;
  run.model = &*s.model;
  run.options = s.options;
  run.plan = plan_for(s, !o.out_nonmem.empty());
  run.thresholds = thresholds;
  if (s.mechanism) run.mechanism = &*s.mechanism;

  Outputs out;
  if (Status st = open_outputs(o, s, mpi, thresholds, out); !st) return report_error(st.error());
  const std::size_t n_thresholds = thresholds.size() + s.options.dose_thresholds.size();
  std::string buffer;
  const sim::BlockSink sink = [&](const sim::SubjectBlock& block) -> Status {
    buffer.clear();
    if (out.subjects.is_open()) {
      for (const sim::SubjectResult& r : block.subjects) append_subject_row(s, n_thresholds, r, buffer);
      if (Status st = out.subjects.write(buffer); !st) return st;
      buffer.clear();
    }
    if (out.nonmem.is_open()) {
      for (std::size_t i = 0; i < block.subjects.size(); ++i) {
        const sim::SubjectResult& r = block.subjects[i];
        const std::span<const sim::Observation> obs(block.observations.data() + block.obs_begin[i],
                                                    block.obs_begin[i + 1] - block.obs_begin[i]);
        append_nonmem_rows(run.plan(r.index), r, obs, buffer);
      }
      if (Status st = out.nonmem.write(buffer); !st) return st;
    }
    return Ok{};
  };
  ProgressBar bar(s.options.last_subject - s.options.first_subject, mpi.root() && isatty(STDERR_FILENO) != 0);
  sim::BandAccumulator acc = sim::make_accumulator(run);
  Status done = sim::run_population(run, acc, sink, [&](std::uint64_t n) { bar.update(n); });
  if (!mpi.all_ok(static_cast<bool>(done))) {
    out.subjects.discard();
    out.nonmem.discard();
    return done ? 1 : report_error(done.error());
  }
  mpi.sum_to_root(acc.raw());
  if (Status st = gather_parts(mpi, o, out); !st) return report_error(st.error());
  if (!mpi.root()) return 0;
  const std::vector<ThresholdRow> rows = threshold_rows(s, thresholds, acc);
  switch (*format) {
    case OutputFormat::kJson: print_json(s, acc, rows); break;
    case OutputFormat::kCsv: print_csv(s, acc); break;
    case OutputFormat::kTable: print_table(s, acc, rows); break;
  }
  return 0;
}

}  // namespace

void add_population_command(CLI::App& app, CliContext& ctx) {
  auto o = std::make_shared<PopulationCliOptions>();
  CLI::App* cmd = app.add_subcommand("population", "Simulate a virtual population: quantile bands and threshold probabilities");
  add_regimen_options(*cmd, o->regimen, /*dose_required=*/false);
  o->n_option = cmd->add_option("--n", o->n, "Number of virtual subjects (default 1000)");
  cmd->add_option("--hours", o->hours, "Span to simulate in hours (default: last dose + 72 h)");
  cmd->add_option("--step", o->step, "Output step in hours (default 0.25)");
  cmd->add_option("--with", o->with, "Another medicine every subject takes (repeatable)");
  cmd->add_option("--seed", o->seed, "Random seed; the same seed gives the same population (default 1)");
  cmd->add_option("--threads", o->threads, "Threads (default 0: every core)");
  cmd->add_option("--out", o->out, "Write one CSV row per subject to this file");
  cmd->add_option("--out-nonmem", o->out_nonmem, "Write doses and simulated observations as a NONMEM dataset");
  cmd->add_option("--data", o->data, "Read subjects, doses and covariates from a NONMEM-style CSV dataset");
  cmd->add_flag("--mechanism", o->mechanism, "Also simulate receptor activity, tolerance, withdrawal, cortisol, anxiety");
  cmd->add_flag("--no-autoinhibition", o->no_autoinhibition, "Hold CYP3A fixed (MG's time-dependent inhibition off)");
  add_format_options(*cmd, o->format);
  cmd->callback([&ctx, o] { ctx.exit_code = run_population_command(ctx, *o); });
}

}  // namespace speciosa::cli
