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

    const std::string& path() const { return path_; }
    const std::string& postscript_name() const { return postscript_name_; }

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
    void parse(const std::string& bytes);

    std::string path_;
    std::string postscript_name_;
    double ascender_ = 0.9;
    double descender_ = 0.2;
    double line_gap_ = 0;
    // Advance of every Basic Multilingual Plane code point, in font units;
    // kNoGlyph where the font has none. Filled once at load: measuring is a lookup.
    static constexpr uint16_t kNoGlyph = 0xFFFF;
    std::vector<uint16_t> bmp_advance_;
    uint16_t missing_advance_ = 0;
    double units_per_em_ = 1000;
};

}  // namespace docgen
