// Cairo drawing shared by the chart files (write_plot) and the report pages: text with the
// toy API, and a chart drawn at the current origin in a given geometry.
#pragma once

#include <cairo.h>
#include <string>

#include "speciosa/report.hpp"

namespace speciosa::report::detail {

enum class Weight { kNormal, kBold };

/// Width of `s` in the current font settings at `size_pt`.
double text_width(cairo_t* cr, const std::string& s, double size_pt, Weight weight = Weight::kNormal);
/// Draws `s` with its baseline at y; `align` 0 = left edge at x, 0.5 = centred, 1 = right edge.
void show_text(cairo_t* cr, double x, double y, const std::string& s, double size_pt,
               Weight weight = Weight::kNormal, double align = 0.0);

/// Sizes of a chart in the surface's units (px for PNG, pt for PDF).
struct PlotGeometry {
  double width = 900;
  double panel_height = 230;
  double margin_left = 80;
  double margin_right = 170;  ///< room for the legend
  double margin_top = 70;
  double margin_bottom = 70;
  double panel_gap = 40;
  double font_pt = 11;        ///< axis labels; titles scale from it
};

/// The stand-alone chart file (simulate --plot, demo --plot).
PlotGeometry file_geometry();
/// Total height of the chart in that geometry.
double plot_height(const PlotSpec& spec, const PlotGeometry& g);
/// Draws the chart with its top-left corner at the current origin (white background).
void draw_plot(cairo_t* cr, const PlotSpec& spec, const PlotGeometry& g);

}  // namespace speciosa::report::detail
