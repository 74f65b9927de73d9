#include "domain/indicators.h"

#include <cmath>
#include <map>

#include "common/error.h"
#include "common/russian.h"

namespace docgen::domain {

using nlohmann::json;

namespace {

Share not_computable(std::string reason) {
    Share share;
    share.not_computable = std::move(reason);
    return share;
}

// A school's cluster in a year: this year's derived, an earlier year's given.
std::optional<std::string> cluster_in(const ClassifiedSchool& school, int year) {
    if (year == school.school->this_year.year) return school.classification.cluster;
    const YearFacts* facts = school.school->in_year(year);
    return facts ? facts->cluster : std::nullopt;
}

struct Level {
    double reached = 0, participants = 0;
    bool complete = true;  // every result gives the count
};

json level_json(const Level& level) {
    if (!level.complete || level.participants == 0) return nullptr;
    return 100.0 * level.reached / level.participants;
}

// -1, 0 or 1 as a level fell, stayed or rose; 0 when either year lacks it.
int direction(const Level& now, const Level& before) {
    if (!now.complete || !before.complete || now.participants == 0 || before.participants == 0) return 0;
    const double a = now.reached * before.participants, b = before.reached * now.participants;
    return a > b ? 1 : a < b ? -1 : 0;
}

double amount(const Value& value, const char* what) {
    const json& v = value.get();
    if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
    if (v.is_number()) return v.get<double>();
    throw ExpressionError(std::string(what) + " must be a number or true/false, not " + v.type_name());
}

}  // namespace

json results_dynamics(const YearFacts& now, const YearFacts& before, const Rules& rules) {
    if (!now.assessments || !before.assessments) return nullptr;
    struct Group {
        Level basic_now, basic_before, advanced_now, advanced_before;
    };
    std::vector<std::pair<std::string, Group>> groups;
    for (const Assessment& current : *now.assessments) {
        const std::string group = rules.dynamics_group(current.procedure, current.subject, current.grade);
        if (group.empty()) continue;
        const Assessment* previous = nullptr;
        for (const Assessment& candidate : *before.assessments)
            if (candidate.same_result(current)) previous = &candidate;
        if (!previous) continue;
        auto found = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == group; });
        if (found == groups.end()) found = groups.insert(groups.end(), {group, Group{}});
        Group& g = found->second;
        g.basic_now.reached += current.participants - current.low;
        g.basic_now.participants += current.participants;
        g.basic_before.reached += previous->participants - previous->low;
        g.basic_before.participants += previous->participants;
        for (auto [level, result] : {std::pair{&g.advanced_now, &current}, std::pair{&g.advanced_before, previous}}) {
            level->participants += result->participants;
            if (result->high) level->reached += *result->high;
            else level->complete = false;
        }
    }
    if (groups.empty()) return nullptr;
    json subjects = json::array();
    bool positive = true;
    // In the order of the rules' groups (alphabetical: математика, русский язык).
    for (const auto& group : rules.dynamics_subjects) {
        const auto& name = group.first;
        const auto found = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == name; });
        if (found == groups.end()) continue;
        const Group& g = found->second;
        const int basic = direction(g.basic_now, g.basic_before);
        const int advanced = direction(g.advanced_now, g.advanced_before);
        // «базового и/или повышенного уровня»: one level rose and neither fell.
        const bool subject_positive = (basic > 0 || advanced > 0) && basic >= 0 && advanced >= 0;
        positive = positive && subject_positive;
        subjects.push_back({{"subject", name},
                            {"basic", level_json(g.basic_now)},
                            {"basic_before", level_json(g.basic_before)},
                            {"advanced", level_json(g.advanced_now)},
                            {"advanced_before", level_json(g.advanced_before)},
                            {"positive", subject_positive}});
    }
    return {{"positive", positive}, {"subjects", subjects}};
}

