#include "domain/indicators.h"

#include <cmath>
#include <functional>
#include <map>

namespace docgen::domain {

using nlohmann::json;

namespace {

enum class Year { This, Last };

// A fact about a school in a year: yes, no, or unknown (the data does not say).
using Fact = std::function<std::optional<bool>(const ClassifiedSchool&, Year)>;
// An amount (pupils, practices) of a school in a year, or unknown.
using Amount = std::function<std::optional<double>(const ClassifiedSchool&, Year)>;
using Method = std::function<Share(const std::vector<const ClassifiedSchool*>&, Year)>;

std::string schools_word(int count) {
    const int last_two = count % 100, last = count % 10;
    if (last_two >= 11 && last_two <= 14) return "школ";
    return last == 1 ? "школы" : "школ";  // "о кластере 1 школы", "… 12 школ"
}

Share not_computable(std::string reason) {
    Share share;
    share.not_computable = std::move(reason);
    return share;
}

std::optional<std::string> cluster_in(const ClassifiedSchool& school, Year year) {
    if (year == Year::This) return school.classification.cluster;
    return school.school->last_year.cluster;
}

const json* support_in(const ClassifiedSchool& school, Year year) {
    return year == Year::This ? school.school->this_year.support : school.school->last_year.support;
}


Fact every_school() {
    return [](const ClassifiedSchool&, Year) { return std::optional<bool>(true); };
}

Fact in_cluster(const std::string& code) {
    return [code](const ClassifiedSchool& school, Year year) -> std::optional<bool> {
        const auto cluster = cluster_in(school, year);
        if (!cluster) return std::nullopt;
        return *cluster == code;
    };
}

Fact support_flag(std::initializer_list<const char*> keys) {
    std::vector<const char*> path(keys);
    return [path](const ClassifiedSchool& school, Year year) -> std::optional<bool> {
        const json* value = support_in(school, year);
        for (const char* key : path) {
            if (!value || !value->is_object() || !value->contains(key)) return std::nullopt;
            value = &value->at(key);
        }
        if (value->is_boolean()) return value->get<bool>();
        if (value->is_null()) return false;     // mentor_school: null, none assigned
        if (value->is_string()) return true;    // mentor_school: the mentor's id
        if (value->is_number()) return value->get<double>() > 0;
        return std::nullopt;
    };
}

Amount support_amount(std::initializer_list<const char*> keys) {
    std::vector<const char*> path(keys);
    return [path](const ClassifiedSchool& school, Year year) -> std::optional<double> {
        const json* value = support_in(school, year);
        for (const char* key : path) {
            if (!value || !value->is_object() || !value->contains(key)) return std::nullopt;
            value = &value->at(key);
        }
        if (!value->is_number()) return std::nullopt;
        return value->get<double>();
    };
}

Amount sum_of(Amount a, Amount b) {
    return [a, b](const ClassifiedSchool& school, Year year) -> std::optional<double> {
        const auto x = a(school, year), y = b(school, year);
        if (!x || !y) return std::nullopt;
        return *x + *y;
    };
}

// «о» or «об» before words in the prepositional case: «об» before a vowel
// sound (а, и, о, у, э, ы), as Russian has it: «о кластере», «об устранении».
std::string about(const std::string& words) {
    for (const char* vowel : {"а", "и", "о", "у", "э", "ы", "А", "И", "О", "У", "Э", "Ы"})
        if (words.rfind(vowel, 0) == 0) return "об " + words;
    return "о " + words;
}

std::string missing_data(const std::string& words, int schools) {
    return "нет данных " + about(words) + " для " + std::to_string(schools) + " " + schools_word(schools);
}

// How an indicator's population and event are named in "not computable"
// reasons; each in the case its reason needs.
struct Words {
    std::string population;       // genitive plural, "нет ШНРО (S = 0)": "ШНРО"
    std::string population_data;  // prepositional, "нет данных о кластере для 3 школ": "кластере"
    std::string event_data;       // prepositional, "нет данных о школе-наставнике для 1 школы"
};

// P = N / S: S schools where `population` holds, N of them where `event` holds.
Method share_of_schools(Fact population, Fact event, Words words) {
    return [=](const std::vector<const ClassifiedSchool*>& schools, Year year) {
        Share share;
        int unknown_population = 0, unknown_event = 0;
        for (const ClassifiedSchool* school : schools) {
            const auto in = population(*school, year);
            if (!in) {
                ++unknown_population;
                continue;
            }
            if (!*in) continue;
            share.s += 1;
            const auto happened = event(*school, year);
            if (!happened) ++unknown_event;
            else if (*happened) share.n += 1;
        }
        if (unknown_population > 0) return not_computable(missing_data(words.population_data, unknown_population));
        if (unknown_event > 0) return not_computable(missing_data(words.event_data, unknown_event));
        if (share.s == 0) return not_computable("нет " + words.population + " (S = 0)");
        return share;
    };
}

// How summed amounts are named in "not computable" reasons.
struct AmountWords {
    std::string data;  // prepositional, "нет данных о представленных практиках для 1 школы"
    std::string none;  // genitive, "нет представленных практик (S = 0)"
};

// P = N / S over amounts summed across the schools.
Method share_of_amounts(Amount numerator, Amount denominator, AmountWords words) {
    return [=](const std::vector<const ClassifiedSchool*>& schools, Year year) {
        Share share;
        int unknown = 0;
        for (const ClassifiedSchool* school : schools) {
            const auto n = numerator(*school, year), s = denominator(*school, year);
            if (!n || !s) {
                ++unknown;
                continue;
            }
            share.n += *n;
            share.s += *s;
        }
        if (unknown > 0) return not_computable(missing_data(words.data, unknown));
        if (share.s == 0) return not_computable("нет " + words.none + " (S = 0)");
        return share;
    };
}

Method only_this_year(Method method, std::string why_not_last_year) {
    return [=](const std::vector<const ClassifiedSchool*>& schools, Year year) {
        return year == Year::This ? method(schools, year) : not_computable(why_not_last_year);
    };
}

std::map<std::string, Method> methods(const Rules& rules) {
    const Fact shnro = in_cluster("ШНРО"), risk = in_cluster("ШсРНР");
    const Fact repeated = [](const ClassifiedSchool& school, Year year) -> std::optional<bool> {
        const School& s = *school.school;
        if (year == Year::This) {
            if (!s.last_year.cluster) return std::nullopt;
            return *s.last_year.cluster == "ШНРО";
        }
        if (s.last_year.earlier_clusters.empty()) return std::nullopt;
        return s.last_year.earlier_clusters.front() == "ШНРО";
    };
    // Schools of a cluster whose subject dynamics can be told (results of both years).
    const auto with_dynamics = [&rules](Fact cluster) -> Fact {
        return [cluster, &rules](const ClassifiedSchool& school, Year year) -> std::optional<bool> {
            const auto in = cluster(school, year);
            if (!in || !*in) return in;
            return subject_results_improved(*school.school, rules).has_value();
        };
    };
    const Fact improved = [&rules](const ClassifiedSchool& school, Year) {
        return subject_results_improved(*school.school, rules);
    };
    const Fact low_isbs = [](const ClassifiedSchool& school, Year) {
        return std::optional<bool>(school.classification.isbs_lower_quartile);
    };
    const Amount pupils = [](const ClassifiedSchool& school, Year) {
        return std::optional<double>(school.school->pupils);
    };
    const Amount pupils_in_low_isbs = [](const ClassifiedSchool& school, Year) {
        return std::optional<double>(school.classification.isbs_lower_quartile ? school.school->pupils : 0);
    };
    const std::string needs_older = "нужны результаты позапрошлого года";
    const auto deficit_found = [](const char* kind) { return support_flag({"deficits", kind, "found"}); };
    const auto deficit_removed = [](const char* kind) { return support_flag({"deficits", kind, "removed"}); };
    const auto failing = support_amount({"pupils", "failing"});
    return {
        {"1.1.1", share_of_schools(every_school(), shnro, Words{"школ", "кластере", "кластере"})},
        {"1.1.2", share_of_schools(every_school(), risk, Words{"школ", "кластере", "кластере"})},
        {"1.1.3", share_of_schools(every_school(), in_cluster("ШФНСУ"), Words{"школ", "кластере", "кластере"})},
        {"1.2.1", share_of_schools(every_school(), shnro, Words{"школ", "кластере", "кластере"})},
        {"1.2.2", share_of_schools(shnro, repeated, Words{"ШНРО", "кластере", "кластере прошлых лет"})},
        {"1.2.3", share_of_schools(shnro, support_flag({"improvement_programme"}), Words{"ШНРО", "кластере", "программе повышения образовательных результатов"})},
        {"1.2.4", share_of_schools(shnro, support_flag({"mentor_school"}), Words{"ШНРО", "кластере", "школе-наставнике"})},
        {"1.2.5", only_this_year(share_of_schools(with_dynamics(shnro), improved, Words{"ШНРО с результатами двух лет", "кластере", "динамике результатов"}), needs_older)},
        {"2.1.1", share_of_schools(every_school(), risk, Words{"школ", "кластере", "кластере"})},
        {"2.1.2", share_of_schools(risk, support_flag({"antirisk_programme"}), Words{"ШсРНР", "кластере", "антирисковой программе"})},
        {"2.2.1", only_this_year(share_of_amounts(pupils_in_low_isbs, pupils, {"обучающихся", "обучающихся"}), "в данных нет ИСБШ прошлого года")},
        {"2.2.2", share_of_schools(every_school(), deficit_found("material"), Words{"школ", "кластере", "материально-технических дефицитах"})},
        {"2.2.3", share_of_schools(every_school(), deficit_found("staff"), Words{"школ", "кластере", "кадровых дефицитах"})},
        {"2.2.4", share_of_schools(every_school(), deficit_found("ict"), Words{"школ", "кластере", "информационно-коммуникационных дефицитах"})},
        {"2.2.5", share_of_schools(deficit_found("material"), deficit_removed("material"), Words{"школ с материально-техническими дефицитами", "материально-технических дефицитах", "устранении дефицитов"})},
        {"2.2.6", share_of_schools(deficit_found("staff"), deficit_removed("staff"), Words{"школ с кадровыми дефицитами", "кадровых дефицитах", "устранении дефицитов"})},
        {"2.2.7", share_of_schools(deficit_found("ict"), deficit_removed("ict"), Words{"школ с информационно-коммуникационными дефицитами", "информационно-коммуникационных дефицитах", "устранении дефицитов"})},
        {"2.2.8", only_this_year(share_of_schools(with_dynamics(risk), improved, Words{"ШсРНР с результатами двух лет", "кластере", "динамике результатов"}), needs_older)},
        {"3.1.1", share_of_schools(every_school(), support_flag({"prevention_system"}), Words{"школ", "кластере", "системе профилактики учебной неуспешности"})},
        {"3.1.2", share_of_amounts(support_amount({"pupils", "individual_route"}),
                                   sum_of(support_amount({"pupils", "low_achieving"}), failing),
                                   {"слабоуспевающих и неуспевающих", "слабоуспевающих и неуспевающих"})},
        {"3.1.3", share_of_amounts(support_amount({"pupils", "failing_extra_classes"}), failing, {"неуспевающих", "неуспевающих"})},
        {"3.1.4", share_of_amounts(support_amount({"pupils", "failing_with_mentor"}), failing, {"неуспевающих", "неуспевающих"})},
        {"3.2.1", share_of_schools(every_school(), support_flag({"practices", "presented"}), Words{"школ", "кластере", "представленных практиках"})},
        {"3.2.2", share_of_amounts(support_amount({"practices", "in_bank"}), support_amount({"practices", "presented"}),
                                   {"представленных практиках", "представленных практик"})},
    };
}

bool counts_for_dynamics(const Assessment& assessment, const Rules& rules) {
    if (std::find(rules.dynamics_subjects.begin(), rules.dynamics_subjects.end(), assessment.subject) ==
        rules.dynamics_subjects.end())
        return false;
    for (const auto& [procedure, grades] : rules.dynamics_procedures)
        if (procedure == assessment.procedure)
            return std::find(grades.begin(), grades.end(), assessment.grade) != grades.end();
    return false;
}

}  // namespace

std::optional<bool> subject_results_improved(const School& school, const Rules& rules) {
    if (!school.last_year.assessments || !school.this_year.assessments) return std::nullopt;
    double now = 0, before = 0;
    int pairs = 0;
    for (const Assessment& current : *school.this_year.assessments) {
        if (!counts_for_dynamics(current, rules)) continue;
        for (const Assessment& previous : *school.last_year.assessments) {
            if (previous.procedure == current.procedure && previous.subject == current.subject &&
                previous.grade == current.grade) {
                now += current.low_share();
                before += previous.low_share();
                ++pairs;
                break;
            }
        }
    }
    if (pairs == 0) return std::nullopt;
    return now < before;
}

IndicatorReport compute_indicators(const std::vector<const ClassifiedSchool*>& schools, const Rules& rules) {
    IndicatorReport report;
    const auto all_methods = methods(rules);
    for (const IndicatorInfo& info : rules.indicators) {
        IndicatorValue value{&info, {}, {}, std::nullopt, std::nullopt};
        const auto method = all_methods.find(info.id);
        if (method == all_methods.end()) {
            value.this_year = value.last_year = not_computable("нет методики расчета для этого показателя");
        } else {
            value.this_year = method->second(schools, Year::This);
            value.last_year = method->second(schools, Year::Last);
        }
        if (value.this_year.computable() && value.last_year.computable()) {
            // From the shares as printed: 40,5 and 35,3 give −5,2, whatever the digits behind.
            const double dynamics = rules.round_share(rules.round_share(value.this_year.value()) -
                                                      rules.round_share(value.last_year.value()));
            value.dynamics = dynamics;
            const bool positive = info.lower_is_better ? dynamics < 0 : dynamics > 0;
            value.score = positive ? 1 : 0;
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
        if (value.scored > 0) value.result = static_cast<double>(sum) / value.scored;
        report.tasks.push_back(value);
    }
    return report;
}

}  // namespace docgen::domain
