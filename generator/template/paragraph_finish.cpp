// A paragraph's runs once binding has made them: whitespace collapsed across
// run boundaries and trimmed at the edges, <nobr> spaces made unbreakable,
// typography applied to the paragraph's whole text at once, so that quotes
// and dashes pair up across bold and plain runs (runs with typography="false"
// kept as they are), and letter spacing taken off each spaced stretch's end.
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

// Stands for a character that typography must leave alone: it is no space,
// quote, dash, digit or letter, so the rules neither change it nor take it for
// a word (U+E000, of the Private Use Area, never in the text itself).
constexpr char32_t kUntouched = U'\uE000';

// Letter spacing is space after every character: the last one of a spaced
// stretch (before other spacing, a line break or the paragraph's end) takes
// none, so that a spaced «п р и к а з ы в а ю» is followed by its colon, not a
// gap, and centres on its letters.
std::vector<Run> end_letter_spacing(std::vector<Run>& runs) {
    std::vector<Run> out;
    for (size_t i = 0; i < runs.size(); ++i) {
        Run& run = runs[i];
        const double spacing = run.props.letter_spacing;
        if (spacing == 0) {
            out.push_back(std::move(run));
            continue;
        }
        const std::u32string text = utf8::decode(run.text);
        const bool stretch_goes_on = i + 1 < runs.size() && runs[i + 1].props.letter_spacing == spacing &&
                                     runs[i + 1].text.front() != '\n';
        size_t from = 0;
        for (size_t k = 0; k < text.size(); ++k) {
            const bool last = k + 1 < text.size() ? text[k + 1] == U'\n' : !stretch_goes_on;
            if (!last || text[k] == U'\n') continue;
            if (k > from) out.push_back(run), out.back().text = utf8::encode(text.substr(from, k - from));
            out.push_back(run);
            out.back().text = utf8::encode(text.substr(k, 1));
            out.back().props.letter_spacing = 0;
            from = k + 1;
        }
        if (from < text.size()) out.push_back(run), out.back().text = utf8::encode(text.substr(from));
    }
    return out;
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
    for (size_t i = 0; i < runs.size(); ++i)
        whole += runs[i].props.typography ? texts[i] : std::u32string(texts[i].size(), kUntouched);
    apply_typography(whole);

    paragraph.runs.clear();
    size_t offset = 0;
    for (size_t i = 0; i < runs.size(); ++i) {
        const size_t length = texts[i].size();
        if (length > 0) {
            runs[i].text = runs[i].props.typography ? utf8::encode(std::u32string_view(whole).substr(offset, length))
                                                    : utf8::encode(texts[i]);
            paragraph.runs.push_back(std::move(runs[i]));
        }
        offset += length;
    }
    paragraph.runs = end_letter_spacing(paragraph.runs);
}

}  // namespace docgen
