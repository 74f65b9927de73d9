// Metrics of one TrueType face, read from the font file: what line breaking
// and pagination need to measure text exactly as the embedded font draws it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace docgen {

class FontFace {
public:
    // Reads the file; InputError naming it when it is missing or not a TrueType font.
    static FontFace load(const std::string& path);
    // A font held in memory (a subset made for embedding); `name` names it in messages.
    static FontFace from_bytes(std::string bytes, const std::string& name);

    const std::string& path() const { return path_; }
    const std::string& bytes() const { return bytes_; }
    const std::string& postscript_name() const { return postscript_name_; }

    // The glyph drawing a code point; 0 (.notdef) when the font has none.
    uint16_t glyph(char32_t c) const { return c < 0x10000 ? bmp_glyph_[c] : 0; }
    size_t glyph_count() const { return glyph_advances_.size(); }
    // Advance of a glyph in thousandths of the size, as PDF widths are given.
    int glyph_width(uint16_t glyph) const;

    // For a PDF font descriptor, in thousandths of the size.
    struct Box {
        int x_min = 0, y_min = 0, x_max = 0, y_max = 0;
    };
    Box bounding_box() const;
    double italic_angle() const { return italic_angle_; }
    int cap_height() const { return static_cast<int>(cap_height_ * 1000); }

    // Advance width of a code point in em units (1.0 = the font size).
    double advance(char32_t c) const;
    bool has_glyph(char32_t c) const;
    // Width of UTF-8 text at a size, with extra spacing after each character.
    double width(std::string_view text, double size, double letter_spacing = 0) const;

    double ascender() const { return ascender_; }    // em units, positive
    double descender() const { return descender_; }  // em units, positive below the baseline
    // Distance between baselines at single spacing, in em units.
    double line_height() const { return ascender_ + descender_ + line_gap_; }

private:
    void parse();

    std::string path_;
    std::string bytes_;
    std::string postscript_name_;
    double ascender_ = 0.9;
    double descender_ = 0.2;
    double line_gap_ = 0;
    double cap_height_ = 0.66;
    double italic_angle_ = 0;
    int box_[4] = {0, 0, 0, 0};
    // The glyph of every Basic Multilingual Plane code point (0 where the font
    // has none) and every glyph's advance in font units: filled once at load,
    // so that measuring is two lookups.
    std::vector<uint16_t> bmp_glyph_;
    std::vector<uint16_t> glyph_advances_;
    double units_per_em_ = 1000;
};

}  // namespace docgen
