#include "domain/schema_check.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "common/embedded.h"
#include "common/packed_json.h"
#include "common/parallel.h"
#include "common/schema_validator.h"

namespace docgen::domain {

std::string record_of(const nlohmann::json& input, const std::string& path) {
    return named_record(input, {"schools", "municipalities"}, path);
}

const SchemaValidator& cluster_results_schema() {
    static const SchemaValidator validator(embedded_input_schema());
    return validator;
}

namespace {

bool any_packed(const nlohmann::json& list) {
    return std::any_of(list.begin(), list.end(), [](const nlohmann::json& item) { return item.is_binary(); });
}

// Checks schools [begin, end) each in a frame of its own, adding their problems to `problems`.
void check_schools(const nlohmann::json& schools, size_t begin, size_t end, const std::string& first,
                   const SchemaValidator::RecordNamer& namer, std::vector<Problem>& problems) {
    const SchemaValidator& schema = cluster_results_schema();
    nlohmann::json frame = nlohmann::json::object();
    for (size_t s = begin; s < end; ++s) {
        frame["schools"] = nlohmann::json::array();
        frame["schools"].push_back(packed::unpack(schools[s]));
        const std::string place = "schools[" + std::to_string(s) + "]";
        const auto moved = [&](const std::string& path) { return place + path.substr(first.size()); };
        for (Problem& problem : schema.problems(frame, [&](const std::string& path) {
                 return path.rfind(first, 0) == 0 ? namer(moved(path)) : std::string();
             })) {
            const std::string& path = problem.where.json_path;
            const bool in_school = path.rfind(first, 0) == 0 &&
                                   (path.size() == first.size() || path[first.size()] == '.' || path[first.size()] == '[');
            if (!in_school) continue;  // the frame's own: the data has them right
            problem.where.json_path = moved(path);
            problems.push_back(std::move(problem));
        }
    }
}

}  // namespace

std::vector<Problem> schema_problems(const nlohmann::json& input, unsigned threads) {
    const SchemaValidator& schema = cluster_results_schema();
    const auto namer = [&](const std::string& path) { return record_of(input, path); };
    const auto found = input.is_object() ? input.find("schools") : input.end();
    if (found == input.end() || !found->is_array() || !any_packed(*found)) return schema.problems(input, namer);
    // Packed schools (common/packed_json.h) are checked one at a time: the
    // rest of the data with the first, then each alone as the first school of
    // a frame, its problems moved to its own place; on `threads` threads, each
    // taking a part of the schools, their problems put together in order.
    const nlohmann::json& schools = *found;
    nlohmann::json frame = nlohmann::json::object();
    for (const auto& [key, value] : input.items())
        if (key != "schools") frame[key] = value;
    frame["schools"] = nlohmann::json::array();
    frame["schools"].push_back(packed::unpack(schools[0]));
    std::vector<Problem> problems = schema.problems(frame, namer);
    const std::string first = "schools[0]";
    std::vector<std::vector<Problem>> found_in(parts(schools.size() - 1, threads));
    for_parts(schools.size() - 1, threads, [&](size_t part, size_t begin, size_t end) {
        check_schools(schools, begin + 1, end + 1, first, namer, found_in[part]);
    });
    for (std::vector<Problem>& part : found_in)
        problems.insert(problems.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    return problems;
}

void check_cluster_results_schema(const nlohmann::json& input, const std::string& source, unsigned threads) {
    std::vector<Problem> problems = schema_problems(input, threads);
    if (!problems.empty())
        throw InputError(source, "the data does not follow schemas/cluster-results.schema.json", std::move(problems));
}

}  // namespace docgen::domain
