// Small helpers for writing WordprocessingML with pugixml.
#pragma once

#include <pugixml.hpp>
#include <string>

namespace docgen::ooxml {

inline constexpr const char* kMain = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* kPackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

// Word measures in twentieths of a point.
inline int twips(double points) { return static_cast<int>(points * 20 + (points >= 0 ? 0.5 : -0.5)); }
// Font sizes are in half-points.
inline int half_points(double points) { return static_cast<int>(points * 2 + 0.5); }

inline pugi::xml_node add(pugi::xml_node parent, const char* name) { return parent.append_child(name); }

// <name w:val="value"/>
inline pugi::xml_node add_val(pugi::xml_node parent, const char* name, const std::string& value) {
    pugi::xml_node node = parent.append_child(name);
    node.append_attribute("w:val") = value.c_str();
    return node;
}
inline pugi::xml_node add_val(pugi::xml_node parent, const char* name, int value) {
    return add_val(parent, name, std::to_string(value));
}

inline void set(pugi::xml_node node, const char* attribute, const std::string& value) {
    node.append_attribute(attribute) = value.c_str();
}
inline void set(pugi::xml_node node, const char* attribute, int value) {
    node.append_attribute(attribute) = value;
}

// A new part: the XML declaration Word writes, then the root element.
pugi::xml_node start_part(pugi::xml_document& document, const char* root);

// A [Content_Types].xml root's namespace and its defaults for .rels and .xml parts.
void content_types_defaults(pugi::xml_node types);

std::string serialize(const pugi::xml_document& document);
// One element and what it holds, as it is within its document's text.
std::string serialize(pugi::xml_node node);

}  // namespace docgen::ooxml
