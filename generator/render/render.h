// The whole pipeline for one document: template + data → model → outputs.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"
#include "render/resources.h"
#include "template/template.h"

namespace docgen {

enum class OutputFormat { Pdf, Docx, Txt };

// The format an output path asks for by its extension; InputError otherwise.
OutputFormat format_of(const std::string& path);

// Renders the document into each output, each written whole or not at all.
void render_outputs(const Document& document, const std::vector<std::string>& outputs, const Resources& resources);

// The PDF bytes of a document.
std::string render_pdf(const Document& document, const Resources& resources);

}  // namespace docgen
