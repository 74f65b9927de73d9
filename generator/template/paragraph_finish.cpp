// A paragraph's runs once binding has made them: whitespace collapsed across
// run boundaries and trimmed at the edges, <nobr> spaces made unbreakable,
// and typography applied to the paragraph's whole text at once, so that
// quotes and dashes pair up across bold and plain runs.
#include <algorithm>

#include "common/utf8.h"
#include "template/binder.h"
#include "template/typography.h"

namespace docgen {

namespace {

bool same_format(const Run& a, const Run& b) {
    return a.props == b.props && a.hyphenate == b.hyphenate && a.no_break == b.no_break;
}

std::vector<Run> merge_neighbours(std::vector<Run>& runs) {
    std::vector<Run> merged;
    for (Run& run : runs) {
        if (!merged.empty() && same_format(merged.back(), run)) merged.back().text += run.text;
        else merged.push_back(std::move(run));
    }
    return merged;
}

// One space where template or data had several, none at the paragraph's edges.
void collapse_spaces(std::vector<std::u32string>& texts) {
    bool after_space = true;  // the paragraph's start counts as a space: leading spaces go
    for (std::u32string& text : texts) {
        std::u32string kept;
        for (char32_t c : text) {
            if (c == U' ' && after_space) continue;
            kept += c;
            after_space = c == U' ' || c == U'\n';
        }
        text = std::move(kept);
    }
    for (auto it = texts.rbegin(); it != texts.rend(); ++it) {
        while (!it->empty() && it->back() == U' ') it->pop_back();
        if (!it->empty()) break;
    }
}

void tie_spaces_inside(std::u32string& text) {
    for (size_t i = 1; i + 1 < text.size(); ++i)
        if (text[i] == U' ') text[i] = utf8::kNoBreakSpace;
}

}  // namespace

void finish_paragraph(Paragraph& paragraph) {
    std::vector<Run> runs = merge_neighbours(paragraph.runs);
    std::vector<std::u32string> texts;
    for (const Run& run : runs) texts.push_back(utf8::decode(run.text));
    collapse_spaces(texts);
    for (size_t i = 0; i < runs.size(); ++i)
        if (runs[i].no_break) tie_spaces_inside(texts[i]);

    std::u32string whole;
    for (const auto& text : texts) whole += text;
    apply_typography(whole);

    paragraph.runs.clear();
    size_t offset = 0;
    for (size_t i = 0; i < runs.size(); ++i) {
        const size_t length = texts[i].size();
        if (length > 0) {
            runs[i].text = utf8::encode(std::u32string_view(whole).substr(offset, length));
            paragraph.runs.push_back(std::move(runs[i]));
        }
        offset += length;
    }
}

}  // namespace docgen
