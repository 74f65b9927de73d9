#include "domain/analysis.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/error.h"
#include "common/packed_json.h"
#include "common/parallel.h"
#include "common/schema_validator.h"

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

json optional_cluster(const Rules& rules, const std::optional<std::string>& code) {
    return code ? cluster_json(rules, *code) : json(nullptr);
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

const char* trend(const IndicatorValue& value) {
    if (!value.dynamics) return nullptr;
    if (*value.dynamics == 0) return "без изменений";
    const bool positive = value.info->lower_is_better ? *value.dynamics < 0 : *value.dynamics > 0;
    return positive ? "положительная" : "отрицательная";
}

json indicators_part(const IndicatorReport& report, const Rules& rules) {
    json indicators = json::array();
    for (const IndicatorValue& value : report.indicators) {
        const IndicatorInfo& info = *value.info;
        const char* change = trend(value);
        json item = {{"id", info.id},
                     {"task", info.task},
                     {"name", info.name},
                     {"unit", info.unit},
                     {"basis", info.basis},
                     {"direction", info.lower_is_better ? "снижение" : "рост"},
                     {"this_year", share_json(value.this_year, rules)},
                     {"last_year", share_json(value.last_year, rules)},
                     {"this_year_note", value.this_year.computable() ? json(nullptr) : json(value.this_year.not_computable)},
                     {"last_year_note", value.last_year.computable() ? json(nullptr) : json(value.last_year.not_computable)},
                     {"dynamics", value.dynamics ? json(*value.dynamics) : json(nullptr)},
                     {"trend", change ? json(change) : json(nullptr)},
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

std::string result_key(const Assessment& a) { return a.procedure + "|" + a.subject + "|" + std::to_string(a.grade); }

using LowSums = std::map<std::string, std::pair<long long, long long>>;

json low_share_of(const LowSums& sums, const Assessment& a, const Rules& rules) {
    const auto found = sums.find(result_key(a));
    if (found == sums.end() || found->second.second == 0) return nullptr;
    return percent(static_cast<double>(found->second.first), static_cast<double>(found->second.second), rules);
}

json assessment_json(const Assessment& assessment, const Rules& rules) {
    return {{"procedure", assessment.procedure},
            {"subject", assessment.subject},
            {"grade", assessment.grade},
            {"title", assessment.title()},
            {"participants", assessment.participants},
            {"low", assessment.low},
            {"high", assessment.high ? json(*assessment.high) : json(nullptr)},
            {"share", rules.round_share(assessment.low_share())},
            {"low_result", is_low_result(assessment, rules)},
            {"analysed", rules.counts_as_marker_result(assessment.procedure, assessment.subject, assessment.grade)},
            {"objective", assessment.objective},
            {"marker", is_marker(assessment, rules)}};
}

// Kinds by the level of education they give: a mentor should give at least the level of its mentee.
int education_level(const std::string& kind) {
    if (kind == "НОШ") return 1;
    if (kind == "ООШ") return 2;
    return 3;
}

// Parsed recommendations of the data: the condition and the text of each.
struct Recommendation {
    std::string id;
    Expression when;
    std::string text;
};

std::vector<Recommendation> parse_recommendations(const json& list, const std::string& path,
                                                  std::vector<std::string>& problems) {
    std::vector<Recommendation> result;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string text = list[i]["when"];
        try {
            result.push_back({list[i]["id"], Expression::parse(text), list[i]["text"]});
        } catch (const ExpressionError& error) {
            problems.push_back(path + "[" + std::to_string(i) + "].when \"" + text + "\": " + error.what());
        }
    }
    return result;
}

class JsonBuilder {
public:
    JsonBuilder(const Analysis& analysis, const Rules& rules, Packing packing)
        : analysis_(analysis), rules_(rules), packing_(packing) {
        for (const School& school : analysis.data.schools) {
            index_.emplace(school.id, school.index);
            if (school.this_year.mentor_school) mentees_[*school.this_year.mentor_school].push_back(school.index);
            if (!school.this_year.assessments) continue;
            for (const Assessment& a : *school.this_year.assessments) {
                auto& sums = municipality_low_[school.municipality][result_key(a)];
                sums.first += a.low;
                sums.second += a.participants;
            }
        }
        std::vector<std::string> problems;
        const json& recommendations = analysis.data.recommendations;
        for (const char* part : {"region", "municipality", "school"})
            recommendations_[part] = parse_recommendations(recommendations.value(part, json::array()),
                                                           std::string("recommendations.") + part, problems);
        if (!problems.empty()) {
            std::string message = "the data's recommendations have problems:";
            for (const std::string& problem : problems) message += "\n  " + problem;
            throw InputError(message);
        }
    }

    // Everything but the recommendations, from the analysis. With `releasing`
    // (the analysis itself), each school's assessments and support facts go
    // as soon as its JSON is made: nothing after reads them, and the next
    // school's JSON takes their place in memory. (On a second thread it would
    // not: each thread allocates from an arena of its own, and a country's
    // setup took 140 MiB more so.)
    json data(Analysis* releasing = nullptr) const {
        json result = {{"region", region_json()}, {"report", analysis_.data.report}, {"rules", rules_json()},
                       {"notes", analysis_.notes}};
        json& schools = result["schools"] = json::array();
        for (const ClassifiedSchool& school : analysis_.schools) {
            schools.push_back(school_json(school));
            if (!releasing) continue;
            School& record = releasing->data.schools[school.school->index];
            record.this_year.assessments = std::vector<Assessment>();  // this year's are never absent
            record.this_year.support = nullptr;
            for (YearFacts& year : record.history) {
                year.assessments.reset();
                year.support = nullptr;
            }
        }
        json& municipalities = result["municipalities"] = json::array();
        for (size_t m = 0; m < analysis_.data.municipalities.size(); ++m)
            municipalities.push_back(municipality_json(m, result["region"]));
        rank_municipalities(municipalities);
        return result;
    }

    // The recommendations whose conditions hold, last: their conditions may
    // read anything of the data. Reads the data only, not the analysis. The
    // schools' are chosen on up to `threads` threads while the data is only
    // read, then put in.
    void recommend(json& result, unsigned threads = 1) const {
        json& schools = result["schools"];
        std::vector<json> chosen(schools.size());
        for_parts(schools.size(), threads, [&](size_t, size_t begin, size_t end) {
            for (size_t s = begin; s < end; ++s)
                chosen[s] = part(recommended("school", result, schools[s], "schools[" + std::to_string(s) + "]"));
        });
        for (size_t s = 0; s < schools.size(); ++s) schools[s]["recommendations"] = std::move(chosen[s]);
        json& municipalities = result["municipalities"];
        for (size_t m = 0; m < municipalities.size(); ++m)
            municipalities[m]["recommendations"] =
                recommended("municipality", result, municipalities[m], "municipalities[" + std::to_string(m) + "]");
        result["region"]["recommendations"] = recommended("region", result, result["region"], "region");
    }

private:
    json recommended(const std::string& part, const json& root, const json& subject, const std::string& path) const {
        json texts = json::array();
        const packed::Session unpacked_here;  // the parts the conditions read, unpacked for this element
        Scope scope(root);
        scope.push(part, Value::of_data(subject, path));
        for (const Recommendation& recommendation : recommendations_.at(part)) {
            bool holds = false;
            try {
                holds = truthy(recommendation.when.evaluate(scope, true).get());
            } catch (const ExpressionError& error) {
                throw InputError("recommendations." + part + " \"" + recommendation.id + "\": its condition \"" +
                                 recommendation.when.source() + "\" fails for " + path + ": " + error.what());
            }
            if (holds) texts.push_back({{"id", recommendation.id}, {"text", recommendation.text}});
        }
        return texts;
    }

    json school_json(const ClassifiedSchool& classified) const {
        const School& school = *classified.school;
        const Classification& c = classified.classification;
        const Municipality& municipality = analysis_.data.municipalities[school.municipality];
        const YearFacts* last = school.in_year(school.this_year.year - 1);
        json assessments = json::array();
        json marker_titles = json::array();
        for (const Assessment& assessment : *school.this_year.assessments) {
            json item = assessment_json(assessment, rules_);
            item["municipality_share"] = low_share_of(municipality_low_[school.municipality], assessment, rules_);
            item["region_share"] = low_share_of(analysis_.statistics[0].low_by_result, assessment, rules_);
            if (last && last->assessments)
                for (const Assessment& previous : *last->assessments)
                    if (previous.same_result(assessment)) item["previous_share"] = rules_.round_share(previous.low_share());
            if (!item.contains("previous_share")) item["previous_share"] = nullptr;
            assessments.push_back(std::move(item));
            if (is_marker(assessment, rules_)) marker_titles.push_back(assessment.title());
        }
        json support = school.this_year.support.is_null() ? json::object() : school.this_year.support_facts();
        json previous_support = last ? last->support_facts() : json(nullptr);
        json deficits = open_deficits(support);
        for (json* facts : {&support, &previous_support})
            if (facts->is_object() && facts->contains("mentor_school") && (*facts)["mentor_school"].is_string())
                (*facts)["mentor_school_name"] = analysis_.data.schools[index_.at((*facts)["mentor_school"])].name;
        json history = json::array();
        for (const YearFacts& past : school.history)
            history.push_back({{"year", past.year},
                               {"cluster", optional_cluster(rules_, past.cluster)},
                               {"markers", past.assessments ? json(count_markers(*past.assessments, rules_)) : json(nullptr)}});
        const auto optional = [](const auto& value) { return value ? json(*value) : json(nullptr); };
        return {{"index", school.index},
                {"id", school.id},
                {"name", school.name},
                {"short_name", school.short_name},
                {"municipality", {{"id", municipality.id}, {"name", municipality.name}, {"genitive", municipality.genitive},
                                  {"index", school.municipality}}},
                {"locality", school.rural ? "сельская" : "городская"},
                {"rural", school.rural},
                {"kind", school.kind},
                {"pupils", *school.this_year.pupils},
                {"federal_status", optional(school.federal_status)},
                {"isbs", part({{"value", *school.this_year.isbs},
                               {"level", c.isbs_level},
                               {"level_given", optional(school.isbs_level_given)},
                               {"lower_quartile", c.isbs_lower_quartile}})},
                {"cluster", cluster_json(rules_, c.cluster)},
                {"derived_cluster", part(cluster_json(rules_, c.derived_cluster))},
                {"given_cluster", part(optional_cluster(rules_, school.cluster_given))},
                {"cluster_agrees", c.agrees},
                {"rule", c.rule ? c.rule->why : ""},
                {"previous_cluster", part(optional_cluster(rules_, last ? last->cluster : std::nullopt))},
                {"history", part(std::move(history))},
                {"cluster_years", cluster_years(school, c.cluster)},
                {"markers", c.markers},
                {"previous_markers", optional(c.previous_markers)},
                {"marker_titles", part(std::move(marker_titles))},
                {"unobjective_markers", unobjective_markers(*school.this_year.assessments)},
                {"high_results", optional(c.high_results)},
                {"assessments", part(std::move(assessments))},
                {"results_dynamics", part(last ? results_dynamics(school.this_year, *last, rules_) : json(nullptr))},
                {"support", part(std::move(support))},
                {"previous_support", part(std::move(previous_support))},
                {"mentor", part(mentor_json(classified))},
                {"mentees", part(mentees_.count(school.id) ? json(mentees_.at(school.id)) : json::array())},
                {"open_deficits", part(std::move(deficits))},
                {"indicators_missed", part(indicators_missed(school.index))}};
    }

    // A part of a school that mostly its own documents read: packed when
    // the data is for binding, so that a school takes a sixth of the memory.
    // What a school's list in a report reads (name, municipality, cluster,
    // markers) stays plain.
    json part(json value) const {
        return packing_ == Packing::Packed && (value.is_object() || value.is_array()) ? packed::pack(value) : value;
    }

    // The indicators whose S holds the school this year while it adds nothing
    // to N, as {"1.2.4": true}: a ШНРО whose mentor does not count in 1.2.4.
    json indicators_missed(size_t school) const {
        json ids = json::object();
        const std::vector<Contribution>& contributions = analysis_.contributions[school][0];
        for (size_t i = 0; i < rules_.indicators.size(); ++i)
            if (contributions[i].counted && contributions[i].s > 0 && contributions[i].n == 0)
                ids[rules_.indicators[i].id] = true;
        return ids;
    }

    // The names of the deficits found and not removed: "материально-технический", …; null when none.
    static json open_deficits(const json& support) {
        json names = json::array();
        if (!support.contains("deficits")) return nullptr;
        for (const auto& [key, name] : {std::pair{"material", "материально-технический"}, {"staff", "кадровый"},
                                        {"ict", "информационно-коммуникационный"}}) {
            const json& deficit = support["deficits"].value(key, json::object());
            if (deficit.value("found", false) && !deficit.value("removed", false)) names.push_back(name);
        }
        return names.empty() ? json(nullptr) : names;
    }

    int unobjective_markers(const std::vector<Assessment>& assessments) const {
        int count = 0;
        for (const Assessment& a : assessments) count += !a.objective && is_marker(a, rules_);
        return count;
    }

    // How many years running, this one included, the data puts the school in its cluster.
    static int cluster_years(const School& school, const std::string& cluster) {
        int years = 1;
        for (const YearFacts& past : school.history) {
            if (past.year != school.this_year.year - years || past.cluster != cluster) break;
            ++years;
        }
        return years;
    }

    json mentor_json(const ClassifiedSchool& classified) const {
        const School& school = *classified.school;
        if (!school.this_year.mentor_school) return nullptr;
        const ClassifiedSchool& mentor = analysis_.schools[index_.at(*school.this_year.mentor_school)];
        const YearFacts* last = mentor.school->in_year(school.this_year.year - 1);
        const std::optional<std::string> previous = last ? last->cluster : std::nullopt;
        return {{"id", mentor.school->id},
                {"name", mentor.school->name},
                {"kind", mentor.school->kind},
                {"cluster", cluster_json(rules_, mentor.classification.cluster)},
                {"previous_cluster", optional_cluster(rules_, previous)},
                {"lower_level", education_level(mentor.school->kind) < education_level(school.kind)}};
    }

    // Counts and shares of each cluster among some schools, this year and last.
    json clusters_json(const std::vector<size_t>& schools, const json* region_clusters) const {
        json clusters = json::array();
        for (size_t k = 0; k < rules_.clusters.size(); ++k) {
            const ClusterInfo& info = rules_.clusters[k];
            int count = 0, previous = 0, known = 0;
            json members = json::array();
            for (size_t s : schools) {
                const ClassifiedSchool& school = analysis_.schools[s];
                if (school.classification.cluster == info.code) {
                    ++count;
                    members.push_back(s);
                }
                const YearFacts* last = school.school->in_year(school.school->this_year.year - 1);
                known += last && last->cluster;
                previous += last && last->cluster == info.code;
            }
            json item = {{"code", info.code},
                         {"name", info.name},
                         {"count", count},
                         {"share", percent(count, static_cast<double>(schools.size()), rules_)},
                         {"previous_count", previous},
                         {"previous_share", percent(previous, known, rules_)},
                         {"schools", members}};
            if (region_clusters) item["region_share"] = (*region_clusters)[k]["share"];
            clusters.push_back(std::move(item));
        }
        return clusters;
    }

    // The same as objects keyed by cluster code, for sorting and picking:
    // municipality.cluster_shares.ШНРО, municipality.cluster_schools.ШНРО (indexes into schools).
    static void keyed_clusters(json& owner) {
        json counts = json::object(), shares = json::object(), members = json::object();
        for (const json& cluster : owner["clusters"]) {
            const std::string code = cluster["code"];
            counts[code] = cluster["count"];
            shares[code] = cluster["share"];
            members[code] = cluster["schools"];
        }
        owner["cluster_counts"] = counts;
        owner["cluster_shares"] = shares;
        owner["cluster_schools"] = members;
    }

    const std::vector<size_t>& schools_of(size_t municipality) const { return analysis_.schools_by_municipality[municipality]; }

    json totals(const std::vector<size_t>& schools) const {
        int pupils = 0, rural = 0, rural_pupils = 0;
        for (size_t s : schools) {
            const School& school = analysis_.data.schools[s];
            pupils += *school.this_year.pupils;
            rural += school.rural;
            rural_pupils += school.rural ? *school.this_year.pupils : 0;
        }
        return {{"schools_count", schools.size()},
                {"pupils", pupils},
                {"rural_schools", rural},
                {"rural_share", percent(rural, static_cast<double>(schools.size()), rules_)},
                {"rural_pupils_share", percent(rural_pupils, pupils, rules_)}};
    }

    json region_json() const {
        std::vector<size_t> all(analysis_.data.schools.size());
        for (size_t s = 0; s < all.size(); ++s) all[s] = s;
        json region = totals(all);
        region["name"] = analysis_.data.region;
        region["genitive"] = analysis_.data.region_genitive;
        region["year"] = analysis_.data.year;
        region["previous_year"] = analysis_.data.year - 1;
        region["clusters"] = clusters_json(all, nullptr);
        keyed_clusters(region);
        const auto& quartile = analysis_.statistics[0].lower_quartile;
        region["isbs_lower_quartile"] = quartile ? json(*quartile) : json(nullptr);
        // For charts: each cluster's count in every municipality, in the municipalities' order.
        json names = json::array();
        for (const Municipality& municipality : analysis_.data.municipalities) names.push_back(municipality.name);
        region["municipality_names"] = names;
        for (size_t k = 0; k < rules_.clusters.size(); ++k) {
            json counts = json::array();
            for (size_t m = 0; m < analysis_.data.municipalities.size(); ++m) {
                int count = 0;
                for (size_t s : schools_of(m)) count += analysis_.schools[s].classification.cluster == rules_.clusters[k].code;
                counts.push_back(count);
            }
            region["clusters"][k]["by_municipality"] = counts;
        }
        const json part = indicators_part(analysis_.region, rules_);
        region["indicators"] = part["indicators"];
        region["tasks"] = part["tasks"];
        return region;
    }

    json municipality_json(size_t m, const json& region) const {
        const Municipality& municipality = analysis_.data.municipalities[m];
        const std::vector<size_t>& schools = schools_of(m);
        json result = totals(schools);
        result["index"] = m;
        result["id"] = municipality.id;
        result["name"] = municipality.name;
        result["genitive"] = municipality.genitive;
        result["kind"] = municipality.kind;
        result["clusters"] = clusters_json(schools, &region["clusters"]);
        keyed_clusters(result);
        // Its schools by index into `schools` (schools[i]): each school is held once.
        result["schools"] = schools;
        const json part = indicators_part(analysis_.municipalities[m], rules_);
        result["indicators"] = part["indicators"];
        for (size_t i = 0; i < result["indicators"].size(); ++i) {
            const json& in_region = region["indicators"][i]["this_year"];
            result["indicators"][i]["region_value"] = in_region.is_null() ? json(nullptr) : in_region["value"];
        }
        result["tasks"] = part["tasks"];
        double sum = 0;
        int scored = 0;
        for (const json& task : result["tasks"])
            if (!task["result"].is_null()) {
                sum += task["result"].get<double>();
                ++scored;
            }
        result["tasks_mean"] = scored ? json(two_decimals(sum / scored)) : json(nullptr);
        return result;
    }

    // Each municipality's place among all by each cluster's share (1: the
    // largest share) and by the mean of its task results (1: the highest),
    // equal values sharing a place.
    static void rank_municipalities(json& municipalities) {
        const auto place = [&](const auto& key) {
            std::vector<std::optional<double>> values;
            for (const json& m : municipalities) values.push_back(key(m));
            std::vector<double> known;  // ascending: the values larger than one are those after it
            for (const auto& value : values)
                if (value) known.push_back(*value);
            std::sort(known.begin(), known.end());
            std::vector<json> places;
            for (const auto& value : values) {
                if (!value) {
                    places.push_back(nullptr);
                    continue;
                }
                const auto better = known.end() - std::upper_bound(known.begin(), known.end(), *value);
                places.push_back(better + 1);
            }
            return places;
        };
        const json& first = municipalities.at(0);
        for (const auto& item : first["cluster_shares"].items()) {
            const std::string& code = item.key();
            const auto places = place([&](const json& m) { return std::optional<double>(m["cluster_shares"][code].get<double>()); });
            for (size_t i = 0; i < municipalities.size(); ++i) municipalities[i]["places"][code] = places[i];
        }
        const auto tasks = place([](const json& m) {
            return m["tasks_mean"].is_null() ? std::nullopt : std::optional<double>(m["tasks_mean"].get<double>());
        });
        for (size_t i = 0; i < municipalities.size(); ++i) {
            municipalities[i]["places"]["tasks"] = tasks[i];
            municipalities[i]["places"]["of"] = municipalities.size();
        }
    }

    json rules_json() const {
        json levels = json::array();
        for (const IsbsLevel& level : rules_.isbs_levels) levels.push_back(level.name);
        json classification = json::array();
        for (const ClusterRule& rule : rules_.classification)
            classification.push_back({{"cluster", cluster_json(rules_, rule.cluster)}, {"why", rule.why}});
        return {{"low_result_share", rules_.low_result_share},
                {"isbs_lower_quartile", rules_.isbs_lower_quartile ? json(*rules_.isbs_lower_quartile) : json("data")},
                {"isbs_levels", levels},
                {"classification", classification},
                {"no_change_score", rules_.no_change_score},
                {"readings", rules_.readings}};
    }

    const Analysis& analysis_;
    const Rules& rules_;
    const Packing packing_;
    std::map<std::string, size_t> index_;
    std::map<std::string, std::vector<size_t>> mentees_;  // by the mentor's id: the schools it mentors
    std::vector<LowSums> municipality_low_{std::vector<LowSums>(analysis_.data.municipalities.size())};
    std::map<std::string, std::vector<Recommendation>> recommendations_;
};

}  // namespace

Analysis analyse(const json& input, const Rules& rules, const std::string& source, unsigned threads) {
    Analysis analysis;
    analysis.data = read_cluster_results(input, source, threads);
    const std::vector<School>& schools = analysis.data.schools;
    const int year = analysis.data.year;
    analysis.statistics = {year_statistics(schools, year, rules), year_statistics(schools, year - 1, rules)};
    // Each problem is at its school's record, so that a reader of a workbook
    // can find its row.
    std::vector<Problem> problems;
    const auto problem = [&](const School& school, const std::string& message) {
        problems.push_back(value_problem("schools[" + std::to_string(school.index) + "]", school_label(school), message, false));
    };
    for (const School& school : schools) {
        if (school.cluster_given && !rules.cluster(*school.cluster_given))
            problem(school, "the cluster " + *school.cluster_given + " is not among the rules' clusters");
        for (const YearFacts& past : school.history)
            if (past.cluster && !rules.cluster(*past.cluster))
                problem(school, "the cluster " + *past.cluster + " of " + std::to_string(past.year) +
                                    " is not among the rules' clusters");
    }
    analysis.schools.reserve(schools.size());
    std::map<std::string, size_t> index;
    for (const School& school : schools) index.emplace(school.id, school.index);
    for (const School& school : schools) {
        ClassifiedSchool classified{&school, classify(school, rules, analysis.statistics[0], analysis.statistics[1])};
        const Classification& c = classified.classification;
        if (c.derived_cluster.empty())
            problem(school, "no classification rule gives it a cluster");
        else if (!c.agrees)
            analysis.notes.push_back(school_label(school) + ": the data gives the cluster " + *school.cluster_given +
                                     ", the rules give " + c.derived_cluster + " (" + std::to_string(c.markers) +
                                     " markers, ИСБШ " + c.isbs_level + "); the documents use " + c.derived_cluster);
        if (school.isbs_level_given && *school.isbs_level_given != c.isbs_level)
            analysis.notes.push_back(school_label(school) + ": ИСБШ level given as \"" + *school.isbs_level_given +
                                     "\", the rules give \"" + c.isbs_level + "\" for " +
                                     json(*school.this_year.isbs).dump());
        analysis.schools.push_back(std::move(classified));
    }
    if (!problems.empty()) throw InputError(std::move(problems), source + ": the rules cannot classify every school:");
    for (const School& school : schools) {
        if (!school.this_year.mentor_school) continue;
        const School& mentor = schools[index.at(*school.this_year.mentor_school)];
        if (education_level(mentor.kind) < education_level(school.kind))
            analysis.notes.push_back(school_label(school) + ": its mentor school " + mentor.id + " (" + mentor.kind +
                                     ") teaches a lower level than it (" + school.kind + ")");
    }
    analysis.contributions = compute_contributions(analysis.schools, analysis.statistics, rules);
    // Where a formula could not read a fact, which fact: a rules file's misspelt key shows here.
    for (size_t i = 0; i < rules.indicators.size(); ++i)
        for (int year = 0; year < 2; ++year) {
            int unknown = 0;
            const School* first = nullptr;
            std::string why;
            for (const School& school : schools) {
                const Contribution& c = analysis.contributions[school.index][year][i];
                if (!c.unknown) continue;
                if (unknown++ == 0) first = &school, why = c.why;
            }
            if (unknown > 0)
                analysis.notes.push_back("indicator " + rules.indicators[i].id + ", " + std::to_string(analysis.data.year - year) +
                                         ": " + std::to_string(unknown) + (unknown == 1 ? " school lacks" : " schools lack") +
                                         " what its formula reads, first " + school_label(*first) + ": " + why);
        }
    std::vector<size_t> all(schools.size());
    for (size_t s = 0; s < all.size(); ++s) all[s] = s;
    analysis.region = compute_indicators(all, analysis.contributions, rules);
    analysis.schools_by_municipality.resize(analysis.data.municipalities.size());
    for (const School& school : schools) analysis.schools_by_municipality[school.municipality].push_back(school.index);
    for (const std::vector<size_t>& in_municipality : analysis.schools_by_municipality)
        analysis.municipalities.push_back(compute_indicators(in_municipality, analysis.contributions, rules));
    return analysis;
}

json analysis_json(const Analysis& analysis, const Rules& rules) {
    const JsonBuilder builder(analysis, rules, Packing::Plain);
    json result = builder.data();
    builder.recommend(result);
    return result;
}

json analysis_json(Analysis&& analysis, const Rules& rules, Packing packing, unsigned threads) {
    const JsonBuilder builder(analysis, rules, packing);
    json result = builder.data(&analysis);
    // The records are in the data now: they go before the recommendations'
    // conditions, which may copy lists of schools, make the peak.
    analysis = Analysis();
    builder.recommend(result, threads);
    return result;
}

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
