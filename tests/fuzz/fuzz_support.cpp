#include "fuzz_support.h"

#include "pdf_check.h"

#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <pugixml.hpp>

#include "common/files.h"
#include "common/utf8.h"
#include "render/render.h"

namespace docgen::fuzz {

const Resources& resources() {
    static const Resources loaded = [] {
        ResourceOptions options;
        options.fonts_dir = std::string(DOCGEN_SOURCE_DIR) + "/fonts";
        return Resources::load(options);
    }();
    return loaded;
}

std::string source_file(const std::string& relative) {
    return read_file(std::string(DOCGEN_SOURCE_DIR) + "/" + relative, "fuzz fixture");
}

void finding(const std::string& what) {
    std::fprintf(stderr, "\n*** docgen fuzz finding: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

namespace {


// Character references and raw characters that XML 1.0 does not allow.
bool holds_forbidden_character(const std::string& xml) {
    for (size_t at = xml.find("&#"); at != std::string::npos; at = xml.find("&#", at + 2)) {
        const bool hex = at + 2 < xml.size() && xml[at + 2] == 'x';
        const long code = std::strtol(xml.c_str() + at + (hex ? 3 : 2), nullptr, hex ? 16 : 10);
        if ((code < 32 && code != 9 && code != 10 && code != 13) || code == 0xFFFE || code == 0xFFFF) return true;
    }
    // Raw: carriage returns are allowed in XML, the rest is what documents may not hold.
    std::string without_returns = xml;
    std::erase(without_returns, '\r');
    return utf8::first_forbidden_character(without_returns).has_value();
}

}  // namespace

void check_pdf(const std::string& bytes) {
    if (const std::string problems = pdf_problems(bytes); !problems.empty()) finding(problems);
}

void check_docx(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    zip_t* zip = source ? zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
    if (!zip) {
        if (source) zip_source_free(source);
        finding(std::string("libzip cannot open the DOCX: ") + zip_error_strerror(&error));
    }
    const zip_int64_t count = zip_get_num_entries(zip, 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t stat;
        zip_stat_index(zip, static_cast<zip_uint64_t>(i), 0, &stat);
        std::string content(stat.size, '\0');
        zip_file_t* file = zip_fopen_index(zip, static_cast<zip_uint64_t>(i), 0);
        if (!file || zip_fread(file, content.data(), stat.size) != static_cast<zip_int64_t>(stat.size))
            finding(std::string("libzip cannot read ") + stat.name);
        zip_fclose(file);
        const std::string name = stat.name;
        const bool xml = name.size() > 4 && (name.ends_with(".xml") || name.ends_with(".rels"));
        if (!xml) continue;
        pugi::xml_document document;
        const pugi::xml_parse_result parsed = document.load_buffer(content.data(), content.size());
        if (!parsed) finding(name + " is not well-formed XML: " + parsed.description());
        if (holds_forbidden_character(content)) finding(name + " holds a character XML 1.0 forbids");
    }
    zip_close(zip);
}

void write_and_check(const Document& document, bool pdf) {
    check_docx(render_file(document, OutputFormat::Docx, resources()).bytes);
    render_file(document, OutputFormat::Txt, resources());
    if (pdf) check_pdf(render_file(document, OutputFormat::Pdf, resources()).bytes);
}

}  // namespace docgen::fuzz
