// speciosa knowledge: the cited facts in data/*.toml, loaded and validated once.
//
// load_knowledge(dir) reads every file, checks every number (source present and known, unit
// known, value inside the plausible range the schema allows, ids unique) and returns typed,
// immutable values. Errors name file, line and field. Nothing else in speciosa reads data/.
// A loaded Knowledge is immutable and safe to share between threads.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "speciosa/common.hpp"

namespace speciosa::knowledge {

/// How strong the evidence behind a number is, strongest first.
enum class Evidence { kClinical, kObservational, kCaseReports, kInVitro, kAnimal, kTheoretical };
std::string_view to_string(Evidence e);
std::optional<Evidence> evidence_from_string(std::string_view s);
/// The accepted spellings, for error messages: "clinical, observational, ...".
std::string_view evidence_names();

/// A citation from data/sources.toml.
struct Source {
  std::string key;      ///< "tanna2022"
  std::string authors;  ///< "Tanna RS, Nguyen JT, ..."
  int year = 0;
  std::string title;
  std::string journal;  ///< journal, volume and pages as printed
  std::string doi;      ///< may be empty when `url` is given
  std::string url;
};

/// Where a fact came from: its citation, its evidence level, and where it is written.
struct Provenance {
  std::string source;  ///< key into sources
  Evidence evidence = Evidence::kTheoretical;
  std::string file;    ///< "data/pk.toml"
  int line = 0;
};

/// A model parameter from data/pk.toml (or another model file), in canonical units.
struct Parameter {
  std::string id;        ///< "ka_mg"
  std::string name;      ///< "Absorption rate constant of mitragynine"
  double value = 0;      ///< canonical unit (see `unit`)
  std::string unit;      ///< canonical unit: "1/h", "L", "L/h", "h", "nM", "fraction"
  double iiv_cv = 0;     ///< between-subject variability as a coefficient of variation (log-normal)
  double low = 0;        ///< lower end of the range seen in the literature (canonical unit)
  double high = 0;       ///< upper end
  std::string method;    ///< "fitted", "literature", "derived" or "assumed"
  std::string note;
  Provenance provenance;
};

/// A compound (mitragynine, 7-hydroxymitragynine, ...).
struct Compound {
  std::string id;                ///< "mitragynine", "7-hydroxymitragynine"
  std::string name;
  std::vector<std::string> aliases;
  double molar_mass_g_mol = 0;
  double fraction_unbound = 0;   ///< in plasma, 0..1
  Provenance molar_mass_provenance;
  Provenance binding_provenance;
  std::string note;
};

/// Alkaloid content of a product: typical value and the range seen, as a fraction w/w or
/// as mg per serving.
struct Content {
  double typical = 0;
  double low = 0;
  double high = 0;
  Provenance provenance;
};

enum class ProductKind { kLeaf, kExtract, kHydroxyConcentrate };
std::string_view to_string(ProductKind k);

/// A kratom product or trade name from data/products.toml.
struct Product {
  std::string id;                    ///< "maeng-da"
  std::string name;                  ///< "Maeng Da (trade name)"
  ProductKind kind = ProductKind::kLeaf;
  std::vector<std::string> aliases;  ///< other names people use
  Content mg_fraction;               ///< mitragynine, fraction w/w (0.015 = 1.5 %)
  Content oh_fraction;               ///< 7-OH-mitragynine, fraction w/w
  /// Products sold by the serving (7-OH tablets, shots): alkaloid mg per serving.
  std::optional<Content> mg_per_serving_mg;
  std::optional<Content> oh_per_serving_mg;
  std::string note;                  ///< how well the label predicts content, in plain words
};

/// Everything in data/, validated. Immutable once loaded.
struct Knowledge {
  std::filesystem::path dir;
  std::vector<Source> sources;
  std::vector<Compound> compounds;
  std::vector<Product> products;
  std::vector<Parameter> parameters;

  const Source* find_source(std::string_view key) const;
  const Compound* find_compound(std::string_view id) const;
  /// By id or alias, case-insensitive.
  const Product* find_product(std::string_view id_or_alias) const;
  const Parameter* find_parameter(std::string_view id) const;
  std::vector<std::string> product_ids() const;
};

/// Loads and validates every file in `dir`. Errors carry "file:line" and the field.
Result<Knowledge> load_knowledge(const std::filesystem::path& dir);

/// Knowledge-base files held in memory, so tests and fuzzers can load without a directory.
struct DataFiles {
  std::filesystem::path dir;                 ///< where they came from; names files in messages
  std::map<std::string, std::string> texts;  ///< file name ("products.toml") -> its contents
};
/// Reads every *.toml file in `dir` (none when `dir` cannot be listed).
Result<DataFiles> read_data_files(const std::filesystem::path& dir);
/// As load_knowledge(dir), from files already in memory.
Result<Knowledge> load_knowledge(const DataFiles& files);

/// The data directory: $SPECIOSA_DATA if set, else the one next to the installed program,
/// else the source tree's data/ (compiled in).
std::filesystem::path default_data_dir();

/// The product a person names when logging a dose: one of their own products (`own_names`,
/// exact match, returned as typed) or a knowledge-base product (by id or alias, returned as
/// its id). The Error offers the closest names.
Result<std::string> resolve_product(const Knowledge& k, std::string_view name,
                                    const std::vector<std::string>& own_names);

}  // namespace speciosa::knowledge
