// Classification of a school by the rules: which results are markers of low
// results, its ИСБШ level and quartile, whether its results are high, and
// its cluster.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/rules.h"
#include "domain/schools.h"

namespace docgen::domain {

// A result is low when at least the rules' share of participants got "2" or
// fell below the minimum. It is a marker when it is low and among the results
// the rules analyse, or when it is not objective and its procedure's
// objectivity counts; a result that is both counts once.
bool is_low_result(const Assessment& assessment, const Rules& rules);
bool is_marker(const Assessment& assessment, const Rules& rules);
int count_markers(const std::vector<Assessment>& assessments, const Rules& rules);

// What the region's schools did in one year, for comparing a school with
// them: the low results of each result (procedure, subject, grade) summed
// over the schools, and the lower quartile of ИСБШ.
struct YearStatistics {
    std::map<std::string, std::pair<long long, long long>> low_by_result;  // key → (low, participants)
    std::optional<double> lower_quartile;  // the bound; none when no school gives that year's ИСБШ
    bool quartile_inclusive = false;       // the data's own quartile holds its bound, a fixed one does not

    bool in_lower_quartile(double isbs) const {
        return lower_quartile && (quartile_inclusive ? isbs <= *lower_quartile : isbs < *lower_quartile);
    }
    // Whether a school's share of low results in the analysed results is below
    // what the region's shares give for the same results; none without such results.
    std::optional<bool> high_results(const std::vector<Assessment>& assessments, const Rules& rules) const;
};

// The statistics of a year over every school that gives its facts.
YearStatistics year_statistics(const std::vector<School>& schools, int year, const Rules& rules);

struct Classification {
    int markers = 0;
    std::string isbs_level;           // by the rules' thresholds
    bool isbs_lower_quartile = false;
    std::optional<bool> high_results;
    std::optional<int> previous_markers;
    std::optional<bool> previous_high_results;
    std::string derived_cluster;      // by the first rule the school meets
    const ClusterRule* rule = nullptr;
    // The cluster documents use: the derived one. The methodology decides;
    // a given cluster that differs is reported, not followed.
    std::string cluster;
    bool agrees = true;  // no given cluster, or the same as the derived
};

// `now` and `before` are the statistics of the data's year and of the year before.
Classification classify(const School& school, const Rules& rules, const YearStatistics& now,
                        const YearStatistics& before);

// What a classification rule's condition reads (docs/data-cluster-results.md).
nlohmann::json classification_facts(const School& school, const Classification& classification);

}  // namespace docgen::domain
