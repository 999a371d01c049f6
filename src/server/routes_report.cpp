// The clinician report for download: the same document as `speciosa report --out FILE`, as a
// self-contained HTML page or a PDF.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api.hpp"
#include "speciosa/report.hpp"
#include "speciosa/safety_journal.hpp"

namespace speciosa::server {
namespace {

// ?days=N back from now (default 90, like the CLI; at most ten years), ?anonymous=1 prints
// "anonymous" instead of the person's name.
report::Report build(Call& call) {
  const int days = call.int_query("days", 90, 1, 3660);
  report::ReportInput in;
  in.generated_at = now();
  in.window = {in.generated_at - std::chrono::days{days}, in.generated_at};
  // The analysis simulates doses from before the window so that tolerance has built up.
  const auto lead_in = std::chrono::days{analysis::InsightOptions{}.lead_in_days};
  in.data = person_data(call, {in.window.from - lead_in, in.window.to});
  in.display_name = call.int_query("anonymous", 0, 0, 1) == 1 ? "" : in.data.person.name;
  in.medications = medications_now(call, in.data.person);
  in.risk_contexts = safety::risk_contexts(in.data.person, in.generated_at);
  return take(report::build_report(call.app.knowledge, call.app.safety, in));
}

// The PDF renderer writes files, so the PDF goes through a private temporary file.
std::string pdf_bytes(const report::Report& built, report::Paper paper) {
  const auto path = std::filesystem::temp_directory_path() / ("speciosa-report-" + random_token() + ".pdf");
  const Status written = report::write_report(path.string(), built, paper, "paper");
  std::ostringstream bytes;
  if (written) bytes << std::ifstream(path, std::ios::binary).rdbuf();
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!written) reject(written.error());
  return bytes.str();
}

}  // namespace

Reply get_report_html(Call& call) {
  return Reply{200, report::to_html(build(call)), "text/html; charset=utf-8", "speciosa-report.html"};
}

Reply get_report_pdf(Call& call) {
  const std::string paper_name = call.req.has_param("paper") ? call.req.get_param_value("paper") : "a4";
  const report::Paper paper = take(report::paper_from_string(paper_name, "paper"));
  return Reply{200, pdf_bytes(build(call), paper), "application/pdf", "speciosa-report.pdf"};
}

}  // namespace speciosa::server
