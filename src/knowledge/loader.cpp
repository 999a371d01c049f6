// Reads data/*.toml into Knowledge. Every rejection names file, line and field.
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <set>
#include <sstream>

#include "speciosa/knowledge.hpp"
#include "toml_reader.hpp"

namespace speciosa::knowledge {
namespace {

using detail::for_each_table;
using detail::parse_text;
using detail::TomlReader;

struct Bounds {
  std::string_view unit;
  double lo;
  double hi;
  bool lo_open;
};

// Physical plausibility per canonical unit: generous enough for any published value, tight
// enough to catch a slipped decimal or a wrong unit (h typed where min was meant, etc.).
constexpr Bounds kPlausible[] = {
    {"1/h", 0, 1000, true},  {"h", 0, 10000, true},  {"L", 0, 1e6, true},
    {"L/h", 0, 1e5, true},   {"nM", 0, 1e7, false},  {"ng/mL", 0, 1e6, false},
    {"fraction", 0, 1, false}, {"mg", 0, 1e6, false}, {"kg", 0, 500, true},
    {"g/mol", 1, 5000, false}, {"1", -1e6, 1e6, false}, {"y", 0, 150, false},
    {"nM/h", 0, 1e8, false},
};

Status check_plausible(const TomlReader& r, std::string_view field, double value,
                       std::string_view unit) {
  for (const Bounds& b : kPlausible) {
    if (b.unit != unit) continue;
    const bool above_lo = b.lo_open ? value > b.lo : value >= b.lo;
    if (above_lo && value <= b.hi) return Ok{};
    return r.error(field,
                   fmt::format("{} {} is outside the plausible range", value, unit),
                   fmt::format("{}{}, {}] {}", b.lo_open ? "(" : "[", b.lo, b.hi, unit));
  }
  return Ok{};
}

// Parses the file `name` of `files`, reporting a missing one by its full path.
Result<toml::table> parse_data_file(const DataFiles& files, const std::string& name,
                                    std::string_view accepted = "the file") {
  const auto it = files.texts.find(name);
  if (it == files.texts.end()) {
    return Error{ErrorCode::kDataFile, (files.dir / name).string(), "", "is missing",
                 std::string(accepted)};
  }
  return parse_text(it->second, (files.dir.filename() / name).string());
}

Status check_unique(const TomlReader& r, std::set<std::string>& seen, const std::string& id,
                    std::string_view field = "id") {
  if (!seen.insert(id).second) return r.error(field, "duplicate id '" + id + "'", "unique ids");
  return Ok{};
}

// --- sources.toml --------------------------------------------------------------------------

Status load_sources(const toml::table& root, const std::string& file, std::vector<Source>& out) {
  for (const auto& [key, node] : root) {
    const toml::table* t = node.as_table();
    if (t == nullptr) {
      return Error{ErrorCode::kDataFile, fmt::format("{}:{}", file, node.source().begin.line),
                   std::string(key.str()), "must be a table", "[key] with authors, year, title"};
    }
    TomlReader r(*t, file);
    Source s;
    s.key = std::string(key.str());
    auto authors = r.required_string("authors");
    if (!authors) return authors.error();
    auto title = r.required_string("title");
    if (!title) return title.error();
    auto year = r.required_number("year");
    if (!year) return year.error();
    if (*year < 1900 || *year > 2100) return r.error("year", "is not a year", "1900..2100");
    s.authors = *authors;
    s.title = *title;
    s.year = static_cast<int>(*year);
    s.journal = r.optional_string("journal");
    s.doi = r.optional_string("doi");
    s.url = r.optional_string("url");
    if (s.doi.empty() && s.url.empty()) {
      return r.error("doi", "a source needs a doi or a url", "doi = \"10.x/...\" or url = \"https://...\"");
    }
    out.push_back(std::move(s));
  }
  return Ok{};
}

// --- parameters ([[parameter]] in pk.toml, pd.toml, ...) -------------------------------------

Result<Parameter> read_parameter(const TomlReader& r, const std::vector<Source>& sources) {
  Parameter p;
  auto id = r.required_string("id");
  if (!id) return id.error();
  p.id = *id;
  p.name = r.optional_string("name");
  auto value = r.required_number("value");
  if (!value) return value.error();
  auto unit = r.required_string("unit");
  if (!unit) return unit.error();
  auto canonical = detail::to_canonical(*value, *unit);
  if (!canonical) {
    return r.error("unit", "unknown unit '" + *unit + "'", std::string(detail::known_units()));
  }
  p.value = canonical->value;
  p.unit = canonical->unit;
  if (Status s = check_plausible(r, "value", p.value, p.unit); !s) return s.error();
  const double raw_low = r.optional_number("low").value_or(*value);
  const double raw_high = r.optional_number("high").value_or(*value);
  p.low = detail::to_canonical(raw_low, *unit)->value;
  p.high = detail::to_canonical(raw_high, *unit)->value;
  if (!(p.low <= p.value && p.value <= p.high)) {
    return r.error("value", fmt::format("{} is outside its own range [{}, {}]", *value, raw_low, raw_high),
                   "low <= value <= high");
  }
  p.iiv_cv = r.optional_number("iiv_cv").value_or(0.0);
  if (!(p.iiv_cv >= 0 && p.iiv_cv <= 2)) {
    return r.error("iiv_cv", fmt::format("{} is not a plausible CV", p.iiv_cv), "0 to 2");
  }
  p.method = r.optional_string("method");
  static const std::set<std::string> kMethods{"", "fitted", "literature", "derived", "assumed"};
  if (kMethods.count(p.method) == 0) {
    return r.error("method", "unknown method '" + p.method + "'",
                   "fitted, literature, derived, assumed");
  }
  p.note = r.optional_string("note");
  auto prov = r.provenance(sources, /*evidence_required=*/true);
  if (!prov) return prov.error();
  p.provenance = *prov;
  return p;
}

// --- compounds.toml ------------------------------------------------------------------------

Result<double> read_measure(const TomlReader& parent, std::string_view field,
                            std::string_view expected_unit, const std::vector<Source>& sources,
                            Provenance& provenance) {
  const toml::table* t = parent.subtable(field);
  if (t == nullptr) {
    return parent.error(field, "is missing", fmt::format("a table with value, unit = \"{}\", source", expected_unit));
  }
  TomlReader r(*t, parent.file());
  auto value = r.required_number("value");
  if (!value) return value.error();
  auto unit = r.required_string("unit");
  if (!unit) return unit.error();
  auto canonical = detail::to_canonical(*value, *unit);
  if (!canonical) return r.error("unit", "unknown unit '" + *unit + "'", std::string(detail::known_units()));
  if (canonical->unit != detail::to_canonical(1, expected_unit)->unit) {
    return r.error("unit", "'" + *unit + "' is the wrong kind of unit here", std::string(expected_unit));
  }
  if (Status s = check_plausible(r, "value", canonical->value, canonical->unit); !s) return s.error();
  auto prov = r.provenance(sources, /*evidence_required=*/false);
  if (!prov) return prov.error();
  provenance = *prov;
  return canonical->value;
}

Result<Compound> read_compound(const TomlReader& r, const std::vector<Source>& sources) {
  Compound c;
  auto id = r.required_string("id");
  if (!id) return id.error();
  c.id = *id;
  auto name = r.required_string("name");
  if (!name) return name.error();
  c.name = *name;
  auto aliases = r.string_list("aliases");
  if (!aliases) return aliases.error();
  c.aliases = *aliases;
  c.note = r.optional_string("note");
  auto mass = read_measure(r, "molar_mass", "g/mol", sources, c.molar_mass_provenance);
  if (!mass) return mass.error();
  c.molar_mass_g_mol = *mass;
  if (r.subtable("fraction_unbound") != nullptr) {
    auto fu = read_measure(r, "fraction_unbound", "fraction", sources, c.binding_provenance);
    if (!fu) return fu.error();
    c.fraction_unbound = *fu;
  }
  return c;
}

// --- products.toml -------------------------------------------------------------------------

Result<Content> read_content(const TomlReader& parent, std::string_view field,
                             std::string_view unit_kind, const std::vector<Source>& sources) {
  const toml::table* t = parent.subtable(field);
  if (t == nullptr) return parent.error(field, "is missing", "a table with typical, low, high, unit, source");
  TomlReader r(*t, parent.file());
  Content c;
  auto typical = r.required_number("typical");
  if (!typical) return typical.error();
  auto low = r.required_number("low");
  if (!low) return low.error();
  auto high = r.required_number("high");
  if (!high) return high.error();
  auto unit = r.required_string("unit");
  if (!unit) return unit.error();
  if (*unit != unit_kind) {
    return r.error("unit", "unknown unit '" + *unit + "' here", std::string(unit_kind));
  }
  const double scale = unit_kind == "%" ? 0.01 : 1.0;
  const double max_value = unit_kind == "%" ? 100.0 : 1000.0;
  for (auto [name, v] : {std::pair{"typical", *typical}, std::pair{"low", *low}, std::pair{"high", *high}}) {
    if (!(v >= 0 && v <= max_value)) {
      return r.error(name, fmt::format("{} {} is outside the plausible range", v, *unit),
                     fmt::format("[0, {}] {}", max_value, *unit));
    }
  }
  if (!(*low <= *typical && *typical <= *high)) {
    return r.error("typical", fmt::format("{} is outside [low, high] = [{}, {}]", *typical, *low, *high),
                   "low <= typical <= high");
  }
  c.typical = *typical * scale;
  c.low = *low * scale;
  c.high = *high * scale;
  auto prov = r.provenance(sources, /*evidence_required=*/true);
  if (!prov) return prov.error();
  c.provenance = *prov;
  return c;
}

Result<ProductKind> product_kind(const TomlReader& r) {
  auto kind = r.required_string("kind");
  if (!kind) return kind.error();
  if (*kind == "leaf") return ProductKind::kLeaf;
  if (*kind == "extract") return ProductKind::kExtract;
  if (*kind == "7oh-concentrate") return ProductKind::kHydroxyConcentrate;
  return r.error("kind", "unknown product kind '" + *kind + "'", "leaf, extract, 7oh-concentrate");
}

Result<Product> read_product(const TomlReader& r, const std::vector<Source>& sources) {
  Product p;
  auto id = r.required_string("id");
  if (!id) return id.error();
  p.id = *id;
  auto name = r.required_string("name");
  if (!name) return name.error();
  p.name = *name;
  auto kind = product_kind(r);
  if (!kind) return kind.error();
  p.kind = *kind;
  auto aliases = r.string_list("aliases");
  if (!aliases) return aliases.error();
  p.aliases = *aliases;
  auto note = r.required_string("note");
  if (!note) return note.error();
  p.note = *note;
  auto mg = read_content(r, "mg_content", "%", sources);
  if (!mg) return mg.error();
  p.mg_fraction = *mg;
  auto oh = read_content(r, "oh_content", "%", sources);
  if (!oh) return oh.error();
  p.oh_fraction = *oh;
  for (auto [field, slot] : {std::pair{"mg_per_serving", &p.mg_per_serving_mg},
                             std::pair{"oh_per_serving", &p.oh_per_serving_mg}}) {
    if (r.subtable(field) == nullptr) continue;
    auto c = read_content(r, field, "mg", sources);
    if (!c) return c.error();
    *slot = *c;
  }
  return p;
}

template <typename T, typename Reader>
Status load_items(const toml::table& root, std::string_view key, const std::string& file,
                  const std::vector<Source>& sources, std::set<std::string>& ids,
                  std::vector<T>& out, Reader read) {
  return for_each_table(root, key, file, [&](const TomlReader& r) -> Status {
    auto item = read(r, sources);
    if (!item) return item.error();
    if (Status s = check_unique(r, ids, item->id); !s) return s;
    out.push_back(std::move(item).value());
    return Ok{};
  });
}

Status check_unique_aliases(const std::vector<Product>& products, const std::string& file) {
  std::set<std::string> names;
  for (const Product& p : products) {
    for (const std::string& name : p.aliases) {
      std::string lower = name;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      if (!names.insert(lower).second) {
        return Error{ErrorCode::kDataFile, file, "aliases",
                     "alias '" + name + "' of product '" + p.id + "' is used twice",
                     "aliases unique across all products"};
      }
    }
  }
  return Ok{};
}

}  // namespace

Result<DataFiles> read_data_files(const std::filesystem::path& dir) {
  DataFiles files;
  files.dir = dir;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (entry.path().extension() != ".toml") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      return Error{ErrorCode::kDataFile, entry.path().string(), "", "cannot be read",
                   "a readable knowledge-base file"};
    }
    files.texts.emplace(entry.path().filename().string(), std::move(text).str());
  }
  return files;
}

