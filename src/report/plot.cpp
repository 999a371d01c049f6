// Line and point charts on a shared x axis, drawn with cairo. Pure drawing, no model knowledge.
#include <algorithm>
#include <array>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <memory>

#include "draw.hpp"

namespace speciosa::report {
namespace detail {
namespace {

struct Rgb {
  double r, g, b;
};
// Okabe–Ito colour-blind-safe palette; lines also differ by dash pattern or marker.
constexpr std::array<Rgb, 4> kPalette{{{0.0, 0.447, 0.698}, {0.835, 0.369, 0.0},
                                       {0.0, 0.620, 0.451}, {0.8, 0.475, 0.655}}};
// Bands get darker with severity; grey so that they never compete with the data colours.
constexpr std::array<double, 4> kBandGrey{0.97, 0.93, 0.88, 0.83};

// A "nice" axis step (1, 2 or 5 × 10^k) for about `ticks` intervals.
double nice_step(double span, int ticks) {
  const double raw = span / ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw) return m * mag;
  }
  return 10 * mag;
}

void select_font(cairo_t* cr, double size_pt, Weight weight) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         weight == Weight::kBold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size_pt);
}

struct Frame {
  double left, top, width, height, x_max, y_max;
  double px(double x) const { return left + width * x / x_max; }
  double py(double y) const { return top + height * (1.0 - std::clamp(y / y_max, 0.0, 1.0)); }
};

const std::vector<double>& x_of(const PlotLine& line, const PlotSpec& spec) {
  return line.x != nullptr ? *line.x : *spec.x;
}

double panel_y_max(const PlotPanel& panel) {
  if (panel.y_max) return *panel.y_max;
  double y_max = 0;
  for (const PlotLine& l : panel.lines) {
    for (double v : *l.y) y_max = std::max(y_max, v);
  }
  if (!(y_max > 0)) return 1.0;
  const double step = nice_step(y_max * 1.1, 4);
  return step * std::ceil(y_max * 1.1 / step);
}

void draw_bands(cairo_t* cr, const Frame& f, const PlotPanel& panel, double font_pt) {
  for (std::size_t i = 0; i < panel.bands.size(); ++i) {
    const PlotBand& b = panel.bands[i];
    const double grey = kBandGrey[std::min(i, kBandGrey.size() - 1)];
    cairo_set_source_rgb(cr, grey, grey, grey);
    cairo_rectangle(cr, f.left, f.py(b.to), f.width, f.py(b.from) - f.py(b.to));
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
    // Mid-band, so that the label never meets a grid line drawn at a band edge.
    const double mid_y = (f.py(b.from) + f.py(b.to)) / 2 + font_pt * 0.3;
    show_text(cr, f.left + f.width - 4, mid_y, b.label, font_pt * 0.8, Weight::kNormal, 1.0);
  }
}

void draw_x_axis(cairo_t* cr, const Frame& f, const PlotSpec& spec, bool labels, double font_pt) {
  auto tick = [&](double x, const std::string& label) {
    cairo_move_to(cr, f.px(x), f.top + f.height);
    cairo_line_to(cr, f.px(x), f.top + f.height + 4);
    cairo_stroke(cr);
    if (labels) show_text(cr, f.px(x), f.top + f.height + font_pt * 1.5, label, font_pt, Weight::kNormal, 0.5);
  };
  if (!spec.x_ticks.empty()) {
    for (const PlotTick& t : spec.x_ticks) tick(t.x, t.label);
  } else {
    const double xs = nice_step(f.x_max, 8);
    for (double x = 0; x <= f.x_max + 1e-9; x += xs) tick(x, fmt::format("{:g}", x));
  }
  if (labels) {
    show_text(cr, f.left + f.width / 2, f.top + f.height + font_pt * 3.2, spec.x_label, font_pt * 1.1,
              Weight::kNormal, 0.5);
  }
}

