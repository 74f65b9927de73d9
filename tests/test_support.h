// Shared by the tests: resources loaded once, documents made from template text.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "model/document.h"
#include "render/resources.h"

namespace docgen {

const Resources& test_resources();

// Renders a template given as text ("<document>…" or the inside of a section).
Document render_template_text(const std::string& xml, const nlohmann::json& data = nlohmann::json::object());

// Runs a shell command; its standard output, and its exit status in `status`.
std::string run_command(const std::string& command, int* status = nullptr);

}  // namespace docgen

namespace docgen {

// The content of an entry of a zip archive held in memory; empty when absent.
std::string zip_entry(const std::string& archive, const std::string& name);

// The example order 859-ОД bound to its template.
const Document& example_order();

}  // namespace docgen
