// Bar charts as inline SVG (used by the HTML writer).
#pragma once

#include <string>

#include "report/document.h"

namespace ntm::report {

// An <svg> element drawing `chart` (validated): bars with value labels, category labels,
// a value axis with grid lines, and a legend when there are several series. Deterministic.
std::string chart_svg(const Chart& chart);

}  // namespace ntm::report
