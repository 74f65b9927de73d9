#include "domain/analysis.h"

#include <cmath>

#include "common/error.h"

namespace docgen::domain {

using nlohmann::json;

namespace {

// Shares are rounded as the rules say (one decimal: "9,3 %"), the same in
// every document and in `docgen indicators`.
double percent(double part, double whole, const Rules& rules) {
    return whole > 0 ? rules.round_share(100.0 * part / whole) : 0;
}

// A task's group result keeps two decimals: 0,67.
double two_decimals(double value) { return std::round(value * 100) / 100; }

std::string school_label(const School& school) {
    return "schools[" + std::to_string(school.index) + "] \"" + school.name + "\"";
}

json cluster_json(const Rules& rules, const std::string& code) {
    const ClusterInfo* info = rules.cluster(code);
    return {{"code", code}, {"name", info ? info->name : code}};
}

// Counts print as whole numbers; sums of pupils stay whole too.
json amount(double value) {
    if (value == std::floor(value) && std::fabs(value) < 9e15) return static_cast<long long>(value);
    return value;
}

json share_json(const Share& share, const Rules& rules) {
    if (!share.computable()) return nullptr;
    return {{"value", rules.round_share(share.value())}, {"n", amount(share.n)}, {"s", amount(share.s)}};
}

json indicators_part(const IndicatorReport& report, const Rules& rules) {
    json indicators = json::array();
    for (const IndicatorValue& value : report.indicators) {
        const IndicatorInfo& info = *value.info;
        json item = {{"id", info.id},
                     {"task", info.task},
                     {"name", info.name},
                     {"unit", info.unit},
                     {"direction", info.lower_is_better ? "снижение" : "рост"},
                     {"this_year", share_json(value.this_year, rules)},
                     {"last_year", share_json(value.last_year, rules)},
                     {"this_year_note", value.this_year.computable() ? json(nullptr) : json(value.this_year.not_computable)},
                     {"last_year_note", value.last_year.computable() ? json(nullptr) : json(value.last_year.not_computable)},
                     {"dynamics", value.dynamics ? json(*value.dynamics) : json(nullptr)},
                     {"score", value.score ? json(*value.score) : json(nullptr)},
                     {"computable", value.score.has_value()}};
        indicators.push_back(std::move(item));
    }
    json tasks = json::array();
    for (const TaskValue& task : report.tasks) {
        tasks.push_back({{"id", task.info->id},
                         {"name", task.info->name},
                         {"result", task.result ? json(two_decimals(*task.result)) : json(nullptr)},
                         {"indicators", task.indicators},
                         {"scored", task.scored}});
    }
    return {{"indicators", indicators}, {"tasks", tasks}};
}

json assessment_json(const Assessment& assessment, const Rules& rules) {
    return {{"procedure", assessment.procedure},
            {"subject", assessment.subject},
            {"grade", assessment.grade},
            {"title", assessment.title()},
            {"participants", assessment.participants},
            {"low", assessment.low},
            {"share", rules.round_share(assessment.low_share())},
            {"low_result", is_low_result(assessment, rules)},
            {"objective", assessment.objective},
            {"marker", is_marker(assessment, rules)}};
}

class JsonBuilder {
public:
    JsonBuilder(const Analysis& analysis, const Rules& rules) : analysis_(analysis), rules_(rules) {}

    json build() {
        json region = region_json();  // first: the municipalities compare with its clusters
        json schools = json::array();
        for (const ClassifiedSchool& school : analysis_.schools) schools.push_back(school_json(school));
        json municipalities = json::array();
        for (size_t m = 0; m < analysis_.data.municipalities.size(); ++m)
            municipalities.push_back(municipality_json(m, schools));
        json result = {{"region", std::move(region)},
                       {"report", analysis_.data.report},
                       {"rules", rules_json()},
                       {"municipalities", std::move(municipalities)},
                       {"schools", std::move(schools)},
                       {"notes", analysis_.notes}};
        return result;
    }

private:
    json school_json(const ClassifiedSchool& classified) const {
        const School& school = *classified.school;
        const Classification& c = classified.classification;
        const Municipality& municipality = analysis_.data.municipalities[school.municipality];
        json assessments = json::array();
        json marker_titles = json::array();
        for (const Assessment& assessment : *school.this_year.assessments) {
            assessments.push_back(assessment_json(assessment, rules_));
            if (is_marker(assessment, rules_)) marker_titles.push_back(assessment.title());
        }
        json previous_assessments = nullptr;
        if (school.last_year.assessments) {
            previous_assessments = json::array();
            for (const Assessment& assessment : *school.last_year.assessments)
                previous_assessments.push_back(assessment_json(assessment, rules_));
        }
        json support = school.this_year.support ? *school.this_year.support : json::object();
        if (support.contains("mentor_school") && support["mentor_school"].is_string())
            support["mentor_school_name"] = school_name(support["mentor_school"]);
        const auto improved = subject_results_improved(school, rules_);
        const json recommendations = analysis_.data.recommendations.value(c.cluster, json::array());
        json earlier = json::array();
        for (const std::string& code : school.last_year.earlier_clusters) earlier.push_back(cluster_json(rules_, code));
        return {{"id", school.id},
                {"name", school.name},
                {"short_name", school.short_name},
                {"municipality", {{"id", municipality.id}, {"name", municipality.name}, {"genitive", municipality.genitive}}},
                {"locality", school.rural ? "сельская" : "городская"},
                {"rural", school.rural},
                {"kind", school.kind},
                {"pupils", school.pupils},
                {"isbs", {{"value", school.isbs},
                          {"level", c.isbs_level},
                          {"level_given", school.isbs_level_given ? json(*school.isbs_level_given) : json(nullptr)},
                          {"lower_quartile", c.isbs_lower_quartile}}},
                {"cluster", cluster_json(rules_, c.cluster)},
                {"derived_cluster", cluster_json(rules_, c.derived_cluster)},
                {"given_cluster", school.cluster_given ? cluster_json(rules_, *school.cluster_given) : json(nullptr)},
                {"cluster_agrees", c.agrees},
                {"rule", c.rule ? c.rule->why : ""},
                {"previous_cluster", school.last_year.cluster ? cluster_json(rules_, *school.last_year.cluster) : json(nullptr)},
                {"earlier_clusters", earlier},
                {"markers", c.markers},
                {"previous_markers", c.previous_markers ? json(*c.previous_markers) : json(nullptr)},
                {"marker_titles", marker_titles},
                {"assessments", assessments},
                {"previous_assessments", previous_assessments},
                {"results_improved", improved ? json(*improved) : json(nullptr)},
                {"support", support},
                {"previous_support", school.last_year.support ? *school.last_year.support : json(nullptr)},
                {"recommendations", recommendations}};
    }

