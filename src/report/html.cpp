// The report as one self-contained, accessible HTML page: no external assets; charts are PNG data
// URIs with a text alternative; tables have header cells with scope; print styles fit A4/Letter.
#include <cairo.h>
#include <fmt/format.h>
#include <fstream>
#include <memory>

#include "render.hpp"

namespace speciosa::report {
namespace detail {
namespace {

// Charts are laid out as on an A4 PDF page (the same proportions of text to plot) and shown
// 720 CSS px wide, so their labels stay readable next to the page's text; the PNG has twice the
// pixels, which stays sharp on print and HiDPI screens.
constexpr double kChartLayoutWidth = 480;
constexpr double kChartWidthPx = 720;
constexpr double kChartScale = 2 * kChartWidthPx / kChartLayoutWidth;

constexpr const char* kStyle = R"(body{font-family:system-ui,sans-serif;max-width:52rem;margin:1.5rem auto;
padding:0 1rem;color:#1a1a1a;line-height:1.4}h1{font-size:1.4rem;margin-bottom:.3rem}
h2{font-size:1.1rem;color:#00406f;border-bottom:1px solid #c0ccd8;margin-top:1.4rem}
.meta{margin:.1rem 0}.disclaimer{background:#f5eed9;padding:.5rem .7rem;font-weight:bold}
.small{font-size:.85rem;color:#444}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.25rem .4rem;border-bottom:1px solid #ccc}
th{background:#e8edf2}figure{margin:.5rem 0}img{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none;font-size:10pt}h2{break-after:avoid}figure,tr{break-inside:avoid}})";

std::string escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string base64(const std::string& bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string chart_png(const Chart& c, const PlotGeometry& g) {
  const double h = plot_height(c.spec, g);
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(g.width * kChartScale),
                                                        static_cast<int>(h * kChartScale));
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> guard(surface, cairo_surface_destroy);
  cairo_t* cr = cairo_create(surface);
  cairo_scale(cr, kChartScale, kChartScale);
  draw_plot(cr, c.spec, g);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(surface, append_bytes, &png);
  return png;
}

std::string figure(const Chart& c) {
  const PlotGeometry g = page_geometry(kChartLayoutWidth);
  // The footnote becomes the caption (text, not pixels), so the image does not repeat it.
  Chart image = c;
  image.spec.footnote.clear();
  const double css_scale = kChartWidthPx / kChartLayoutWidth;
  return fmt::format("<figure><img src=\"data:image/png;base64,{}\" width=\"{}\" height=\"{}\" alt=\"{}\">"
                     "<figcaption class=\"small\">{}</figcaption></figure>\n",
                     base64(chart_png(image, g)), static_cast<int>(kChartWidthPx),
                     static_cast<int>(plot_height(image.spec, g) * css_scale), escape(c.alt), escape(c.spec.footnote));
}

std::string table(const Table& t) {
  std::string out = "<table>\n<thead><tr>";
  for (const std::string& h : t.header) out += "<th scope=\"col\">" + escape(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      // The first cell names the row, so screen readers announce it with each value.
      out += i == 0 ? "<th scope=\"row\">" + escape(row[i]) + "</th>" : "<td>" + escape(row[i]) + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string bullets(const Bullets& b) {
  std::string out = b.small ? "<ul class=\"small\">\n" : "<ul>\n";
  for (const std::string& item : b.items) out += "<li>" + escape(item) + "</li>\n";
  return out + "</ul>\n";
}

std::string block_html(const Block& block) {
  return std::visit(
      [](const auto& b) -> std::string {
        using T = std::decay_t<decltype(b)>;
        if constexpr (std::is_same_v<T, Heading>) {
          return "<h2>" + escape(b.text) + "</h2>\n";
        } else if constexpr (std::is_same_v<T, Paragraph>) {
          return std::string(b.small ? "<p class=\"small\">" : "<p>") + escape(b.text) + "</p>\n";
        } else if constexpr (std::is_same_v<T, Bullets>) {
          return bullets(b);
        } else if constexpr (std::is_same_v<T, Table>) {
          return table(b);
        } else {
          return figure(b);
        }
      },
      block);
}

}  // namespace
}  // namespace detail

std::string to_html(const Report& report) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n"
      "<style>{}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
      detail::escape(report.title), detail::kStyle, detail::escape(report.title));
  for (const std::string& line : report.header_lines) out += "<p class=\"meta\">" + detail::escape(line) + "</p>\n";
  out += "<p class=\"disclaimer\" role=\"note\">" + detail::escape(report.disclaimer) + "</p>\n";
  for (const Block& block : report.blocks) out += detail::block_html(block);
  return out + "</main>\n</body>\n</html>\n";
}

Status write_report(const std::string& path, const Report& report, Paper paper, std::string_view field) {
  if (Status s = check_report_path(path, field); !s) return s;
  if (path.ends_with(".pdf")) return detail::write_pdf(path, report, paper);
  std::ofstream out(path, std::ios::binary);
  out << to_html(report);
  out.close();
  if (!out) return Error{ErrorCode::kIo, std::string(field), "out", "cannot write " + path, "a writable path"};
  return Ok{};
}

}  // namespace speciosa::report
