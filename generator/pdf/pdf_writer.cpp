#include "pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <cstdio>
#include <future>
#include <map>
#include <set>
#include <stdexcept>

#include "common/utf8.h"
#include "pdf/content_stream.h"
#include "common/deflate.h"

namespace docgen {

namespace {

// Content streams are many and compress well at the fastest level.
constexpr int kContentCompression = 1;

// libharu reports errors through a callback; C++ exceptions must not cross
// its C frames, so the first error is kept and thrown once control is back.
struct ErrorState {
    HPDF_STATUS code = 0;
    HPDF_STATUS detail = 0;
};

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* data) {
    auto* state = static_cast<ErrorState*>(data);
    if (state->code == 0) {
        state->code = code;
        state->detail = detail;
    }
}

class PdfDocument {
public:
    PdfDocument() : doc_(HPDF_New(on_error, &errors_)) {
        if (!doc_) throw std::runtime_error("cannot start a PDF document");
        HPDF_SetCompressionMode(doc_, HPDF_COMP_NONE);  // streams come compressed from us
    }
    ~PdfDocument() { HPDF_Free(doc_); }
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    HPDF_Doc get() const { return doc_; }
    HPDF_MMgr memory() const { return doc_->mmgr; }
    HPDF_Xref objects() const { return doc_->xref; }
    void check(const char* action) const {
        if (errors_.code != 0) {
            char code[64];
            std::snprintf(code, sizeof code, "0x%04X (detail %u)", static_cast<unsigned>(errors_.code),
                          static_cast<unsigned>(errors_.detail));
            throw std::runtime_error(std::string("PDF writer failed while ") + action + ": libharu error " + code);
        }
    }

    // An indirect dictionary: written once, referred to by number.
    HPDF_Dict object() const {
        HPDF_Dict dict = HPDF_Dict_New(doc_->mmgr);
        HPDF_Xref_Add(doc_->xref, dict);
        return dict;
    }

    // A stream whose bytes are already deflated.
    HPDF_Dict deflated_stream(const std::string& bytes) const {
        HPDF_Dict stream = HPDF_DictStream_New(doc_->mmgr, doc_->xref);
        fill_deflated(stream, bytes);
        return stream;
    }

