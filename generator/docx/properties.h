// Paragraph and run formatting as WordprocessingML properties, written
// either in full (a style's definition) or as the differences from a base
// (a paragraph against its named style), in the order the schema wants.
#pragma once

#include <pugixml.hpp>

#include "model/document.h"

namespace docgen {

// Appends <w:pPr> children (after any w:pStyle already there).
void write_paragraph_properties(pugi::xml_node properties, const ParagraphProps& props,
                                const ParagraphProps* base);
// Appends <w:rPr> children.
void write_run_properties(pugi::xml_node properties, const RunProps& props, const RunProps* base);

}  // namespace docgen
