// The two renderers of a Report: PDF pages (pdf.cpp) and one HTML page (html.cpp).
#pragma once

#include <string>

#include "draw.hpp"
#include "speciosa/report.hpp"

namespace speciosa::report::detail {

/// Chart sizes on a report page `width` wide (pt); the HTML page uses the same, scaled up.
PlotGeometry page_geometry(double width);

Status write_pdf(const std::string& path, const Report& report, Paper paper);

}  // namespace speciosa::report::detail