    // libharu drops a "Filter" entry from a stream it did not compress
    // itself, so the entry is written by the dictionary's own write hook.
    static void fill_deflated(HPDF_Dict stream, const std::string& bytes) {
        HPDF_Stream_Write(stream->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                          static_cast<HPDF_UINT>(bytes.size()));
        stream->write_fn = [](HPDF_Dict, HPDF_Stream out) { return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012"); };
    }

private:
    ErrorState errors_;
    HPDF_Doc doc_;
};

std::map<const FontFace*, std::set<char32_t>> characters_by_face(const std::vector<Page>& pages) {
    // A flag per character first: a set insertion per character is slow.
    std::map<const FontFace*, std::vector<bool>> seen;
    std::map<const FontFace*, std::set<char32_t>> used;
    for (const Page& page : pages) {
        for (const TextMark& mark : page.texts) {
            auto& flags = seen[mark.face];
            if (flags.empty()) flags.resize(0x10000);
            for (size_t pos = 0; pos < mark.text.size();) {
                const char32_t c = utf8::next(mark.text, pos);
                if (c >= flags.size()) used[mark.face].insert(c);
                else flags[c] = true;
            }
        }
    }
    for (const auto& [face, flags] : seen) {
        auto& characters = used[face];
        for (char32_t c = 0; c < flags.size(); ++c)
            if (flags[c]) characters.insert(c);
    }
    return used;
}

bool covers(const EmbeddedFont& font, const std::set<char32_t>& characters) {
    return std::all_of(characters.begin(), characters.end(),
                       [&](char32_t c) { return c == U' ' || font.subset.glyph(c) != 0; });
}

HPDF_Array numbers_array(HPDF_MMgr memory, std::initializer_list<int> values) {
    HPDF_Array array = HPDF_Array_New(memory);
    for (int value : values) HPDF_Array_AddNumber(array, value);
    return array;
}

// A composite font (Type0, Identity-H) whose codes are the subset's glyph
// numbers: no encoding tables to build, widths for the subset's glyphs only.
HPDF_Dict font_objects(const PdfDocument& pdf, const EmbeddedFont& font) {
    const FontFace& face = *font.face;
    HPDF_MMgr memory = pdf.memory();

    HPDF_Dict program = pdf.deflated_stream(font.program);
    HPDF_Dict_AddNumber(program, "Length1", static_cast<HPDF_INT32>(font.program_length));

    HPDF_Dict descriptor = pdf.object();
    HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    HPDF_Dict_AddName(descriptor, "FontName", font.base_font.c_str());
    const bool italic = face.italic_angle() != 0;
    HPDF_Dict_AddNumber(descriptor, "Flags", 2 | 32 | (italic ? 64 : 0));  // serif, non-symbolic, italic
    const FontFace::Box box = face.bounding_box();
    HPDF_Dict_Add(descriptor, "FontBBox", numbers_array(memory, {box.x_min, box.y_min, box.x_max, box.y_max}));
    HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(face.italic_angle()));
    HPDF_Dict_AddNumber(descriptor, "Ascent", static_cast<HPDF_INT32>(face.ascender() * 1000));
    HPDF_Dict_AddNumber(descriptor, "Descent", -static_cast<HPDF_INT32>(face.descender() * 1000));
    HPDF_Dict_AddNumber(descriptor, "CapHeight", face.cap_height());
    HPDF_Dict_AddNumber(descriptor, "StemV", 80);
    HPDF_Dict_Add(descriptor, "FontFile2", program);

    HPDF_Dict system_info = HPDF_Dict_New(memory);
    HPDF_Dict_Add(system_info, "Registry", HPDF_String_New(memory, "Adobe", nullptr));
    HPDF_Dict_Add(system_info, "Ordering", HPDF_String_New(memory, "Identity", nullptr));
    HPDF_Dict_AddNumber(system_info, "Supplement", 0);

    HPDF_Dict descendant = pdf.object();
    HPDF_Dict_AddName(descendant, "Type", "Font");
    HPDF_Dict_AddName(descendant, "Subtype", "CIDFontType2");
    HPDF_Dict_AddName(descendant, "BaseFont", font.base_font.c_str());
    HPDF_Dict_Add(descendant, "CIDSystemInfo", system_info);
    HPDF_Dict_Add(descendant, "FontDescriptor", descriptor);
    HPDF_Array widths = HPDF_Array_New(memory);
    HPDF_Array_AddNumber(widths, 0);
    HPDF_Array glyph_widths = HPDF_Array_New(memory);
    for (int width : font.widths) HPDF_Array_AddNumber(glyph_widths, width);
    HPDF_Array_Add(widths, glyph_widths);
    HPDF_Dict_Add(descendant, "W", widths);
    HPDF_Dict_AddName(descendant, "CIDToGIDMap", "Identity");