    std::string school_name(const std::string& id) const {
        for (const School& school : analysis_.data.schools)
            if (school.id == id) return school.name;
        return id;
    }

    // Counts and shares of each cluster among some schools, this year and last.
    json clusters_json(const std::vector<const ClassifiedSchool*>& schools, const json* region_clusters) const {
        json clusters = json::array();
        for (size_t k = 0; k < rules_.clusters.size(); ++k) {
            const ClusterInfo& info = rules_.clusters[k];
            int count = 0, previous = 0;
            for (const ClassifiedSchool* school : schools) {
                count += school->classification.cluster == info.code;
                previous += school->school->last_year.cluster == info.code;
            }
            json item = {{"code", info.code},
                         {"name", info.name},
                         {"count", count},
                         {"share", percent(count, static_cast<double>(schools.size()), rules_)},
                         {"previous_count", previous},
                         {"previous_share", percent(previous, static_cast<double>(schools.size()), rules_)}};
            if (region_clusters) item["region_share"] = (*region_clusters)[k]["share"];
            clusters.push_back(std::move(item));
        }
        return clusters;
    }

    // The same as objects keyed by cluster code, for sorting and picking:
    // municipality.cluster_shares.ШНРО.
    static void keyed_clusters(json& owner) {
        json counts = json::object(), shares = json::object();
        for (const json& cluster : owner["clusters"]) {
            counts[cluster["code"].get<std::string>()] = cluster["count"];
            shares[cluster["code"].get<std::string>()] = cluster["share"];
        }
        owner["cluster_counts"] = counts;
        owner["cluster_shares"] = shares;
    }

    std::vector<const ClassifiedSchool*> schools_of(size_t municipality) const {
        std::vector<const ClassifiedSchool*> result;
        for (const ClassifiedSchool& school : analysis_.schools)
            if (school.school->municipality == municipality) result.push_back(&school);
        return result;
    }

    std::vector<const ClassifiedSchool*> all_schools() const {
        std::vector<const ClassifiedSchool*> result;
        for (const ClassifiedSchool& school : analysis_.schools) result.push_back(&school);
        return result;
    }

    json totals(const std::vector<const ClassifiedSchool*>& schools) const {
        int pupils = 0, rural = 0, rural_pupils = 0;
        for (const ClassifiedSchool* school : schools) {
            pupils += school->school->pupils;
            rural += school->school->rural;
            rural_pupils += school->school->rural ? school->school->pupils : 0;
        }
        return {{"schools_count", schools.size()},
                {"pupils", pupils},
                {"rural_schools", rural},
                {"rural_share", percent(rural, static_cast<double>(schools.size()), rules_)},
                {"rural_pupils_share", percent(rural_pupils, pupils, rules_)}};
    }

    json region_json() {
        const auto schools = all_schools();
        json region = totals(schools);
        region["name"] = analysis_.data.region;
        region["genitive"] = analysis_.data.region_genitive;
        region["year"] = analysis_.data.year;
        region["previous_year"] = analysis_.data.year - 1;
        region["clusters"] = clusters_json(schools, nullptr);
        keyed_clusters(region);
        // For charts: each cluster's count in every municipality, in the municipalities' order.
        json names = json::array();
        for (const Municipality& municipality : analysis_.data.municipalities) names.push_back(municipality.name);
        region["municipality_names"] = names;
        for (size_t k = 0; k < rules_.clusters.size(); ++k) {
            json counts = json::array();
            for (size_t m = 0; m < analysis_.data.municipalities.size(); ++m) {
                int count = 0;
                for (const ClassifiedSchool* school : schools_of(m))
                    count += school->classification.cluster == rules_.clusters[k].code;
                counts.push_back(count);
            }
            region["clusters"][k]["by_municipality"] = counts;
        }
        const json part = indicators_part(analysis_.region, rules_);
        region["indicators"] = part["indicators"];
        region["tasks"] = part["tasks"];
        region_clusters_ = region["clusters"];
        return region;
    }

