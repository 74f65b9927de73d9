#include "common/schema_validator.h"

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "common/packed_json.h"

namespace docgen {

using nlohmann::json;

namespace {

// valijson's context is ["<root>", "[schools]", "[17]", "[grade]"].
std::vector<std::string> path_tokens(const std::vector<std::string>& context) {
    std::vector<std::string> tokens;
    for (const std::string& part : context)
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') tokens.push_back(part.substr(1, part.size() - 2));
    return tokens;
}

bool is_index(const std::string& token) {
    return !token.empty() && token.find_first_not_of("0123456789") == std::string::npos;
}

std::string path_text(const std::vector<std::string>& tokens) {
    std::string path;
    for (const std::string& token : tokens) path += is_index(token) ? "[" + token + "]" : (path.empty() ? "" : ".") + token;
    return path;
}

std::string number_text(double value) {
    std::string text = json(value).dump();
    if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.resize(text.size() - 2);
    return text;
}

std::string type_words(const json& type) {
    static const std::map<std::string, std::string> words = {
        {"integer", "a whole number"}, {"number", "a number"}, {"string", "text"}, {"boolean", "true or false"},
        {"object", "an object"},       {"array", "a list"},    {"null", "null"}};
    if (type.is_string()) return words.count(type.get<std::string>()) ? words.at(type.get<std::string>()) : type.get<std::string>();
    std::string out;
    for (const json& one : type) out += (out.empty() ? "" : " or ") + type_words(one);
    return out;
}

}  // namespace

struct SchemaValidator::Explanation {
    std::string key;   // a missing key, appended to the path
    std::string text;  // "must be 4..11"
    bool about_the_object = false;  // "unknown key 'x'": written after a colon
    bool unknown_key = false;       // valijson names only the first of an object's unknown keys
};

namespace {

// The value at a path of the input; null when there is none.
const json* value_at(const json& input, const std::vector<std::string>& tokens) {
    const json* value = &input;
    for (const std::string& token : tokens) {
        if (value->is_array() && is_index(token) && std::stoul(token) < value->size()) value = &(*value)[std::stoul(token)];
        else if (value->is_object() && value->contains(token)) value = &value->at(token);
        else return nullptr;
    }
    return value;
}

// Every key of an object that its schema does not allow, in the object's order.
std::vector<std::string> unknown_keys(const json* object, const json* schema) {
    std::vector<std::string> keys;
    if (!object || !object->is_object() || !schema || !schema->is_object()) return keys;
    const json* properties = schema->contains("properties") ? &schema->at("properties") : nullptr;
    for (const auto& [key, value] : object->items())
        if (!properties || !properties->contains(key)) keys.push_back(key);
    return keys;
}

}  // namespace


SchemaValidator::SchemaValidator(const char* schema_text)
    : schema_(std::make_unique<json>(json::parse(schema_text))), compiled_(std::make_unique<valijson::Schema>()) {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(*schema_);
    parser.populateSchema(adapter, *compiled_);
}

SchemaValidator::~SchemaValidator() = default;

const json* SchemaValidator::resolve(const json* schema) const {
    while (schema && schema->is_object() && schema->contains("$ref")) {
        const std::string reference = schema->at("$ref").get<std::string>();  // "#/definitions/school"
        schema = &schema_->at(json::json_pointer(reference.substr(1)));
    }
    return schema;
}

// The part of the schema that describes the value at the path.
const json* SchemaValidator::subschema(const std::vector<std::string>& tokens) const {
    const json* schema = resolve(schema_.get());
    for (const std::string& token : tokens) {
        if (!schema || !schema->is_object()) return nullptr;
        if (is_index(token) && schema->contains("items")) {
            schema = resolve(&schema->at("items"));
        } else if (schema->contains("properties") && schema->at("properties").contains(token)) {
            schema = resolve(&schema->at("properties").at(token));
        } else if (schema->contains("additionalProperties") && schema->at("additionalProperties").is_object()) {
            schema = resolve(&schema->at("additionalProperties"));
        } else {
            return nullptr;
        }
    }
    return schema;
}

const json* SchemaValidator::schema_at(const std::string& path) const {
    std::vector<std::string> tokens;
    std::string token;
    for (const char c : path) {
        if (c == '.' || c == '[' || c == ']') {
            if (!token.empty()) tokens.push_back(token);
            if (c == ']' && token.empty()) tokens.push_back("0");
            token.clear();
        } else {
            token += c;
        }
    }
    if (!token.empty()) tokens.push_back(token);
    return subschema(tokens);
}

SchemaValidator::Explanation SchemaValidator::explain(const std::string& description, const json* schema) const {
    static const std::regex missing(R"(Missing required property '(.*)'\.?)");
    static const std::regex unknown(R"(.*constraints: '(.*)'\.?)");
    std::smatch match;
    if (std::regex_match(description, match, missing)) return {match[1].str(), "is missing"};
    if (std::regex_match(description, match, unknown)) return {"", "unknown key '" + match[1].str() + "'", true, true};
    if (schema) {
        if (description.find("less than") != std::string::npos || description.find("greater than") != std::string::npos) {
            const bool low = schema->contains("minimum"), high = schema->contains("maximum");
            if (low && high)
                return {"", "must be " + number_text(schema->at("minimum").get<double>()) + ".." +
                                number_text(schema->at("maximum").get<double>())};
            if (low) return {"", "must be at least " + number_text(schema->at("minimum").get<double>())};
            if (high) return {"", "must be at most " + number_text(schema->at("maximum").get<double>())};
        }
        if (description.find("'type' constraint") != std::string::npos && schema->contains("type"))
            return {"", "must be " + type_words(schema->at("type"))};
        if (description.find("enum") != std::string::npos && schema->contains("enum")) {
            std::string values;
            for (const json& value : schema->at("enum")) values += (values.empty() ? "" : ", ") + value.get<std::string>();
            return {"", "must be one of: " + values};
        }
        if (description.find("characters") != std::string::npos || description.find("elements") != std::string::npos)
            return {"", "must not be empty"};
        if (description.find("regex") != std::string::npos && schema->contains("pattern"))
            return {"", "must match " + schema->at("pattern").get<std::string>()};
    }
    return {"", description, true};
}

std::vector<Problem> SchemaValidator::problems(const json& input, const RecordNamer& name_record) const {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(input);
    validator.validate(*compiled_, adapter, &results);
    std::vector<Problem> problems;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        // valijson also reports every enclosing object and list as failing: keep the causes.
        if (error.description.rfind("Failed to validate", 0) == 0) continue;
        auto tokens = path_tokens(error.context);
        const json* schema = subschema(tokens);
        const Explanation explanation = explain(error.description, schema);
        if (!explanation.key.empty()) tokens.push_back(explanation.key);
        const std::string path = path_text(tokens);
        std::string record = name_record(path);
        if (record.empty() && path.empty()) record = "the data";
        const std::vector<std::string> keys =
            explanation.unknown_key ? unknown_keys(value_at(input, tokens), schema) : std::vector<std::string>{};
        if (keys.size() > 1) {
            for (const std::string& key : keys) problems.push_back(value_problem(path, record, "unknown key '" + key + "'", false));
            continue;
        }
        problems.push_back(value_problem(path, record, explanation.text, !explanation.about_the_object));
    }
    return problems;
}

std::string named_record(const json& input, const std::vector<std::string>& lists, const std::string& path) {
    for (const std::string& list : lists) {
        if (path.size() <= list.size() + 2 || path.compare(0, list.size(), list) != 0 || path[list.size()] != '[')
            continue;
        const size_t close = path.find(']', list.size());
        const std::string digits = path.substr(list.size() + 1, close == std::string::npos ? 0 : close - list.size() - 1);
        if (!is_index(digits) || digits.size() > 9) continue;
        const size_t index = std::stoul(digits);
        std::string name;
        if (input.contains(list) && input.at(list).is_array() && index < input.at(list).size()) {
            const json item = packed::unpack(input.at(list).at(index));  // a copy: rare, for a message
            if (item.is_object() && item.contains("name") && item.at("name").is_string())
                name = item.at("name").get<std::string>();
        }
        return list + "[" + digits + "]" + (name.empty() ? "" : " \"" + name + "\"");
    }
    return "";
}

Problem value_problem(const std::string& path, const std::string& record, std::string message, bool predicate) {
    Problem problem{Location{}, std::move(message), predicate};
    problem.where.json_path = path;
    problem.where.record = record;
    return problem;
}

}  // namespace docgen
