#include "regimen.hpp"

namespace speciosa::cli {

void add_regimen_options(CLI::App& cmd, RegimenOptions& o, bool dose_required) {
  cmd.add_option("--dose", o.dose, "Amount per dose: 2g (leaf), 25mg --as mitragynine, 1tablet; "
                                   "or a comma list matching --at")->required(dose_required);
  cmd.add_option("--as", o.as, "What the dose amount measures: leaf (default), mitragynine, 7-oh");
  cmd.add_option("--product", o.product, "Product id (speciosa knowledge products)");
  cmd.add_option("--mg-content", o.mg_content, "Mitragynine content of the leaf, e.g. 1.5%");
  cmd.add_option("--oh-content", o.oh_content, "7-OH content of the leaf, e.g. 0.01%");
  cmd.add_option("--every", o.every, "Repeat the dose every interval, e.g. 24h");
  cmd.add_option("--count", o.count, "Number of doses with --every");
  cmd.add_option("--at", o.at, "Dose times in hours, e.g. 0,6,12");
}

}  // namespace speciosa::cli
