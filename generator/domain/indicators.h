// The Concept's indicators for a set of schools (the region, a municipality):
// each a share P = N / S × 100 % this year and last year, computed by the
// indicator's formula in the rules over each school's facts of that year; its
// dynamics, and a score of 1 for positive dynamics (a "снижение" indicator is
// positive when it falls, a "рост" one when it rises), 0 for negative and the
// rules' score for no change; and each task's group result Пg = Σ score / n,
// n the number of indicators of the task.
#pragma once

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/classification.h"
#include "domain/rules.h"
#include "domain/schools.h"

namespace docgen::domain {

struct ClassifiedSchool {
    const School* school;
    Classification classification;
};

// One year's value: N and S, or why it cannot be computed.
struct Share {
    double n = 0;
    double s = 0;
    std::string not_computable;  // empty when computable

    bool computable() const { return not_computable.empty(); }
    double value() const { return 100.0 * n / s; }
};

struct IndicatorValue {
    const IndicatorInfo* info;
    Share this_year;
    Share last_year;
    std::optional<double> dynamics;  // percentage points, this year minus last year
    std::optional<int> score;
};

struct TaskValue {
    const TaskInfo* info;
    std::optional<double> result;  // Пg = Σ scores / n; none when no indicator is scored
    int indicators = 0;            // n: in the task
    int scored = 0;                // of them, those with a score
};

struct IndicatorReport {
    std::vector<IndicatorValue> indicators;
    std::vector<TaskValue> tasks;
};

// What one school adds to an indicator in one year.
struct Contribution {
    bool unknown = false;  // the data does not tell
    bool counted = false;  // among the schools of S
    double n = 0;
    double s = 0;
    std::string why;       // when unknown: what the formula could not read
};

// Each school's contributions: [school][year: 0 this, 1 last][indicator].
using Contributions = std::vector<std::array<std::vector<Contribution>, 2>>;

// Subject dynamics of a school from one year to the next: per subject group
// of the rules (русский язык, математика), the shares of participants who
// reached the basic level and, where the data gives it, the advanced level,
// summed over the results both years share. Null when no result is shared.
nlohmann::json results_dynamics(const YearFacts& now, const YearFacts& before, const Rules& rules);

// The facts of a school in a year that the indicators' formulas read
// (docs/data-cluster-results.md, «The indicators»); `year` 0 this year, 1 last;
// `index_of` gives a school's index by its id.
nlohmann::json indicator_facts(const std::vector<ClassifiedSchool>& schools,
                               const std::map<std::string, size_t>& index_of, size_t school, int year,
                               const std::vector<YearStatistics>& statistics, const Rules& rules);

Contributions compute_contributions(const std::vector<ClassifiedSchool>& schools,
                                    const std::vector<YearStatistics>& statistics, const Rules& rules);

IndicatorReport compute_indicators(const std::vector<size_t>& schools, const Contributions& contributions,
                                   const Rules& rules);

}  // namespace docgen::domain