    json municipality_json(size_t m, const json& all_school_json) const {
        const Municipality& municipality = analysis_.data.municipalities[m];
        const auto schools = schools_of(m);
        json result = totals(schools);
        result["id"] = municipality.id;
        result["name"] = municipality.name;
        result["genitive"] = municipality.genitive;
        result["kind"] = municipality.kind;
        result["clusters"] = clusters_json(schools, &region_clusters_);
        keyed_clusters(result);
        // The schools needing support in full; the others by id (schools | find('id', …)),
        // which keeps the data small: it is bound once per document of a batch.
        json ids = json::array(), low = json::array(), risk = json::array();
        for (const ClassifiedSchool* school : schools) {
            const json& item = all_school_json[school->school->index];
            ids.push_back(school->school->id);
            if (school->classification.cluster == "ШНРО") low.push_back(item);
            if (school->classification.cluster == "ШсРНР") risk.push_back(item);
        }
        result["school_ids"] = ids;
        result["shnro"] = low;
        result["risk"] = risk;
        const json part = indicators_part(analysis_.municipalities[m], rules_);
        result["indicators"] = part["indicators"];
        result["tasks"] = part["tasks"];
        return result;
    }

    json rules_json() const {
        json levels = json::array();
        for (const IsbsLevel& level : rules_.isbs_levels) levels.push_back(level.name);
        json classification = json::array();
        for (const ClusterRule& rule : rules_.classification)
            classification.push_back({{"cluster", cluster_json(rules_, rule.cluster)}, {"why", rule.why}});
        return {{"low_result_share", rules_.low_result_share},
                {"isbs_lower_quartile", rules_.isbs_lower_quartile},
                {"isbs_levels", levels},
                {"classification", classification}};
    }

    const Analysis& analysis_;
    const Rules& rules_;
    json region_clusters_;
};

}  // namespace

Analysis analyse(const json& input, const Rules& rules, const std::string& source) {
    Analysis analysis{read_cluster_results(input, source), {}, {}, {}, {}};
    std::vector<std::string> problems;
    analysis.schools.reserve(analysis.data.schools.size());
    for (const School& school : analysis.data.schools) {
        ClassifiedSchool classified{&school, classify(school, rules)};
        const Classification& c = classified.classification;
        if (c.derived_cluster.empty())
            problems.push_back(school_label(school) + ": no classification rule gives it a cluster");
        else if (!c.agrees)
            analysis.notes.push_back(school_label(school) + ": the data gives the cluster " + *school.cluster_given +
                                     ", the rules give " + c.derived_cluster + " (" + std::to_string(c.markers) +
                                     " markers, ИСБШ " + c.isbs_level + "); the documents use " + c.derived_cluster);
        if (school.isbs_level_given && *school.isbs_level_given != c.isbs_level)
            analysis.notes.push_back(school_label(school) + ": ИСБШ level given as \"" + *school.isbs_level_given +
                                     "\", the rules give \"" + c.isbs_level + "\" for " + json(school.isbs).dump());
        analysis.schools.push_back(std::move(classified));
    }
    if (!problems.empty()) {
        std::string message = source + ": the rules cannot classify every school:";
        for (const std::string& problem : problems) message += "\n  " + problem;
        throw InputError(message);
    }
    std::vector<const ClassifiedSchool*> all;
    for (const ClassifiedSchool& school : analysis.schools) all.push_back(&school);
    analysis.region = compute_indicators(all, rules);
    for (size_t m = 0; m < analysis.data.municipalities.size(); ++m) {
        std::vector<const ClassifiedSchool*> in_municipality;
        for (const ClassifiedSchool* school : all)
            if (school->school->municipality == m) in_municipality.push_back(school);
        analysis.municipalities.push_back(compute_indicators(in_municipality, rules));
    }
    return analysis;
}

json analysis_json(const Analysis& analysis, const Rules& rules) { return JsonBuilder(analysis, rules).build(); }

json indicators_json(const Analysis& analysis, const Rules& rules) {
    json municipalities = json::array();
    for (size_t m = 0; m < analysis.data.municipalities.size(); ++m) {
        json item = indicators_part(analysis.municipalities[m], rules);
        item["id"] = analysis.data.municipalities[m].id;
        item["name"] = analysis.data.municipalities[m].name;
        municipalities.push_back(std::move(item));
    }
    json region = indicators_part(analysis.region, rules);
    region["name"] = analysis.data.region;
    region["year"] = analysis.data.year;
    return {{"region", region}, {"municipalities", municipalities}, {"notes", analysis.notes}};
}

}  // namespace docgen::domain
