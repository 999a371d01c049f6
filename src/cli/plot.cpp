#include "plot.hpp"

#include <algorithm>
#include <array>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <memory>

namespace speciosa::cli {
namespace {

constexpr double kWidth = 900;
constexpr double kPanelHeight = 230;
constexpr double kMarginLeft = 80;
constexpr double kMarginRight = 170;  // room for the legend
constexpr double kMarginTop = 70;
constexpr double kMarginBottom = 70;
constexpr double kPanelGap = 40;

struct Rgb {
  double r, g, b;
};
// Okabe–Ito colour-blind-safe palette; lines also differ by dash pattern.
constexpr std::array<Rgb, 4> kPalette{{{0.0, 0.447, 0.698}, {0.835, 0.369, 0.0},
                                       {0.0, 0.620, 0.451}, {0.8, 0.475, 0.655}}};

// A "nice" axis step (1, 2 or 5 × 10^k) for about `ticks` intervals.
double nice_step(double span, int ticks) {
  const double raw = span / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw) return m * mag;
  }
  return 10 * mag;
}

void text(cairo_t* cr, double x, double y, const std::string& s, double size, bool bold = false,
          double align = 0.0) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, s.c_str(), &ext);
  cairo_move_to(cr, x - align * ext.width, y);
  cairo_show_text(cr, s.c_str());
}

struct Frame {
  double left, top, width, height, x_max, y_max;
  double px(double x) const { return left + width * x / x_max; }
  double py(double y) const { return top + height * (1.0 - y / y_max); }
};

void draw_axes(cairo_t* cr, const Frame& f, const PlotPanel& panel, bool x_labels,
               const std::string& x_label) {
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 1.0);
  cairo_rectangle(cr, f.left, f.top, f.width, f.height);
  cairo_stroke(cr);
  const double ys = nice_step(f.y_max, 4);
  for (double y = 0; y <= f.y_max + 1e-9; y += ys) {
    cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
    cairo_move_to(cr, f.left, f.py(y));
    cairo_line_to(cr, f.left + f.width, f.py(y));
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    text(cr, f.left - 6, f.py(y) + 4, fmt::format("{:g}", y), 11, false, 1.0);
  }
  const double xs = nice_step(f.x_max, 8);
  for (double x = 0; x <= f.x_max + 1e-9; x += xs) {
    cairo_move_to(cr, f.px(x), f.top + f.height);
    cairo_line_to(cr, f.px(x), f.top + f.height + 4);
    cairo_stroke(cr);
    if (x_labels) text(cr, f.px(x), f.top + f.height + 17, fmt::format("{:g}", x), 11, false, 0.5);
  }
  text(cr, f.left, f.top - 8, panel.title, 13, true);
  cairo_save(cr);
  cairo_translate(cr, f.left - 55, f.top + f.height / 2);
  cairo_rotate(cr, -M_PI / 2);
  text(cr, 0, 0, panel.y_label, 11, false, 0.5);
  cairo_restore(cr);
  if (x_labels) text(cr, f.left + f.width / 2, f.top + f.height + 36, x_label, 12, false, 0.5);
}

void draw_doses(cairo_t* cr, const Frame& f, const std::vector<double>& doses) {
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  for (double d : doses) {
    if (d > f.x_max) continue;
    const double x = f.px(d);
    const double y = f.top + f.height;
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - 4, y + 7);
    cairo_line_to(cr, x + 4, y + 7);
    cairo_close_path(cr);
    cairo_fill(cr);
  }
}

void draw_panel(cairo_t* cr, const Frame& f, const PlotPanel& panel, const std::vector<double>& x) {
  for (std::size_t i = 0; i < panel.lines.size(); ++i) {
    const PlotLine& line = panel.lines[i];
    const Rgb c = kPalette[i % kPalette.size()];
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_set_line_width(cr, 2.0);
    const double dash[] = {6.0, 4.0};
    cairo_set_dash(cr, dash, line.dashed ? 2 : 0, 0);
    for (std::size_t k = 0; k < x.size(); ++k) {
      const double px = f.px(x[k]);
      const double py = f.py(std::max(0.0, (*line.y)[k]));
      if (k == 0) cairo_move_to(cr, px, py); else cairo_line_to(cr, px, py);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, dash, 0, 0);
    const double ly = f.top + 14 + 18.0 * static_cast<double>(i);
    const double lx = f.left + f.width + 12;
    cairo_set_dash(cr, dash, line.dashed ? 2 : 0, 0);
    cairo_move_to(cr, lx, ly - 4);
    cairo_line_to(cr, lx + 24, ly - 4);
    cairo_stroke(cr);
    cairo_set_dash(cr, dash, 0, 0);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text(cr, lx + 30, ly, line.label, 11);
  }
}

void draw(cairo_t* cr, double height, const PlotSpec& spec) {
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  text(cr, kMarginLeft, 28, spec.title, 16, true);
  const double x_max = spec.x->empty() ? 1.0 : std::max(spec.x->back(), 1e-9);
  for (std::size_t p = 0; p < spec.panels.size(); ++p) {
    const PlotPanel& panel = spec.panels[p];
    double y_max = 0;
    for (const PlotLine& l : panel.lines) {
      for (double v : *l.y) y_max = std::max(y_max, v);
    }
    y_max = y_max > 0 ? nice_step(y_max * 1.1, 4) * std::ceil(y_max * 1.1 / nice_step(y_max * 1.1, 4)) : 1.0;
    const Frame f{kMarginLeft, kMarginTop + static_cast<double>(p) * (kPanelHeight + kPanelGap),
                  kWidth - kMarginLeft - kMarginRight, kPanelHeight, x_max, y_max};
    draw_axes(cr, f, panel, p + 1 == spec.panels.size(), spec.x_label);
    draw_doses(cr, f, spec.dose_times_h);
    draw_panel(cr, f, panel, *spec.x);
  }
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  text(cr, kMarginLeft, height - 12, spec.footnote, 10);
}

}  // namespace

Status write_plot(const std::string& path, const PlotSpec& spec) {
  SPECIOSA_ASSERT(spec.x != nullptr, "a plot needs an x axis");
  const std::string ext = std::filesystem::path(path).extension().string();
  const double height = kMarginTop + static_cast<double>(spec.panels.size()) * (kPanelHeight + kPanelGap) +
                        kMarginBottom - kPanelGap + 20;
  cairo_surface_t* surface = nullptr;
  if (ext == ".png") {
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(kWidth), static_cast<int>(height));
  } else if (ext == ".svg") {
    surface = cairo_svg_surface_create(path.c_str(), kWidth, height);
  } else if (ext == ".pdf") {
    surface = cairo_pdf_surface_create(path.c_str(), kWidth, height);
  } else {
    return invalid_input("--plot", "plot", "unknown file type '" + ext + "'", "a file ending in .png, .svg or .pdf");
  }
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> guard(surface, cairo_surface_destroy);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    return Error{ErrorCode::kIo, "--plot", "plot", "cannot write " + path, "a writable path"};
  }
  cairo_t* cr = cairo_create(surface);
  draw(cr, height, spec);
  cairo_destroy(cr);
  if (ext == ".png" && cairo_surface_write_to_png(surface, path.c_str()) != CAIRO_STATUS_SUCCESS) {
    return Error{ErrorCode::kIo, "--plot", "plot", "cannot write " + path, "a writable path"};
  }
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    return Error{ErrorCode::kIo, "--plot", "plot", "cannot write " + path, "a writable path"};
  }
  return Ok{};
}

}  // namespace speciosa::cli
