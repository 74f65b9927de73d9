// Table borders come as four rules per cell, so every inner border is drawn
// twice and a row's top edge in as many pieces as it has cells. Joining
// them before painting halves the page's content and the time to compress it.
#pragma once

#include <vector>

#include "layout/page.h"

namespace docgen {

// The same lines with duplicates dropped and touching or overlapping
// collinear pieces of the same width and colour joined into one. Only
// neighbours in painting order are joined, so what is painted over what stays.
std::vector<RuleMark> joined_rules(const std::vector<RuleMark>& rules);

}  // namespace docgen
