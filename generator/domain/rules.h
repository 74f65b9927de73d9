// The methodology as data: what makes a low result, the ИСБШ levels, the
// order in which clusters are assigned, and the Concept's indicators. The
// defaults are rules/concept-2022.json, built into the binary; --rules FILE
// replaces them.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace docgen::domain {

struct ClusterInfo {
    std::string code;  // ШНРО
    std::string name;  // школы с низкими результатами обучения
};

// One rule of the classification; the first rule a school meets gives its cluster.
struct ClusterRule {
    std::string cluster;
    std::optional<int> markers_min;
    std::optional<int> markers_max;
    bool isbs_below_lower_quartile = false;
    std::vector<std::string> kinds;  // empty: any kind
    std::string why;                 // the rule in words, for references and notes
};

struct IsbsLevel {
    std::string name;
    std::optional<double> below;  // the level holds values under this; none for the top level
};

struct TaskInfo {
    std::string id;
    std::string name;
};

struct IndicatorInfo {
    std::string id;     // 1.2.3
    std::string task;   // 1.2
    std::string name;
    bool lower_is_better = false;  // a "снижение" indicator
    std::string unit = "%";
};

struct Rules {
    double low_result_share = 30;  // a result is low when at least this percentage got "2"
    // Shares are rounded to this many decimals before dynamics and scores are
    // taken from them, so that a reference's figures add up as printed.
    int share_decimals = 1;
    double round_share(double value) const;
    bool unobjective_is_marker = true;
    double isbs_lower_quartile = -0.5;  // values below it are the lower quartile
    std::vector<IsbsLevel> isbs_levels;
    std::vector<ClusterInfo> clusters;  // in the order documents list them
    std::vector<ClusterRule> classification;
    std::vector<std::string> dynamics_subjects;
    std::vector<std::pair<std::string, std::vector<int>>> dynamics_procedures;  // procedure → grades
    std::vector<TaskInfo> tasks;
    std::vector<IndicatorInfo> indicators;

    const ClusterInfo* cluster(const std::string& code) const;
    std::string isbs_level(double value) const;

    // InputError naming the file and the key when the rules are malformed.
    static Rules parse(const nlohmann::json& json, const std::string& source);
    static Rules load(const std::string& path);
    static const Rules& defaults();
};

}  // namespace docgen::domain
