// Classification of a school by the rules: which results are markers of low
// results, its ИСБШ level, and its cluster.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/rules.h"
#include "domain/schools.h"

namespace docgen::domain {

// A result is a marker when at least the rules' share of participants got
// "2" or fell below the minimum, or (when the rules say so) when it was not
// objective; a result that is both counts once.
bool is_low_result(const Assessment& assessment, const Rules& rules);
bool is_marker(const Assessment& assessment, const Rules& rules);
int count_markers(const std::vector<Assessment>& assessments, const Rules& rules);

struct Classification {
    int markers = 0;
    std::string isbs_level;           // by the rules' thresholds
    bool isbs_lower_quartile = false;
    std::string derived_cluster;      // by the first rule the school meets
    const ClusterRule* rule = nullptr;
    // The cluster documents use: the derived one. The methodology decides;
    // a given cluster that differs is reported, not followed.
    std::string cluster;
    bool agrees = true;  // no given cluster, or the same as the derived
    std::optional<int> previous_markers;
};

Classification classify(const School& school, const Rules& rules);

}  // namespace docgen::domain