void draw_axes(cairo_t* cr, const Frame& f, const PlotSpec& spec, const PlotPanel& panel, bool x_labels,
               double font_pt) {
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
    show_text(cr, f.left - 6, f.py(y) + font_pt * 0.35, fmt::format("{:g}", y), font_pt, Weight::kNormal, 1.0);
  }
  draw_x_axis(cr, f, spec, x_labels, font_pt);
  show_text(cr, f.left, f.top - font_pt * 0.7, panel.title, font_pt * 1.2, Weight::kBold);
  cairo_save(cr);
  cairo_translate(cr, f.left - font_pt * 5.0, f.top + f.height / 2);
  cairo_rotate(cr, -M_PI / 2);
  show_text(cr, 0, 0, panel.y_label, font_pt, Weight::kNormal, 0.5);
  cairo_restore(cr);
}

void draw_doses(cairo_t* cr, const Frame& f, const std::vector<double>& doses, double font_pt) {
  const double half = font_pt * 0.36;
  cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
  for (double d : doses) {
    if (d > f.x_max) continue;
    const double x = f.px(d);
    const double y = f.top + f.height;
    cairo_move_to(cr, x, y);
    cairo_line_to(cr, x - half, y + 2 * half);
    cairo_line_to(cr, x + half, y + 2 * half);
    cairo_close_path(cr);
    cairo_fill(cr);
  }
}

// Filled markers for the first series of points, hollow for the next: they differ by shape as
// well as colour.
void marker(cairo_t* cr, double x, double y, double r, bool hollow) {
  cairo_new_sub_path(cr);
  cairo_arc(cr, x, y, r, 0, 2 * M_PI);
  if (hollow) {
    cairo_stroke(cr);
  } else {
    cairo_fill(cr);
  }
}

void set_dash(cairo_t* cr, bool dashed) {
  const double dash[] = {6.0, 4.0};
  cairo_set_dash(cr, dash, dashed ? 2 : 0, 0);
}

void draw_series(cairo_t* cr, const Frame& f, const PlotLine& line, const std::vector<double>& x, double font_pt) {
  SPECIOSA_ASSERT(x.size() == line.y->size(), "a plot line needs one y per x");
  const double r = font_pt * 0.22;
  set_dash(cr, line.dashed && !line.points);
  for (std::size_t k = 0; k < x.size(); ++k) {
    const double px = f.px(x[k]);
    const double py = f.py(std::max(0.0, (*line.y)[k]));
    if (line.points) {
      marker(cr, px, py, r, line.dashed);
    } else if (k == 0) {
      cairo_move_to(cr, px, py);
    } else {
      cairo_line_to(cr, px, py);
    }
  }
  if (!line.points) cairo_stroke(cr);
  set_dash(cr, false);
}

void draw_legend_entry(cairo_t* cr, const Frame& f, const PlotLine& line, std::size_t i, double font_pt) {
  const double ly = f.top + font_pt * 1.3 + font_pt * 1.6 * static_cast<double>(i);
  const double lx = f.left + f.width + font_pt;
  const double len = font_pt * 2.2;
  if (line.points) {
    marker(cr, lx + len / 2, ly - font_pt * 0.35, font_pt * 0.22, line.dashed);
  } else {
    set_dash(cr, line.dashed);
    cairo_move_to(cr, lx, ly - font_pt * 0.35);
    cairo_line_to(cr, lx + len, ly - font_pt * 0.35);
    cairo_stroke(cr);
    set_dash(cr, false);
  }
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  show_text(cr, lx + len + font_pt * 0.5, ly, line.label, font_pt);
}

void draw_lines(cairo_t* cr, const Frame& f, const PlotSpec& spec, const PlotPanel& panel, double font_pt) {
  for (std::size_t i = 0; i < panel.lines.size(); ++i) {
    const PlotLine& line = panel.lines[i];
    const Rgb c = kPalette[i % kPalette.size()];
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_set_line_width(cr, font_pt / 5.5);
    draw_series(cr, f, line, x_of(line, spec), font_pt);
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    draw_legend_entry(cr, f, line, i, font_pt);
  }
}

