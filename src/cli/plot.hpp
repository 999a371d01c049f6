// Line charts on a shared time axis, drawn with cairo to PNG, SVG or PDF (chosen by the
// file extension). Used by simulate and demo; pure drawing, no model knowledge.
#pragma once

#include <string>
#include <vector>

#include "speciosa/common.hpp"

namespace speciosa::cli {

struct PlotLine {
  std::string label;
  const std::vector<double>* y = nullptr;
  bool dashed = false;  ///< lines differ by dash pattern as well as colour (not colour alone)
};

struct PlotPanel {
  std::string title;
  std::string y_label;
  std::vector<PlotLine> lines;
};

struct PlotSpec {
  std::string title;
  std::string x_label = "time since first dose (h)";
  const std::vector<double>* x = nullptr;
  std::vector<PlotPanel> panels;       ///< stacked top to bottom
  std::vector<double> dose_times_h;    ///< marked on every panel
  std::string footnote;
};

/// Writes the plot; the format follows the extension (.png, .svg, .pdf).
Status write_plot(const std::string& path, const PlotSpec& spec);

}  // namespace speciosa::cli
