#include "docx/ooxml.h"

namespace docgen::ooxml {

pugi::xml_node start_part(pugi::xml_document& document, const char* root) {
    pugi::xml_node declaration = document.append_child(pugi::node_declaration);
    declaration.append_attribute("version") = "1.0";
    declaration.append_attribute("encoding") = "UTF-8";
    declaration.append_attribute("standalone") = "yes";
    return document.append_child(root);
}

namespace {

struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
};

}  // namespace

void content_types_defaults(pugi::xml_node types) {
    set(types, "xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
    pugi::xml_node rels = add(types, "Default");
    set(rels, "Extension", "rels");
    set(rels, "ContentType", "application/vnd.openxmlformats-package.relationships+xml");
    pugi::xml_node plain = add(types, "Default");
    set(plain, "Extension", "xml");
    set(plain, "ContentType", "application/xml");
}

std::string serialize(const pugi::xml_document& document) {
    StringWriter writer;
    document.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
    return std::move(writer.out);
}

}  // namespace docgen::ooxml
