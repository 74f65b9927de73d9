#include "text/font_face.h"

#include <map>

#include "common/error.h"
#include "common/files.h"
#include "common/utf8.h"

namespace docgen {

namespace {

// Big-endian readers over the font's bytes, bounds-checked: a truncated file
// must give an error, not a crash.
class Reader {
public:
    Reader(const std::string& bytes, const std::string& path) : bytes_(bytes), path_(path) {}
    uint16_t u16(size_t offset) const {
        check(offset, 2);
        return static_cast<uint16_t>(byte(offset) << 8 | byte(offset + 1));
    }
    int16_t s16(size_t offset) const { return static_cast<int16_t>(u16(offset)); }
    uint32_t u32(size_t offset) const {
        check(offset, 4);
        return static_cast<uint32_t>(byte(offset)) << 24 | byte(offset + 1) << 16 | byte(offset + 2) << 8 |
               byte(offset + 3);
    }
    std::string bytes(size_t offset, size_t length) const {
        check(offset, length);
        return bytes_.substr(offset, length);
    }

private:
    unsigned byte(size_t offset) const { return static_cast<unsigned char>(bytes_[offset]); }
    void check(size_t offset, size_t length) const {
        if (offset + length > bytes_.size()) throw InputError(path_ + ": not a valid TrueType font (truncated)");
    }
    const std::string& bytes_;
    const std::string& path_;
};

std::map<std::string, size_t> table_offsets(const Reader& font) {
    std::map<std::string, size_t> tables;
    const uint16_t count = font.u16(4);
    for (uint16_t i = 0; i < count; ++i) {
        const size_t record = 12 + 16 * static_cast<size_t>(i);
        tables[font.bytes(record, 4)] = font.u32(record + 8);
    }
    return tables;
}

// Code point → glyph id from a format 4 (BMP) cmap subtable.
template <typename Visit>
void read_cmap_format4(const Reader& font, size_t table, Visit visit) {
    const size_t segments = font.u16(table + 6) / 2;
    const size_t ends = table + 14;
    const size_t starts = ends + 2 * segments + 2;
    const size_t deltas = starts + 2 * segments;
    const size_t range_offsets = deltas + 2 * segments;
    for (size_t s = 0; s < segments; ++s) {
        const uint32_t end = font.u16(ends + 2 * s);
        const uint32_t start = font.u16(starts + 2 * s);
        const uint16_t delta = font.u16(deltas + 2 * s);
        const uint16_t range_offset = font.u16(range_offsets + 2 * s);
        for (uint32_t c = start; c <= end && c != 0xFFFF; ++c) {
            uint16_t glyph = 0;
            if (range_offset == 0) {
                glyph = static_cast<uint16_t>(c + delta);
            } else {
                const size_t at = range_offsets + 2 * s + range_offset + 2 * (c - start);
                glyph = font.u16(at);
                if (glyph != 0) glyph = static_cast<uint16_t>(glyph + delta);
            }
            if (glyph != 0) visit(static_cast<char32_t>(c), glyph);
        }
    }
}

size_t find_unicode_bmp_cmap(const Reader& font, size_t cmap) {
    const uint16_t count = font.u16(cmap + 2);
    for (uint16_t i = 0; i < count; ++i) {
        const size_t record = cmap + 4 + 8 * static_cast<size_t>(i);
        const uint16_t platform = font.u16(record);
        const uint16_t encoding = font.u16(record + 2);
        const size_t subtable = cmap + font.u32(record + 4);
        if (((platform == 3 && encoding == 1) || platform == 0) && font.u16(subtable) == 4) return subtable;
    }
    return 0;
}

std::string read_postscript_name(const Reader& font, size_t name_table) {
    const uint16_t count = font.u16(name_table + 2);
    const size_t strings = name_table + font.u16(name_table + 4);
    for (uint16_t i = 0; i < count; ++i) {
        const size_t record = name_table + 6 + 12 * static_cast<size_t>(i);
        if (font.u16(record + 6) != 6) continue;  // name id 6: PostScript name
        const std::string raw = font.bytes(strings + font.u16(record + 10), font.u16(record + 8));
        std::string name;
        const bool utf16 = font.u16(record) != 1;  // Mac Roman is one byte a character
        for (size_t k = utf16 ? 1 : 0; k < raw.size(); k += utf16 ? 2 : 1) name += raw[k];
        return name;
    }
    return "";
}

}  // namespace

FontFace FontFace::load(const std::string& path) { return from_bytes(read_file(path, "font file"), path); }

FontFace FontFace::from_bytes(std::string bytes, const std::string& name) {
    FontFace face;
    face.path_ = name;
    face.bytes_ = std::move(bytes);
    face.parse();
    return face;
}

void FontFace::parse() {
    const Reader font(bytes_, path_);
    const auto tables = table_offsets(font);
    for (const char* required : {"head", "hhea", "hmtx", "cmap"}) {
        if (!tables.count(required))
            throw InputError(path_ + ": not a usable TrueType font (no '" + required + "' table)");
    }
    const size_t head = tables.at("head");
    units_per_em_ = font.u16(head + 18);
    for (int i = 0; i < 4; ++i) box_[i] = font.s16(head + 36 + 2 * static_cast<size_t>(i));
    const size_t hhea = tables.at("hhea");
    ascender_ = font.s16(hhea + 4) / units_per_em_;
    descender_ = -font.s16(hhea + 6) / units_per_em_;
    line_gap_ = font.s16(hhea + 8) / units_per_em_;
    cap_height_ = ascender_ * 0.75;
    if (tables.count("OS/2") && font.u16(tables.at("OS/2")) >= 2) cap_height_ = font.s16(tables.at("OS/2") + 88) / units_per_em_;
    if (tables.count("post")) italic_angle_ = static_cast<int32_t>(font.u32(tables.at("post") + 4)) / 65536.0;
    const uint16_t metrics_count = font.u16(hhea + 34);
    const size_t hmtx = tables.at("hmtx");
    const uint16_t glyphs = tables.count("maxp") ? font.u16(tables.at("maxp") + 4) : metrics_count;
    glyph_advances_.resize(glyphs);
    for (uint16_t g = 0; g < glyphs; ++g)
        glyph_advances_[g] = font.u16(hmtx + 4 * static_cast<size_t>(g < metrics_count ? g : metrics_count - 1));
    if (tables.count("name")) postscript_name_ = read_postscript_name(font, tables.at("name"));

    const size_t cmap = find_unicode_bmp_cmap(font, tables.at("cmap"));
    if (cmap == 0) throw InputError(path_ + ": the font has no Unicode character map");
    bmp_glyph_.assign(0x10000, 0);
    read_cmap_format4(font, cmap, [&](char32_t c, uint16_t glyph) {
        if (glyph < glyph_advances_.size()) bmp_glyph_[c] = glyph;
    });
}

bool FontFace::has_glyph(char32_t c) const { return glyph(c) != 0; }

double FontFace::advance(char32_t c) const { return glyph_advances_[glyph(c)] / units_per_em_; }

int FontFace::glyph_width(uint16_t glyph) const {
    const uint16_t units = glyph < glyph_advances_.size() ? glyph_advances_[glyph] : glyph_advances_[0];
    return static_cast<int>(units * 1000 / units_per_em_ + 0.5);
}

FontFace::Box FontFace::bounding_box() const {
    const auto scaled = [&](int units) { return static_cast<int>(units * 1000 / units_per_em_); };
    return {scaled(box_[0]), scaled(box_[1]), scaled(box_[2]), scaled(box_[3])};
}

double FontFace::width(std::string_view text, double size, double letter_spacing) const {
    double total = 0;
    size_t characters = 0;
    for (size_t pos = 0; pos < text.size();) {
        total += advance(utf8::next(text, pos));
        ++characters;
    }
    return total * size + letter_spacing * static_cast<double>(characters);
}

}  // namespace docgen
