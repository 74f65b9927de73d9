// Breaks a paragraph into lines: measures words with the font's metrics,
// hyphenates Russian words where a line would otherwise stay too short,
// and justifies. The result is positioned text, ready to be placed on a page.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
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

class LineBreaker {
public:
    LineBreaker(const FontSet& fonts, std::shared_ptr<const Hyphenator> hyphenator);

    // The paragraph's lines for a box of the given width (indents inside it).
    std::vector<Line> break_paragraph(const Paragraph& paragraph, double width);

private:
    struct Word;
    struct Segment;
    struct LineDraft;
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

    int style_of(const RunProps& props);
    std::vector<Word> split_words(const Paragraph& paragraph);
    void add_character(char32_t c, int style, double advance);
    void add_break_opportunities(Word& word, bool hyphenate);
    const std::vector<int>& hyphenation_points(std::u32string_view letters);
    double word_width(const Word& word, int from, int to) const;
    std::vector<LineDraft> fill_lines(const Paragraph& paragraph, const std::vector<Word>& words, double width,
                                      bool label_hangs);
    std::vector<Line> place_lines(const Paragraph& paragraph, const std::vector<Word>& words,
                                  const std::vector<LineDraft>& drafts, double width, double hanging_label_width);

    const FontSet& fonts_;
    std::vector<TextStyle> styles_;  // of the paragraph being broken
    // The characters of the paragraph being broken, each with its style and
    // advance, and its words' break opportunities: words are ranges of these.
    // Kept between paragraphs so that their memory is reused.
    std::u32string chars_;
    std::vector<int> char_styles_;
    std::vector<double> advances_;
    std::vector<Opportunity> breaks_;
    std::u32string key_;  // a word's letters, to look up in the cache
    std::shared_ptr<const Hyphenator> hyphenator_;
    // Documents repeat their words: hyphenate each once.
    std::unordered_map<std::u32string, std::vector<int>> hyphenation_cache_;
};

}  // namespace docgen
