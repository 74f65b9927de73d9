#include "docx/ooxml.h"

#include <cctype>

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

namespace {

// XML 1.0 has no control characters but tab, line feed and carriage return,
// not even as references (pugixml writes "&#01;"), and no U+FFFE or U+FFFF:
// Word refuses a part holding one. Inputs refuse them; whatever comes through
// nevertheless is dropped here, so that every part Word reads is well-formed.
void drop_forbidden_characters(std::string& xml) {
    size_t out = 0;
    for (size_t i = 0; i < xml.size();) {
        if (xml[i] == '&' && xml.compare(i + 1, 1, "#") == 0 && i + 4 < xml.size() && xml[i + 4] == ';' &&
            std::isdigit(static_cast<unsigned char>(xml[i + 2])) && std::isdigit(static_cast<unsigned char>(xml[i + 3]))) {
            const int code = (xml[i + 2] - '0') * 10 + (xml[i + 3] - '0');
            if (code < 32 && code != 9 && code != 10 && code != 13) {
                i += 5;
                continue;
            }
        }
        if (static_cast<unsigned char>(xml[i]) == 0xEF && i + 2 < xml.size() &&
            static_cast<unsigned char>(xml[i + 1]) == 0xBF && (static_cast<unsigned char>(xml[i + 2]) & 0xFE) == 0xBE) {
            i += 3;
            continue;
        }
        xml[out++] = xml[i++];
    }
    xml.resize(out);
}

}  // namespace

std::string serialize(const pugi::xml_document& document) {
    StringWriter writer;
    document.save(writer, "", pugi::format_raw, pugi::encoding_utf8);
    drop_forbidden_characters(writer.out);
    return std::move(writer.out);
}

std::string serialize(pugi::xml_node node) {
    StringWriter writer;
    node.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
    drop_forbidden_characters(writer.out);
    return std::move(writer.out);
}

}  // namespace docgen::ooxml