    HPDF_Dict type0 = pdf.object();
    HPDF_Dict_AddName(type0, "Type", "Font");
    HPDF_Dict_AddName(type0, "Subtype", "Type0");
    HPDF_Dict_AddName(type0, "BaseFont", font.base_font.c_str());
    HPDF_Dict_AddName(type0, "Encoding", "Identity-H");
    HPDF_Array descendants = HPDF_Array_New(memory);
    HPDF_Array_Add(descendants, descendant);
    HPDF_Dict_Add(type0, "DescendantFonts", descendants);
    HPDF_Dict_Add(type0, "ToUnicode", pdf.deflated_stream(font.to_unicode));
    return type0;
}

struct DocumentFont {
    std::shared_ptr<const EmbeddedFont> font;
    HPDF_Dict object;
};

// A page's content, deflated, and its fonts in the order the content names
// them: F1, F2… (the names libharu gives a page's fonts in the order it is
// asked for them).
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

void paint(const PdfDocument& pdf, const Page& page, PageStream stream,
           const std::map<const FontFace*, DocumentFont>& fonts) {
    HPDF_Page canvas = HPDF_AddPage(pdf.get());
    HPDF_Page_SetWidth(canvas, static_cast<HPDF_REAL>(page.width));
    HPDF_Page_SetHeight(canvas, static_cast<HPDF_REAL>(page.height));
    HPDF_Page_SetFilter(canvas, HPDF_STREAM_FILTER_NONE);
    for (size_t i = 0; i < stream.faces.size(); ++i) {
        const std::string name = HPDF_Page_GetLocalFontName(canvas, fonts.at(stream.faces[i]).object);
        if (name != "F" + std::to_string(i + 1)) throw std::logic_error("libharu named a page's font " + name);
    }
    const auto* attr = static_cast<HPDF_PageAttr>(canvas->attr);
    PdfDocument::fill_deflated(attr->contents, stream.deflated);
}

// "2022-10-18" → that day at noon, so that the date reads the same in every
// time zone; no date → a fixed one: the bytes must not depend on the clock.
HPDF_Date creation_date(const std::string& iso_date) {
    HPDF_Date date{2000, 1, 1, 12, 0, 0, 'Z', 0, 0};
    int year = 0, month = 0, day = 0;
    if (std::sscanf(iso_date.c_str(), "%d-%d-%d", &year, &month, &day) == 3 && month >= 1 && month <= 12 &&
        day >= 1 && day <= 31) {
        date.year = year;
        date.month = month;
        date.day = day;
    }
    return date;
}

void set_information(PdfDocument& pdf, const Metadata& metadata) {
    // Document information in UTF-8 is read as PDFDocEncoding; give it UTF-16 with a byte order mark.
    HPDF_UseUTFEncodings(pdf.get());
    HPDF_SetCurrentEncoder(pdf.get(), "UTF-8");
    const auto set = [&](HPDF_InfoType type, const std::string& value) {
        if (!value.empty()) HPDF_SetInfoAttr(pdf.get(), type, value.c_str());
    };
    set(HPDF_INFO_TITLE, metadata.title);
    set(HPDF_INFO_SUBJECT, metadata.subject);
    set(HPDF_INFO_AUTHOR, metadata.author);
    set(HPDF_INFO_CREATOR, "docgen");
    HPDF_SetInfoDateAttr(pdf.get(), HPDF_INFO_CREATION_DATE, creation_date(metadata.date));
    pdf.check("setting the document information");
}

std::string saved_bytes(PdfDocument& pdf) {
    HPDF_SaveToStream(pdf.get());
    pdf.check("saving");
    std::string bytes(HPDF_GetStreamSize(pdf.get()), '\0');
    HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
    HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
    bytes.resize(size);
    return bytes;
}

}  // namespace

std::string write_pdf(const std::vector<Page>& pages, const Metadata& metadata, FontEmbeddings& embeddings,
                      const PreparedFonts& prepared) {
    PdfDocument pdf;
    std::map<const FontFace*, DocumentFont> fonts;
    for (const auto& [face, characters] : characters_by_face(pages)) {
        const auto ready = prepared.find(face);
        auto font = ready != prepared.end() && covers(*ready->second, characters) ? ready->second
                                                                                  : embeddings.font_for(*face, characters);
        fonts[face] = {font, font_objects(pdf, *font)};
    }
    pdf.check("embedding the fonts");
    std::vector<PageStream> streams = page_streams(pages, fonts);
    for (size_t i = 0; i < pages.size(); ++i) paint(pdf, pages[i], std::move(streams[i]), fonts);
    pdf.check("drawing the pages");
    set_information(pdf, metadata);
    return saved_bytes(pdf);
}

}  // namespace docgen
