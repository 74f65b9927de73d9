// Cluster results as typed records: the region's municipalities and schools
// with their assessment results and support facts, this year and in the years
// before. Built from input that has passed the JSON Schema; the checks the
// schema cannot make (references between records, counts that must add up)
// are made here.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace docgen::domain {

struct Assessment {
    std::string procedure;  // ВПР, ОГЭ, ЕГЭ
    std::string subject;
    int grade = 0;
    int participants = 0;
    int low = 0;                 // got "2" or fell below the minimum score
    std::optional<int> high;     // reached the advanced level, when the source gives it
    bool objective = true;

    double low_share() const { return participants > 0 ? 100.0 * low / participants : 0; }
    // "ВПР, математика, 5 класс"
    std::string title() const;
    bool same_result(const Assessment& other) const {
        return procedure == other.procedure && subject == other.subject && grade == other.grade;
    }
};

// A year's monitoring facts of a school. Every fact but the year is
// optional: a missing one makes what needs it unknown rather than zero.
struct YearFacts {
    int year = 0;
    std::optional<std::string> cluster;  // given; this year's is derived instead
    std::optional<double> isbs;
    std::optional<int> pupils;
    std::optional<std::vector<Assessment>> assessments;
    // The support facts as given, packed (common/packed_json.h): the input
    // can go once it is read, and a country's facts take little room. Null
    // when the year has none.
    nlohmann::json support;
    // support.mentor_school, when it names a school.
    std::optional<std::string> mentor_school;

    // The support facts unpacked; null when the year has none.
    nlohmann::json support_facts() const;
};

struct Municipality {
    std::string id;
    std::string name;
    std::string genitive;
    std::string kind;
};

struct School {
    size_t index = 0;  // in the input's "schools"
    std::string id;
    std::string name;
    std::string short_name;
    size_t municipality = 0;  // index into ClusterResults::municipalities
    bool rural = false;
    std::string kind;
    std::optional<std::string> federal_status;  // «базово неуспевающие», …
    std::optional<std::string> isbs_level_given;
    std::optional<std::string> cluster_given;
    YearFacts this_year;               // its isbs, pupils and assessments are always given
    std::vector<YearFacts> history;    // the years before, the most recent first

    // The facts of a year: this year's, an earlier year's, or null.
    const YearFacts* in_year(int year) const;
};

struct ClusterResults {
    std::string region;
    std::string region_genitive;
    int year = 0;
    nlohmann::json report;           // who issues the documents; passed to templates as it is
    nlohmann::json recommendations;  // {"school": [...], "municipality": [...], "region": [...]}
    std::vector<Municipality> municipalities;
    std::vector<School> schools;
};

// Validates against the schema and the cross-record checks; InputError
// listing every problem ("schools[17] "МБОУ СОШ № 5": assessments[2].grade
// must be 4..11"), not only the first.
ClusterResults read_cluster_results(const nlohmann::json& input, const std::string& source, unsigned threads = 1);

}  // namespace docgen::domain
