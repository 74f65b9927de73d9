// The parts of a DOCX package, each as XML text.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace docgen {

// A header part and the relationship that names it from the document.
struct HeaderPart {
    std::string file;  // "header1.xml"
    std::string relationship_id;
    std::string xml;
};

struct DocumentPart {
    std::string xml;
    std::vector<HeaderPart> headers;
};

// Style ids are the style names with anything but ASCII letters and digits removed.
std::string style_id(const std::string& name);

DocumentPart document_part(const Document& document);
std::string styles_part(const Document& document);
std::string settings_part();
std::string font_table_part(const Document& document);
std::string content_types_part(const std::vector<HeaderPart>& headers);
std::string package_relationships_part();
std::string document_relationships_part(const std::vector<HeaderPart>& headers);
std::string core_properties_part(const Metadata& metadata);
std::string app_properties_part(const Metadata& metadata);

}  // namespace docgen
