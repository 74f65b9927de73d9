#include "pdf/pdf_writer.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <set>
#include <stdexcept>

#include "common/files.h"
#include "common/utf8.h"
#include "pdf/font_subset.h"
#include "pdf/to_unicode.h"

namespace docgen {

namespace {

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
        HPDF_SetCompressionMode(doc_, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(doc_);
        HPDF_SetCurrentEncoder(doc_, "UTF-8");
    }
    ~PdfDocument() { HPDF_Free(doc_); }
    PdfDocument(const PdfDocument&) = delete;
    PdfDocument& operator=(const PdfDocument&) = delete;

    HPDF_Doc get() const { return doc_; }
    void check(const char* action) const {
        if (errors_.code != 0) {
            char code[64];
            std::snprintf(code, sizeof code, "0x%04X (detail %u)", static_cast<unsigned>(errors_.code),
                          static_cast<unsigned>(errors_.detail));
            throw std::runtime_error(std::string("PDF writer failed while ") + action + ": libharu error " + code);
        }
    }

private:
    ErrorState errors_;
    HPDF_Doc doc_;
};

// A file that exists only while libharu needs it: libharu loads fonts by name.
class TemporaryFile {
public:
    explicit TemporaryFile(const std::string& bytes) {
        std::string pattern = (std::filesystem::temp_directory_path() / "docgen-font-XXXXXX").string();
        const int fd = mkstemp(pattern.data());
        if (fd < 0) throw std::runtime_error("cannot create a temporary file for a font subset");
        close(fd);
        path_ = pattern;
        write_file_atomically(path_, bytes);
    }
    ~TemporaryFile() { std::remove(path_.c_str()); }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

std::map<const FontFace*, std::set<char32_t>> characters_by_face(const std::vector<Page>& pages) {
    std::map<const FontFace*, std::set<char32_t>> used;
    for (const Page& page : pages) {
        for (const TextMark& mark : page.texts) {
            auto& characters = used[mark.face];
            for (size_t pos = 0; pos < mark.text.size();) characters.insert(utf8::next(mark.text, pos));
        }
    }
    return used;
}

// Replaces the /ToUnicode stream libharu 2.3.0 writes (a copy of its encoding
// CMap, which readers reject) with a real map for the codes the font draws.
void replace_to_unicode(HPDF_Font font, const std::set<char32_t>& characters) {
    auto* attr = static_cast<HPDF_FontAttr>(font->attr);
    HPDF_Dict stream = attr->cmap_stream;
    HPDF_MemStream_FreeData(stream->stream);
    for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) HPDF_Dict_RemoveElement(stream, key);
    HPDF_Stream_WriteStr(stream->stream, to_unicode_cmap(characters).c_str());
}

std::map<const FontFace*, HPDF_Font> embed_fonts(PdfDocument& pdf, const std::vector<Page>& pages,
                                                 std::vector<std::unique_ptr<TemporaryFile>>& files) {
    std::map<const FontFace*, HPDF_Font> fonts;
    for (const auto& [face, characters] : characters_by_face(pages)) {
        files.push_back(std::make_unique<TemporaryFile>(subset_font(face->path(), characters)));
        const char* name = HPDF_LoadTTFontFromFile(pdf.get(), files.back()->path().c_str(), HPDF_TRUE);
        pdf.check("loading a font");
        HPDF_Font font = HPDF_GetFont(pdf.get(), name, "UTF-8");
        pdf.check("loading a font");
        replace_to_unicode(font, characters);
        fonts[face] = font;
    }
    return fonts;
}

void paint_fills(HPDF_Page canvas, const Page& page) {
    for (const FillMark& fill : page.fills) {
        HPDF_Page_SetRGBFill(canvas, static_cast<HPDF_REAL>(fill.color.red), static_cast<HPDF_REAL>(fill.color.green),
                             static_cast<HPDF_REAL>(fill.color.blue));
        HPDF_Page_Rectangle(canvas, static_cast<HPDF_REAL>(fill.x), static_cast<HPDF_REAL>(page.height - fill.y - fill.height),
                            static_cast<HPDF_REAL>(fill.width), static_cast<HPDF_REAL>(fill.height));
        HPDF_Page_Fill(canvas);
    }
    if (!page.fills.empty()) HPDF_Page_SetRGBFill(canvas, 0, 0, 0);
}

void paint_rules(HPDF_Page canvas, const Page& page) {
    if (page.rules.empty()) return;
    // Square caps close the corners where cell borders meet.
    HPDF_Page_SetLineCap(canvas, HPDF_PROJECTING_SCUARE_END);
    double width = -1;
    Color color;
    bool drawing = false;
    for (const RuleMark& rule : page.rules) {
        if (rule.width != width || !(rule.color == color)) {
            if (drawing) HPDF_Page_Stroke(canvas);
            width = rule.width;
            color = rule.color;
            HPDF_Page_SetLineWidth(canvas, static_cast<HPDF_REAL>(width));
            HPDF_Page_SetRGBStroke(canvas, static_cast<HPDF_REAL>(color.red), static_cast<HPDF_REAL>(color.green),
                                   static_cast<HPDF_REAL>(color.blue));
        }
        HPDF_Page_MoveTo(canvas, static_cast<HPDF_REAL>(rule.x1), static_cast<HPDF_REAL>(page.height - rule.y1));
        HPDF_Page_LineTo(canvas, static_cast<HPDF_REAL>(rule.x2), static_cast<HPDF_REAL>(page.height - rule.y2));
        drawing = true;
    }
    HPDF_Page_Stroke(canvas);
}

void paint_texts(HPDF_Page canvas, const Page& page, const std::map<const FontFace*, HPDF_Font>& fonts) {
    if (page.texts.empty()) return;
    HPDF_Page_BeginText(canvas);
    const FontFace* face = nullptr;
    double size = 0;
    double spacing = 0;
    Color color;
    for (const TextMark& mark : page.texts) {
        if (mark.face != face || mark.size != size) {
            face = mark.face;
            size = mark.size;
            HPDF_Page_SetFontAndSize(canvas, fonts.at(face), static_cast<HPDF_REAL>(size));
        }
        if (!(mark.color == color)) {
            color = mark.color;
            HPDF_Page_SetRGBFill(canvas, static_cast<HPDF_REAL>(color.red), static_cast<HPDF_REAL>(color.green),
                                 static_cast<HPDF_REAL>(color.blue));
        }
        if (mark.letter_spacing != spacing) {
            spacing = mark.letter_spacing;
            HPDF_Page_SetCharSpace(canvas, static_cast<HPDF_REAL>(spacing));
        }
        HPDF_Page_TextOut(canvas, static_cast<HPDF_REAL>(mark.x), static_cast<HPDF_REAL>(page.height - mark.baseline),
                          mark.text.c_str());
    }
    HPDF_Page_EndText(canvas);
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
    const auto set = [&](HPDF_InfoType type, const std::string& value) {
        if (!value.empty()) HPDF_SetInfoAttr(pdf.get(), type, value.c_str());
    };
    set(HPDF_INFO_TITLE, metadata.title);
    set(HPDF_INFO_SUBJECT, metadata.subject);
    set(HPDF_INFO_AUTHOR, metadata.author);
    set(HPDF_INFO_CREATOR, "docgen");
    const HPDF_Date date = creation_date(metadata.date);
    HPDF_SetInfoDateAttr(pdf.get(), HPDF_INFO_CREATION_DATE, date);
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

std::string write_pdf(const std::vector<Page>& pages, const Metadata& metadata) {
    PdfDocument pdf;
    std::vector<std::unique_ptr<TemporaryFile>> font_files;
    const auto fonts = embed_fonts(pdf, pages, font_files);
    for (const Page& page : pages) {
        HPDF_Page canvas = HPDF_AddPage(pdf.get());
        HPDF_Page_SetWidth(canvas, static_cast<HPDF_REAL>(page.width));
        HPDF_Page_SetHeight(canvas, static_cast<HPDF_REAL>(page.height));
        paint_fills(canvas, page);
        paint_rules(canvas, page);
        paint_texts(canvas, page, fonts);
    }
    pdf.check("drawing the pages");
    set_information(pdf, metadata);
    return saved_bytes(pdf);
}

}  // namespace docgen
