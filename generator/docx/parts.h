// The parts of a DOCX package, each as XML text.
#pragma once

#include <string>
#include <vector>

#include "model/document.h"

namespace docgen {

// A part the document refers to by a relationship: a header, a chart.
struct RelatedPart {
    std::string file;  // under word/: "header1.xml", "charts/chart1.xml"
    std::string relationship_id;
    std::string relationship_type;  // the last word of the type: "header", "chart"
    std::string content_type;
    std::string xml;
};

// Further files of the package: a chart's relationships, its workbook.
struct PackageEntry {
    std::string path;
    std::string content;
};

struct DocumentPart {
    std::string xml;
    std::vector<RelatedPart> parts;
    std::vector<PackageEntry> entries;
};

// Style ids are the style names with anything but ASCII letters and digits removed.
std::string style_id(const std::string& name);

DocumentPart document_part(const Document& document);
std::string styles_part(const Document& document);
std::string settings_part();
std::string font_table_part(const Document& document);
std::string content_types_part(const std::vector<RelatedPart>& parts, bool has_workbooks);
std::string package_relationships_part();
std::string document_relationships_part(const std::vector<RelatedPart>& parts);
// The relationships part of one part, pointing at a single package.
std::string single_relationship_part(const std::string& id, const std::string& type, const std::string& target);
std::string core_properties_part(const Metadata& metadata);
std::string app_properties_part(const Metadata& metadata);

}  // namespace docgen
