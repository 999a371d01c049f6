// Reads data/interactions.toml, jurisdictions.toml, thresholds.toml and redflags.toml into
// SafetyData. Every rejection names file, line and field.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <fmt/format.h>
#include <set>

#include "safety_reader.hpp"
#include "speciosa/knowledge_safety.hpp"

namespace speciosa::knowledge {
namespace {

using detail::SafetyReader;

constexpr std::array<std::pair<Severity, std::string_view>, 3> kSeverityNames{{
    {Severity::kMinor, "minor"}, {Severity::kModerate, "moderate"}, {Severity::kMajor, "major"}}};

constexpr std::array<std::pair<LegalStatus, std::string_view>, 5> kStatusNames{{
    {LegalStatus::kLegal, "legal"},
    {LegalStatus::kRegulated, "regulated"},
    {LegalStatus::kAgeRestricted, "age-restricted"},
    {LegalStatus::kBanned, "banned"},
    {LegalStatus::kUnknown, "unknown"},
}};

template <typename E, std::size_t N>
std::vector<std::string> names_of(const std::array<std::pair<E, std::string_view>, N>& table) {
  std::vector<std::string> out;
  for (const auto& [value, name] : table) out.emplace_back(name);
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

Result<toml::table> parse_file(const std::filesystem::path& path, const std::string& label) {
  try {
    return toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    return Error{ErrorCode::kDataFile, fmt::format("{}:{}", label, e.source().begin.line), "",
                 std::string(e.description()), "valid TOML 1.0"};
  }
}

Result<std::set<std::string>> load_source_keys(const std::filesystem::path& dir) {
  auto root = parse_file(dir / "sources.toml", "data/sources.toml");
  if (!root) return root.error();
  std::set<std::string> keys;
  for (const auto& [key, node] : *root) keys.insert(std::string(key.str()));
  return keys;
}

// Calls fn(reader) for each table of the array-of-tables `key` ([[key]]).
template <typename Fn>
Status for_each_table(const toml::table& root, std::string_view key, const std::string& file,
                      const std::set<std::string>& sources, Fn&& fn) {
  const toml::node* n = root.get(key);
  const toml::array* arr = n == nullptr ? nullptr : n->as_array();
  if (arr == nullptr || arr->empty()) {
    return Error{ErrorCode::kDataFile, file, std::string(key), "has no entries",
                 fmt::format("one or more [[{}]] tables", key)};
  }
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (t == nullptr) {
      return Error{ErrorCode::kDataFile, fmt::format("{}:{}", file, item.source().begin.line),
                   std::string(key), "must be a table", fmt::format("[[{}]]", key)};
    }
    if (Status s = fn(SafetyReader(*t, file, sources)); !s) return s;
  }
  return Ok{};
}

Status check_unique(const SafetyReader& r, std::set<std::string>& seen, const std::string& id,
                    std::string_view field) {
  if (!seen.insert(lower(id)).second) {
    return r.error(field, fmt::format("duplicate '{}'", id), "unique values");
  }
  return Ok{};
}

Result<Severity> read_severity(const SafetyReader& r) {
  auto s = r.one_of("severity", names_of(kSeverityNames));
  if (!s) return s.error();
  return *severity_from_string(*s);
}

// --- interactions.toml ----------------------------------------------------------------------

Result<std::vector<DrugName>> read_members(const SafetyReader& r) {
  const toml::array* arr = r.table()["members"].as_array();
  if (arr == nullptr || arr->empty()) {
    return r.error("members", "is missing or empty", "[{ name = \"...\", aliases = [...] }]");
  }
  std::vector<DrugName> out;
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (t == nullptr) return r.error("members", "must hold inline tables", "{ name = \"...\" }");
    static const std::set<std::string> kNoSources;  // members carry no citations of their own
    SafetyReader m(*t, r.file(), kNoSources);
    auto name = m.required_string("name");
    if (!name) return name.error();
    auto aliases = m.string_list("aliases", /*required=*/false);
    if (!aliases) return aliases.error();
    DrugName d{lower(*name), {}};
    for (const auto& a : *aliases) d.aliases.push_back(lower(a));
    out.push_back(std::move(d));
  }
  return out;
}

Result<InteractionClass> read_class(const SafetyReader& r) {
  InteractionClass c;
  auto id = r.required_string("id");
  if (!id) return id.error();
  auto name = r.required_string("name");
  if (!name) return name.error();
  auto mechanism = r.one_of("mechanism", interaction_mechanisms());
  if (!mechanism) return mechanism.error();
  auto also = r.string_list("also", /*required=*/false);
  if (!also) return also.error();
  for (const auto& m : *also) {
    const auto& known = interaction_mechanisms();
    if (std::find(known.begin(), known.end(), m) == known.end()) {
      return r.error("also", fmt::format("unknown mechanism '{}'", m), detail::join(known));
    }
  }
  auto direction = r.one_of("direction", {"drug-raises-kratom", "drug-lowers-kratom",
                                          "kratom-raises-drug", "kratom-lowers-drug-activation",
                                          "additive", "displaces-kratom"});
  if (!direction) return direction.error();
  c.pk_victim = r.optional_string("pk_victim");
  if (!c.pk_victim.empty() && c.pk_victim != "cyp3a4" && c.pk_victim != "cyp2d6") {
    return r.error("pk_victim", fmt::format("unknown enzyme '{}'", c.pk_victim), "cyp3a4, cyp2d6");
  }
  auto severity = read_severity(r);
  if (!severity) return severity.error();
  auto citation = r.citation(/*evidence_required=*/true);
  if (!citation) return citation.error();
  auto summary = r.required_string("summary");
  if (!summary) return summary.error();
  auto what = r.required_string("what_to_do");
  if (!what) return what.error();
  auto members = read_members(r);
  if (!members) return members.error();
  c.id = *id;
  c.name = *name;
  c.mechanism = *mechanism;
  c.also = *also;
  c.direction = *direction;
  c.severity = *severity;
  c.citation = *citation;
  c.summary = *summary;
  c.what_to_do = *what;
  c.members = std::move(members).value();
  return c;
}

Status load_interactions(const toml::table& root, const std::string& file,
                         const std::set<std::string>& sources, SafetyData& out) {
  std::set<std::string> ids;
  return for_each_table(root, "class", file, sources, [&](const SafetyReader& r) -> Status {
    auto c = read_class(r);
    if (!c) return c.error();
    if (Status s = check_unique(r, ids, c->id, "id"); !s) return s;
    out.interactions.push_back(std::move(c).value());
    return Ok{};
  });
}

// --- jurisdictions.toml ---------------------------------------------------------------------

Result<LegalStatus> read_status(const SafetyReader& r, std::string_view field) {
  auto s = r.one_of(field, names_of(kStatusNames));
  if (!s) return s.error();
  return *legal_status_from_string(*s);
}

bool valid_effective(std::string_view s) {
  if (s.empty()) return true;
  if (s.size() == 4) return parse_date(fmt::format("{}-01-01", s)).has_value();
  if (s.size() == 7) return parse_date(fmt::format("{}-01", s)).has_value();
  return parse_date(s).has_value();
}

// "TH", "US-AL", "US-CA-SD": two letters, then at most two segments of 1-4 letters or digits.
bool valid_code(std::string_view code) {
  const auto all = [](std::string_view part, int (*pred)(int)) {
    return std::all_of(part.begin(), part.end(), [pred](unsigned char c) { return pred(c) != 0; });
  };
  std::size_t start = 0;
  for (int segment = 0; segment < 3; ++segment) {
    const std::size_t end = std::min(code.find('-', start), code.size());
    const std::string_view part = code.substr(start, end - start);
    const bool ok = segment == 0 ? part.size() == 2 && all(part, std::isalpha)
                                 : !part.empty() && part.size() <= 4 && all(part, std::isalnum);
    if (!ok) return false;
    if (end == code.size()) return true;
    start = end + 1;
  }
  return false;
}

Result<Jurisdiction> read_jurisdiction(const SafetyReader& r) {
  Jurisdiction j;
  auto code = r.required_string("code");
  if (!code) return code.error();
  auto name = r.required_string("name");
  if (!name) return name.error();
  auto kratom = read_status(r, "kratom");
  if (!kratom) return kratom.error();
  auto oh = read_status(r, "hydroxymitragynine");
  if (!oh) return oh.error();
  if (r.table().contains("min_age")) {
    auto age = r.required_int("min_age", 16, 25);
    if (!age) return age.error();
    j.min_age = *age;
  }
  auto as_of = r.date("as_of");
  if (!as_of) return as_of.error();
  auto sources = r.citation(/*evidence_required=*/false);
  if (!sources) return sources.error();
  auto confidence = r.one_of("confidence", {"high", "medium", "low"});
  if (!confidence) return confidence.error();
  j.effective = r.optional_string("effective");
  if (!valid_effective(j.effective)) {
    return r.error("effective", fmt::format("'{}' is not a date", j.effective),
                   "YYYY, YYYY-MM or YYYY-MM-DD");
  }
  j.emergency = r.optional_string("emergency");
  if (!j.emergency.empty()) {
    const bool digits = std::all_of(j.emergency.begin(), j.emergency.end(),
                                    [](unsigned char c) { return std::isdigit(c); });
    if (!digits) return r.error("emergency", "must be digits only", "\"112\"");
    auto source = r.source_key("emergency_source");
    if (!source) return source.error();
  }
  j.code = upper(*code);
  j.parent = upper(r.optional_string("parent"));
  if (!valid_code(j.code)) {
    return r.error("code", fmt::format("'{}' is not a jurisdiction code", *code),
                   "ISO 3166-1 like TH, ISO 3166-2 like US-AL, or a locality like US-CA-SD");
  }
  if (!j.parent.empty() && j.code.rfind(j.parent + "-", 0) != 0) {
    return r.error("parent", fmt::format("'{}' is not a prefix of the code '{}'", j.parent, j.code),
                   "the code of the enclosing jurisdiction, e.g. US-CA for US-CA-SD");
  }
  j.name = *name;
  j.kratom = *kratom;
  j.hydroxymitragynine = *oh;
  j.law = r.optional_string("law");
  j.as_of = *as_of;
  j.sources = sources->sources;
  j.confidence = *confidence;
  j.note = r.optional_string("note");
  j.where = r.where();
  return j;
}

Status load_jurisdictions(const toml::table& root, const std::string& file,
                          const std::set<std::string>& sources, SafetyData& out) {
  std::set<std::string> codes;
  Status s = for_each_table(root, "jurisdiction", file, sources, [&](const SafetyReader& r) -> Status {
    auto j = read_jurisdiction(r);
    if (!j) return j.error();
    if (Status u = check_unique(r, codes, j->code, "code"); !u) return u;
    out.jurisdictions.push_back(std::move(j).value());
    return Ok{};
  });
  if (!s) return s;
  for (const Jurisdiction& j : out.jurisdictions) {
    if (!j.parent.empty() && out.find_jurisdiction(j.parent) == nullptr) {
      return Error{ErrorCode::kDataFile, j.where, "parent",
                   fmt::format("'{}' is not a jurisdiction code in this file", j.parent),
                   "the code of another [[jurisdiction]]"};
    }
  }
  return Ok{};
}

// --- thresholds.toml ------------------------------------------------------------------------

Result<SafetyReader> section(const toml::table& root, std::string_view key, const std::string& file,
                             const std::set<std::string>& sources) {
  const toml::table* t = root[key].as_table();
  if (t == nullptr) {
    return Error{ErrorCode::kDataFile, file, std::string(key), "section is missing",
                 fmt::format("[{}]", key)};
  }
  return SafetyReader(*t, file, sources);
}

Result<Guardrail> read_guardrail(const SafetyReader& r) {
  auto c = r.citation(/*evidence_required=*/true);
  if (!c) return c.error();
  auto what = r.required_string("what_to_do");
  if (!what) return what.error();
  return Guardrail{*c, *what};
}

// Reads one [section] whose fields are filled by `fill`, plus its citation and advice.
template <typename Fn>
Status read_section(const toml::table& root, std::string_view key, const std::string& file,
                    const std::set<std::string>& sources, Guardrail& rule, Fn&& fill) {
  auto r = section(root, key, file, sources);
  if (!r) return r.error();
  if (Status s = fill(*r); !s) return s;
  auto g = read_guardrail(*r);
  if (!g) return g.error();
  rule = *g;
  return Ok{};
}

// Assigns a Result's value to `out` or returns its error from the enclosing lambda.
#define SPECIOSA_READ(out, expr)          \
  do {                                    \
    auto read_ = (expr);                  \
    if (!read_) return read_.error();     \
    (out) = *read_;                       \
  } while (false)

Status load_thresholds(const toml::table& root, const std::string& file,
                       const std::set<std::string>& sources, Thresholds& t) {
  auto ref = section(root, "reference_leaf", file, sources);
  if (!ref) return ref.error();
  SPECIOSA_READ(t.reference_mg_fraction, ref->required_number("mg_fraction", 0.001, 0.1));
  SPECIOSA_READ(t.reference_citation, ref->citation(true));

  auto& n = t.new_user_start;
  Status s = read_section(root, "new_user_start", file, sources, n.rule, [&](const SafetyReader& r) -> Status {
    SPECIOSA_READ(n.low_mg, r.required_number("low_mg", 1, 500));
    SPECIOSA_READ(n.high_mg, r.required_number("high_mg", n.low_mg, 500));
    SPECIOSA_READ(n.lookback_days, r.required_int("lookback_days", 1, 365));
    return Ok{};
  });
  if (!s) return s;
  auto& sd = t.single_dose;
  s = read_section(root, "single_dose", file, sources, sd.rule, [&](const SafetyReader& r) -> Status {
    SPECIOSA_READ(sd.typical_high_mg, r.required_number("typical_high_mg", 1, 2000));
    SPECIOSA_READ(sd.high_mg, r.required_number("high_mg", sd.typical_high_mg, 2000));
    return Ok{};
  });
  if (!s) return s;
  auto& dt = t.daily_total;
  s = read_section(root, "daily_total", file, sources, dt.rule, [&](const SafetyReader& r) -> Status {
    SPECIOSA_READ(dt.high_mg, r.required_number("high_mg", 1, 5000));
    SPECIOSA_READ(dt.very_high_mg, r.required_number("very_high_mg", dt.high_mg, 5000));
    SPECIOSA_READ(dt.window_h, r.required_number("window_h", 1, 168));
    return Ok{};
  });
  if (!s) return s;
  auto& f = t.frequency;
  s = read_section(root, "frequency", file, sources, f.rule, [&](const SafetyReader& r) -> Status {
    SPECIOSA_READ(f.max_doses_per_day, r.required_int("max_doses_per_day", 1, 24));
    SPECIOSA_READ(f.window_h, r.required_number("window_h", 1, 168));
    return Ok{};
  });
  if (!s) return s;
  auto& e = t.escalation;
  s = read_section(root, "escalation", file, sources, e.rule, [&](const SafetyReader& r) -> Status {
    SPECIOSA_READ(e.ratio, r.required_number("ratio", 1.01, 10));
    SPECIOSA_READ(e.recent_days, r.required_int("recent_days", 1, 60));
    SPECIOSA_READ(e.baseline_offset_days, r.required_int("baseline_offset_days", e.recent_days, 365));
    return Ok{};
  });
  if (!s) return s;
  auto& c = t.consecutive_days;
  s = read_section(root, "consecutive_days", file, sources, c.rule, [&](const SafetyReader& r) -> Status {
    SPECIOSA_READ(c.notice_days, r.required_int("notice_days", 2, 365));
    SPECIOSA_READ(c.dependence_days, r.required_int("dependence_days", c.notice_days, 365));
    return Ok{};
  });
  if (!s) return s;
  auto& h = t.hydroxymitragynine;
  s = read_section(root, "hydroxymitragynine", file, sources, h.rule, [&](const SafetyReader& r) -> Status {
    SPECIOSA_READ(h.concentrate_dose_mg, r.required_number("concentrate_dose_mg", 0.01, 100));
    return Ok{};
  });
  if (!s) return s;
  return read_section(root, "depressants", file, sources, t.depressants.rule,
                      [](const SafetyReader&) -> Status { return Ok{}; });
}

#undef SPECIOSA_READ

// --- redflags.toml --------------------------------------------------------------------------

Result<RedFlag> read_red_flag(const SafetyReader& r) {
  RedFlag f;
  auto id = r.required_string("id");
  if (!id) return id.error();
  auto name = r.required_string("name");
  if (!name) return name.error();
  auto keywords = r.string_list("keywords", /*required=*/true);
  if (!keywords) return keywords.error();
  auto tier = r.one_of("tier", {"emergency", "urgent"});
  if (!tier) return tier.error();
  auto guidance = r.required_string("guidance");
  if (!guidance) return guidance.error();
  auto citation = r.citation(/*evidence_required=*/true);
  if (!citation) return citation.error();
  f.id = *id;
  f.name = *name;
  for (const auto& k : *keywords) f.keywords.push_back(lower(k));
  f.tier = *tier == "emergency" ? Tier::kEmergency : Tier::kUrgent;
  f.guidance = *guidance;
  f.citation = *citation;
  return f;
}

Result<RiskContext> read_risk_context(const SafetyReader& r) {
  RiskContext c;
  auto id = r.required_string("id");
  if (!id) return id.error();
  auto name = r.required_string("name");
  if (!name) return name.error();
  auto aliases = r.string_list("aliases", /*required=*/false);
  if (!aliases) return aliases.error();
  auto raises = r.string_list("raises", /*required=*/true);
  if (!raises) return raises.error();
  for (const auto& topic : *raises) {
    const auto& known = alert_topics();
    if (std::find(known.begin(), known.end(), topic) == known.end()) {
      return r.error("raises", fmt::format("unknown alert topic '{}'", topic), detail::join(known));
    }
  }
  auto severity = read_severity(r);
  if (!severity) return severity.error();
  auto advice = r.required_string("advice");
  if (!advice) return advice.error();
  auto citation = r.citation(/*evidence_required=*/true);
  if (!citation) return citation.error();
  c.id = *id;
  c.name = *name;
  for (const auto& a : *aliases) c.aliases.push_back(lower(a));
  c.raises = *raises;
  c.severity = *severity;
  c.advice = *advice;
  c.citation = *citation;
  return c;
}

Status load_red_flags(const toml::table& root, const std::string& file,
                      const std::set<std::string>& sources, SafetyData& out) {
  std::set<std::string> ids;
  Status s = for_each_table(root, "redflag", file, sources, [&](const SafetyReader& r) -> Status {
    auto f = read_red_flag(r);
    if (!f) return f.error();
    if (Status u = check_unique(r, ids, f->id, "id"); !u) return u;
    out.red_flags.push_back(std::move(f).value());
    return Ok{};
  });
  if (!s) return s;
  std::set<std::string> context_ids;
  return for_each_table(root, "risk_context", file, sources, [&](const SafetyReader& r) -> Status {
    auto c = read_risk_context(r);
    if (!c) return c.error();
    if (Status u = check_unique(r, context_ids, c->id, "id"); !u) return u;
    out.risk_contexts.push_back(std::move(c).value());
    return Ok{};
  });
}

// Parses one data file and hands its root table to `load`.
template <typename Fn>
Status load_file(const std::filesystem::path& dir, std::string_view name, Fn&& load) {
  const std::string label = fmt::format("data/{}", name);
  if (!std::filesystem::exists(dir / name)) {
    return Error{ErrorCode::kDataFile, label, "", "file is missing",
                 "a knowledge-base directory (set --data or SPECIOSA_DATA)"};
  }
  auto root = parse_file(dir / name, label);
  if (!root) return root.error();
  return load(*root, label);
}

}  // namespace

