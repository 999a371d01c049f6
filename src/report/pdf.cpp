// The report as PDF pages: a simple top-to-bottom layout (wrapped text, tables that repeat their
// header after a page break, charts) on cairo's PDF surface with the toy text API.
#include <algorithm>
#include <cairo-pdf.h>
#include <fmt/format.h>
#include <memory>

#include "draw.hpp"
#include "render.hpp"

namespace speciosa::report::detail {
namespace {

constexpr double kMarginPt = 42;  // about 15 mm, inside every printer's non-printable border
constexpr double kTitlePt = 15;
constexpr double kHeadingPt = 11.5;
constexpr double kBodyPt = 8.5;
constexpr double kSmallPt = 7;
constexpr double kLeading = 1.3;   // line height / font size
constexpr double kCellPadPt = 3;

struct PageSize {
  double width, height;
};

PageSize page_size(Paper paper) {
  // ISO 216 A4 is 210 × 297 mm; US Letter is 8.5 × 11 in (1 pt = 1/72 in).
  return paper == Paper::kA4 ? PageSize{595.28, 841.89} : PageSize{612, 792};
}

// True for the first byte of a UTF-8 character (never split a character).
bool starts_character(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

class PageWriter {
 public:
  PageWriter(cairo_t* cr, PageSize size) : cr_(cr), size_(size), y_(kMarginPt) {}

  double content_width() const { return size_.width - 2 * kMarginPt; }

  void title_block(const Report& r) {
    cairo_set_source_rgb(cr_, 0.05, 0.05, 0.05);
    text_lines(r.title, kTitlePt, Weight::kBold, 0, content_width());
    y_ += 2;
    for (const std::string& line : r.header_lines) text_lines(line, kBodyPt + 0.5, Weight::kNormal, 0, content_width());
    y_ += 4;
    const auto lines = wrap(r.disclaimer, kBodyPt, Weight::kBold, content_width() - 2 * kCellPadPt - 4);
    const double h = static_cast<double>(lines.size()) * kBodyPt * kLeading + 2 * kCellPadPt;
    cairo_set_source_rgb(cr_, 0.96, 0.93, 0.85);
    cairo_rectangle(cr_, kMarginPt, y_, content_width(), h);
    cairo_fill(cr_);
    cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
    y_ += kCellPadPt;
    draw_lines(lines, kBodyPt, Weight::kBold, kCellPadPt + 2);
    y_ += kCellPadPt + 4;
  }

  /// `next_height`: how much of what follows must stay on the heading's page.
  void heading(const std::string& text, double next_height) {
    ensure(kHeadingPt * kLeading + 8 + next_height);
    y_ += 6;
    cairo_set_source_rgb(cr_, 0.0, 0.25, 0.45);
    text_lines(text, kHeadingPt, Weight::kBold, 0, content_width());
    cairo_set_source_rgb(cr_, 0.75, 0.8, 0.85);
    cairo_set_line_width(cr_, 0.6);
    cairo_move_to(cr_, kMarginPt, y_ - kHeadingPt * 0.2);
    cairo_line_to(cr_, kMarginPt + content_width(), y_ - kHeadingPt * 0.2);
    cairo_stroke(cr_);
    y_ += 2;
  }

  void paragraph(const Paragraph& p) {
    const double size = p.small ? kSmallPt : kBodyPt;
    p.small ? cairo_set_source_rgb(cr_, 0.3, 0.3, 0.3) : cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
    text_lines(p.text, size, Weight::kNormal, 0, content_width());
    y_ += 3;
  }

  void bullets(const Bullets& b) {
    const double size = b.small ? kSmallPt : kBodyPt;
    for (const std::string& item : b.items) {
      const auto lines = wrap(item, size, Weight::kNormal, content_width() - 10);
      ensure(size * kLeading);
      cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
      show_text(cr_, kMarginPt + 2, y_ + size, "•", size);
      draw_lines(lines, size, Weight::kNormal, 10);
      y_ += 1.5;
    }
    y_ += 2;
  }

  void table(const Table& t) {
    const std::vector<double> widths = column_widths(t);
    row(t.header, widths, Weight::kBold, true);
    for (const auto& cells : t.rows) {
      if (y_ + row_height(cells, widths, Weight::kNormal) > bottom()) {
        new_page();
        row(t.header, widths, Weight::kBold, true);
      }
      row(cells, widths, Weight::kNormal, false);
    }
    y_ += 5;
  }

  void chart(const Chart& c) {
    const PlotGeometry g = page_geometry(content_width());
    const double h = plot_height(c.spec, g);
    ensure(h);
    cairo_save(cr_);
    cairo_translate(cr_, kMarginPt, y_);
    draw_plot(cr_, c.spec, g);
    cairo_restore(cr_);
    y_ += h + 2;
  }

  void finish() { footer(); }

  /// The part of a block that must stay with the heading above it: a whole chart, a table's
  /// header and first row, else a few lines of text.
  double keep_height(const Block& block) {
    if (const Chart* c = std::get_if<Chart>(&block)) return plot_height(c->spec, page_geometry(content_width()));
    if (const Table* t = std::get_if<Table>(&block); t && !t->rows.empty()) {
      const std::vector<double> widths = column_widths(*t);
      return row_height(t->header, widths, Weight::kBold) + row_height(t->rows.front(), widths, Weight::kNormal);
    }
    return 4 * kBodyPt * kLeading;
  }

 private:
  double bottom() const { return size_.height - kMarginPt; }

  void ensure(double height) {
    if (y_ + height > bottom()) new_page();
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMarginPt;
  }

  void footer() {
    cairo_set_source_rgb(cr_, 0.4, 0.4, 0.4);
    show_text(cr_, kMarginPt, size_.height - kMarginPt / 2,
              fmt::format("speciosa self-tracking summary. Not a diagnosis; kratom is not an approved treatment. "
                          "Page {}",
                          page_),
              kSmallPt);
  }

  std::vector<std::string> wrap(const std::string& text, double size, Weight weight, double width) {
    std::vector<std::string> lines;
    std::string line;
    std::size_t pos = 0;
    while (pos < text.size()) {
      const std::size_t end = std::min(text.find(' ', pos), text.size());
      std::string word = text.substr(pos, end - pos);
      pos = end + 1;
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (text_width(cr_, candidate, size, weight) <= width) {
        line = candidate;
        continue;
      }
      if (!line.empty()) lines.push_back(line);
      line = break_long_word(word, size, weight, width, lines);
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
  }

  // A word wider than the line (a long URL) is broken between characters; returns the rest.
  std::string break_long_word(std::string word, double size, Weight weight, double width,
                              std::vector<std::string>& lines) {
    while (text_width(cr_, word, size, weight) > width && word.size() > 1) {
      std::size_t cut = word.size() - 1;
      while (cut > 1 && (!starts_character(word[cut]) || text_width(cr_, word.substr(0, cut), size, weight) > width)) {
        --cut;
      }
      lines.push_back(word.substr(0, cut));
      word = word.substr(cut);
    }
    return word;
  }

  void draw_lines(const std::vector<std::string>& lines, double size, Weight weight, double indent) {
    for (const std::string& line : lines) {
      ensure(size * kLeading);
      show_text(cr_, kMarginPt + indent, y_ + size, line, size, weight);
      y_ += size * kLeading;
    }
  }

  void text_lines(const std::string& text, double size, Weight weight, double indent, double width) {
    draw_lines(wrap(text, size, weight, width - indent), size, weight, indent);
  }

  std::vector<double> column_widths(const Table& t) const {
    SPECIOSA_ASSERT(t.widths.size() == t.header.size(), "one relative width per column");
    double total = 0;
    for (double w : t.widths) total += w;
    std::vector<double> widths;
    for (double w : t.widths) widths.push_back(content_width() * w / total);
    return widths;
  }

  double row_height(const std::vector<std::string>& cells, const std::vector<double>& widths, Weight weight) {
    std::size_t lines = 1;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      lines = std::max(lines, wrap(cells[i], kSmallPt + 0.5, weight, widths[i] - 2 * kCellPadPt).size());
    }
    return static_cast<double>(lines) * (kSmallPt + 0.5) * kLeading + 2 * kCellPadPt;
  }

  void row(const std::vector<std::string>& cells, const std::vector<double>& widths, Weight weight, bool shaded) {
    SPECIOSA_ASSERT(cells.size() == widths.size(), "one cell per column");
    const double h = row_height(cells, widths, weight);
    ensure(h);
    if (shaded) {
      cairo_set_source_rgb(cr_, 0.91, 0.93, 0.95);
      cairo_rectangle(cr_, kMarginPt, y_, content_width(), h);
      cairo_fill(cr_);
    }
    const double size = kSmallPt + 0.5;
    double x = kMarginPt;
    for (std::size_t i = 0; i < cells.size(); ++i) {
      double y = y_ + kCellPadPt;
      cairo_set_source_rgb(cr_, 0.1, 0.1, 0.1);
      for (const std::string& line : wrap(cells[i], size, weight, widths[i] - 2 * kCellPadPt)) {
        show_text(cr_, x + kCellPadPt, y + size, line, size, weight);
        y += size * kLeading;
      }
      x += widths[i];
    }
    y_ += h;
    cairo_set_source_rgb(cr_, 0.8, 0.8, 0.8);
    cairo_set_line_width(cr_, 0.5);
    cairo_move_to(cr_, kMarginPt, y_);
    cairo_line_to(cr_, kMarginPt + content_width(), y_);
    cairo_stroke(cr_);
  }

  cairo_t* cr_;
  PageSize size_;
  double y_;
  int page_ = 1;
};

}  // namespace

PlotGeometry page_geometry(double width) {
  PlotGeometry g;
  g.width = width;
  g.panel_height = 100;
  g.margin_left = 44;
  g.margin_right = 92;
  g.margin_top = 16;
  g.margin_bottom = 24;
  g.panel_gap = 22;
  g.font_pt = 7;
  return g;
}

Status write_pdf(const std::string& path, const Report& report, Paper paper) {
  const PageSize size = page_size(paper);
  cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), size.width, size.height);
  std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)> guard(surface, cairo_surface_destroy);
  const Error cannot_write{ErrorCode::kIo, "--out", "out", "cannot write " + path, "a writable path"};
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return cannot_write;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, report.title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "speciosa");
  cairo_t* cr = cairo_create(surface);
  PageWriter w(cr, size);
  w.title_block(report);
  for (std::size_t i = 0; i < report.blocks.size(); ++i) {
    const double next_height = i + 1 < report.blocks.size() ? w.keep_height(report.blocks[i + 1]) : 0;
    std::visit(
        [&](const auto& b) {
          using T = std::decay_t<decltype(b)>;
          if constexpr (std::is_same_v<T, Heading>) w.heading(b.text, next_height);
          if constexpr (std::is_same_v<T, Paragraph>) w.paragraph(b);
          if constexpr (std::is_same_v<T, Bullets>) w.bullets(b);
          if constexpr (std::is_same_v<T, Table>) w.table(b);
          if constexpr (std::is_same_v<T, Chart>) w.chart(b);
        },
        report.blocks[i]);
  }
  w.finish();
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) return cannot_write;
  return Ok{};
}

}  // namespace speciosa::report::detail
