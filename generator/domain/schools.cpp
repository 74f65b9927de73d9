#include "domain/schools.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/error.h"
#include "common/packed_json.h"
#include "common/schema_validator.h"
#include "domain/schema_check.h"

namespace docgen::domain {

using nlohmann::json;

std::string Assessment::title() const {
    return procedure + ", " + subject + ", " + std::to_string(grade) + " класс";
}

json YearFacts::support_facts() const { return packed::unpack(support); }

const YearFacts* School::in_year(int year) const {
    if (year == this_year.year) return &this_year;
    for (const YearFacts& facts : history)
        if (facts.year == year) return &facts;
    return nullptr;
}

namespace {

class Reader {
public:
    explicit Reader(const json& input) : input_(input) {}

    void problem(const std::string& path, const std::string& text) {
        problems_.push_back(value_problem(path, record_of(input_, path), text));
    }
    const std::vector<Problem>& problems() const { return problems_; }

    std::vector<Assessment> assessments(const json& list, const std::string& path) {
        std::vector<Assessment> result;
        for (size_t i = 0; i < list.size(); ++i) {
            const json& item = list[i];
            Assessment a{item["procedure"], item["subject"], item["grade"], item["participants"], item["low"],
                         std::nullopt, item["objective"]};
            if (item.contains("high")) a.high = item["high"].get<int>();
            const std::string where = path + "[" + std::to_string(i) + "]";
            if (a.low > a.participants)
                problem(where + ".low", "(" + std::to_string(a.low) + ") exceeds the participants (" +
                                            std::to_string(a.participants) + ")");
            else if (a.high && *a.high > a.participants - a.low)
                problem(where + ".high", "(" + std::to_string(*a.high) + ") exceeds the participants less low (" +
                                             std::to_string(a.participants - a.low) + ")");
            check_grade(a, where);
            result.push_back(std::move(a));
        }
        return result;
    }

    // A school's support facts; the mentor schools they name are checked by
    // check_mentors, once every school has been read.
    void support(const json* facts, const std::string& path, const std::string& own_id) {
        if (!facts) return;
        if (facts->contains("mentor_school") && facts->at("mentor_school").is_string()) {
            const std::string mentor = facts->at("mentor_school");
            mentors_.push_back({path + ".mentor_school", mentor});
            if (mentor == own_id) problem(path + ".mentor_school", "is the school itself");
        }
        if (facts->contains("pupils")) {
            const json& pupils = facts->at("pupils");
            const auto number = [&](const char* key) { return pupils.value(key, 0); };
            if (number("individual_route") > number("low_achieving") + number("failing"))
                problem(path + ".pupils.individual_route", "exceeds low_achieving + failing");
            for (const char* key : {"failing_extra_classes", "failing_with_mentor"})
                if (number(key) > number("failing")) problem(path + ".pupils." + key, "exceeds failing");
        }
        if (facts->contains("practices") && facts->at("practices").value("in_bank", 0) >
                                                 facts->at("practices").value("presented", 0))
            problem(path + ".practices.in_bank", "exceeds presented");
        if (facts->contains("deficits")) {
            for (const auto& [kind, deficit] : facts->at("deficits").items())
                if (deficit.value("removed", false) && !deficit.value("found", false))
                    problem(path + ".deficits." + kind, "is removed but was not found");
        }
    }

    void check_mentors(const std::set<std::string>& school_ids) {
        for (const auto& [path, mentor] : mentors_)
            if (!school_ids.count(mentor)) problem(path, "\"" + mentor + "\" is not a school of the data");
    }

private:
    void check_grade(const Assessment& a, const std::string& where) {
        const bool fits = a.procedure == "ВПР"   ? a.grade >= 4 && a.grade <= 8
                          : a.procedure == "ОГЭ" ? a.grade == 9
                                                 : a.grade >= 10 && a.grade <= 11;
        if (fits) return;
        const std::string expected = a.procedure == "ВПР" ? "4..8" : a.procedure == "ОГЭ" ? "9" : "10..11";
        problem(where + ".grade", "must be " + expected + " for " + a.procedure);
    }

