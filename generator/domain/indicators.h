// The Concept's indicators for a set of schools (the region, a municipality):
// each a share P = N / S × 100 % this year and last year, its dynamics, and a
// score of 1 for positive dynamics (a "снижение" indicator is positive when
// it falls, a "рост" one when it rises), else 0; and each task's group
// result Пg = Σ score / n over the indicators that could be scored.
#pragma once

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
    std::optional<double> result;  // Пg
    int indicators = 0;            // in the task
    int scored = 0;                // n: those with a score
};

struct IndicatorReport {
    std::vector<IndicatorValue> indicators;
    std::vector<TaskValue> tasks;
};

IndicatorReport compute_indicators(const std::vector<const ClassifiedSchool*>& schools, const Rules& rules);

// Whether a school's Russian and mathematics results improved on last
// year's: the mean share of low results over the results both years share
// fell. Unknown (nullopt) when the two years have no such result in common.
std::optional<bool> subject_results_improved(const School& school, const Rules& rules);

}  // namespace docgen::domain
