#include "text/line_breaker.h"

#include <algorithm>

#include "common/utf8.h"

namespace docgen {

namespace {

constexpr double kTolerance = 0.01;
// Hyphenate only when the line would otherwise end this far short of the
// margin (Word's "hyphenation zone" has the same purpose): fewer hyphens.
constexpr double kHyphenationZone = 18;
// Sub- and superscripts as word processors set them: about two thirds of the
// size, a superscript raised by a third of the size, a subscript lowered by a seventh.
constexpr double kScriptScale = 0.65;
constexpr double kSuperscriptRise = 0.33;
constexpr double kSubscriptDrop = 0.14;

}  // namespace

// A run of characters between spaces: a range of the paragraph's characters,
// measured character by character so that it can be cut at any of its break
// opportunities.
struct LineBreaker::Word {
    int begin = 0, end = 0;                // in chars_
    int breaks_begin = 0, breaks_end = 0;  // in breaks_
    double space_before = 0;  // the gap between this word and the previous one
    int forced_breaks_before = 0;
    bool glued = false;  // follows a list label: no line break between them

    int size() const { return end - begin; }
};

// The characters [from, to) of a word on one line.
struct LineBreaker::Segment {
    int word;
    int from;
    int to;
    bool hyphen;
};

struct LineBreaker::LineDraft {
    std::vector<Segment> segments;
    double width = 0;
    int gaps = 0;
    bool last = false;  // the paragraph's last line, or one ended by a line break
};

LineBreaker::LineBreaker(const FontSet& fonts, std::shared_ptr<const Hyphenator> hyphenator)
    : fonts_(fonts), hyphenator_(std::move(hyphenator)) {}

int LineBreaker::style_of(const RunProps& props) {
    const double rise = props.script == Script::Super ? kSuperscriptRise * props.size
                        : props.script == Script::Sub ? -kSubscriptDrop * props.size
                                                      : 0;
    const double size = props.script == Script::Normal ? props.size : props.size * kScriptScale;
    const TextStyle style{&fonts_.face(props), size, props.letter_spacing, props.underline, rise};
    for (size_t i = 0; i < styles_.size(); ++i)
        if (styles_[i] == style) return static_cast<int>(i);
    styles_.push_back(style);
    return static_cast<int>(styles_.size()) - 1;
}

double LineBreaker::word_width(const Word& word, int from, int to) const {
    double total = 0;
    for (int i = word.begin + from; i < word.begin + to; ++i) total += advances_[i];
    return total;
}

const std::vector<int>& LineBreaker::hyphenation_points(std::u32string_view letters) {
    key_.assign(letters);
    auto found = hyphenation_cache_.find(key_);
    if (found != hyphenation_cache_.end()) return found->second;
    std::vector<int> points = hyphenator_ ? hyphenator_->break_points(letters) : std::vector<int>{};
    return hyphenation_cache_.emplace(key_, std::move(points)).first->second;
}

// Break opportunities inside a word: after a hyphen, dash or slash joining two
// parts, and, where allowed, at the hyphenation points of its letter runs.
// Words with digits or no-break spaces (numbers, "№ 5", "Е.П. Талкина") and
// abbreviations in capitals are never hyphenated.
void LineBreaker::add_break_opportunities(Word& word, bool hyphenate) {
    const std::u32string_view chars = std::u32string_view(chars_).substr(word.begin, word.size());
    const int size = word.size();
    word.breaks_begin = static_cast<int>(breaks_.size());
    bool may_hyphenate = hyphenate;
    for (char32_t c : chars)
        if (utf8::is_digit(c) || c == utf8::kNoBreakSpace) may_hyphenate = false;
    for (int i = 0; i < size;) {
        if (!utf8::is_letter(chars[i])) {
            const bool joiner = chars[i] == U'-' || chars[i] == U'/' || chars[i] == U'–';
            if (joiner && i > 0 && i + 1 < size && utf8::is_letter(chars[i + 1])) breaks_.push_back({i + 1, false});
            ++i;
            continue;
        }
        int end = i;
        int capitals = 0;
        while (end < size && utf8::is_letter(chars[end])) capitals += utf8::is_upper(chars[end++]);
        const bool abbreviation = capitals > 1 || (capitals == 1 && !utf8::is_upper(chars[i]));
        if (may_hyphenate && !abbreviation && end - i >= 4) {
            for (int point : hyphenation_points(chars.substr(i, end - i))) breaks_.push_back({i + point, true});
        }
        i = end;
    }
    word.breaks_end = static_cast<int>(breaks_.size());
    std::sort(breaks_.begin() + word.breaks_begin, breaks_.end(),
              [](const Opportunity& a, const Opportunity& b) { return a.at < b.at; });
}

void LineBreaker::add_character(char32_t c, int style, double advance) {
    chars_ += c;
    char_styles_.push_back(style);
    advances_.push_back(advance);
}

std::vector<LineBreaker::Word> LineBreaker::split_words(const Paragraph& paragraph) {
    chars_.clear();
    char_styles_.clear();
    advances_.clear();
    breaks_.clear();
    std::vector<Word> words;
    Word current;
    double pending_space = 0;
    int pending_breaks = 0;
    bool current_hyphenate = paragraph.props.hyphenate;
    const auto finish_word = [&] {
        current.end = static_cast<int>(chars_.size());
        if (current.size() > 0) {
            current.space_before = words.empty() || pending_breaks > 0 ? 0 : pending_space;
            current.forced_breaks_before = pending_breaks;
            add_break_opportunities(current, current_hyphenate);
            words.push_back(current);
            current_hyphenate = paragraph.props.hyphenate;
            pending_space = 0;
            pending_breaks = 0;
        }
        current = Word{};
        current.begin = static_cast<int>(chars_.size());
    };
    for (const Run& run : paragraph.runs) {
        const int style = style_of(run.props);
        const TextStyle text_style = styles_[style];
        const double space = text_style.face->advance(U' ') * text_style.size;
        for (size_t pos = 0; pos < run.text.size();) {
            const char32_t c = utf8::next(run.text, pos);
            if (c == U' ' || c == U'\t' || c == U'\n') {
                finish_word();
                if (c == U'\n') ++pending_breaks;
                else if (pending_space == 0) pending_space = space;
                continue;
            }
            if (!run.hyphenate) current_hyphenate = false;
            const double advance = c == utf8::kNoBreakSpace ? space : text_style.face->advance(c) * text_style.size;
            add_character(c, style, advance + text_style.letter_spacing);
        }
    }
    finish_word();
    return words;
}

std::vector<LineBreaker::LineDraft> LineBreaker::fill_lines(const Paragraph& paragraph,
                                                             const std::vector<Word>& words, double width,
                                                             bool label_hangs) {
    const ParagraphProps& props = paragraph.props;
    const auto line_room = [&](size_t line_index) {
        const double indent = line_index > 0 || label_hangs ? 0 : props.first_line_indent;
        return width - props.indent_left - indent - props.indent_right;
    };
    const auto hyphen_width = [&](const Word& word, int at) {
        const TextStyle& style = styles_[char_styles_[word.begin + at - 1]];
        return style.face->advance(U'-') * style.size;
    };

    std::vector<LineDraft> drafts;
    LineDraft current;
    const auto finish_line = [&](bool last) {
        current.last = last;
        drafts.push_back(std::move(current));
        current = LineDraft{};
    };
    const auto add = [&](int word, int from, int to, bool hyphen, double part_width, double gap) {
        current.width += (current.segments.empty() ? 0 : gap) + part_width;
        current.gaps += current.segments.empty() ? 0 : 1;
        current.segments.push_back({word, from, to, hyphen});
    };

    int start = 0;  // characters of words[i] already on earlier lines
    for (size_t i = 0; i < words.size();) {
        const Word& word = words[i];
        if (start == 0 && word.forced_breaks_before > 0 && i > 0) {
            for (int b = 0; b < word.forced_breaks_before; ++b) finish_line(true);
        }
        const double room = line_room(drafts.size());
        const double gap = current.segments.empty() ? 0 : word.space_before;
        const double rest = word_width(word, start, word.size());
        if (current.width + gap + rest <= room + kTolerance) {
            add(static_cast<int>(i), start, word.size(), false, rest, gap);
            ++i;
            start = 0;
            continue;
        }
        // The word overflows: cut it at the last opportunity that fits, if the
        // line would otherwise stay short.
        const bool alone = current.segments.empty() || (word.glued && start == 0 && current.segments.size() == 1);
        int best = -1;
        bool best_hyphen = false;
        if (room - current.width > kHyphenationZone || alone) {
            for (int b = word.breaks_begin; b < word.breaks_end; ++b) {
                const Opportunity& opportunity = breaks_[b];
                if (opportunity.at <= start) continue;
                const double part = word_width(word, start, opportunity.at) +
                                    (opportunity.hyphen ? hyphen_width(word, opportunity.at) : 0);
                if (current.width + gap + part > room + kTolerance) break;
                best = opportunity.at;
                best_hyphen = opportunity.hyphen;
            }
        }
        if (best < 0 && alone) {
            // Longer than a whole line and no place to break: cut between
            // characters rather than draw outside the box.
            best = start + 1;
            while (best < word.size() && current.width + gap + word_width(word, start, best + 1) <= room + kTolerance) ++best;
        }
        if (best > 0) {
            const double part = word_width(word, start, best) + (best_hyphen ? hyphen_width(word, best) : 0);
            add(static_cast<int>(i), start, best, best_hyphen, part, gap);
            start = best;
        }
        finish_line(false);
    }
    if (!current.segments.empty() || drafts.empty()) finish_line(true);
    drafts.back().last = true;
    return drafts;
}

std::vector<Line> LineBreaker::break_paragraph(const Paragraph& paragraph, double width) {
    styles_.clear();
    std::vector<Word> words = split_words(paragraph);
    const ParagraphProps& props = paragraph.props;

    // A list label either hangs in the negative first-line indent or leads the text.
    double hanging_label_width = -1;
    if (!paragraph.label.empty()) {
        const TextStyle style = styles_[style_of(paragraph.run_props)];
        const double label_width = style.face->width(paragraph.label, style.size, style.letter_spacing);
        const double gap = style.face->advance(U' ') * style.size;
        if (props.first_line_indent < 0 && label_width + gap <= -props.first_line_indent + kTolerance) {
            hanging_label_width = label_width;
        } else {
            Word label;
            const int label_style = style_of(paragraph.run_props);
            label.begin = static_cast<int>(chars_.size());
            for (char32_t c : utf8::decode(paragraph.label))
                add_character(c, label_style, style.face->advance(c) * style.size + style.letter_spacing);
            label.end = static_cast<int>(chars_.size());
            label.breaks_begin = label.breaks_end = static_cast<int>(breaks_.size());
            if (!words.empty()) {
                words.front().space_before = gap;
                words.front().glued = true;
            }
            words.insert(words.begin(), label);
        }
    }
    const auto drafts = fill_lines(paragraph, words, width, hanging_label_width >= 0);
    return place_lines(paragraph, words, drafts, width, hanging_label_width);
}

std::vector<Line> LineBreaker::place_lines(const Paragraph& paragraph, const std::vector<Word>& words,
                                           const std::vector<LineDraft>& drafts, double width,
                                           double hanging_label_width) {
    const ParagraphProps& props = paragraph.props;
    const int default_style = style_of(paragraph.run_props);
    std::vector<Line> lines;
    lines.reserve(drafts.size());
    for (size_t n = 0; n < drafts.size(); ++n) {
        const LineDraft& draft = drafts[n];
        const bool first = n == 0;
        const double start = props.indent_left + (first && hanging_label_width < 0 ? props.first_line_indent : 0);
        const double room = width - start - props.indent_right;
        const double slack = std::max(0.0, room - draft.width);
        double x = start;
        double stretch = 0;
        switch (props.align) {
            case Align::Left: break;
            case Align::Center: x += slack / 2; break;
            case Align::Right: x += slack; break;
            case Align::Justify:
                if (!draft.last && draft.gaps > 0) stretch = slack / draft.gaps;
                break;
        }
        Line line;
        std::vector<int> used_styles{default_style};
        if (first && hanging_label_width >= 0) {
            const TextStyle& style = styles_[default_style];
            line.pieces.push_back({props.indent_left + props.first_line_indent, hanging_label_width, paragraph.label,
                                   style.face, style.size, style.letter_spacing, style.underline, style.rise});
        }
        for (size_t s = 0; s < draft.segments.size(); ++s) {
            const Segment& segment = draft.segments[s];
            const Word& word = words[segment.word];
            if (s > 0) x += word.space_before + stretch;
            // Unstretched words in one style share a piece: fewer drawing operations.
            const bool join_previous = s > 0 && stretch == 0 && !line.pieces.empty();
            for (int i = segment.from; i < segment.to;) {
                int end = i;
                const int piece_style = char_styles_[word.begin + i];
                while (end < segment.to && char_styles_[word.begin + end] == piece_style) ++end;
                const TextStyle& style = styles_[piece_style];
                std::string text;
                for (int k = word.begin + i; k < word.begin + end; ++k)
                    utf8::append(text, chars_[k] == utf8::kNoBreakSpace ? U' ' : chars_[k]);
                double piece_width = word_width(word, i, end);
                if (segment.hyphen && end == segment.to) {
                    text += '-';
                    piece_width += style.face->advance(U'-') * style.size;
                    line.ends_with_hyphen = true;
                }
                PlacedText* previous = line.pieces.empty() ? nullptr : &line.pieces.back();
                const bool same_style = previous && previous->face == style.face && previous->size == style.size &&
                                        previous->letter_spacing == style.letter_spacing &&
                                        previous->underline == style.underline && previous->rise == style.rise;
                if (join_previous && i == segment.from && same_style) {
                    previous->text += ' ';
                    previous->text += text;
                    previous->width = x + piece_width - previous->x;
                } else {
                    line.pieces.push_back(
                        {x, piece_width, std::move(text), style.face, style.size, style.letter_spacing, style.underline,
                         style.rise});
                }
                used_styles.push_back(piece_style);
                x += piece_width;
                i = end;
            }
        }
        for (int index : used_styles) {
            const TextStyle& style = styles_[index];
            line.ascent = std::max(line.ascent, style.face->ascender() * style.size);
            line.height = std::max(line.height, style.face->line_height() * style.size * props.line_spacing);
        }
        lines.push_back(std::move(line));
    }
    return lines;
}

}  // namespace docgen