Result<Knowledge> load_knowledge(const std::filesystem::path& dir) {
  auto files = read_data_files(dir);
  if (!files) return files.error();
  return load_knowledge(*files);
}

Result<Knowledge> load_knowledge(const DataFiles& files) {
  Knowledge k;
  k.dir = files.dir;
  const auto label = [&](std::string_view name) { return (files.dir.filename() / name).string(); };
  auto sources = parse_data_file(files, "sources.toml",
                                 "a knowledge-base directory with sources.toml (set --data or SPECIOSA_DATA)");
  if (!sources) return sources.error();
  if (Status s = load_sources(*sources, label("sources.toml"), k.sources); !s) return s.error();

  auto compounds = parse_data_file(files, "compounds.toml");
  if (!compounds) return compounds.error();
  std::set<std::string> compound_ids;
  if (Status s = load_items(*compounds, "compound", label("compounds.toml"), k.sources,
                            compound_ids, k.compounds, read_compound);
      !s) {
    return s.error();
  }
  auto products = parse_data_file(files, "products.toml");
  if (!products) return products.error();
  std::set<std::string> product_ids;
  if (Status s = load_items(*products, "product", label("products.toml"), k.sources, product_ids,
                            k.products, read_product);
      !s) {
    return s.error();
  }
  if (Status s = check_unique_aliases(k.products, label("products.toml")); !s) return s.error();

  // Model parameters may live in any file that has [[parameter]] tables (pk.toml, pd.toml, ...);
  // the map keeps them in file-name order.
  std::set<std::string> parameter_ids;
  for (const auto& [name, text] : files.texts) {
    const std::string file = label(name);
    auto root = parse_text(text, file);
    if (!root) return root.error();
    if (Status s = load_items(*root, "parameter", file, k.sources, parameter_ids, k.parameters,
                              read_parameter);
        !s) {
      return s.error();
    }
  }
  return k;
}

}  // namespace speciosa::knowledge
