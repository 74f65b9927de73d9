// Templates: XML files that say how data becomes a document. Loaded and
// checked once, then rendered for any number of data sets. The language is
// described in docs/templates.md.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <utility>
#include <vector>

#include "model/document.h"

namespace docgen {

struct CompiledTemplate;

class Template {
public:
    // InputError "file:line:column: ..." for bad XML, unknown elements or
    // attributes, and expression syntax errors.
    static Template load(const std::string& path);
    static Template parse(const std::string& xml, const std::string& source_name);

    // Variables bound before the template's own, as NAME and an expression
    // over the data: {"school", "schools | find('id', '67101')"}.
    using Bindings = std::vector<std::pair<std::string, std::string>>;

    // Binds the data; InputError "template:line: ..." naming the JSON path for
    // missing or unsuitable data.
    Document render(const nlohmann::json& data, const Bindings& bindings = {}) const;

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