json indicator_facts(const std::vector<ClassifiedSchool>& schools, const std::map<std::string, size_t>& index_of,
                     size_t index, int year_offset, const std::vector<YearStatistics>& statistics, const Rules& rules) {
    const ClassifiedSchool& classified = schools[index];
    const School& school = *classified.school;
    const int year = school.this_year.year - year_offset;
    json facts = {{"id", school.id}, {"kind", school.kind}, {"rural", school.rural}, {"year", year}};
    if (school.federal_status) facts["federal_status"] = *school.federal_status;
    const YearFacts* in_year = school.in_year(year);
    if (const auto cluster = cluster_in(classified, year)) facts["cluster"] = *cluster;
    json earlier = json::array();
    for (const YearFacts& past : school.history)
        if (past.year < year && past.cluster) earlier.push_back({{"year", past.year}, {"cluster", *past.cluster}});
    if (!earlier.empty()) facts["earlier"] = std::move(earlier);
    facts["results_dynamics"] = nullptr;
    if (!in_year) return facts;
    if (in_year->pupils) facts["pupils"] = *in_year->pupils;
    if (in_year->isbs) {
        const YearStatistics* stats = static_cast<size_t>(year_offset) < statistics.size() ? &statistics[year_offset] : nullptr;
        facts["isbs"] = {{"value", *in_year->isbs},
                         {"level", rules.isbs_level(*in_year->isbs)},
                         {"lower_quartile", stats && stats->in_lower_quartile(*in_year->isbs)}};
    }
    if (in_year->assessments) facts["markers"] = count_markers(*in_year->assessments, rules);
    if (const YearFacts* before = school.in_year(year - 1))
        facts["results_dynamics"] = results_dynamics(*in_year, *before, rules);
    if (!in_year->support.is_null()) {
        facts["support"] = in_year->support_facts();
        const json& support = facts["support"];
        if (support.contains("mentor_school")) {
            const json& id = support["mentor_school"];
            if (id.is_null()) {
                facts["mentor"] = nullptr;
            } else {
                const ClassifiedSchool& other = schools[index_of.at(id.get<std::string>())];
                json mentor = {{"id", other.school->id}, {"kind", other.school->kind}};
                if (const auto cluster = cluster_in(other, year)) mentor["cluster"] = *cluster;
                if (const auto cluster = cluster_in(other, year - 1)) mentor["previous_cluster"] = *cluster;
                facts["mentor"] = std::move(mentor);
            }
        }
    }
    return facts;
}

Contributions compute_contributions(const std::vector<ClassifiedSchool>& schools,
                                    const std::vector<YearStatistics>& statistics, const Rules& rules) {
    Contributions contributions(schools.size());
    std::map<std::string, size_t> index_of;  // the mentors' ids, checked by the reader
    for (size_t s = 0; s < schools.size(); ++s) index_of.emplace(schools[s].school->id, s);
    for (size_t s = 0; s < schools.size(); ++s) {
        for (int year = 0; year < 2; ++year) {
            const json facts = indicator_facts(schools, index_of, s, year, statistics, rules);
            const Scope scope(facts);
            std::vector<Contribution>& list = contributions[s][year];
            list.reserve(rules.indicators.size());
            for (const IndicatorInfo& info : rules.indicators) {
                Contribution c;
                // Strict: a fact the formula needs and the data lacks makes the school's part unknown.
                try {
                    if (!info.schools || truthy(info.schools->evaluate(scope).get())) {
                        c.counted = true;
                        c.s = info.denominator ? amount(info.denominator->evaluate(scope), "the denominator") : 1;
                        if (!info.event || truthy(info.event->evaluate(scope).get()))
                            c.n = info.numerator ? amount(info.numerator->evaluate(scope), "the numerator") : c.s;
                    }
                } catch (const ExpressionError& error) {
                    c = Contribution{true, false, 0, 0, error.what()};
                }
                list.push_back(c);
            }
        }
    }
    return contributions;
}

IndicatorReport compute_indicators(const std::vector<size_t>& schools, const Contributions& contributions,
                                   const Rules& rules) {
    IndicatorReport report;
    for (size_t i = 0; i < rules.indicators.size(); ++i) {
        const IndicatorInfo& info = rules.indicators[i];
        IndicatorValue value{&info, {}, {}, std::nullopt, std::nullopt};
        for (int year = 0; year < 2; ++year) {
            Share share;
            int unknown = 0;
            for (size_t s : schools) {
                const Contribution& c = contributions[s][year][i];
                if (c.unknown) ++unknown;
                share.n += c.n;
                share.s += c.s;
            }
            if (unknown > 0)
                share = not_computable("нет данных " + info.missing + " для " + russian::number(unknown) + " " +
                                       russian::agree(unknown, "школы", "школ", "школ"));
            else if (share.s == 0)
                share = not_computable("нет " + info.none + " (S = 0)");
            (year == 0 ? value.this_year : value.last_year) = share;
        }
        if (value.this_year.computable() && value.last_year.computable()) {
            // From the shares as printed: 40,5 and 35,3 give −5,2, whatever the digits behind.
            const double dynamics = rules.round_share(rules.round_share(value.this_year.value()) -
                                                      rules.round_share(value.last_year.value()));
            value.dynamics = dynamics;
            if (dynamics == 0) value.score = rules.no_change_score;
            else value.score = (info.lower_is_better ? dynamics < 0 : dynamics > 0) ? 1 : 0;
        }
        report.indicators.push_back(value);
    }
    for (const TaskInfo& task : rules.tasks) {
        TaskValue value{&task, std::nullopt, 0, 0};
        int sum = 0;
        for (const IndicatorValue& indicator : report.indicators) {
            if (indicator.info->task != task.id) continue;
            ++value.indicators;
            if (indicator.score) {
                ++value.scored;
                sum += *indicator.score;
            }
        }
        // Пg = Σ Пp·Ap / n with n the indicators of the group: one not scored adds nothing but still counts.
        if (value.scored > 0) value.result = static_cast<double>(sum) / value.indicators;
        report.tasks.push_back(value);
    }
    return report;
}

}  // namespace docgen::domain
