// Journal import files (JSON, CSV, FHIR R4) as `speciosa import` reads them. The readers may
// reject a file, naming where; what they accept must survive the trip the header promises:
// written again in the same format it reads back, and a second write gives the same bytes.
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "speciosa/journal_formats.hpp"

namespace {

using namespace speciosa::journal;
using speciosa::fuzz::require;

void check_round_trip(std::string_view text, ExchangeFormat format) {
  auto doc = read_document(text, format, "UTC");
  if (!doc) {
    require(!doc.error().message.empty(), "a rejected file is told why");
    return;
  }
  const std::string written = write_document(*doc, format);
  auto again = read_document(written, format, "UTC");
  require(again.has_value(), "what the writer wrote, the reader reads");
  require(write_document(*again, format) == written, "a second write gives the same bytes");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)detect_format(text);
  for (auto format : {ExchangeFormat::kJson, ExchangeFormat::kCsv, ExchangeFormat::kFhir}) {
    check_round_trip(text, format);
  }
  return 0;
}
