#include "domain/rules.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>

#include "common/embedded.h"
#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "common/schema_validator.h"

namespace docgen::domain {

using nlohmann::json;

namespace {

[[noreturn]] void fail(const std::string& source, const std::string& what, const std::vector<std::string>& problems) {
    std::string message = source + ": " + what + " (" + std::to_string(problems.size()) +
                          (problems.size() == 1 ? " problem" : " problems") + "):";
    for (const std::string& problem : problems) message += "\n  " + problem;
    throw InputError(message);
}

std::vector<std::string> rules_schema_problems(const json& root) {
    static const SchemaValidator validator(embedded_rules_schema());
    const auto no_records = [](const std::string& path, std::string& rest) {
        rest = path;
        return std::string();
    };
    std::vector<std::string> problems = validator.problems(root, no_records);
    for (std::string& problem : problems)  // the validator calls the top level "the data"
        if (problem.rfind("the data", 0) == 0) problem.replace(0, 8, "the rules");
    return problems;
}

// What the schema cannot say: references between the parts, and an order
// that makes every rule and level reachable.
std::vector<std::string> consistency_problems(const Rules& rules) {
    std::vector<std::string> problems;
    std::set<std::string> codes, task_ids, indicator_ids;
    for (size_t i = 0; i < rules.clusters.size(); ++i)
        if (!codes.insert(rules.clusters[i].code).second)
            problems.push_back("clusters[" + std::to_string(i) + "].code \"" + rules.clusters[i].code + "\" is used twice");
    for (size_t i = 0; i < rules.isbs_levels.size(); ++i) {
        const IsbsLevel& level = rules.isbs_levels[i];
        const std::string where = "isbs.levels[" + std::to_string(i) + "]";
        if (!level.below && i + 1 < rules.isbs_levels.size())
            problems.push_back(where + " needs 'below': only the last level may go without it");
        if (level.below && i > 0 && rules.isbs_levels[i - 1].below && *level.below <= *rules.isbs_levels[i - 1].below)
            problems.push_back(where + ".below must be greater than the level's before it");
    }
    for (size_t i = 0; i < rules.classification.size(); ++i) {
        const ClusterRule& rule = rules.classification[i];
        const std::string where = "classification[" + std::to_string(i) + "]";
        if (!codes.count(rule.cluster))
            problems.push_back(where + ".cluster \"" + rule.cluster + "\" is not among the clusters");
        if (rule.markers_min && rule.markers_max && *rule.markers_min > *rule.markers_max)
            problems.push_back(where + ": markers_min is greater than markers_max");
    }
    for (size_t i = 0; i < rules.tasks.size(); ++i)
        if (!task_ids.insert(rules.tasks[i].id).second)
            problems.push_back("tasks[" + std::to_string(i) + "].id \"" + rules.tasks[i].id + "\" is used twice");
    for (size_t i = 0; i < rules.indicators.size(); ++i) {
        const IndicatorInfo& indicator = rules.indicators[i];
        const std::string where = "indicators[" + std::to_string(i) + "].id \"" + indicator.id + "\"";
        if (!indicator_ids.insert(indicator.id).second) problems.push_back(where + " is used twice");
        if (!task_ids.count(indicator.task))
            problems.push_back(where + ": its task \"" + indicator.task + "\" is not among the tasks");
    }
    return problems;
}

}  // namespace

const ClusterInfo* Rules::cluster(const std::string& code) const {
    for (const ClusterInfo& info : clusters)
        if (info.code == code) return &info;
    return nullptr;
}

double Rules::round_share(double value) const {
    const double scale = std::pow(10.0, share_decimals);
    // Halves round up, as offices round; the small step absorbs binary noise (9,25 → 9,3).
    return std::round(value * scale + (value >= 0 ? 1e-9 : -1e-9)) / scale;
}

std::string Rules::isbs_level(double value) const {
    for (const IsbsLevel& level : isbs_levels)
        if (!level.below || value < *level.below) return level.name;
    return isbs_levels.empty() ? "" : isbs_levels.back().name;
}

Rules Rules::parse(const json& root, const std::string& source) {
    const std::vector<std::string> schema = rules_schema_problems(root);
    if (!schema.empty()) fail(source, "the rules do not follow schemas/rules.schema.json", schema);
    // The schema has checked every key and type.
    Rules rules;
    rules.low_result_share = root.at("low_result_share").get<double>();
    rules.unobjective_is_marker = root.value("unobjective_is_marker", true);
    rules.share_decimals = root.value("share_decimals", 1);
    const json& isbs = root.at("isbs");
    rules.isbs_lower_quartile = isbs.at("lower_quartile").get<double>();
    for (const json& level : isbs.at("levels")) {
        IsbsLevel parsed{level.at("name").get<std::string>(), std::nullopt};
        if (level.contains("below")) parsed.below = level.at("below").get<double>();
        rules.isbs_levels.push_back(parsed);
    }
    for (const json& cluster : root.at("clusters"))
        rules.clusters.push_back({cluster.at("code").get<std::string>(), cluster.at("name").get<std::string>()});
    for (const json& rule : root.at("classification")) {
        ClusterRule parsed;
        parsed.cluster = rule.at("cluster").get<std::string>();
        if (rule.contains("markers_min")) parsed.markers_min = rule.at("markers_min").get<int>();
        if (rule.contains("markers_max")) parsed.markers_max = rule.at("markers_max").get<int>();
        parsed.isbs_below_lower_quartile = rule.value("isbs_below_lower_quartile", false);
        if (rule.contains("kinds")) parsed.kinds = rule.at("kinds").get<std::vector<std::string>>();
        parsed.why = rule.value("why", "");
        rules.classification.push_back(parsed);
    }
    const json& dynamics = root.at("subject_dynamics");
    rules.dynamics_subjects = dynamics.at("subjects").get<std::vector<std::string>>();
    for (const auto& [procedure, grades] : dynamics.at("procedures").items())
        rules.dynamics_procedures.emplace_back(procedure, grades.get<std::vector<int>>());
    for (const json& task : root.at("tasks"))
        rules.tasks.push_back({task.at("id").get<std::string>(), task.at("name").get<std::string>()});
    for (const json& indicator : root.at("indicators")) {
        IndicatorInfo parsed;
        parsed.id = indicator.at("id").get<std::string>();
        parsed.task = parsed.id.substr(0, parsed.id.rfind('.'));
        parsed.name = indicator.at("name").get<std::string>();
        parsed.lower_is_better = indicator.at("direction").get<std::string>() == "снижение";
        parsed.unit = indicator.value("unit", "%");
        rules.indicators.push_back(parsed);
    }
    const std::vector<std::string> problems = consistency_problems(rules);
    if (!problems.empty()) fail(source, "the rules have problems", problems);
    return rules;
}

Rules Rules::load(const std::string& path) { return parse(parse_json(read_file(path, "rules file"), path), path); }

const Rules& Rules::defaults() {
    static const Rules rules = parse(parse_json(embedded_default_rules(), "rules/concept-2022.json"),
                                     "rules/concept-2022.json");
    return rules;
}

}  // namespace docgen::domain
