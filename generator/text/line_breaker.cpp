#include "text/line_breaker.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "common/utf8.h"

namespace docgen {

namespace {

constexpr double kTolerance = 0.01;

// Total fit (Knuth and Plass, as in TeX): every way of breaking a paragraph
// is scored by its lines' badness and its breaks' penalties, and the least
// demerits win. The figures are TeX's where TeX has one.
constexpr double kLinePenalty = 10;            // every line: fewer lines when all else is equal
constexpr double kHyphenDemerits = 50 * 50;    // a break at a hyphen (drawn or in the word)
constexpr double kDoubleHyphenDemerits = 10000;  // two lines in a row ending with one
constexpr double kFinalHyphenDemerits = 5000;    // the last full line ending with one
// A last line that is nothing but the end of a word broken on the line
// before («ния.», «сентябрь)» after «(август-»).
constexpr double kScrapDemerits = 5e8;
// A proper name of a few words in quotes («Климовская средняя школа»)
// is hyphenated only where no other break keeps the lines even.
constexpr double kQuotedNameDemerits = 9e6;
// Looseness limit: word gaps stretch by half a space with ratio 1; past
// kMostStretch of a space what a justified line still lacks goes between its
// letters, up to kMaxLetterSpacing of an em each, then into the gaps again.
// A line whose gaps would then grow to twice the space (kLooseStretch, with a
// margin) is loose, and any breaking without loose lines beats one with them.
constexpr double kStretchPerSpace = 0.5;
constexpr double kMostStretch = 0.75;
constexpr double kLooseStretch = 0.97;
constexpr double kMaxLetterSpacing = 0.05;
// Rather than leave a scrap, a line may space its letters a little further:
// such a strained line costs less than a scrap and more than any other line.
constexpr double kStrainedLetterSpacing = 0.07;
constexpr double kStrainedDemerits = 1e8;
// Word gaps of justified lines may also shrink, to 80 % of the space, and
// then their letters close up by up to a hundredth of an em.
constexpr double kShrinkPerSpace = 0.2;
constexpr double kMaxLetterTightening = 0.01;
constexpr double kLooseDemerits = 1e10;
constexpr double kMaxBadness = 10000;
// Lines of ragged (left, centred, right) text are scored against this much
// free room, in ems of the paragraph's size.
constexpr double kRaggedStretchEms = 3;
// A word wider than the line is cut between characters, and only a line of
// a single unbreakable piece may stick out.
constexpr double kCutDemerits = 1e12;
constexpr double kOverfullDemerits = 1e14;
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
    bool glued = false;         // follows a list label: no line break between them
    bool quoted_name = false;   // in a short name in quotes: hyphenated only as a last resort

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

namespace {

// What breaking a paragraph reads of it, with the box: equal keys give equal
// lines. (Its style's name and its origin do not count.)
struct ParagraphKey {
    double width;
    Hyphenation hyphenation;
    ParagraphProps props;
    RunProps run_props;
    std::string label;
    std::vector<Run> runs;
    bool operator==(const ParagraphKey&) const = default;
};

struct ParagraphKeyHash {
    size_t operator()(const ParagraphKey& key) const {
        size_t hash = std::hash<double>{}(key.width) ^ std::hash<std::string>{}(key.label);
        for (const Run& run : key.runs) hash = hash * 31 + std::hash<std::string>{}(run.text);
        return hash;
    }
};

// Memory a thread's cache may take before it starts again.
constexpr size_t kCachedParagraphBytes = 16 << 20;
constexpr size_t kCachedWords = 100000;

}  // namespace

// The lines of the paragraphs a thread has broken and the hyphenation points
// of its words, for the documents it lays out next: a run's documents repeat
// most of their paragraphs and nearly all their words. It serves one set of
// faces and one hyphenator, which it holds so that the faces its lines point
// at stay where they are; another set empties it, and so does growing past
// its budget.
class LineBreaker::Cache {
public:
    static Cache& of_thread(const FontSet& fonts, const std::shared_ptr<const Hyphenator>& hyphenator) {
        thread_local Cache cache;
        if (!(cache.fonts_ == fonts) || cache.hyphenator_ != hyphenator) {
            cache = Cache();
            cache.fonts_ = fonts;
            cache.hyphenator_ = hyphenator;
        }
        return cache;
    }

