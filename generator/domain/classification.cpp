#include "domain/classification.h"

#include <algorithm>

namespace docgen::domain {

bool is_low_result(const Assessment& assessment, const Rules& rules) {
    // Compared in whole participants, not in rounded percentages: 3 of 10 is 30 %.
    return assessment.participants > 0 && 100.0 * assessment.low >= rules.low_result_share * assessment.participants;
}

bool is_marker(const Assessment& assessment, const Rules& rules) {
    return is_low_result(assessment, rules) || (rules.unobjective_is_marker && !assessment.objective);
}

int count_markers(const std::vector<Assessment>& assessments, const Rules& rules) {
    return static_cast<int>(
        std::count_if(assessments.begin(), assessments.end(), [&](const Assessment& a) { return is_marker(a, rules); }));
}

namespace {

bool meets(const ClusterRule& rule, const School& school, int markers, bool low_isbs) {
    if (rule.markers_min && markers < *rule.markers_min) return false;
    if (rule.markers_max && markers > *rule.markers_max) return false;
    if (rule.isbs_below_lower_quartile && !low_isbs) return false;
    if (!rule.kinds.empty() && std::find(rule.kinds.begin(), rule.kinds.end(), school.kind) == rule.kinds.end())
        return false;
    return true;
}

}  // namespace

Classification classify(const School& school, const Rules& rules) {
    Classification result;
    result.markers = count_markers(*school.this_year.assessments, rules);
    result.isbs_level = rules.isbs_level(school.isbs);
    result.isbs_lower_quartile = school.isbs < rules.isbs_lower_quartile;
    for (const ClusterRule& rule : rules.classification) {
        if (meets(rule, school, result.markers, result.isbs_lower_quartile)) {
            result.derived_cluster = rule.cluster;
            result.rule = &rule;
            break;
        }
    }
    result.cluster = result.derived_cluster;
    result.agrees = !school.cluster_given || *school.cluster_given == result.derived_cluster;
    if (school.last_year.assessments) result.previous_markers = count_markers(*school.last_year.assessments, rules);
    return result;
}

}  // namespace docgen::domain
