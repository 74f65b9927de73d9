#include "domain/schema_check.h"

#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/schema_validator.h"

namespace docgen::domain {

std::string record_prefix(const nlohmann::json& input, const std::string& path, std::string& rest) {
    return named_record(input, {"schools", "municipalities"}, path, rest);
}

std::vector<std::string> schema_problems(const nlohmann::json& input) {
    static const SchemaValidator validator(embedded_input_schema());
    return validator.problems(input, [&](const std::string& path, std::string& rest) {
        return record_prefix(input, path, rest);
    });
}

}  // namespace docgen::domain
