// Reads NONMEM-style event datasets (the format NONMEM, nlmixr2 and mrgsolve share).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fmt/format.h>
#include <map>

#include "speciosa/sim_population.hpp"

namespace speciosa::sim {
namespace {

enum Column { kId, kTime, kAmt, kCmt, kEvid, kIi, kAddl, kSs, kRate, kMdv, kWt, kSex, kAge, kColumnCount };
constexpr std::array<std::string_view, kColumnCount> kColumnNames = {
    "ID", "TIME", "AMT", "CMT", "EVID", "II", "ADDL", "SS", "RATE", "MDV", "WT", "SEX", "AGE"};
constexpr std::array<Column, 4> kRequired = {kId, kTime, kAmt, kCmt};

// Input sanity limits, as for `speciosa simulate --weight` (not literature values).
constexpr double kMinWeightKg = 30;
constexpr double kMaxWeightKg = 250;
constexpr double kMaxAgeY = 120;
// ADDL may ask for 100,000 doses per record; a few hundred such records would need gigabytes
// before anything is simulated. A subject with more than this many doses is not a study.
constexpr std::size_t kMaxDosesPerSubject = 100'000;

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    out.push_back(trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// One data row with the positions of its columns, for messages that name line and column.
class Row {
 public:
  Row(std::string_view label, int line, const std::vector<std::string_view>& fields,
      const std::array<int, kColumnCount>& position)
      : label_(label), line_(line), fields_(fields), position_(position) {}

  bool has(Column c) const {
    return position_[c] >= 0 && !fields_[static_cast<std::size_t>(position_[c])].empty() &&
           fields_[static_cast<std::size_t>(position_[c])] != ".";
  }
  Error error(Column c, std::string message, std::string accepted) const {
    return invalid_input(fmt::format("{}:{}:{}", label_, line_, position_[c] + 1), std::string(kColumnNames[c]),
                         std::move(message), std::move(accepted));
  }
  /// The number in column c; "." or an empty field reads as `missing`.
  Result<double> number(Column c, double missing = 0) const {
    if (!has(c)) return missing;
    const std::string_view text = fields_[static_cast<std::size_t>(position_[c])];
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) {
      return error(c, fmt::format("'{}' is not a number", text), "a number, or . for none");
    }
    return v;
  }
  Result<double> number_in(Column c, double lo, double hi, std::string accepted, double missing = 0) const {
    auto v = number(c, missing);
    if (!v) return v;
    if (!(*v >= lo && *v <= hi)) return error(c, fmt::format("{:g} is out of range", *v), std::move(accepted));
    return v;
  }
  Result<int> integer(Column c, int lo, int hi, std::string accepted) const {
    auto v = number_in(c, lo, hi, accepted);
    if (!v) return v.error();
    if (*v != std::floor(*v)) return error(c, fmt::format("{:g} is not a whole number", *v), std::move(accepted));
    return static_cast<int>(*v);
  }

 private:
  std::string_view label_;
  int line_;
  const std::vector<std::string_view>& fields_;
  const std::array<int, kColumnCount>& position_;
};

Result<std::array<int, kColumnCount>> read_header(std::string_view line, std::string_view label, int line_no) {
  std::array<int, kColumnCount> position;
  position.fill(-1);
  const auto names = split_fields(line);
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string name = upper(names[i]);
    for (std::size_t c = 0; c < kColumnCount; ++c) {
      if (name == kColumnNames[c]) position[c] = static_cast<int>(i);
    }
  }
  for (Column c : kRequired) {
    if (position[c] < 0) {
      return invalid_input(fmt::format("{}:{}", label, line_no), std::string(kColumnNames[c]), "column is missing",
                           "a header with ID, TIME, AMT, CMT (and optionally EVID, II, ADDL, SS, RATE, MDV, WT, SEX, AGE)");
    }
  }
  return position;
}

Result<EventKind> event_kind(const Row& row) {
  constexpr const char* kAccepted = "0 (observation), 1 (dose), 2 (other), 3 (reset), 4 (reset and dose), 8 (replace)";
  if (!row.has(kEvid)) {
    // Without EVID, NONMEM reads a record with an amount as a dose, else MDV decides.
    auto amt = row.number(kAmt);
    if (!amt) return amt.error();
    if (*amt > 0) return EventKind::kDose;
    auto mdv = row.number(kMdv);
    if (!mdv) return mdv.error();
    return *mdv == 1 ? EventKind::kOther : EventKind::kObservation;
  }
  auto evid = row.integer(kEvid, 0, 8, kAccepted);
  if (!evid) return evid.error();
  if (*evid > 4 && *evid != 8) return row.error(kEvid, fmt::format("{} is not supported", *evid), kAccepted);
  return static_cast<EventKind>(*evid);
}

Status read_covariates(const Row& row, CovariateOverrides& c) {
  if (row.has(kWt)) {
    auto wt = row.number_in(kWt, kMinWeightKg, kMaxWeightKg, "a body weight in kg from 30 to 250");
    if (!wt) return wt.error();
    c.weight_kg = *wt;
  }
  if (row.has(kSex)) {
    auto sex = row.integer(kSex, 0, 1, "0 (male) or 1 (female)");
    if (!sex) return sex.error();
    c.female = *sex == 1;
  }
  if (row.has(kAge)) {
    auto age = row.number_in(kAge, 0, kMaxAgeY, "an age in years from 0 to 120");
    if (!age) return age.error();
    c.age_y = *age;
  }
  return Ok{};
}

// One record: a dose, an observation, or a reset; appended to the subject.
Status read_record(const Row& row, double time_h, NonmemSubject& subject) {
  auto kind = event_kind(row);
  if (!kind) return kind.error();
  auto cmt = row.integer(kCmt, 0, pharm::kPkLinearSize,
                         "1 (gut MG), 2 (central MG), 3 (peripheral MG), 4 (gut 7-OH), 5 (7-OH)");
  if (!cmt) return cmt.error();
  if (*kind == EventKind::kObservation) {
    if (*cmt != 2 && *cmt != 5) {
      return row.error(kCmt, fmt::format("observations of compartment {} are not modelled", *cmt),
                       "2 (plasma MG) or 5 (plasma 7-OH)");
    }
    subject.observation_times_h.push_back(time_h);
    return Ok{};
  }
  if (*kind == EventKind::kOther) return Ok{};
  if (*cmt == 0) return row.error(kCmt, "a dose needs a compartment", "1 to 5");
  Event e;
  e.t_h = time_h;
  e.evid = *kind;
  e.cmt = static_cast<Compartment>(*cmt);
  const bool dose = *kind != EventKind::kReset;
  auto amt = row.number_in(kAmt, dose ? 1e-9 : 0, 1e6, dose ? "an amount in mg above 0" : "any amount");
  if (!amt) return amt.error();
  e.amt_mg = *kind == EventKind::kReset ? 0 : *amt;
  auto rate = row.number(kRate);
  if (!rate) return rate.error();
  if (*rate != 0) return row.error(kRate, "zero-order infusions are not supported", "0 or . (bolus)");
  auto ii = row.number_in(kIi, 0, 1e5, "an interval in hours >= 0");
  if (!ii) return ii.error();
  e.ii_h = *ii;
  auto addl = row.integer(kAddl, 0, 100000, "a whole number of additional doses >= 0");
  if (!addl) return addl.error();
  e.addl = *addl;
  if (e.addl > 0 && !(e.ii_h > 0)) {
    return row.error(kAddl, fmt::format("{} additional doses need an interval", e.addl), "II > 0 with ADDL > 0");
  }
  auto ss = row.integer(kSs, 0, 1, "0 or 1 (steady state)");
  if (!ss) return ss.error();
  e.ss = *ss == 1;
  if (e.ss && !(e.ii_h > 0)) return row.error(kSs, "steady state needs an interval", "II > 0 with SS = 1");
  if (e.ss && time_h != 0) return row.error(kSs, "steady state is supported for doses at TIME 0 only", "SS = 1 at TIME 0");
  subject.events.push_back(e);
  return Ok{};
}

}  // namespace

