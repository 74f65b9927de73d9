// A face cut to a set of characters and prepared for embedding: the font
// program compressed, the glyph of each character (the codes the content
// streams use), the glyph widths and the ToUnicode map that lets readers
// extract the text.
#pragma once

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "text/font_face.h"

namespace docgen {

struct EmbeddedFont {
    const FontFace* face = nullptr;  // the whole face it was cut from
    FontFace subset;                 // the cut: its cmap gives each character's glyph
    std::string base_font;           // "ABCDEF+LiberationSerif-Bold": the tag names the subset
    std::string program;             // the subset's bytes, deflated
    size_t program_length = 0;       // before deflating (the stream's /Length1)
    std::string to_unicode;          // the ToUnicode CMap, deflated
    std::vector<int> widths;         // of every glyph of the subset, in thousandths

    // std::runtime_error when HarfBuzz cannot cut the face.
    static std::shared_ptr<const EmbeddedFont> make(const FontFace& face, const std::set<char32_t>& characters);
};

}  // namespace docgen
