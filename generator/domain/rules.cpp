#include "domain/rules.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "common/json_file.h"
#include "common/embedded.h"

namespace docgen::domain {

using nlohmann::json;

namespace {

class Reader {
public:
    explicit Reader(const std::string& source) : source_(source) {}

    [[noreturn]] void fail(const std::string& path, const std::string& problem) const {
        throw InputError(source_ + ": " + path + ": " + problem);
    }
    const json& member(const json& object, const std::string& path, const char* key) const {
        if (!object.is_object() || !object.contains(key)) fail(path, std::string("needs '") + key + "'");
        return object.at(key);
    }
    std::string text(const json& object, const std::string& path, const char* key) const {
        const json& value = member(object, path, key);
        if (!value.is_string()) fail(path + "." + key, "must be text");
        return value.get<std::string>();
    }
    double number(const json& object, const std::string& path, const char* key) const {
        const json& value = member(object, path, key);
        if (!value.is_number()) fail(path + "." + key, "must be a number");
        return value.get<double>();
    }
    const json& list(const json& object, const std::string& path, const char* key) const {
        const json& value = member(object, path, key);
        if (!value.is_array()) fail(path + "." + key, "must be a list");
        return value;
    }

private:
    std::string source_;
};

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
    const Reader read(source);
    Rules rules;
    rules.low_result_share = read.number(root, "rules", "low_result_share");
    rules.unobjective_is_marker = root.value("unobjective_is_marker", true);
    rules.share_decimals = root.value("share_decimals", 1);
    const json& isbs = read.member(root, "rules", "isbs");
    rules.isbs_lower_quartile = read.number(isbs, "isbs", "lower_quartile");
    for (const json& level : read.list(isbs, "isbs", "levels")) {
        IsbsLevel parsed{read.text(level, "isbs.levels[]", "name"), std::nullopt};
        if (level.contains("below")) parsed.below = read.number(level, "isbs.levels[]", "below");
        rules.isbs_levels.push_back(parsed);
    }
    for (const json& cluster : read.list(root, "rules", "clusters"))
        rules.clusters.push_back({read.text(cluster, "clusters[]", "code"), read.text(cluster, "clusters[]", "name")});
    for (const json& rule : read.list(root, "rules", "classification")) {
        ClusterRule parsed;
        parsed.cluster = read.text(rule, "classification[]", "cluster");
        if (!rules.cluster(parsed.cluster))
            read.fail("classification[]", "cluster '" + parsed.cluster + "' is not among the clusters");
        if (rule.contains("markers_min")) parsed.markers_min = rule.at("markers_min").get<int>();
        if (rule.contains("markers_max")) parsed.markers_max = rule.at("markers_max").get<int>();
        parsed.isbs_below_lower_quartile = rule.value("isbs_below_lower_quartile", false);
        if (rule.contains("kinds")) parsed.kinds = rule.at("kinds").get<std::vector<std::string>>();
        parsed.why = rule.value("why", "");
        rules.classification.push_back(parsed);
    }
    const json& dynamics = read.member(root, "rules", "subject_dynamics");
    rules.dynamics_subjects = read.list(dynamics, "subject_dynamics", "subjects").get<std::vector<std::string>>();
    for (const auto& [procedure, grades] : read.member(dynamics, "subject_dynamics", "procedures").items())
        rules.dynamics_procedures.emplace_back(procedure, grades.get<std::vector<int>>());
    for (const json& task : read.list(root, "rules", "tasks"))
        rules.tasks.push_back({read.text(task, "tasks[]", "id"), read.text(task, "tasks[]", "name")});
    for (const json& indicator : read.list(root, "rules", "indicators")) {
        IndicatorInfo parsed;
        parsed.id = read.text(indicator, "indicators[]", "id");
        parsed.task = parsed.id.substr(0, parsed.id.rfind('.'));
        parsed.name = read.text(indicator, "indicators[" + parsed.id + "]", "name");
        const std::string direction = read.text(indicator, "indicators[" + parsed.id + "]", "direction");
        if (direction != "снижение" && direction != "рост")
            read.fail("indicators[" + parsed.id + "].direction", "must be \"снижение\" or \"рост\"");
        parsed.lower_is_better = direction == "снижение";
        parsed.unit = indicator.value("unit", "%");
        rules.indicators.push_back(parsed);
    }
    return rules;
}

Rules Rules::load(const std::string& path) { return parse(load_json_file(path), path); }

const Rules& Rules::defaults() {
    static const Rules rules = parse(parse_json(embedded_default_rules(), "rules/concept-2022.json"),
                                     "rules/concept-2022.json");
    return rules;
}

}  // namespace docgen::domain