std::string_view to_string(Severity s) {
  for (const auto& [value, name] : kSeverityNames) {
    if (value == s) return name;
  }
  return "moderate";
}

std::optional<Severity> severity_from_string(std::string_view s) {
  for (const auto& [value, name] : kSeverityNames) {
    if (name == s) return value;
  }
  return std::nullopt;
}

std::string_view to_string(LegalStatus s) {
  for (const auto& [value, name] : kStatusNames) {
    if (value == s) return name;
  }
  return "unknown";
}

std::optional<LegalStatus> legal_status_from_string(std::string_view s) {
  for (const auto& [value, name] : kStatusNames) {
    if (name == s) return value;
  }
  return std::nullopt;
}

std::string_view to_string(Tier t) { return t == Tier::kEmergency ? "emergency" : "urgent"; }

const std::vector<std::string>& interaction_mechanisms() {
  static const std::vector<std::string> kMechanisms{
      "cns-respiratory-depression", "precipitated-withdrawal", "serotonergic",
      "qt-prolongation",            "seizure-threshold",       "stimulant-load",
      "liver-injury",               "cyp3a4-inhibitor-of-kratom", "cyp3a4-inducer-of-kratom",
      "cyp3a4-victim",              "cyp2d6-victim",           "cyp2c9-victim",
      "p-gp-victim",                "ugt-victim"};
  return kMechanisms;
}

