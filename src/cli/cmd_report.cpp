// `speciosa report --out report.pdf|report.html [--days 90]`: the clinician report for the
// current person's journal.
#include <cstdio>
#include <fmt/format.h>

#include "comedication.hpp"
#include "context.hpp"
#include "journal_safety.hpp"
#include "safety_output.hpp"
#include "speciosa/analysis.hpp"
#include "speciosa/report.hpp"

namespace speciosa::cli {
namespace {

struct ReportOptions {
  std::string out;
  int days = 90;
  std::string paper = "a4";
  bool anonymous = false;
};

// A window longer than about ten years is surely a typo, and the exposure chart would not fit.
constexpr int kMaxDays = 3660;

Status check_options(const ReportOptions& o) {
  if (Status s = report::check_report_path(o.out); !s) return s;
  if (o.days < 1 || o.days > kMaxDays) {
    return invalid_input("--days", "days", fmt::format("{} is not between 1 and {}", o.days, kMaxDays),
                         "a whole number of days, e.g. --days 90");
  }
  return Ok{};
}

// The window's entries with the analysis's lead-in before it, the person's products, and what
// their current medications do to the kratom model.
Result<report::ReportInput> gather(CliContext& ctx, JournalSession& session, int days) {
  report::ReportInput in;
  in.generated_at = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  in.window = {in.generated_at - std::chrono::days{days}, in.generated_at};
  in.data.person = session.person;
  const journal::PersonId id = session.person.id;
  const auto lead_in = std::chrono::days{analysis::InsightOptions{}.lead_in_days};
  auto entries = session.store->entries(id, {in.window.from - lead_in, in.window.to});
  if (!entries) return entries.error();
  in.data.entries = std::move(*entries);
  auto products = session.store->products(id);
  if (!products) return products.error();
  in.data.products = std::move(*products);
  auto meds = session.store->medications(id);
  if (!meds) return meds.error();
  in.medications = current_medications(*meds, in.generated_at);
  in.risk_contexts = risk_contexts(session.person, in.generated_at);
  auto comedication = comedication_from(ctx, in.medications);
  if (!comedication) return Error{ErrorCode::kDataFile, "report", "", "the interaction data could not be loaded", ""};
  in.data.comed_cyp3a_activity = comedication->cyp3a_activity;
  in.data.comedication_note = comedication->note;
  return in;
}

void run(CliContext& ctx, const ReportOptions& o) {
  auto paper = report::paper_from_string(o.paper, "--paper");
  if (!paper) {
    fail(ctx, paper.error());
    return;
  }
  if (Status s = check_options(o); !s) {
    fail(ctx, s.error());
    return;
  }
  const knowledge::Knowledge* k = ctx.knowledge();
  if (k == nullptr) return;
  auto safety_data = load_safety_data(ctx);
  if (!safety_data) return;
  auto session = open_session(ctx);
  if (!session) return;
  auto input = gather(ctx, *session, o.days);
  if (ctx.exit_code != 0) return;  // already reported
  if (!input) {
    fail(ctx, input.error());
    return;
  }
  input->display_name = o.anonymous ? "" : session->person.name;
  auto built = report::build_report(*k, *safety_data, *input);
  if (!built) {
    fail(ctx, built.error());
    return;
  }
  if (Status s = report::write_report(o.out, *built, *paper); !s) {
    fail(ctx, s.error());
    return;
  }
  std::printf("Report written to %s\n", o.out.c_str());
}

}  // namespace

void add_report_command(CLI::App& app, CliContext& ctx) {
  auto options = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand("report", "A summary to hand to a clinician (PDF or HTML)");
  cmd->add_option("--out", options->out, "Write to FILE.pdf or FILE.html")->required();
  cmd->add_option("--days", options->days, "Days back from now to cover (default 90)");
  cmd->add_option("--paper", options->paper, "a4 or letter (PDF only; default a4)");
  cmd->add_flag("--anonymous", options->anonymous, "Print \"anonymous\" instead of the person's name");
  cmd->callback([&ctx, options] { run(ctx, *options); });
}

}  // namespace speciosa::cli