double x_axis_max(const PlotSpec& spec) {
  if (spec.x_max) return *spec.x_max;
  return spec.x->empty() ? 1.0 : std::max(spec.x->back(), 1e-9);
}

}  // namespace

double text_width(cairo_t* cr, const std::string& s, double size_pt, Weight weight) {
  select_font(cr, size_pt, weight);
  cairo_text_extents_t ext;
  cairo_text_extents(cr, s.c_str(), &ext);
  return ext.x_advance;
}

void show_text(cairo_t* cr, double x, double y, const std::string& s, double size_pt, Weight weight,
               double align) {
  const double width = text_width(cr, s, size_pt, weight);
  cairo_move_to(cr, x - align * width, y);
  cairo_show_text(cr, s.c_str());
}

PlotGeometry file_geometry() { return PlotGeometry{}; }

double plot_height(const PlotSpec& spec, const PlotGeometry& g) {
  return g.margin_top + static_cast<double>(spec.panels.size()) * (g.panel_height + g.panel_gap) +
         g.margin_bottom - g.panel_gap + 20;
}

void draw_plot(cairo_t* cr, const PlotSpec& spec, const PlotGeometry& g) {
  SPECIOSA_ASSERT(spec.x != nullptr, "a plot needs an x axis");
  const double height = plot_height(spec, g);
  cairo_save(cr);
  cairo_rectangle(cr, 0, 0, g.width, height);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  if (!spec.title.empty()) show_text(cr, g.margin_left, g.font_pt * 2.5, spec.title, g.font_pt * 1.45, Weight::kBold);
  const double x_max = x_axis_max(spec);
  for (std::size_t p = 0; p < spec.panels.size(); ++p) {
    const PlotPanel& panel = spec.panels[p];
    const Frame f{g.margin_left, g.margin_top + static_cast<double>(p) * (g.panel_height + g.panel_gap),
                  g.width - g.margin_left - g.margin_right, g.panel_height, x_max, panel_y_max(panel)};
    draw_bands(cr, f, panel, g.font_pt);
    draw_axes(cr, f, spec, panel, p + 1 == spec.panels.size(), g.font_pt);
    draw_doses(cr, f, spec.dose_times_h, g.font_pt);
    draw_lines(cr, f, spec, panel, g.font_pt);
  }
  cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
  show_text(cr, g.margin_left, height - g.font_pt, spec.footnote, g.font_pt * 0.9);
  cairo_restore(cr);
}

}  // namespace detail

Status write_plot(const std::string& path, const PlotSpec& spec) {
  const detail::PlotGeometry g = detail::file_geometry();
  const std::string ext = std::filesystem::path(path).extension().string();
  const double height = detail::plot_height(spec, g);
  cairo_surface_t* surface = nullptr;
  if (ext == ".png") {
    surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(g.width), static_cast<int>(height));
  } else if (ext == ".svg") {
    surface = cairo_svg_surface_create(path.c_str(), g.width, height);
  } else if (ext == ".pdf") {
    surface = cairo_pdf_surface_create(path.c_str(), g.width, height);
  } else {
    return invalid_input("--plot", "plot", "unknown file type '" + ext + "'", "a file ending in .png, .svg or .pdf");
  }
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> guard(surface, cairo_surface_destroy);
  const Error cannot_write{ErrorCode::kIo, "--plot", "plot", "cannot write " + path, "a writable path"};
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return cannot_write;
  cairo_t* cr = cairo_create(surface);
  detail::draw_plot(cr, spec, g);
  cairo_destroy(cr);
  if (ext == ".png" && cairo_surface_write_to_png(surface, path.c_str()) != CAIRO_STATUS_SUCCESS) {
    return cannot_write;
  }
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return cannot_write;
  return Ok{};
}

}  // namespace speciosa::report
