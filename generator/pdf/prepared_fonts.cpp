#include "pdf/prepared_fonts.h"

#include <set>

#include "common/utf8.h"

namespace docgen {

namespace {

// What layout adds to the text: hyphens and page numbers, and a chart's
// figures as the number filter writes them.
constexpr std::u32string_view kLayoutCharacters = U"0123456789-−–,. %";

class CharacterCollector {
public:
    explicit CharacterCollector(const FontSet& fonts) : fonts_(fonts) {}

    void blocks(const std::vector<Block>& blocks) {
        for (const Block& block : blocks) std::visit([&](const auto& item) { add(item); }, block);
    }
    void text(const RunProps& props, const std::string& text) {
        auto& characters = used_[&fonts_.face(props)];
        for (size_t pos = 0; pos < text.size();) characters.insert(utf8::next(text, pos));
    }
    std::map<const FontFace*, std::set<char32_t>> faces() {
        for (auto& [face, characters] : used_) characters.insert(kLayoutCharacters.begin(), kLayoutCharacters.end());
        return std::move(used_);
    }

private:
    void add(const Paragraph& paragraph) {
        text(paragraph.run_props, paragraph.label);
        for (const Run& run : paragraph.runs) text(run.props, run.text);
    }
    void add(const List& list) {
        for (const ListItem& item : list.items) blocks(item.blocks);
    }
    void add(const Table& table) {
        for (const Row& row : table.rows)
            for (const Cell& cell : row.cells) blocks(cell.blocks);
    }
    void add(const PageBreak&) {}
    void add(const Chart&) {}  // drawn in the regular face, whose cut write_pdf checks

    const FontSet& fonts_;
    std::map<const FontFace*, std::set<char32_t>> used_;
};

}  // namespace

PreparedFonts prepare_fonts(const Document& document, const FontSet& fonts) {
    CharacterCollector collector(fonts);
    for (const Section& section : document.sections) {
        collector.text(section.page_number_props, "");
        collector.blocks(section.blocks);
    }
    PreparedFonts prepared;
    for (const auto& [face, characters] : collector.faces()) prepared[face] = EmbeddedFont::make(*face, characters);
    return prepared;
}

}  // namespace docgen
