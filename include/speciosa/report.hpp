// speciosa report: the clinician report (one to three pages, PDF or self-contained HTML) and the
// cairo charts that it and `simulate --plot` draw.
//
// - build_report() turns a person's journal window into a Report: a list of blocks (headings,
//   text, tables, charts) that both renderers draw, so PDF and HTML always say the same thing.
// - write_report() renders it; the format follows the file extension (.pdf, .html).
// - write_plot() draws a stand-alone chart (.png, .svg, .pdf).
// Pure functions of their arguments except for the files written; no clock, no journal access.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "speciosa/analysis.hpp"
#include "speciosa/common.hpp"
#include "speciosa/journal.hpp"
#include "speciosa/knowledge.hpp"
#include "speciosa/knowledge_safety.hpp"
#include "speciosa/safety.hpp"

namespace speciosa::report {

// --- charts ---------------------------------------------------------------------------------

struct PlotLine {
  std::string label;
  const std::vector<double>* y = nullptr;
  bool dashed = false;  ///< lines differ by dash pattern (points: hollow markers) as well as colour
  const std::vector<double>* x = nullptr;  ///< its own x values (check-ins); nullptr: the chart's x
  bool points = false;  ///< a marker per value, no connecting line (sparse observations)
};

/// A shaded horizontal range with a label, e.g. a questionnaire's severity band.
struct PlotBand {
  double from = 0;
  double to = 0;
  std::string label;
};

struct PlotPanel {
  std::string title;
  std::string y_label;
  std::vector<PlotLine> lines;
  std::vector<PlotBand> bands{};   ///< lightest first
  std::optional<double> y_max{};   ///< a fixed scale (a rating's range); else from the data
};

struct PlotTick {
  double x = 0;
  std::string label;
};

struct PlotSpec {
  std::string title;
  std::string x_label = "time since first dose (h)";
  const std::vector<double>* x = nullptr;
  std::vector<PlotPanel> panels;       ///< stacked top to bottom
  std::vector<double> dose_times_h;    ///< marked on every panel (same unit as x)
  std::string footnote;
  std::optional<double> x_max;         ///< else the last x
  std::vector<PlotTick> x_ticks;       ///< labelled ticks (dates); else evenly spaced numbers
};

/// Writes the chart; the format follows the extension (.png, .svg, .pdf).
Status write_plot(const std::string& path, const PlotSpec& spec);

// --- the report document --------------------------------------------------------------------

struct Heading {
  std::string text;
};
struct Paragraph {
  std::string text;
  bool small = false;  ///< notes, caveats and citations
};
struct Bullets {
  std::vector<std::string> items;
  bool small = false;  ///< reference lists
};
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<double> widths;  ///< relative column widths (one per column)
};
/// A chart with the data it draws; copies share the data, so the spec's pointers stay valid.
struct Chart {
  PlotSpec spec;
  std::string alt;  ///< the chart in words, for screen readers and text extraction
  std::shared_ptr<std::deque<std::vector<double>>> data = std::make_shared<std::deque<std::vector<double>>>();
  /// Keeps `values` alive with the chart and returns a pointer for the spec.
  const std::vector<double>* keep(std::vector<double> values) const;
};
using Block = std::variant<Heading, Paragraph, Bullets, Table, Chart>;

struct Report {
  std::string title;
  std::vector<std::string> header_lines;  ///< who, which dates, when generated
  std::string disclaimer;
  std::vector<Block> blocks;
};

/// Everything the report reads; the caller gathers it from the journal.
struct ReportInput {
  /// The person, their products and co-medication, and their entries from
  /// analysis::InsightOptions::lead_in_days before the window to its end (the analysis simulates
  /// earlier doses so that tolerance has built up).
  analysis::PersonData data;
  std::string display_name;                ///< "" prints "anonymous"
  std::vector<std::string> medications;    ///< taken now
  std::vector<std::string> risk_contexts;  ///< redflags.toml ids (pregnancy, under-21, ...)
  journal::TimeRange window;               ///< [from, to): what the report covers
  journal::Instant generated_at{};
};
/// Builds the report. Rejects a window that is empty or reversed, and doses that cannot be
/// converted to mg of alkaloid (unknown product).
Result<Report> build_report(const knowledge::Knowledge& k, const knowledge::SafetyData& safety_data,
                            const ReportInput& input);

enum class Paper { kA4, kLetter };
/// "a4" or "letter"; the error names `field`.
Result<Paper> paper_from_string(std::string_view text, std::string_view field);

/// The report as one self-contained HTML page (charts as PNG data URIs with text alternatives).
std::string to_html(const Report& report);

/// Writes a .pdf (cairo) or .html file. `field` names the option in errors (an unknown extension
/// is rejected before anything is written).
Status write_report(const std::string& path, const Report& report, Paper paper = Paper::kA4,
                    std::string_view field = "--out");
/// Ok for a path ending in .pdf or .html; else an error naming `field`.
Status check_report_path(const std::string& path, std::string_view field = "--out");

}  // namespace speciosa::report
