// A bar chart drawn as vector graphics: title, bars (side by side or
// stacked, upright or lying), value axis with round ticks and grid lines,
// category labels, and a legend.
#pragma once

#include "layout/page.h"
#include "model/document.h"
#include "text/line_breaker.h"

namespace docgen {

// The chart's whole height on the page, with its spacing.
double chart_height(const Chart& chart);

// Draws the chart in a box whose top-left corner is (left, top) and whose
// width is the text's; a chart narrower than that is centred in it.
void draw_chart(Page& page, const Chart& chart, double left, double top, double width, LineBreaker& breaker);

// The values' axis: from 0 to `top` in steps of `step` (1, 2 or 5 × 10ⁿ).
struct AxisScale {
    double top;
    double step;
};
AxisScale nice_scale(double largest);

}  // namespace docgen
