// Expressions inside templates: paths into the data (order.date,
// appendices[0].title, row[column.key]), literals, arithmetic, comparisons,
// and, or, not, and filters (value | plural('школа', 'школы', 'школ')).
// Parsed once when the template loads, evaluated for every document.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace docgen {

// A value during evaluation: a reference into the data where it comes from
// there (with its JSON path, for error messages), or a computed value.
struct Value {
    const nlohmann::json* ref = nullptr;
    nlohmann::json owned;
    std::string path;

    const nlohmann::json& get() const { return ref ? *ref : owned; }
    static Value computed(nlohmann::json value) { return Value{nullptr, std::move(value), {}}; }
    static Value of_data(const nlohmann::json& value, std::string path) { return Value{&value, {}, std::move(path)}; }
};

// Variables visible to an expression: loop variables, fragment parameters,
// then the top-level keys of the data.
class Scope {
public:
    explicit Scope(const nlohmann::json& root) : root_(root) {}
    void push(std::string name, Value value) { variables_.emplace_back(std::move(name), std::move(value)); }
    void pop() { variables_.pop_back(); }
    const Value* find(std::string_view name) const;
    const nlohmann::json& root() const { return root_; }

private:
    const nlohmann::json& root_;
    std::vector<std::pair<std::string, Value>> variables_;
};

// Parse errors carry the column within the expression; evaluation errors
// name the JSON path; the template adds file and line.
class ExpressionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Expression {
public:
    struct Node;

    static Expression parse(std::string_view text);
    Expression(Expression&&) noexcept;
    Expression& operator=(Expression&&) noexcept;
    ~Expression();

    // Strict: a missing key is an error. Lenient (for conditions): a missing
    // key is null, so that <if test="order.place"> asks whether it is there.
    Value evaluate(const Scope& scope, bool lenient = false) const;
    const std::string& source() const { return source_; }

private:
    Expression() = default;
    std::unique_ptr<Node> root_;
    std::string source_;
};

bool truthy(const nlohmann::json& value);

// How a value prints in text: strings as they are, integers plainly
// (years stay "2022"), fractions with a decimal comma.
std::string to_text(const nlohmann::json& value, const std::string& path);

}  // namespace docgen