const std::vector<std::string>& alert_topics() {
  static const std::vector<std::string> kTopics{"dose",    "frequency", "dependence", "escalation",
                                                "7-oh",    "depressants", "interactions", "liver",
                                                "seizure", "qt"};
  return kTopics;
}

const Jurisdiction* SafetyData::find_jurisdiction(std::string_view code) const {
  auto it = std::find_if(jurisdictions.begin(), jurisdictions.end(),
                         [&](const Jurisdiction& j) { return iequals(j.code, code); });
  return it == jurisdictions.end() ? nullptr : &*it;
}

const RiskContext* SafetyData::find_risk_context(std::string_view id_or_alias) const {
  for (const RiskContext& c : risk_contexts) {
    if (iequals(c.id, id_or_alias)) return &c;
    for (const auto& a : c.aliases) {
      if (iequals(a, id_or_alias)) return &c;
    }
  }
  return nullptr;
}

std::optional<std::chrono::year_month_day> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto num = [&](std::size_t pos, std::size_t len, auto& out) {
    auto [p, ec] = std::from_chars(text.data() + pos, text.data() + pos + len, out);
    return ec == std::errc{} && p == text.data() + pos + len;
  };
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}

std::string format_date(std::chrono::year_month_day d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

Result<SafetyData> load_safety_data(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir / "sources.toml")) {
    return Error{ErrorCode::kDataFile, (dir / "sources.toml").string(), "", "file is missing",
                 "a knowledge-base directory with sources.toml (set --data or SPECIOSA_DATA)"};
  }
  auto sources = load_source_keys(dir);
  if (!sources) return sources.error();
  SafetyData out;
  const auto& keys = *sources;
  Status s = load_file(dir, "interactions.toml", [&](const toml::table& root, const std::string& f) {
    return load_interactions(root, f, keys, out);
  });
  if (!s) return s.error();
  s = load_file(dir, "jurisdictions.toml", [&](const toml::table& root, const std::string& f) {
    return load_jurisdictions(root, f, keys, out);
  });
  if (!s) return s.error();
  s = load_file(dir, "thresholds.toml", [&](const toml::table& root, const std::string& f) {
    return load_thresholds(root, f, keys, out.thresholds);
  });
  if (!s) return s.error();
  s = load_file(dir, "redflags.toml", [&](const toml::table& root, const std::string& f) {
    return load_red_flags(root, f, keys, out);
  });
  if (!s) return s.error();
  return out;
}

}  // namespace speciosa::knowledge
