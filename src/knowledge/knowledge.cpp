#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <unistd.h>

#include <fmt/format.h>

#include "speciosa/knowledge.hpp"

namespace speciosa::knowledge {
namespace {

constexpr std::array<std::pair<Evidence, std::string_view>, 6> kEvidenceNames{{
    {Evidence::kClinical, "clinical"},
    {Evidence::kObservational, "observational"},
    {Evidence::kCaseReports, "case-reports"},
    {Evidence::kInVitro, "in-vitro"},
    {Evidence::kAnimal, "animal"},
    {Evidence::kTheoretical, "theoretical"},
}};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

template <typename T>
const T* find_by_id(const std::vector<T>& items, std::string_view id) {
  auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

std::string_view to_string(Evidence e) {
  for (const auto& [value, name] : kEvidenceNames) {
    if (value == e) return name;
  }
  return "theoretical";
}

std::optional<Evidence> evidence_from_string(std::string_view s) {
  for (const auto& [value, name] : kEvidenceNames) {
    if (name == s) return value;
  }
  return std::nullopt;
}

std::string_view evidence_names() {
  return "clinical, observational, case-reports, in-vitro, animal, theoretical";
}

std::string_view to_string(ProductKind k) {
  switch (k) {
    case ProductKind::kLeaf: return "leaf";
    case ProductKind::kExtract: return "extract";
    case ProductKind::kHydroxyConcentrate: return "7oh-concentrate";
  }
  return "leaf";
}

const Source* Knowledge::find_source(std::string_view key) const {
  auto it = std::find_if(sources.begin(), sources.end(), [&](const Source& s) { return s.key == key; });
  return it == sources.end() ? nullptr : &*it;
}

const Compound* Knowledge::find_compound(std::string_view id) const {
  for (const Compound& c : compounds) {
    if (iequals(c.id, id)) return &c;
    for (const auto& alias : c.aliases) {
      if (iequals(alias, id)) return &c;
    }
  }
  return nullptr;
}

const Product* Knowledge::find_product(std::string_view id_or_alias) const {
  for (const Product& p : products) {
    if (iequals(p.id, id_or_alias)) return &p;
  }
  for (const Product& p : products) {
    for (const auto& alias : p.aliases) {
      if (iequals(alias, id_or_alias)) return &p;
    }
  }
  return nullptr;
}

const Parameter* Knowledge::find_parameter(std::string_view id) const {
  return find_by_id(parameters, id);
}

std::vector<std::string> Knowledge::product_ids() const {
  std::vector<std::string> ids;
  ids.reserve(products.size());
  for (const Product& p : products) ids.push_back(p.id);
  return ids;
}

std::filesystem::path default_data_dir() {
  if (const char* env = std::getenv("SPECIOSA_DATA"); env != nullptr && *env != '\0') return env;
  // An installed layout keeps data/ beside bin/: <prefix>/bin/speciosa, <prefix>/share/speciosa.
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto installed = exe.parent_path().parent_path() / "share" / "speciosa";
    if (std::filesystem::exists(installed / "sources.toml", ec)) return installed;
  }
  return SPECIOSA_DATA_DIR;
}

Result<std::string> resolve_product(const Knowledge& k, std::string_view name,
                                    const std::vector<std::string>& own_names) {
  for (const auto& own : own_names) {
    if (own == name) return own;
  }
  if (const auto* p = k.find_product(name)) return p->id;
  std::vector<std::string> names = own_names;
  for (auto& known : k.product_ids()) names.push_back(known);
  const auto near = check::closest(name, names);
  return invalid_input("--product", "product", fmt::format("unknown product '{}'", name),
                       fmt::format("a product id such as {} (see: speciosa knowledge products), or "
                                   "one added with speciosa product add",
                                   fmt::join(near, ", ")));
}

}  // namespace speciosa::knowledge
