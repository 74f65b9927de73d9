#include "domain/classification.h"

#include <algorithm>

#include "common/error.h"

namespace docgen::domain {

using nlohmann::json;

bool is_low_result(const Assessment& assessment, const Rules& rules) {
    // Compared in whole participants, not in rounded percentages: 3 of 10 is 30 %.
    return assessment.participants > 0 && 100.0 * assessment.low >= rules.low_result_share * assessment.participants;
}

bool is_marker(const Assessment& assessment, const Rules& rules) {
    if (!assessment.objective &&
        std::find(rules.unobjective_procedures.begin(), rules.unobjective_procedures.end(), assessment.procedure) !=
            rules.unobjective_procedures.end())
        return true;
    return is_low_result(assessment, rules) &&
           rules.counts_as_marker_result(assessment.procedure, assessment.subject, assessment.grade);
}

int count_markers(const std::vector<Assessment>& assessments, const Rules& rules) {
    return static_cast<int>(
        std::count_if(assessments.begin(), assessments.end(), [&](const Assessment& a) { return is_marker(a, rules); }));
}

namespace {

std::string result_key(const Assessment& a) { return a.procedure + "|" + a.subject + "|" + std::to_string(a.grade); }

}  // namespace

std::optional<bool> YearStatistics::high_results(const std::vector<Assessment>& assessments, const Rules& rules) const {
    double low = 0, participants = 0, expected = 0;
    for (const Assessment& a : assessments) {
        if (!rules.counts_as_marker_result(a.procedure, a.subject, a.grade)) continue;
        const auto region = low_by_result.find(result_key(a));
        if (region == low_by_result.end() || region->second.second == 0) continue;
        low += a.low;
        participants += a.participants;
        expected += a.participants * static_cast<double>(region->second.first) / region->second.second;
    }
    if (participants == 0) return std::nullopt;
    return low < expected;
}

YearStatistics year_statistics(const std::vector<School>& schools, int year, const Rules& rules) {
    YearStatistics statistics;
    std::vector<double> values;
    for (const School& school : schools) {
        const YearFacts* facts = school.in_year(year);
        if (!facts) continue;
        if (facts->isbs) values.push_back(*facts->isbs);
        if (facts->assessments)
            for (const Assessment& a : *facts->assessments) {
                auto& sums = statistics.low_by_result[result_key(a)];
                sums.first += a.low;
                sums.second += a.participants;
            }
    }
    if (rules.isbs_lower_quartile) {
        if (!values.empty()) statistics.lower_quartile = *rules.isbs_lower_quartile;
    } else if (!values.empty()) {
        // The nearest rank: the value of the school at a quarter of the list, and
        // every school with a value as low or lower.
        std::sort(values.begin(), values.end());
        statistics.lower_quartile = values[(values.size() + 3) / 4 - 1];
        statistics.quartile_inclusive = true;
    }
    return statistics;
}

json classification_facts(const School& school, const Classification& c) {
    const auto optional = [](const auto& value) { return value ? json(*value) : json(nullptr); };
    return {{"markers", c.markers},
            {"kind", school.kind},
            {"rural", school.rural},
            {"pupils", *school.this_year.pupils},
            {"federal_status", optional(school.federal_status)},
            {"isbs", {{"value", *school.this_year.isbs}, {"level", c.isbs_level}, {"lower_quartile", c.isbs_lower_quartile}}},
            {"high_results", optional(c.high_results)},
            {"previous", {{"markers", optional(c.previous_markers)}, {"high_results", optional(c.previous_high_results)}}}};
}

Classification classify(const School& school, const Rules& rules, const YearStatistics& now,
                        const YearStatistics& before) {
    Classification result;
    result.markers = count_markers(*school.this_year.assessments, rules);
    result.isbs_level = rules.isbs_level(*school.this_year.isbs);
    result.isbs_lower_quartile = now.in_lower_quartile(*school.this_year.isbs);
    result.high_results = now.high_results(*school.this_year.assessments, rules);
    if (const YearFacts* last = school.in_year(school.this_year.year - 1); last && last->assessments) {
        result.previous_markers = count_markers(*last->assessments, rules);
        result.previous_high_results = before.high_results(*last->assessments, rules);
    }
    const json facts = classification_facts(school, result);
    const Scope scope(facts);
    for (const ClusterRule& rule : rules.classification) {
        // Lenient, as <if> is: a fact the data does not give is null, and a condition on it false.
        bool holds = false;
        try {
            holds = truthy(rule.when->evaluate(scope, true).get());
        } catch (const ExpressionError& error) {
            throw InputError("the rules' condition of " + rule.cluster + " \"" + rule.when->source() +
                             "\" fails for the school " + school.id + ": " + error.what());
        }
        if (holds) {
            result.derived_cluster = rule.cluster;
            result.rule = &rule;
            break;
        }
    }
    result.cluster = result.derived_cluster;
    result.agrees = !school.cluster_given || *school.cluster_given == result.derived_cluster;
    return result;
}

}  // namespace docgen::domain
