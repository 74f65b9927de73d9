// Templates: XML files that say how data becomes a document. Loaded and
// checked once, then rendered for any number of data sets. The language is
// described in docs/templates.md.
#pragma once

#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "model/document.h"

namespace docgen {

struct CompiledTemplate;

// A variable bound to a value (which must outlive the rendering); `path`
// names the value in messages ("schools[17]").
struct Variable {
    std::string name;
    const nlohmann::json* value;
    std::string path;
};

// The value of an expression over the data and variables, as --let and batch
// files use them; InputError naming the expression when it fails.
nlohmann::json evaluate_expression(const std::string& expression, const nlohmann::json& data,
                                   const std::vector<Variable>& variables = {});

// InputError when the text's {{ expressions }} are not well formed; nothing
// is evaluated (a batch file's output patterns are checked so when it loads).
void check_interpolation(const std::string& text);

// Text with {{ expressions }} evaluated, as batch files name their outputs;
// each expression's text passes through `each_value` when one is given.
std::string interpolate(const std::string& text, const nlohmann::json& data, const std::vector<Variable>& variables,
                        const std::function<std::string(std::string)>& each_value = {});

class Template {
public:
    // InputError "file:line:column: ..." for bad XML, unknown elements or
    // attributes, and expression syntax errors.
    static Template load(const std::string& path);
    static Template parse(const std::string& xml, const std::string& source_name);

    // Binds the data, with variables bound before the template's own (the
    // school of a school's reference); InputError "template:line: ..."
    // naming the JSON path for missing or unsuitable data.
    Document render(const nlohmann::json& data, const std::vector<Variable>& variables = {}) const;

    // The files the template was read from: itself and the libraries it includes.
    const std::vector<std::string>& source_files() const;

    // What the template expects as data: "" for data bound as it is,
    // "cluster-results" for cluster results analysed before binding.
    const std::string& input_format() const;

    const std::string& source_name() const;

    Template(Template&&) noexcept;
    Template& operator=(Template&&) noexcept;
    ~Template();

private:
    Template() = default;
    std::shared_ptr<const CompiledTemplate> compiled_;
};

}  // namespace docgen
