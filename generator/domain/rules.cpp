#include "domain/rules.h"

#include <algorithm>
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
    std::vector<std::string> problems;
    for (Problem& problem : validator.problems(root, [](const std::string&) { return std::string(); })) {
        if (problem.where.record == "the data") problem.where.record = "the rules";
        problems.push_back(problem.text());
    }
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

// An expression of the rules, or a problem naming where it is and what is wrong.
Formula formula(const json& owner, const char* key, const std::string& where, std::vector<std::string>& problems) {
    if (!owner.contains(key)) return nullptr;
    const std::string text = owner.at(key).get<std::string>();
    try {
        return std::make_shared<const Expression>(Expression::parse(text));
    } catch (const ExpressionError& error) {
        problems.push_back(where + "." + key + " \"" + text + "\": " + error.what());
        return nullptr;
    }
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

bool Rules::counts_as_marker_result(const std::string& procedure, const std::string& subject, int grade) const {
    for (const MarkerResults& results : marker_results) {
        if (results.procedure != procedure) continue;
        if (std::find(results.subjects.begin(), results.subjects.end(), subject) == results.subjects.end()) continue;
        if (results.grades.empty() || std::find(results.grades.begin(), results.grades.end(), grade) != results.grades.end())
            return true;
    }
    return false;
}

std::string Rules::dynamics_group(const std::string& procedure, const std::string& subject, int grade) const {
    bool procedure_counts = false;
    for (const auto& [name, grades] : dynamics_procedures)
        if (name == procedure) procedure_counts = std::find(grades.begin(), grades.end(), grade) != grades.end();
    if (!procedure_counts) return "";
    for (const auto& [group, subjects] : dynamics_subjects)
        if (std::find(subjects.begin(), subjects.end(), subject) != subjects.end()) return group;
    return "";
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
    std::vector<std::string> problems;
    const json& markers = root.at("markers");
    rules.low_result_share = markers.at("low_result_share").get<double>();
    for (const json& results : markers.at("results"))
        rules.marker_results.push_back({results.at("procedure").get<std::string>(),
                                        results.at("subjects").get<std::vector<std::string>>(),
                                        results.value("grades", std::vector<int>{})});
    rules.unobjective_procedures = markers.value("unobjective", std::vector<std::string>{});
    rules.share_decimals = root.value("share_decimals", 1);
    rules.readings = root.value("readings", std::vector<std::string>{});
    const json& isbs = root.at("isbs");
    if (isbs.at("lower_quartile").is_number()) rules.isbs_lower_quartile = isbs.at("lower_quartile").get<double>();
    for (const json& level : isbs.at("levels")) {
        IsbsLevel parsed{level.at("name").get<std::string>(), std::nullopt};
        if (level.contains("below")) parsed.below = level.at("below").get<double>();
        rules.isbs_levels.push_back(parsed);
    }
    for (const json& cluster : root.at("clusters"))
        rules.clusters.push_back({cluster.at("code").get<std::string>(), cluster.at("name").get<std::string>()});
    const json& classification = root.at("classification");
    for (size_t i = 0; i < classification.size(); ++i) {
        const json& rule = classification[i];
        ClusterRule parsed;
        parsed.cluster = rule.at("cluster").get<std::string>();
        parsed.when = formula(rule, "when", "classification[" + std::to_string(i) + "]", problems);
        parsed.why = rule.value("why", "");
        rules.classification.push_back(parsed);
    }
    const json& dynamics = root.at("subject_dynamics");
    for (const auto& [group, subjects] : dynamics.at("subjects").items())
        rules.dynamics_subjects.emplace_back(group, subjects.get<std::vector<std::string>>());
    for (const auto& [procedure, grades] : dynamics.at("procedures").items())
        rules.dynamics_procedures.emplace_back(procedure, grades.get<std::vector<int>>());
    if (root.contains("scoring")) rules.no_change_score = root.at("scoring").value("no_change", 0);
    for (const json& task : root.at("tasks"))
        rules.tasks.push_back({task.at("id").get<std::string>(), task.at("name").get<std::string>()});
    const json& indicators = root.at("indicators");
    for (size_t i = 0; i < indicators.size(); ++i) {
        const json& indicator = indicators[i];
        const std::string where = "indicators[" + std::to_string(i) + "]";
        IndicatorInfo parsed;
        parsed.id = indicator.at("id").get<std::string>();
        parsed.task = parsed.id.substr(0, parsed.id.rfind('.'));
        parsed.name = indicator.at("name").get<std::string>();
        parsed.lower_is_better = indicator.at("direction").get<std::string>() == "снижение";
        parsed.unit = indicator.value("unit", "%");
        parsed.schools = formula(indicator, "schools", where, problems);
        parsed.event = formula(indicator, "event", where, problems);
        parsed.numerator = formula(indicator, "numerator", where, problems);
        parsed.denominator = formula(indicator, "denominator", where, problems);
        parsed.missing = indicator.value("missing", "для расчета");
        parsed.none = indicator.value("none", "школ");
        parsed.basis = indicator.value("basis", "");
        rules.indicators.push_back(parsed);
    }
    for (std::string& problem : consistency_problems(rules)) problems.push_back(std::move(problem));
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