    const json& input_;
    std::vector<Problem> problems_;
    std::vector<std::pair<std::string, std::string>> mentors_;  // the path of each mentor_school and its id
};

// The support facts of a year, checked, into its record.
void read_support(const json& facts, YearFacts& year, Reader& reader, const std::string& path, const std::string& own_id) {
    if (!facts.contains("support")) return;
    const json& given = facts["support"];
    reader.support(&given, path + ".support", own_id);
    year.support = packed::pack(given);
    if (given.contains("mentor_school") && given["mentor_school"].is_string()) year.mentor_school = given["mentor_school"];
}

YearFacts read_year(const json& facts, Reader& reader, const std::string& path, const std::string& own_id) {
    YearFacts year;
    year.year = facts["year"];
    if (facts.contains("cluster")) year.cluster = facts["cluster"].get<std::string>();
    if (facts.contains("isbs")) year.isbs = facts["isbs"]["value"].get<double>();
    if (facts.contains("pupils")) year.pupils = facts["pupils"].get<int>();
    if (facts.contains("assessments")) year.assessments = reader.assessments(facts["assessments"], path + ".assessments");
    read_support(facts, year, reader, path, own_id);
    return year;
}

}  // namespace

ClusterResults read_cluster_results(const json& input, const std::string& source, unsigned threads) {
    check_cluster_results_schema(input, source, threads);

    Reader reader(input);
    ClusterResults results;
    results.region = input["region"]["name"];
    results.region_genitive = input["region"]["genitive"];
    results.year = input["year"];
    results.report = input.value("report", json::object());
    results.recommendations = input.value("recommendations", json::object());

    std::map<std::string, size_t> municipality_index;
    const json& municipalities = input["municipalities"];
    for (size_t m = 0; m < municipalities.size(); ++m) {
        const json& item = municipalities[m];
        Municipality municipality{item["id"], item["name"], item.value("genitive", item["name"].get<std::string>()),
                                  item["kind"]};
        if (!municipality_index.emplace(municipality.id, m).second)
            reader.problem("municipalities[" + std::to_string(m) + "].id", "\"" + municipality.id + "\" is used twice");
        results.municipalities.push_back(std::move(municipality));
    }

    std::set<std::string> school_ids;
    const json& schools = input["schools"];
    // Schools may be packed (common/packed_json.h): each is unpacked while it is read.
    for (size_t s = 0; s < schools.size(); ++s) {
        const packed::Session unpacked_here;
        const json& item = packed::unpacked(schools[s]);
        const std::string path = "schools[" + std::to_string(s) + "]";
        School school;
        school.index = s;
        school.id = item["id"];
        if (!school_ids.insert(school.id).second) reader.problem(path + ".id", "\"" + school.id + "\" is used twice");
        school.name = item["name"];
        school.short_name = item.value("short_name", school.name);
        const std::string municipality = item["municipality"];
        const auto found = municipality_index.find(municipality);
        if (found == municipality_index.end()) reader.problem(path + ".municipality", "\"" + municipality + "\" is not among the municipalities");
        else school.municipality = found->second;
        school.rural = item["locality"] == "сельская";
        school.kind = item["kind"];
        school.this_year.year = results.year;
        school.this_year.isbs = item["isbs"]["value"].get<double>();
        school.this_year.pupils = item["pupils"].get<int>();
        if (item["isbs"].contains("level")) school.isbs_level_given = item["isbs"]["level"].get<std::string>();
        if (item.contains("cluster")) school.cluster_given = item["cluster"].get<std::string>();
        if (item.contains("federal_status")) school.federal_status = item["federal_status"].get<std::string>();
        school.this_year.assessments = reader.assessments(item["assessments"], path + ".assessments");
        read_support(item, school.this_year, reader, path, school.id);
        if (item.contains("history")) {
            const json& history = item["history"];
            std::set<int> years;
            for (size_t h = 0; h < history.size(); ++h) {
                const std::string where = path + ".history[" + std::to_string(h) + "]";
                YearFacts year = read_year(history[h], reader, where, school.id);
                if (year.year >= results.year)
                    reader.problem(where + ".year", "(" + std::to_string(year.year) + ") must be before the data's year " +
                                                        std::to_string(results.year));
                else if (!years.insert(year.year).second)
                    reader.problem(where + ".year", "(" + std::to_string(year.year) + ") is given twice");
                school.history.push_back(std::move(year));
            }
            std::stable_sort(school.history.begin(), school.history.end(),
                             [](const YearFacts& a, const YearFacts& b) { return a.year > b.year; });
        }
        results.schools.push_back(std::move(school));
    }
    reader.check_mentors(school_ids);
    if (!reader.problems().empty()) throw InputError(source, "the data has problems", reader.problems());
    return results;
}

}  // namespace docgen::domain
