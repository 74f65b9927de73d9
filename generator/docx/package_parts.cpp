// The package's smaller parts: content types, relationships, settings, the
// font table and the document properties.
#include <set>

#include "docx/ooxml.h"
#include "docx/parts.h"

namespace docgen {

using ooxml::add;
using ooxml::add_val;
using ooxml::set;

namespace {

const char* const kWordprocessing = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

void override_part(pugi::xml_node types, const std::string& part, const std::string& type) {
    pugi::xml_node node = add(types, "Override");
    set(node, "PartName", part);
    set(node, "ContentType", type);
}

void relationship(pugi::xml_node relationships, const std::string& id, const std::string& type,
                  const std::string& target) {
    pugi::xml_node node = add(relationships, "Relationship");
    set(node, "Id", id);
    set(node, "Type", type);
    set(node, "Target", target);
}

const std::string kOfficeRelationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// The creation day at noon, "2022-10-18T12:00:00Z", so that it reads the same in every time zone.
std::string w3c_date(const Metadata& metadata) {
    const russian::Date day = creation_day(metadata);
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT12:00:00Z", day.year, day.month, day.day);
    return text;
}

}  // namespace

std::string content_types_part(const std::vector<RelatedPart>& parts, bool has_workbooks) {
    pugi::xml_document xml;
    pugi::xml_node types = ooxml::start_part(xml, "Types");
    ooxml::content_types_defaults(types);
    if (has_workbooks) {
        pugi::xml_node workbook = add(types, "Default");
        set(workbook, "Extension", "xlsx");
        set(workbook, "ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }
    const std::string word = kWordprocessing;
    override_part(types, "/word/document.xml", word + "document.main+xml");
    override_part(types, "/word/styles.xml", word + "styles+xml");
    override_part(types, "/word/settings.xml", word + "settings+xml");
    override_part(types, "/word/fontTable.xml", word + "fontTable+xml");
    for (const RelatedPart& part : parts) override_part(types, "/word/" + part.file, part.content_type);
    override_part(types, "/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
    override_part(types, "/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    return ooxml::serialize(xml);
}

std::string package_relationships_part() {
    pugi::xml_document xml;
    pugi::xml_node relationships = ooxml::start_part(xml, "Relationships");
    set(relationships, "xmlns", ooxml::kPackageRelationships);
    relationship(relationships, "rId1", kOfficeRelationship + "officeDocument", "word/document.xml");
    relationship(relationships, "rId2",
                 "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                 "docProps/core.xml");
    relationship(relationships, "rId3", kOfficeRelationship + "extended-properties", "docProps/app.xml");
    return ooxml::serialize(xml);
}

std::string document_relationships_part(const std::vector<RelatedPart>& parts) {
    pugi::xml_document xml;
    pugi::xml_node relationships = ooxml::start_part(xml, "Relationships");
    set(relationships, "xmlns", ooxml::kPackageRelationships);
    relationship(relationships, "rId1", kOfficeRelationship + "styles", "styles.xml");
    relationship(relationships, "rId2", kOfficeRelationship + "settings", "settings.xml");
    relationship(relationships, "rId3", kOfficeRelationship + "fontTable", "fontTable.xml");
    for (const RelatedPart& part : parts)
        relationship(relationships, part.relationship_id, kOfficeRelationship + part.relationship_type, part.file);
    return ooxml::serialize(xml);
}

std::string single_relationship_part(const std::string& id, const std::string& type, const std::string& target) {
    pugi::xml_document xml;
    pugi::xml_node relationships = ooxml::start_part(xml, "Relationships");
    set(relationships, "xmlns", ooxml::kPackageRelationships);
    relationship(relationships, id, kOfficeRelationship + type, target);
    return ooxml::serialize(xml);
}

// Automatic hyphenation with an 18 pt zone and capitals left whole, as the
// PDF's line breaker does; Word 2013+ layout rules.
std::string settings_part() {
    pugi::xml_document xml;
    pugi::xml_node settings = ooxml::start_part(xml, "w:settings");
    set(settings, "xmlns:w", ooxml::kMain);
    set(add(settings, "w:zoom"), "w:percent", 100);
    add_val(settings, "w:defaultTabStop", 709);
    add(settings, "w:autoHyphenation");
    add_val(settings, "w:hyphenationZone", 360);
    add(settings, "w:doNotHyphenateCaps");
    add_val(settings, "w:characterSpacingControl", "doNotCompress");
    pugi::xml_node compatibility = add(add(settings, "w:compat"), "w:compatSetting");
    set(compatibility, "w:name", "compatibilityMode");
    set(compatibility, "w:uri", "http://schemas.microsoft.com/office/word");
    set(compatibility, "w:val", "15");
    add_val(settings, "w:themeFontLang", "ru-RU");
    return ooxml::serialize(xml);
}

std::string font_table_part(const Document& document) {
    std::set<std::string> families{kFontFamilies[0]};
    for (const NamedStyle& style : document.styles) families.insert(style.run.font_family);
    pugi::xml_document xml;
    pugi::xml_node fonts = ooxml::start_part(xml, "w:fonts");
    set(fonts, "xmlns:w", ooxml::kMain);
    for (const std::string& family : families) {
        pugi::xml_node font = add(fonts, "w:font");
        set(font, "w:name", family);
        if (family == "Times New Roman") add_val(font, "w:panose1", "02020603050405020304");
        add_val(font, "w:charset", "CC");  // Cyrillic
        add_val(font, "w:family", "roman");
        add_val(font, "w:pitch", "variable");
    }
    return ooxml::serialize(xml);
}

std::string core_properties_part(const Metadata& metadata) {
    pugi::xml_document xml;
    pugi::xml_node core = ooxml::start_part(xml, "cp:coreProperties");
    set(core, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
    set(core, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
    set(core, "xmlns:dcterms", "http://purl.org/dc/terms/");
    set(core, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    const auto text = [&](const char* name, const std::string& value) {
        if (!value.empty()) add(core, name).text().set(value.c_str());
    };
    text("dc:title", metadata.title);
    text("dc:subject", metadata.subject);
    text("dc:creator", metadata.author);
    text("dc:language", metadata.language);
    for (const char* name : {"dcterms:created", "dcterms:modified"}) {
        pugi::xml_node date = add(core, name);
        set(date, "xsi:type", "dcterms:W3CDTF");
        date.text().set(w3c_date(metadata).c_str());
    }
    return ooxml::serialize(xml);
}

std::string app_properties_part(const Metadata& metadata) {
    pugi::xml_document xml;
    pugi::xml_node properties = ooxml::start_part(xml, "Properties");
    set(properties, "xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
    add(properties, "Application").text().set("docgen");
    if (!metadata.author.empty()) add(properties, "Company").text().set(metadata.author.c_str());
    return ooxml::serialize(xml);
}

}  // namespace docgen