    const std::vector<Line>* lines(const ParagraphKey& key) const {
        const auto found = paragraphs_.find(key);
        return found == paragraphs_.end() ? nullptr : &found->second;
    }

    void add(ParagraphKey key, const std::vector<Line>& lines) {
        size_t bytes = sizeof key + key.label.size() + key.runs.size() * sizeof(Run);
        for (const Run& run : key.runs) bytes += run.text.size();
        for (const Line& line : lines) {
            bytes += sizeof line + line.pieces.size() * sizeof(PlacedText);
            for (const PlacedText& piece : line.pieces) bytes += piece.text.size();
        }
        if (bytes_ + bytes > kCachedParagraphBytes) paragraphs_.clear(), bytes_ = 0;
        paragraphs_.emplace(std::move(key), lines);
        bytes_ += bytes;
    }

    // A word's points, looked up with the hyphenator on first use.
    const std::vector<int>& points(const std::u32string& letters) {
        if (const auto found = words_.find(letters); found != words_.end()) return found->second;
        if (words_.size() >= kCachedWords) words_.clear();
        return words_.emplace(letters, hyphenator_ ? hyphenator_->break_points(letters) : std::vector<int>{})
            .first->second;
    }

private:
    FontSet fonts_;
    std::shared_ptr<const Hyphenator> hyphenator_;
    std::unordered_map<ParagraphKey, std::vector<Line>, ParagraphKeyHash> paragraphs_;
    size_t bytes_ = 0;
    std::unordered_map<std::u32string, std::vector<int>> words_;
};

LineBreaker::LineBreaker(const FontSet& fonts, std::shared_ptr<const Hyphenator> hyphenator)
    : fonts_(fonts), hyphenator_(std::move(hyphenator)) {}

double LineBreaker::text_room(const ParagraphProps& props, double width) {
    return width - props.indent_left - props.indent_right - std::max(0.0, props.first_line_indent);
}

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
    return advance_sums_[word.begin + to] - advance_sums_[word.begin + from];
}

double LineBreaker::hyphen_width(const Word& word, int at) const {
    const TextStyle& style = styles_[char_styles_[word.begin + at - 1]];
    return style.face->advance(U'-') * style.size;
}

const std::vector<int>& LineBreaker::hyphenation_points(std::u32string_view letters) {
    key_.assign(letters);
    return cache_->points(key_);
}

// Break opportunities inside a word: after a hyphen or dash between the
// letters of two words («социально-экономический»), and, where allowed, at
// the hyphenation points of its letter runs. Words with digits or «№»
// (numbers, «№ 548-ОД», «2021-го») never break at a hyphen, and a slash
// never breaks («и/или», addresses). Not hyphenated: abbreviations in
// capitals, names tied to their initials by a no-break space («Е.П.
// Талкина»), and letters joined to a number («30-летие»); other tied words
// are («обучающихся –», «4 человека»).
void LineBreaker::add_break_opportunities(Word& word, bool hyphenate) {
    const std::u32string_view chars = std::u32string_view(chars_).substr(word.begin, word.size());
    const int size = word.size();
    word.breaks_begin = static_cast<int>(breaks_.size());
    bool whole = false;  // a number, or what follows «№»
    bool tied = false;   // words a no-break space holds together
    for (char32_t c : chars) {
        if (utf8::is_digit(c) || c == U'№') whole = true;
        if (c == utf8::kNoBreakSpace) tied = true;
    }
    for (int i = 0; i < size;) {
        if (!utf8::is_letter(chars[i])) {
            const bool joiner = chars[i] == U'-' || chars[i] == U'–';
            if (joiner && !whole && i > 0 && utf8::is_letter(chars[i - 1]) && i + 1 < size &&
                utf8::is_letter(chars[i + 1]))
                breaks_.push_back({i + 1, false});
            ++i;
            continue;
        }
        int end = i;
        int capitals = 0;
        while (end < size && utf8::is_letter(chars[end])) capitals += utf8::is_upper(chars[end++]);
        const bool abbreviation = capitals > 1 || (capitals == 1 && !utf8::is_upper(chars[i]));
        const bool name = tied && capitals > 0;  // «Е.П. Талкина»: a surname tied to its initials
        int joined = i;  // a number before the letters, directly or by a hyphen
        while (joined > 0 && (chars[joined - 1] == U'-' || chars[joined - 1] == U'–')) --joined;
        const bool numbered = joined > 0 && utf8::is_digit(chars[joined - 1]);
        if (hyphenate && !abbreviation && !name && !numbered && end - i >= 4) {
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
    mark_quoted_names(words);
    return words;
}

// Words of a name of up to three words in quotes that starts with a capital:
// «Климовская средняя школа», «Точка роста».
void LineBreaker::mark_quoted_names(std::vector<Word>& words) const {
    constexpr size_t kLongestName = 3;
    for (size_t i = 0; i < words.size(); ++i) {
        const Word& first = words[i];
        int letter = first.begin;
        while (letter < first.end && chars_[letter] == U'«') ++letter;
        if (letter == first.begin || letter == first.end || !utf8::is_upper(chars_[letter])) continue;
        for (size_t j = i; j < words.size() && j < i + kLongestName; ++j) {
            const auto begin = chars_.begin() + words[j].begin;
            if (std::find(j == i ? chars_.begin() + letter : begin, chars_.begin() + words[j].end, U'»') ==
                chars_.begin() + words[j].end)
                continue;
            for (size_t k = i; k <= j; ++k) words[k].quoted_name = true;
            i = j;
            break;
        }
    }
}

// The places the words [first, last) may be broken at, in order; the last
// is the run's end. A piece of a word wider than the narrowest line may also
// be cut between any two of its characters.
void LineBreaker::add_candidates(const std::vector<Word>& words, size_t first, size_t last, double narrowest,
                                 Hyphenation hyphenation) {
    candidates_.clear();
    for (size_t w = first; w < last; ++w) {
        const Word& word = words[w];
        const int index = static_cast<int>(w);
        const bool hyphenate = hyphenation == Hyphenation::Allowed || word_width(word, 0, word.size()) > narrowest;
        int piece_start = 0;
        const auto add_cuts = [&](int piece_end) {
            if (word_width(word, piece_start, piece_end) <= narrowest + kTolerance) return;
            for (int at = piece_start + 1; at < piece_end; ++at)
                candidates_.push_back({index, at, false, false, false, kCutDemerits});
        };
        for (int b = word.breaks_begin; b < word.breaks_end; ++b) {
            const Opportunity& opportunity = breaks_[b];
            if (opportunity.hyphen && !hyphenate) continue;
            add_cuts(opportunity.at);
            const double demerits = opportunity.hyphen && word.quoted_name ? kQuotedNameDemerits : kHyphenDemerits;
            candidates_.push_back({index, opportunity.at, opportunity.hyphen, true, false, demerits});
            piece_start = opportunity.at;
        }
        add_cuts(word.size());
        const bool run_end = w + 1 == last;
        if (run_end || !words[w + 1].glued) candidates_.push_back({index, word.size(), false, false, run_end, 0});
    }
}

// Breaks the words [first, last), which a forced line break or the
// paragraph's ends delimit, into lines: the first `first_room` wide, the
// others `room`.
void LineBreaker::break_run(const Paragraph& paragraph, const std::vector<Word>& words, size_t first, size_t last,
                            double first_room, double room, std::vector<LineDraft>& drafts) {
    const bool justified = paragraph.props.align == Align::Justify;
    const double ragged_stretch = kRaggedStretchEms * paragraph.run_props.size;
    // Running sums over the words: their widths with the space before each,
    // and those spaces alone.
    std::vector<double>& filled = filled_;
    std::vector<double>& spaces = spaces_;
    std::vector<int>& sizes = sizes_;  // and their characters
    filled.assign(last - first + 1, 0);
    spaces.assign(last - first + 1, 0);
    sizes.assign(last - first + 1, 0);
    const double letter_room = kMaxLetterSpacing * paragraph.run_props.size;
    const double strained_room = kStrainedLetterSpacing * paragraph.run_props.size;
    const double tightening = justified ? kMaxLetterTightening * paragraph.run_props.size : 0;
    for (size_t w = first; w < last; ++w) {
        const Word& word = words[w];
        spaces[w - first + 1] = spaces[w - first] + word.space_before;
        sizes[w - first + 1] = sizes[w - first] + word.size();
        filled[w - first + 1] = filled[w - first] + word.space_before + word_width(word, 0, word.size());
    }
    // Where the line after a node starts: a word and a character in it.
    const auto start_of = [&](const Node& node) -> std::pair<int, int> { return {node.start_word, node.start_at}; };

    nodes_.clear();
    active_.clear();
    nodes_.push_back({-1, -1, 0, static_cast<int>(first), 0});
    active_.push_back(0);
    for (size_t c = 0; c < candidates_.size(); ++c) {
        const Candidate& candidate = candidates_[c];
        const Word& end_word = words[candidate.word];
        int best_previous = -1;
        double best_total = std::numeric_limits<double>::infinity();
        size_t kept = 0;
        for (int index : active_) {
            const Node& node = nodes_[index];
            const auto [start_word, start_at] = start_of(node);
            double width;
            if (start_word == candidate.word) {
                width = word_width(end_word, start_at, candidate.at);
            } else {
                const Word& start = words[start_word];
                width = word_width(start, start_at, start.size()) + filled[candidate.word - first] -
                        filled[start_word + 1 - first] + end_word.space_before + word_width(end_word, 0, candidate.at);
            }
            const double natural = width;
            if (candidate.hyphen) width += hyphen_width(end_word, candidate.at);
            const double line_room = node.candidate < 0 ? first_room : room;
            const bool next_candidate = static_cast<size_t>(node.candidate + 1) == c;
            const double gaps =
                candidate.word > start_word ? spaces[candidate.word + 1 - first] - spaces[start_word + 1 - first] : 0;
            // The line's characters and its gaps.
            const int letters = candidate.word > start_word
                                    ? words[start_word].size() - start_at + sizes[candidate.word - first] -
                                          sizes[start_word + 1 - first] + candidate.at
                                    : candidate.at - start_at;
            const int count = candidate.word - start_word;
            const double shrink = justified ? gaps * kShrinkPerSpace : 0;
            const double most_shrink = shrink + tightening * letters;
            double badness = 0;
            double demerits = 0;
            if (width - most_shrink > line_room + kTolerance) {
                if (natural - most_shrink > line_room + kTolerance && !next_candidate) continue;  // only longer from here on
                active_[kept++] = index;
                if (!next_candidate) continue;
                demerits = kOverfullDemerits;  // nothing narrower can end here
            } else {
                active_[kept++] = index;
                const double slack = line_room - width;
                if (slack < -kTolerance) {
                    const double ratio = shrink > 0 ? -slack / shrink : 2;
                    badness = std::min(kMaxBadness, 100 * ratio * ratio * ratio);
                } else if (!candidate.forced) {
                    const double stretch = justified ? gaps * kStretchPerSpace : ragged_stretch;
                    const double ratio =
                        stretch > 0 ? slack / stretch : (slack > kTolerance ? kMaxBadness : 0);
                    badness = std::min(kMaxBadness, 100 * ratio * ratio * ratio);
                    if (justified && slack > kMostStretch * gaps) {
                        // With its letters spaced as far as they go, each of the
                        // line's gaps takes (slack - letter_room * letters) / count
                        // and the letter spacing after the word before it.
                        const double spaced = std::max(letters - count, 0);
                        if (slack > kLooseStretch * gaps + letter_room * spaced) {
                            const double excess = slack - kLooseStretch * gaps - strained_room * spaced;
                            // Among loose lines, the less loose: the excess in spaces a gap.
                            demerits += excess > 0 ? kLooseDemerits * (1 + (gaps > 0 ? excess / gaps : excess))
                                                   : kStrainedDemerits;
                        }
                    }
                }
            }
            demerits += (kLinePenalty + badness) * (kLinePenalty + badness) + candidate.demerits;
            if (node.candidate >= 0) {
                const Candidate& previous = candidates_[node.candidate];
                if (previous.flagged && candidate.flagged) demerits += kDoubleHyphenDemerits;
                if (previous.flagged && candidate.forced) {
                    demerits += kFinalHyphenDemerits;
                    if (start_word == candidate.word) demerits += kScrapDemerits;
                }
            }
            const double total = node.total + demerits;
            if (total < best_total) {
                best_total = total;
                best_previous = index;
            }
        }
        active_.resize(kept);
        if (best_previous < 0) continue;
        const bool inside = candidate.at < end_word.size();
        nodes_.push_back({static_cast<int>(c), best_previous, best_total, inside ? candidate.word : candidate.word + 1,
                          inside ? candidate.at : 0});
        active_.push_back(static_cast<int>(nodes_.size()) - 1);
    }

    // The best breaking ends at the run's end, the last node made.
    std::vector<int> chain;
    for (int index = static_cast<int>(nodes_.size()) - 1; index > 0; index = nodes_[index].previous)
        chain.push_back(index);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const Node& node = nodes_[*it];
        const Candidate& end = candidates_[node.candidate];
        auto [word, at] = start_of(nodes_[node.previous]);
        LineDraft line;
        for (; word <= end.word; ++word, at = 0) {
            const bool last_word = word == end.word;
            const int to = last_word ? end.at : words[word].size();
            const bool hyphen = last_word && end.hyphen;
            const double gap = line.segments.empty() ? 0 : words[word].space_before;
            line.width += gap + word_width(words[word], at, to) + (hyphen ? hyphen_width(words[word], to) : 0);
            line.gaps += line.segments.empty() ? 0 : 1;
            line.segments.push_back({word, at, to, hyphen});
        }
        line.last = end.forced;
        drafts.push_back(std::move(line));
    }
}

std::vector<LineBreaker::LineDraft> LineBreaker::fill_lines(const Paragraph& paragraph,
                                                             const std::vector<Word>& words, double width,
                                                             bool label_hangs, Hyphenation hyphenation) {
    const ParagraphProps& props = paragraph.props;
    const double room = std::max(0.0, width - props.indent_left - props.indent_right);
    const double first_room = std::max(0.0, room - (label_hangs ? 0 : props.first_line_indent));
    advance_sums_.resize(advances_.size() + 1);
    advance_sums_[0] = 0;
    for (size_t i = 0; i < advances_.size(); ++i) advance_sums_[i + 1] = advance_sums_[i] + advances_[i];

    std::vector<LineDraft> drafts;
    for (size_t first = 0; first < words.size();) {
        size_t last = first + 1;
        while (last < words.size() && words[last].forced_breaks_before == 0) ++last;
        add_candidates(words, first, last, std::min(room, first_room), hyphenation);
        break_run(paragraph, words, first, last, drafts.empty() ? first_room : room, room, drafts);
        if (last < words.size())
            for (int b = 1; b < words[last].forced_breaks_before; ++b) drafts.push_back(LineDraft{{}, 0, 0, true});
        first = last;
    }
    if (drafts.empty()) drafts.push_back(LineDraft{{}, 0, 0, true});
    return drafts;
}

std::vector<Line> LineBreaker::break_paragraph(const Paragraph& paragraph, double width, Hyphenation hyphenation) {
    cache_ = &Cache::of_thread(fonts_, hyphenator_);
    ParagraphKey key{width, hyphenation, paragraph.props, paragraph.run_props, paragraph.label, paragraph.runs};
    if (const std::vector<Line>* lines = cache_->lines(key)) return *lines;
    std::vector<Line> lines = break_uncached(paragraph, width, hyphenation);
    cache_->add(std::move(key), lines);
    return lines;
}

std::vector<Line> LineBreaker::break_uncached(const Paragraph& paragraph, double width, Hyphenation hyphenation) {
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
    const auto drafts = fill_lines(paragraph, words, width, hanging_label_width >= 0, hyphenation);
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
        // Negative for a justified line whose word gaps shrink (a last line too, when it
        // is a little wider than the box).
        const bool justified = props.align == Align::Justify && (!draft.last || draft.width > room);
        const double slack = justified ? room - draft.width : std::max(0.0, room - draft.width);
        double x = start;
        double stretch = 0;
        double letter_spacing = 0;  // added to every character of a line too loose by its gaps alone
        switch (props.align) {
            case Align::Left: break;
            case Align::Center: x += slack / 2; break;
            case Align::Right: x += slack; break;
            case Align::Justify:
                if (justified && (draft.gaps > 0 || slack < 0)) {
                    double spaces = 0;
                    int letters = 0;
                    for (size_t s = 0; s < draft.segments.size(); ++s) {
                        spaces += s > 0 ? words[draft.segments[s].word].space_before : 0;
                        letters += draft.segments[s].to - draft.segments[s].from;
                    }
                    const double size = paragraph.run_props.size;
                    if (slack > kMostStretch * spaces && letters > 0) {
                        letter_spacing = std::min((slack - kMostStretch * spaces) / letters, kMaxLetterSpacing * size);
                        // Gaps still wider than kLooseStretch: a strained line spaces its letters further.
                        if (letters > draft.gaps &&
                            slack - letter_spacing * (letters - draft.gaps) > kLooseStretch * spaces)
                            letter_spacing = std::min((slack - kLooseStretch * spaces) / (letters - draft.gaps),
                                                      kStrainedLetterSpacing * size);
                    } else if (slack < -kShrinkPerSpace * spaces && letters > 0) {
                        // Gaps shrunk as far as they go: the letters close up.
                        letter_spacing = std::max((slack + kShrinkPerSpace * spaces) / letters,
                                                  -kMaxLetterTightening * size);
                    }
                    if (draft.gaps > 0) stretch = (slack - letter_spacing * letters) / draft.gaps;
                }
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
                double piece_width = word_width(word, i, end) + letter_spacing * (end - i);
                if (segment.hyphen && end == segment.to) {
                    text += '-';
                    piece_width += style.face->advance(U'-') * style.size;
                    line.ends_with_hyphen = true;
                }
                PlacedText* previous = line.pieces.empty() ? nullptr : &line.pieces.back();
                const double spacing = style.letter_spacing + letter_spacing;
                const bool same_style = previous && previous->face == style.face && previous->size == style.size &&
                                        previous->letter_spacing == spacing &&
                                        previous->underline == style.underline && previous->rise == style.rise;
                if (join_previous && i == segment.from && same_style) {
                    previous->text += ' ';
                    previous->text += text;
                    previous->width = x + piece_width - previous->x;
                } else {
                    line.pieces.push_back(
                        {x, piece_width, std::move(text), style.face, style.size, spacing, style.underline,
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
