// The knowledge-base loader on hostile TOML. Input: a file name on the first line
// ("products.toml"), its contents after it; the other files are the real data/. The loader
// may reject the file, naming where, but never crash; what it accepts must keep its promises.
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <toml++/toml.h>

#include "fuzz_support.hpp"
#include "speciosa/knowledge.hpp"

namespace {

// The real data/ without what makes each run slow: the safety files (another loader reads
// them) and the sources no remaining file cites. A run then takes milliseconds, not a second.
speciosa::knowledge::DataFiles trimmed(speciosa::knowledge::DataFiles files) {
  for (const char* name : {"interactions.toml", "jurisdictions.toml", "redflags.toml", "thresholds.toml"}) {
    files.texts.erase(name);
  }
  const std::regex cited(R"re(source\s*=\s*"([^"]+)")re");
  std::set<std::string> keys;
  for (const auto& [name, text] : files.texts) {
    for (std::sregex_iterator it(text.begin(), text.end(), cited), end; it != end; ++it) {
      keys.insert((*it)[1].str());
    }
  }
  toml::table sources = toml::parse(files.texts.at("sources.toml"));
  toml::table kept;
  for (const auto& [key, node] : sources) {
    if (keys.count(std::string(key.str())) > 0) kept.insert(key, node);
  }
  std::ostringstream text;
  text << kept;
  files.texts["sources.toml"] = text.str();
  return files;
}

const speciosa::knowledge::DataFiles& real_files() {
  static const speciosa::knowledge::DataFiles files = [] {
    auto read = speciosa::knowledge::read_data_files(SPECIOSA_FUZZ_DATA_DIR);
    speciosa::fuzz::require(read.has_value() && !read->texts.empty(), "data/ is readable");
    auto small = trimmed(*read);
    speciosa::fuzz::require(speciosa::knowledge::load_knowledge(small).has_value(),
                            "the trimmed data/ still loads");
    return small;
  }();
  return files;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using speciosa::fuzz::require;
  const auto fields = speciosa::fuzz::split_fields(data, size, 2);
  speciosa::knowledge::DataFiles files = real_files();
  files.texts[fields[0]] = fields[1];
  auto k = speciosa::knowledge::load_knowledge(files);
  if (!k) {
    require(!k.error().where.empty() && !k.error().message.empty(),
            "a rejection says where and what");
    return 0;
  }
  for (const auto& p : k->parameters) {
    require(k->find_source(p.provenance.source) != nullptr, "every parameter has a known source");
    require(p.low <= p.value && p.value <= p.high, "every parameter lies in its own range");
  }
  for (const auto& p : k->products) {
    require(p.mg_fraction.low <= p.mg_fraction.typical && p.mg_fraction.typical <= p.mg_fraction.high,
            "every product content lies in its own range");
  }
  return 0;
}
