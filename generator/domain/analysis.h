// The domain's entry point: cluster results in, classification and
// indicators out, as the JSON that templates and `docgen indicators` read.
// It knows nothing of documents; templates know nothing of formulas.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "domain/classification.h"
#include "domain/indicators.h"
#include "domain/rules.h"
#include "domain/schools.h"

namespace docgen::domain {

struct Analysis {
    ClusterResults data;
    std::vector<YearStatistics> statistics;  // this year, last year
    std::vector<ClassifiedSchool> schools;   // parallel to data.schools
    Contributions contributions;             // parallel to data.schools
    IndicatorReport region;
    std::vector<IndicatorReport> municipalities;  // parallel to data.municipalities
    std::vector<std::vector<size_t>> schools_by_municipality;  // parallel to data.municipalities: indexes into schools
    // Where a given cluster or ИСБШ level disagrees with the rules, and
    // mentor schools of a lower level than the school they mentor.
    std::vector<std::string> notes;
};

// InputError listing every problem of the input. The result holds what it
// needs of `input`: the input may go once it is analysed. Its schools are
// checked against the schema on up to `threads` threads.
Analysis analyse(const nlohmann::json& input, const Rules& rules, const std::string& source, unsigned threads = 1);

// How a school's parts that mostly its own documents read are held (its
// assessments, support facts, history, recommendations, …): as JSON, or
// packed (common/packed_json.h). Templates and expressions read both alike.
enum class Packing { Plain, Packed };

// What templates bind to: region, municipalities and schools with their
// clusters, markers, indicators and the recommendations whose conditions hold.
nlohmann::json analysis_json(const Analysis& analysis, const Rules& rules);
// The same, releasing the analysis as soon as the data is built from it,
// before the recommendations are chosen: the two are not held together.
// Packed by default: this is the data documents are made from. The schools'
// recommendations are chosen on up to `threads` threads.
nlohmann::json analysis_json(Analysis&& analysis, const Rules& rules, Packing packing = Packing::Packed,
                             unsigned threads = 1);

// What `docgen indicators` prints: the indicators and task results of the
// region and of each municipality, and the notes.
nlohmann::json indicators_json(const Analysis& analysis, const Rules& rules);

}  // namespace docgen::domain
