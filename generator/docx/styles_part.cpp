// word/styles.xml: document defaults and the template's named styles, each
// written as its differences from the style it is based on.
#include <map>

#include "docx/ooxml.h"
#include "docx/parts.h"
#include "docx/properties.h"

namespace docgen {

using ooxml::add;
using ooxml::add_val;
using ooxml::set;

std::string style_id(const std::string& name) {
    std::string id;
    for (char c : name)
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) id += c;
    return id.empty() ? "Style" : id;
}

std::string styles_part(const Document& document) {
    pugi::xml_document xml;
    pugi::xml_node styles = ooxml::start_part(xml, "w:styles");
    set(styles, "xmlns:w", ooxml::kMain);

    // Defaults every style starts from: Word's own, with Russian as the language.
    const NamedStyle defaults;
    pugi::xml_node defaults_node = add(styles, "w:docDefaults");
    pugi::xml_node run = add(add(defaults_node, "w:rPrDefault"), "w:rPr");
    write_run_properties(run, defaults.run, nullptr);
    pugi::xml_node language = add(run, "w:lang");
    set(language, "w:val", document.metadata.language);
    set(language, "w:eastAsia", document.metadata.language);
    set(language, "w:bidi", "ar-SA");
    pugi::xml_node paragraph = add(add(defaults_node, "w:pPrDefault"), "w:pPr");
    write_paragraph_properties(paragraph, defaults.paragraph, nullptr);

    std::map<std::string, const NamedStyle*> by_name;
    for (const NamedStyle& style : document.styles) by_name[style.name] = &style;
    for (const NamedStyle& style : document.styles) {
        pugi::xml_node node = add(styles, "w:style");
        set(node, "w:type", "paragraph");
        if (style.name == "Normal") set(node, "w:default", "1");
        set(node, "w:styleId", style_id(style.name));
        add_val(node, "w:name", style.name);
        const auto base = by_name.find(style.based_on);
        const NamedStyle* parent = base == by_name.end() ? &defaults : base->second;
        if (base != by_name.end()) add_val(node, "w:basedOn", style_id(style.based_on));
        add(node, "w:qFormat");
        pugi::xml_node paragraph_properties = add(node, "w:pPr");
        write_paragraph_properties(paragraph_properties, style.paragraph, &parent->paragraph);
        if (!paragraph_properties.first_child()) node.remove_child(paragraph_properties);
        pugi::xml_node run_properties = add(node, "w:rPr");
        write_run_properties(run_properties, style.run, &parent->run);
        if (!run_properties.first_child()) node.remove_child(run_properties);
    }
    return ooxml::serialize(xml);
}

}  // namespace docgen
