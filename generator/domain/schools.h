// Cluster results as typed records: the region's municipalities and schools
// with their assessment results and support facts. Built from input that has
// passed the JSON Schema; the checks the schema cannot make (references
// between records, counts that must add up) are made here.
#pragma once

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
    int low = 0;            // got "2" or fell below the minimum score
    bool objective = true;

    double low_share() const { return participants > 0 ? 100.0 * low / participants : 0; }
    // "ВПР, математика, 5 класс"
    std::string title() const;
};

// A year's monitoring facts that the indicators count. Kept as the input's
// JSON: every fact is optional, and a missing one makes an indicator not
// computable rather than zero.
struct YearFacts {
    std::optional<std::string> cluster;
    std::vector<std::string> earlier_clusters;  // before that year, the most recent first
    std::optional<std::vector<Assessment>> assessments;
    const nlohmann::json* support = nullptr;
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
    int pupils = 0;
    double isbs = 0;
    std::optional<std::string> isbs_level_given;
    std::optional<std::string> cluster_given;
    YearFacts this_year;
    YearFacts last_year;
};

struct ClusterResults {
    std::string region;
    std::string region_genitive;
    int year = 0;
    nlohmann::json report;           // who issues the documents; passed to templates as it is
    nlohmann::json recommendations;  // texts by cluster code
    std::vector<Municipality> municipalities;
    std::vector<School> schools;
};

// Validates against the schema and the cross-record checks; InputError
// listing every problem ("schools[17] "МБОУ СОШ № 5": assessments[2].grade
// must be 4..11"), not only the first.
ClusterResults read_cluster_results(const nlohmann::json& input, const std::string& source);

}  // namespace docgen::domain
