#include "pdf/pdf_writer.h"

#include <algorithm>
#include <cstdio>
#include <future>
#include <map>
#include <set>
#include <tuple>

#include "common/deflate.h"
#include "common/utf8.h"
#include "pdf/content_stream.h"
#include "pdf/pdf_file.h"

namespace docgen {

namespace {

// Content streams are many and compress well at the fastest level.
constexpr int kContentCompression = 1;

std::map<const FontFace*, std::set<char32_t>> characters_by_face(const std::vector<Page>& pages) {
    // A flag per character first: a set insertion per character is slow.
    // The flags are read up to the highest character set, not through the
    // whole plane: a page of Russian text ends below U+2200.
    struct Flags {
        std::vector<bool> set = std::vector<bool>(0x10000);
        char32_t highest = 0;
    };
    std::map<const FontFace*, Flags> seen;
    std::map<const FontFace*, std::set<char32_t>> used;
    for (const Page& page : pages) {
        for (const TextMark& mark : page.texts) {
            Flags& flags = seen[mark.face];
            for (size_t pos = 0; pos < mark.text.size();) {
                const char32_t c = utf8::next(mark.text, pos);
                if (c >= flags.set.size()) {
                    used[mark.face].insert(c);
                } else {
                    flags.set[c] = true;
                    flags.highest = std::max(flags.highest, c);
                }
            }
        }
    }
    for (const auto& [face, flags] : seen) {
        auto& characters = used[face];
        for (char32_t c = 0; c <= flags.highest; ++c)
            if (flags.set[c]) characters.insert(c);
    }
    return used;
}

bool covers(const EmbeddedFont& font, const std::set<char32_t>& characters) {
    return std::all_of(characters.begin(), characters.end(),
                       [&](char32_t c) { return c == U' ' || font.subset.glyph(c) != 0; });
}

std::string numbers(std::initializer_list<double> values) {
    std::string out = "[";
    for (double value : values) {
        if (out.size() > 1) out += ' ';
        append_pdf_number(out, value);
    }
    return out + "]";
}


// A composite font (Type0, Identity-H) whose codes are the subset's glyph
// numbers: no encoding tables to build, widths for the subset's glyphs only.
// Five objects: the font program, its ToUnicode map, its descriptor, the
// CID font and the Type0 font that pages name; the last one's number is returned.
int write_font(PdfFile& pdf, const EmbeddedFont& font) {
    const FontFace& face = *font.face;
    const int program = pdf.reserve(), to_unicode = pdf.reserve(), descriptor = pdf.reserve(),
              descendant = pdf.reserve(), type0 = pdf.reserve();
    pdf.deflated_stream(program, "/Length1 " + std::to_string(font.program_length), font.program);
    pdf.deflated_stream(to_unicode, "", font.to_unicode);

    const bool italic = face.italic_angle() != 0;
    const FontFace::Box box = face.bounding_box();
    std::string italic_angle;
    append_pdf_number(italic_angle, face.italic_angle());
    pdf.object(descriptor, "<< /Type /FontDescriptor /FontName " + pdf_name(font.base_font) +
                               " /Flags " + std::to_string(2 | 32 | (italic ? 64 : 0)) +  // serif, non-symbolic, italic
                               " /FontBBox " + numbers({double(box.x_min), double(box.y_min), double(box.x_max), double(box.y_max)}) +
                               " /ItalicAngle " + italic_angle +
                               " /Ascent " + std::to_string(static_cast<int>(face.ascender() * 1000)) +
                               " /Descent " + std::to_string(-static_cast<int>(face.descender() * 1000)) +
                               " /CapHeight " + std::to_string(face.cap_height()) + " /StemV 80 /FontFile2 " +
                               reference(program) + " >>");

    std::string widths = "[0 [";
    for (size_t glyph = 0; glyph < font.widths.size(); ++glyph)
        (widths += glyph ? " " : "") += std::to_string(font.widths[glyph]);
    widths += "]]";
    pdf.object(descendant, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont " + pdf_name(font.base_font) +
                               " /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
                               " /FontDescriptor " + reference(descriptor) + " /W " + widths +
                               " /CIDToGIDMap /Identity >>");
    pdf.object(type0, "<< /Type /Font /Subtype /Type0 /BaseFont " + pdf_name(font.base_font) +
                          " /Encoding /Identity-H /DescendantFonts [" + reference(descendant) + "] /ToUnicode " +
                          reference(to_unicode) + " >>");
    return type0;
}

struct DocumentFont {
    std::shared_ptr<const EmbeddedFont> font;
    int object = 0;
};

// A page's content, deflated, and its fonts in the order the content names
// them: F1, F2…
struct PageStream {
    std::string deflated;
    std::vector<const FontFace*> faces;
};

PageStream page_stream(const Page& page, const std::map<const FontFace*, DocumentFont>& fonts) {
    PageStream stream;
    const std::string content = page_content(page, [&](const FontFace* face) {
        auto known = std::find(stream.faces.begin(), stream.faces.end(), face);
        if (known == stream.faces.end()) known = stream.faces.insert(known, face);
        const auto number = known - stream.faces.begin() + 1;
        return PageFont{"F" + std::to_string(number), fonts.at(face).font.get()};
    });
    stream.deflated = deflate(content, kContentCompression);
    return stream;
}

// The pages' streams, the second half on a thread of its own: the streams
// are independent, and writing and compressing them is most of a PDF's time.
std::vector<PageStream> page_streams(const std::vector<Page>& pages,
                                     const std::map<const FontFace*, DocumentFont>& fonts) {
    std::vector<PageStream> streams(pages.size());
    const auto make = [&](size_t from, size_t to) {
        for (size_t i = from; i < to; ++i) streams[i] = page_stream(pages[i], fonts);
    };
    constexpr size_t kPagesWorthAThread = 8;
    const size_t half = pages.size() >= kPagesWorthAThread ? pages.size() / 2 : pages.size();
    auto second = std::async(std::launch::async, make, half, pages.size());
    make(0, half);
    second.get();
    return streams;
}

// A page and its contents; the page's number is returned.
int write_page(PdfFile& pdf, int pages_tree, const Page& page, const PageStream& stream,
               const std::map<const FontFace*, DocumentFont>& fonts) {
    const int object = pdf.reserve(), contents = pdf.reserve();
    std::string font_names;
    for (size_t i = 0; i < stream.faces.size(); ++i)
        font_names += "/F" + std::to_string(i + 1) + " " + reference(fonts.at(stream.faces[i]).object) + " ";
    pdf.object(object, "<< /Type /Page /Parent " + reference(pages_tree) + " /MediaBox " +
                           numbers({0, 0, page.width, page.height}) + " /Resources << /Font << " + font_names +
                           ">> /ProcSet [/PDF /Text] >> /Contents " + reference(contents) + " >>");
    pdf.deflated_stream(contents, "", stream.deflated);
    return object;
}

// The creation day at noon, so that the date reads the same in every time zone.
std::string creation_date(const Metadata& metadata) {
    const russian::Date day = creation_day(metadata);
    char date[32];
    std::snprintf(date, sizeof date, "(D:%04d%02d%02d120000Z)", day.year, day.month, day.day);
    return date;
}

// Document information: text strings in UTF-16, read right by every reader.
std::string information(const Metadata& metadata) {
    std::string entries;
    const auto add = [&](const char* key, const std::string& value) {
        if (!value.empty()) entries += std::string(" /") + key + " " + pdf_text_string(value);
    };
    add("Title", metadata.title);
    add("Subject", metadata.subject);
    add("Author", metadata.author);
    add("Creator", "docgen");
    return "<<" + entries + " /CreationDate " + creation_date(metadata) + " >>";
}

}  // namespace

std::string write_pdf(const std::vector<Page>& pages, const Metadata& metadata, FontEmbeddings& embeddings,
                      const PreparedFonts& prepared) {
    PdfFile pdf;
    const int catalog = pdf.reserve(), pages_tree = pdf.reserve(), info = pdf.reserve();
    std::map<const FontFace*, DocumentFont> fonts;
    // The fonts are written in the order of their names, not of their places
    // in memory: the same document makes the same bytes in any run.
    const auto used = characters_by_face(pages);
    std::vector<std::pair<const FontFace*, const std::set<char32_t>*>> faces;
    for (const auto& [face, characters] : used) faces.emplace_back(face, &characters);
    std::sort(faces.begin(), faces.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first->postscript_name(), a.first->path()) < std::tie(b.first->postscript_name(), b.first->path());
    });
    for (const auto& [face, used_characters] : faces) {
        const std::set<char32_t>& characters = *used_characters;
        const auto ready = prepared.find(face);
        auto font = ready != prepared.end() && covers(*ready->second, characters) ? ready->second
                                                                                  : embeddings.font_for(*face, characters);
        fonts[face] = {font, write_font(pdf, *font)};
    }
    const std::vector<PageStream> streams = page_streams(pages, fonts);
    std::string kids;
    for (size_t i = 0; i < pages.size(); ++i)
        (kids += kids.empty() ? "" : " ") += reference(write_page(pdf, pages_tree, pages[i], streams[i], fonts));
    pdf.object(pages_tree, "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(pages.size()) + " >>");
    pdf.object(catalog, "<< /Type /Catalog /Pages " + reference(pages_tree) + " >>");
    pdf.object(info, information(metadata));
    return pdf.finish(catalog, info);
}

}  // namespace docgen
