// Breaks a paragraph into lines: measures words with the font's metrics,
// chooses the breaks of the whole paragraph at once (total fit, as TeX does),
// hyphenating Russian words where that makes the paragraph's lines more even,
// and justifies. The result is positioned text, ready to be placed on a page.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "text/font_set.h"
#include "text/hyphenator.h"

namespace docgen {

// A piece of a line in one font; x from the left edge of the paragraph's box.
struct PlacedText {
    double x = 0;
    double width = 0;
    std::string text;
    const FontFace* face = nullptr;
    double size = 0;
    double letter_spacing = 0;
    bool underline = false;
    double rise = 0;  // a superscript's baseline above the line's, a subscript's (negative) below
};

struct Line {
    std::vector<PlacedText> pieces;
    double ascent = 0;   // baseline below the line's top
    double height = 0;   // advance to the next line's top
    bool ends_with_hyphen = false;
};

// Whether a paragraph's words may be hyphenated where its props allow it.
enum class Hyphenation {
    Allowed,
    LastResort  // only a word wider than the whole line (table header cells)
};

class LineBreaker {
public:
    LineBreaker(const FontSet& fonts, std::shared_ptr<const Hyphenator> hyphenator);

    // The paragraph's lines for a box of the given width (indents inside it).
    // Indents that leave no room are the caller's to refuse: here the text
    // then gets one character a line. Documents of a run repeat paragraphs
    // (headings, table heads, the recommendations' texts): the lines of each
    // are kept for the thread's next documents (ParagraphCache).
    std::vector<Line> break_paragraph(const Paragraph& paragraph, double width,
                                      Hyphenation hyphenation = Hyphenation::Allowed);

    // The narrowest room a paragraph's lines leave for text in a box of this
    // width: the width less its indents (and a hanging label's).
    static double text_room(const ParagraphProps& props, double width);

private:
    class Cache;
    struct Word;
    struct Segment;
    struct LineDraft;
    // A place a line may end: after character `at` of a word (at its end:
    // the space after it).
    struct Candidate {
        int word;
        int at;
        bool hyphen;      // a hyphen is drawn at the line's end
        bool flagged;     // a break inside a word (after a drawn or written hyphen)
        bool forced;      // the end of a run of text: a line ends here
        double demerits;  // of breaking here
    };
    // The best way found to break the text up to a candidate.
    struct Node {
        int candidate;   // -1: the run's start
        int previous;    // index into nodes_, -1 for the start
        double total;
        int start_word;  // where the line after it starts
        int start_at;
    };
    // One font, size and spacing: the unit text is measured and drawn in.
    struct TextStyle {
        const FontFace* face;
        double size;
        double letter_spacing;
        bool underline;
        double rise;
        bool operator==(const TextStyle&) const = default;
    };

    // A break opportunity inside a word.
    struct Opportunity {
        int at;       // characters of the word before the break
        bool hyphen;  // a hyphen is drawn at the end of the line
    };

    std::vector<Line> break_uncached(const Paragraph& paragraph, double width, Hyphenation hyphenation);
    int style_of(const RunProps& props);
    std::vector<Word> split_words(const Paragraph& paragraph);
    void mark_quoted_names(std::vector<Word>& words) const;
    void add_character(char32_t c, int style, double advance);
    void add_break_opportunities(Word& word, bool hyphenate);
    const std::vector<int>& hyphenation_points(std::u32string_view letters);
    double word_width(const Word& word, int from, int to) const;
    double hyphen_width(const Word& word, int at) const;
    void add_candidates(const std::vector<Word>& words, size_t first, size_t last, double narrowest,
                        Hyphenation hyphenation);
    void break_run(const Paragraph& paragraph, const std::vector<Word>& words, size_t first, size_t last,
                   double first_room, double room, std::vector<LineDraft>& drafts);
    std::vector<LineDraft> fill_lines(const Paragraph& paragraph, const std::vector<Word>& words, double width,
                                      bool label_hangs, Hyphenation hyphenation);
    std::vector<Line> place_lines(const Paragraph& paragraph, const std::vector<Word>& words,
                                  const std::vector<LineDraft>& drafts, double width, double hanging_label_width);

    const FontSet& fonts_;
    std::vector<TextStyle> styles_;  // of the paragraph being broken
    // The characters of the paragraph being broken, each with its style and
    // advance (and the advances' running sum), and its words' break
    // opportunities: words are ranges of these. Kept between paragraphs so
    // that their memory is reused.
    std::u32string chars_;
    std::vector<int> char_styles_;
    std::vector<double> advances_;
    std::vector<double> advance_sums_;  // advance_sums_[i]: the advances of chars_[0, i)
    std::vector<Opportunity> breaks_;
    std::vector<Candidate> candidates_;
    std::vector<Node> nodes_;
    std::vector<int> active_;
    std::vector<double> filled_, spaces_;  // running sums over a run's words
    std::vector<int> sizes_;
    std::u32string key_;  // a word's letters, to look up in the cache
    std::shared_ptr<const Hyphenator> hyphenator_;
    Cache* cache_ = nullptr;  // the thread's, while a paragraph is broken
};

}  // namespace docgen
