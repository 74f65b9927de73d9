// The methodology as data: which results are markers of low results, the
// ИСБШ levels and quartile, the conditions under which each cluster is
// given (in the first rule a school meets), how subject dynamics are told,
// how dynamics are scored, and each indicator's formula. The defaults are
// rules/concept-2022.json, built into the binary; --rules FILE replaces them.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "template/expression.h"

namespace docgen::domain {

struct ClusterInfo {
    std::string code;  // ШНРО
    std::string name;  // школы с низкими результатами обучения
};

// A parsed expression of the rules, shareable between copies of the rules.
using Formula = std::shared_ptr<const Expression>;

// One rule of the classification; the first rule whose condition holds for a
// school gives its cluster. The condition reads the school's facts
// (docs/data-cluster-results.md, «Classification»).
struct ClusterRule {
    std::string cluster;
    Formula when;
    std::string why;  // the rule in words, for references and notes
};

struct IsbsLevel {
    std::string name;
    std::optional<double> below;  // the level holds values under this; none for the top level
};

// Results of a procedure that count as markers when low: its subjects and,
// when given, its grades.
struct MarkerResults {
    std::string procedure;
    std::vector<std::string> subjects;
    std::vector<int> grades;  // empty: every grade
};

struct TaskInfo {
    std::string id;
    std::string name;
};

// P = N / S over the schools where `schools` holds: S sums `denominator`
// (1 when absent), N sums `numerator` (the denominator when absent) over
// those of them where `event` holds (every one when absent).
struct IndicatorInfo {
    std::string id;     // 1.2.3
    std::string task;   // 1.2
    std::string name;
    bool lower_is_better = false;  // a "снижение" indicator
    std::string unit = "%";
    Formula schools, event, numerator, denominator;
    std::string missing;  // "о программе …": what "нет данных …" names
    std::string none;     // "ШНРО": what "нет … (S = 0)" names
    std::string basis;    // "N – …, S – …", for the documents
};

struct Rules {
    double low_result_share = 30;  // a result is low when at least this percentage got "2"
    std::vector<MarkerResults> marker_results;
    std::vector<std::string> unobjective_procedures;  // whose unobjective results are markers
    // Shares are rounded to this many decimals before dynamics and scores are
    // taken from them, so that a reference's figures add up as printed.
    int share_decimals = 1;
    double round_share(double value) const;
    std::optional<double> isbs_lower_quartile;  // a fixed bound; none: the data's own quartile
    std::vector<IsbsLevel> isbs_levels;
    std::vector<ClusterInfo> clusters;  // in the order documents list them
    std::vector<ClusterRule> classification;
    std::vector<std::pair<std::string, std::vector<std::string>>> dynamics_subjects;  // "математика" → its subjects
    std::vector<std::pair<std::string, std::vector<int>>> dynamics_procedures;       // procedure → grades
    int no_change_score = 0;
    std::vector<TaskInfo> tasks;
    std::vector<IndicatorInfo> indicators;
    std::vector<std::string> readings;  // how the rules read the Concept where it is ambiguous

    const ClusterInfo* cluster(const std::string& code) const;
    std::string isbs_level(double value) const;
    bool counts_as_marker_result(const std::string& procedure, const std::string& subject, int grade) const;
    // The subject group ("математика") a result counts in for dynamics, or "".
    std::string dynamics_group(const std::string& procedure, const std::string& subject, int grade) const;

    // InputError naming the file and the key when the rules are malformed.
    static Rules parse(const nlohmann::json& json, const std::string& source);
    static Rules load(const std::string& path);
    static const Rules& defaults();
};

}  // namespace docgen::domain