Result<std::vector<NonmemSubject>> parse_nonmem(std::string_view text, std::string_view label) {
  std::vector<NonmemSubject> subjects;
  std::optional<std::array<int, kColumnCount>> position;
  std::map<std::int64_t, int> seen;  // ID -> line it started on
  double last_time = 0;
  int line_no = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    if (!position) {
      auto header = read_header(line, label, line_no);
      if (!header) return header.error();
      position = *header;
      continue;
    }
    const auto fields = split_fields(line);
    const Row row(label, line_no, fields, *position);
    const int highest = *std::max_element(position->begin(), position->end());
    if (static_cast<int>(fields.size()) <= highest) {
      return invalid_input(fmt::format("{}:{}", label, line_no), "fields",
                           fmt::format("{} fields, the header has more", fields.size()), "one field per header column");
    }
    // IDs up to 2^53 are exact in a double (the way NONMEM tools write them) and fit an int64.
    constexpr double kMaxId = 9'007'199'254'740'992.0;
    auto id = row.number(kId, NAN);
    if (!id) return id.error();
    if (!(std::isfinite(*id) && *id == std::floor(*id))) return row.error(kId, "is not a whole number", "an integer subject ID");
    if (std::abs(*id) > kMaxId) return row.error(kId, fmt::format("{:g} is too large", *id), "an integer subject ID up to 2^53");
    const auto subject_id = static_cast<std::int64_t>(*id);
    auto time = row.number_in(kTime, 0, 1e6, "a time in hours >= 0", NAN);
    if (!time) return time.error();
    if (subjects.empty() || subjects.back().id != subject_id) {
      if (const auto it = seen.find(subject_id); it != seen.end()) {
        return row.error(kId, fmt::format("subject {} appears again after other subjects (first at line {})",
                                          subject_id, it->second),
                         "all records of a subject together");
      }
      seen[subject_id] = line_no;
      subjects.push_back(NonmemSubject{subject_id, {}, {}, {}});
      if (Status s = read_covariates(row, subjects.back().covariates); !s) return s.error();
      last_time = 0;
    }
    if (*time < last_time) {
      return row.error(kTime, fmt::format("{:g} h is earlier than the previous record ({:g} h)", *time, last_time),
                       "times in order within a subject");
    }
    last_time = *time;
    if (Status s = read_record(row, *time, subjects.back()); !s) return s.error();
  }
  if (!position) return invalid_input(std::string(label), "header", "the dataset is empty", "a header line and records");
  if (subjects.empty()) return invalid_input(std::string(label), "records", "the dataset has no records", "at least one record");
  for (NonmemSubject& s : subjects) {
    std::size_t doses = 0;
    for (const Event& e : s.events) doses += 1 + static_cast<std::size_t>(e.addl);
    if (doses > kMaxDosesPerSubject) {
      return invalid_input(std::string(label), "ADDL",
                           fmt::format("subject {} has {} doses with ADDL expanded", s.id, doses),
                           fmt::format("at most {} doses per subject", kMaxDosesPerSubject));
    }
    s.events = expand_events(s.events);
    // One observation time gives both analytes, so MG and 7-OH records at one time are one.
    auto& t = s.observation_times_h;
    t.erase(std::unique(t.begin(), t.end()), t.end());
  }
  return subjects;
}

}  // namespace speciosa::sim
