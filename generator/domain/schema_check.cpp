#include "domain/schema_check.h"

#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/schema_validator.h"

namespace docgen::domain {

std::string record_of(const nlohmann::json& input, const std::string& path) {
    return named_record(input, {"schools", "municipalities"}, path);
}

const SchemaValidator& cluster_results_schema() {
    static const SchemaValidator validator(embedded_input_schema());
    return validator;
}

std::vector<Problem> schema_problems(const nlohmann::json& input) {
    return cluster_results_schema().problems(input, [&](const std::string& path) { return record_of(input, path); });
}

void check_cluster_results_schema(const nlohmann::json& input, const std::string& source) {
    std::vector<Problem> problems = schema_problems(input);
    if (!problems.empty())
        throw InputError(source, "the data does not follow schemas/cluster-results.schema.json", std::move(problems));
}

}  // namespace docgen::domain
