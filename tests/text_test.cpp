// The text stage: font metrics, hyphenation, line breaking and justification.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>

#include "common/error.h"
#include "common/files.h"
#include "common/utf8.h"
#include "test_support.h"
#include "text/line_breaker.h"

namespace docgen {
namespace {

// A word as the corpus writes it, without its breaks: "со-ци-аль-но=эко-но-ми-че-ских" → "социально-экономических".
std::string unmarked(std::string marked) {
    std::erase(marked, '-');
    std::replace(marked.begin(), marked.end(), '=', '-');
    return marked;
}

// The word with a "-" at each break and "=" for a hyphen of its own, as
// tests/hyphenation/corpus.txt writes words.
std::string hyphenated(const Hyphenator& hyphenator, const std::string& word) {
    const std::u32string letters = utf8::decode(word);
    const std::vector<int> points = hyphenator.break_points(letters);
    std::string out;
    for (size_t i = 0, next = 0; i < letters.size(); ++i) {
        if (next < points.size() && points[next] == static_cast<int>(i)) {
            out += '-';
            ++next;
        }
        utf8::append(out, letters[i] == U'-' ? U'=' : letters[i]);
    }
    return out;
}

std::string hyphenated(const std::string& word) { return hyphenated(*test_resources().hyphenator, word); }

std::shared_ptr<const Hyphenator> patterns(const std::string& text) {
    const std::string path = testing::TempDir() + "/hyph_test.dic";
    write_file_atomically(path, text);
    return Hyphenator::load(path);
}

TEST(Hyphenation, RussianWordsBreakBetweenSyllables) {
    // As TeX breaks them with the same patterns.
    EXPECT_EQ(hyphenated("образовательных"), "об-ра-зо-ва-тель-ных");
    EXPECT_EQ(hyphenated("Образовательных"), "Об-ра-зо-ва-тель-ных");
    EXPECT_EQ(hyphenated("организации"), "ор-га-ни-за-ции");
    EXPECT_EQ(hyphenated("управленческие"), "управ-лен-че-ские");
    EXPECT_EQ(hyphenated("Администрации"), "Ад-ми-ни-стра-ции");
    EXPECT_EQ(hyphenated("АДМИНИСТРАЦИИ"), "АД-МИ-НИ-СТРА-ЦИИ");
    EXPECT_EQ(hyphenated("школ"), "школ");
    EXPECT_EQ(hyphenated("school"), "school");
}

// Every word of tests/hyphenation/corpus.txt breaks as TeX breaks it, but
// for the differences its header lists, each exactly as listed there.
TEST(Hyphenation, AgreesWithTeX) {
    const std::string path = std::string(DOCGEN_SOURCE_DIR) + "/tests/hyphenation/corpus.txt";
    std::map<std::string, std::string> known;  // the word → docgen's breaks
    std::vector<std::string> words;            // TeX's breaks
    std::istringstream lines(read_file(path, "hyphenation corpus"));
    constexpr std::string_view kDiffers = "# differs: ";
    for (std::string line; std::getline(lines, line);) {
        if (line.starts_with(kDiffers)) {
            const std::string breaks = line.substr(kDiffers.size(), line.find(' ', kDiffers.size()) - kDiffers.size());
            known[unmarked(breaks)] = breaks;
        } else if (!line.empty() && line[0] != '#') {
            words.push_back(line);
        }
    }
    ASSERT_GT(words.size(), 3000u) << path;
    int agree = 0;
    std::string differences;
    for (const std::string& tex : words) {
        const std::string word = unmarked(tex);
        const std::string docgen = hyphenated(word);
        agree += docgen == tex;
        const auto listed = known.find(word);
        if (docgen != (listed == known.end() ? tex : listed->second))
            differences += "\n  docgen " + docgen + ", TeX " + tex +
                           (listed == known.end() ? "" : ", listed as " + listed->second);
        if (listed != known.end() && listed->second == tex)
            differences += "\n  " + tex + " is listed as a difference but is TeX's";
        if (listed != known.end()) known.erase(listed);
    }
    for (const auto& [word, breaks] : known) differences += "\n  " + breaks + " is listed but not in the corpus";
    EXPECT_TRUE(differences.empty()) << path << ": " << agree << " of " << words.size() << " words as TeX"
                                     << differences;
    std::cout << "[          ] " << agree << " of " << words.size() << " words break as TeX breaks them\n";
}

// Liang's algorithm on patterns small enough to follow by hand, in a UTF-8
// file with the keywords and comments libhyphen's format allows.
TEST(Hyphenation, PatternsAreAppliedAsLiangDefined) {
    const auto hyphenator = patterns("UTF-8\nLEFTHYPHENMIN 2\n% a comment\n1ка\n2кар\nа1р\n");
    // 1ка allows a break before к: ба-кабо.
    EXPECT_EQ(hyphenator->break_points(U"бакабо"), (std::vector<int>{2}));
    // 2кар forbids it again (the greatest digit counts, and 2 is even); а1р allows бака-ро.
    EXPECT_EQ(hyphenator->break_points(U"бакаро"), (std::vector<int>{4}));
    // Never one letter alone at either end; words of other letters get nothing.
    EXPECT_EQ(hyphenator->break_points(U"кар"), (std::vector<int>{}));
    EXPECT_EQ(hyphenator->break_points(U"school"), (std::vector<int>{}));
}

// hyphen-ru ends with TeX's \hyphenation block: its words break where they
// say, whatever the patterns say, in any case, and never closer to an end
// than two letters.
TEST(Hyphenation, ExceptionsReplaceThePatterns) {
    const auto hyphenator = patterns("UTF-8\n1ка\n}\n\\hyphenation{\nбака-бо ба-ка-р\n% a comment\nа-бвгд\n}\n");
    EXPECT_EQ(hyphenator->break_points(U"бакабо"), (std::vector<int>{4}));
    EXPECT_EQ(hyphenator->break_points(U"БАКАБО"), (std::vector<int>{4}));
    EXPECT_EQ(hyphenator->break_points(U"бакар"), (std::vector<int>{2}));
    EXPECT_EQ(hyphenator->break_points(U"абвгд"), (std::vector<int>{}));
    EXPECT_EQ(hyphenator->break_points(U"бакабобака"), (std::vector<int>{2, 8}));  // no exception
    // hyphen-ru's: the patterns alone would give «та-к-же», «доб-рею», «ас-бе-ст».
    EXPECT_EQ(hyphenated("также"), "так-же");
    EXPECT_EQ(hyphenated("Также"), "Так-же");
    EXPECT_EQ(hyphenated("добрею"), "добрею");
    EXPECT_EQ(hyphenated("асбест"), "ас-бест");
    EXPECT_EQ(hyphenated("сегодня"), "се-го-дня");
}

// As TeX's Russian adds to the patterns: «не» at a word's start or end never
// stands alone at a break, where it would read as the particle.
TEST(Hyphenation, NoBreakLeavesTheParticleAlone) {
    EXPECT_EQ(hyphenated("необходимо"), "необ-хо-ди-мо");
    EXPECT_EQ(hyphenated("Неуспешность"), "Неуспеш-ность");
    EXPECT_EQ(hyphenated("вполне"), "вполне");
    EXPECT_EQ(hyphenated("уровне"), "уровне");
}

TEST(Hyphenation, YoBreaksAsYe) {
    EXPECT_EQ(hyphenated("объём"), "объ-ём");
    EXPECT_EQ(hyphenated("ОБЪЁМ"), "ОБЪ-ЁМ");
    EXPECT_EQ(hyphenated("отчётность"), "от-чёт-ность");
    EXPECT_EQ(hyphenated("Семёнов"), "Се-мё-нов");
    EXPECT_EQ(hyphenated("учёба"), "учё-ба");
    EXPECT_EQ(hyphenated("ещё"), "ещё");
    EXPECT_EQ(hyphenated("Ёлка"), "Ёл-ка");
    // Patterns with «ё» of their own keep it a letter apart.
    EXPECT_EQ(patterns("UTF-8\nе1б\n")->break_points(U"аёба"), (std::vector<int>{2}));
    const auto own = patterns("UTF-8\nе1б\nё2б\n");
    EXPECT_EQ(own->break_points(U"аеба"), (std::vector<int>{2}));
    EXPECT_EQ(own->break_points(U"аёба"), (std::vector<int>{}));
}

TEST(Hyphenation, WordsWithoutLettersToBreak) {
    const Hyphenator& hyphenator = *test_resources().hyphenator;
    for (std::u32string_view word : {U"", U"а", U"Я", U"ёж", U"ещё", U"2021", U"12.05.2022", U"-", U"– — …",
                                     U"...", U"%%%", U"\u00A0\u00A0", U"\U0001F600\U0001F600\U0001F600\U0001F600"})
        EXPECT_EQ(hyphenator.break_points(word), (std::vector<int>{})) << utf8::encode(word);
}

// Each run of letters is a word of its own; letters no pattern knows (Latin
// among Cyrillic) count as letters, characters of no alphabet docgen knows
// (Greek) do not.
TEST(Hyphenation, MixedScriptsAndNonLetters) {
    EXPECT_EQ(hyphenated("социально-экономических"), "со-ци-аль-но=эко-но-ми-че-ских");
    EXPECT_EQ(hyphenated("SMART-образование"), "SMART=об-ра-зо-ва-ние");
    EXPECT_EQ(hyphenated("IT-куб"), "IT=куб");
    EXPECT_EQ(hyphenated("2021года"), "2021го-да");
    EXPECT_EQ(hyphenated("o\u0431\u0440\u0430\u0437\u043e\u0432\u0430\u043d\u0438\u0435"), "oбра-зо-ва-ние");  // a Latin «o»
    EXPECT_EQ(hyphenated("αβγобразование"), "αβγоб-ра-зо-ва-ние");
    EXPECT_EQ(hyphenated("образование/education"), "об-ра-зо-ва-ние/education");
}

// What utf8::decode makes of bytes that are no UTF-8 (U+FFFD), and code
// points no text can hold, end a word like any other non-letter.
TEST(Hyphenation, InvalidCharactersEndWords) {
    const Hyphenator& hyphenator = *test_resources().hyphenator;
    EXPECT_EQ(hyphenator.break_points(utf8::decode("об\xFFразование\xC0")), (std::vector<int>{5, 7, 9}));
    std::u32string word = U"образование";
    for (char32_t wrong : {char32_t{0xD800}, char32_t{0xFFFF}, char32_t{0x110000}, char32_t{0xFFFFFFFF}}) {
        word.insert(word.begin() + 2, wrong);
        EXPECT_EQ(hyphenator.break_points(word), (std::vector<int>{5, 7, 9})) << static_cast<uint32_t>(wrong);
        word.erase(2, 1);
    }
}

TEST(Hyphenation, VeryLongWords) {
    const Hyphenator& hyphenator = *test_resources().hyphenator;
    std::u32string word;
    for (int i = 0; i < 5000; ++i) word += U"ра";
    const std::vector<int> points = hyphenator.break_points(word);
    ASSERT_EQ(points.size(), 4999u);  // ра-ра-…-ра
    EXPECT_EQ(points.front(), 2);
    EXPECT_EQ(points.back(), 9998);
    EXPECT_TRUE(std::is_sorted(points.begin(), points.end()));
    EXPECT_EQ(hyphenator.break_points(std::u32string(10000, U'x')), (std::vector<int>{}));
    // 667 times «образовательных» as one word: every repetition breaks as the word alone.
    word.clear();
    for (int i = 0; i < 667; ++i) word += U"образовательных";
    const std::vector<int> repeated = hyphenator.break_points(word);
    const std::vector<int> once{2, 4, 6, 8, 12};
    for (int i = 0; i < 667; ++i)
        for (int point : once) EXPECT_TRUE(std::binary_search(repeated.begin(), repeated.end(), i * 15 + point));
    EXPECT_TRUE(std::is_sorted(repeated.begin(), repeated.end()));
    EXPECT_GE(repeated.front(), 2);
    EXPECT_LE(repeated.back(), static_cast<int>(word.size()) - 2);
}

TEST(Hyphenation, MissingPatternsNameTheFile) {
    try {
        Hyphenator::load("/nonexistent/hyph_ru_RU.dic");
        FAIL() << "no error";
    } catch (const InputError& error) {
        EXPECT_NE(std::string(error.what()).find("/nonexistent/hyph_ru_RU.dic not found"), std::string::npos);
    }
}

TEST(Hyphenation, BadPatternFilesNameTheFileAndLine) {
    const std::string path = testing::TempDir() + "/hyph_test.dic";
    const auto message = [](const std::string& text) {
        try {
            patterns(text);
        } catch (const InputError& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message("UTF-8\n1ка\n2\U0001F600\n"), path + ":3: a pattern has U+1F600, a character outside the BMP");
    EXPECT_EQ(message("UTF-8\n% no pattern\nLEFTHYPHENMIN 2\n"), path + ": no hyphenation patterns in the file");
}

TEST(Fonts, MissingFontsSayWhereTheyWereLookedFor) {
    try {
        FontSet::load({"/nonexistent/a", "/nonexistent/b"});
        FAIL() << "no error";
    } catch (const InputError& error) {
        EXPECT_EQ(std::string(error.what()),
                  "font file LiberationSerif-Regular.ttf not found; looked in: /nonexistent/a, /nonexistent/b "
                  "(set --fonts DIR or DOCGEN_FONTS)");
    }
}

TEST(Fonts, MetricsMatchTimesNewRoman) {
    const FontFace& face = test_resources().fonts.face(false, false);
    // Times New Roman: space 512/2048, "a" 909/2048, line height 1.15 em.
    EXPECT_NEAR(face.advance(U' '), 0.25, 1e-3);
    EXPECT_NEAR(face.advance(U'a'), 909.0 / 2048, 1e-3);
    EXPECT_NEAR(face.line_height(), 1.149, 2e-3);
    EXPECT_TRUE(face.has_glyph(U'Ж'));
    EXPECT_TRUE(face.has_glyph(U'№'));
}

Paragraph paragraph_of(const std::string& text, Align align = Align::Justify, bool hyphenate = true) {
    Paragraph paragraph;
    paragraph.props.align = align;
    paragraph.props.hyphenate = hyphenate;
    paragraph.runs.push_back({text, paragraph.run_props, true});
    return paragraph;
}

std::string line_text(const Line& line) {
    std::string text;
    for (const PlacedText& piece : line.pieces) text += (text.empty() ? "" : " ") + piece.text;
    return text;
}

double right_edge(const Line& line) { return line.pieces.back().x + line.pieces.back().width; }

const std::string kText =
    "Неоднородность выявленных групп школ, различие контекстных факторов, которые влияют на функционирование "
    "образовательной организации и достижение ими качества образовательных результатов, актуализируют создание "
    "адаптивной системы поддержки школ.";

TEST(LineBreaking, JustifiedLinesReachBothMargins) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    const auto lines = breaker.break_paragraph(paragraph_of(kText), 300);
    ASSERT_GE(lines.size(), 4u);
    for (size_t i = 0; i + 1 < lines.size(); ++i) {
        EXPECT_NEAR(lines[i].pieces.front().x, 0, 1e-6);
        EXPECT_NEAR(right_edge(lines[i]), 300, 0.05) << line_text(lines[i]);
    }
    EXPECT_LT(right_edge(lines.back()), 300);  // the last line is not stretched
}

// A thread keeps the lines of the paragraphs it breaks for its next
// documents: what breaking reads of a paragraph is all in the key, and lines
// never point at the faces of another font set.
TEST(LineBreaking, RepeatedParagraphsGetTheLinesTheirOwnTextAndBoxGive) {
    LineBreaker first(test_resources().fonts, test_resources().hyphenator);
    const Paragraph plain = paragraph_of(kText);
    const auto lines = first.break_paragraph(plain, 300);
    LineBreaker second(test_resources().fonts, test_resources().hyphenator);  // as the next document's
    const auto again = second.break_paragraph(plain, 300);
    ASSERT_EQ(again.size(), lines.size());
    for (size_t i = 0; i < lines.size(); ++i) EXPECT_EQ(line_text(again[i]), line_text(lines[i]));

    EXPECT_NE(second.break_paragraph(plain, 250).size(), lines.size());  // another width
    Paragraph bold = plain;
    bold.runs[0].props.bold = true;
    EXPECT_EQ(second.break_paragraph(bold, 300)[0].pieces[0].face, &test_resources().fonts.face(true, false));
    Paragraph indented = plain;
    indented.props.first_line_indent = 40;
    EXPECT_NEAR(second.break_paragraph(indented, 300)[0].pieces[0].x, 40, 1e-6);
    Paragraph labelled = plain;
    labelled.label = "1.";
    EXPECT_EQ(second.break_paragraph(labelled, 300)[0].pieces[0].text.rfind("1.", 0), 0u);
    const auto texts = [](const std::vector<Line>& lines) {
        std::string all;
        for (const Line& line : lines) all += line_text(line) + "\n";
        return all;
    };
    const std::string unhyphenated = texts(LineBreaker(test_resources().fonts, nullptr).break_paragraph(plain, 300));
    ASSERT_NE(texts(lines), unhyphenated);  // the text breaks somewhere at 300 points
    LineBreaker fourth(test_resources().fonts, test_resources().hyphenator);
    fourth.break_paragraph(plain, 300);
    EXPECT_EQ(texts(fourth.break_paragraph(plain, 300, Hyphenation::LastResort)), unhyphenated);

    // The same fonts loaded again are other faces: the lines are made anew with them.
    const Resources reloaded = Resources::load({});
    LineBreaker third(reloaded.fonts, test_resources().hyphenator);
    const auto relaid = third.break_paragraph(plain, 300);
    EXPECT_EQ(relaid[0].pieces[0].face, &reloaded.fonts.face(false, false));
    EXPECT_EQ(line_text(relaid[0]), line_text(lines[0]));
}

TEST(LineBreaking, NoLineIsWiderThanTheBox) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    for (Align align : {Align::Left, Align::Justify}) {
        for (double width = 60; width <= 400; width += 2.5) {
            for (const Line& line : breaker.break_paragraph(paragraph_of(kText, align), width))
                EXPECT_LE(right_edge(line), width + 0.01) << width << ": " << line_text(line);
        }
    }
    // A word longer than the box is cut rather than drawn outside it.
    const auto lines = breaker.break_paragraph(paragraph_of("ААААААААААААААААААААААААААА", Align::Left), 50);
    EXPECT_GT(lines.size(), 1u);
    for (const Line& line : lines) EXPECT_LE(right_edge(line), 50.01);
}

TEST(LineBreaking, HyphenatesOnlyWhenAllowed) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    const auto count_hyphens = [&](const Paragraph& paragraph) {
        int hyphens = 0;
        for (const Line& line : breaker.break_paragraph(paragraph, 200)) hyphens += line.ends_with_hyphen;
        return hyphens;
    };
    EXPECT_GT(count_hyphens(paragraph_of(kText)), 0);
    EXPECT_EQ(count_hyphens(paragraph_of(kText, Align::Justify, false)), 0);
    Paragraph names = paragraph_of("Е.П.\u00A0Талкина Н.В.\u00A0Шелабину О.С.\u00A0Кольцова ГАУ ДПО СОИРО 2022-2023 ");
    for (int i = 0; i < 3; ++i) names.runs[0].text += names.runs[0].text;
    EXPECT_EQ(count_hyphens(names), 0);
}

TEST(LineBreaking, NoBreakSpaceKeepsWordsTogether) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    std::string text;
    for (int i = 0; i < 12; ++i) text += "приказ №\u00A0859-ОД ";
    for (const Line& line : breaker.break_paragraph(paragraph_of(text), 150)) {
        const std::string content = line_text(line);
        EXPECT_NE(content.substr(content.size() - 3), "№") << content;
        EXPECT_NE(content.find("859"), 0u) << content;
    }
}

TEST(LineBreaking, IndentsAndLabels) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    Paragraph paragraph = paragraph_of(kText, Align::Left);
    paragraph.props.first_line_indent = 35;
    auto lines = breaker.break_paragraph(paragraph, 300);
    EXPECT_NEAR(lines[0].pieces.front().x, 35, 1e-6);
    EXPECT_NEAR(lines[1].pieces.front().x, 0, 1e-6);

    paragraph.props.first_line_indent = -20;
    paragraph.props.indent_left = 20;
    paragraph.label = "–";
    lines = breaker.break_paragraph(paragraph, 300);
    ASSERT_GE(lines[0].pieces.size(), 2u);
    EXPECT_EQ(lines[0].pieces[0].text, "–");
    EXPECT_NEAR(lines[0].pieces[0].x, 0, 1e-6);  // the label hangs
    EXPECT_NEAR(lines[0].pieces[1].x, 20, 1e-6);
    EXPECT_NEAR(lines[1].pieces[0].x, 20, 1e-6);

    paragraph.props.first_line_indent = 35;  // no room to hang: the label leads the first line
    paragraph.props.indent_left = 0;
    lines = breaker.break_paragraph(paragraph, 300);
    EXPECT_EQ(lines[0].pieces[0].text.substr(0, 6), "– Н");
    EXPECT_NEAR(lines[0].pieces[0].x, 35, 1e-6);
}

TEST(LineBreaking, CenteredAndRightAlignedLines) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    const auto centered = breaker.break_paragraph(paragraph_of("ПРИКАЗ", Align::Center), 300);
    const double width = right_edge(centered[0]) - centered[0].pieces[0].x;
    EXPECT_NEAR(centered[0].pieces[0].x, (300 - width) / 2, 0.01);
    const auto right = breaker.break_paragraph(paragraph_of("Е.П.\u00A0Талкина", Align::Right), 300);
    EXPECT_NEAR(right_edge(right[0]), 300, 0.01);
}

TEST(LineBreaking, ForcedLineBreaks) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    const auto lines = breaker.break_paragraph(paragraph_of("Начальник\nДепартамента", Align::Left), 300);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(line_text(lines[0]), "Начальник");
    EXPECT_EQ(line_text(lines[1]), "Департамента");
}

// The word gap after each piece of a line but the last, as a reader sees it:
// to the next piece, with the spacing after the piece's last letter.
std::vector<double> gaps_of(const Line& line) {
    std::vector<double> gaps;
    for (size_t i = 0; i + 1 < line.pieces.size(); ++i) {
        const PlacedText& piece = line.pieces[i];
        gaps.push_back(line.pieces[i + 1].x - piece.x - piece.width + piece.letter_spacing);
    }
    return gaps;
}

TEST(LineBreaking, BreaksAtAHyphenOnlyBetweenTheLettersOfWords) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    Paragraph paragraph = paragraph_of(
        "приказ №\u00A0548-ОД от 2021-го года и/или социально-экономический рост https://example.org/path",
        Align::Left, false);
    bool joined_words_broken = false;
    for (double width = 100; width <= 300; width += 4) {
        for (const Line& line : breaker.break_paragraph(paragraph, width)) {
            const std::string text = line_text(line);
            EXPECT_EQ(text.find("548-", text.size() - std::min<size_t>(text.size(), 4)), std::string::npos)
                << width << ": " << text;
            EXPECT_NE(text.back(), '/') << width << ": " << text;
            EXPECT_EQ(text.find("2021-", text.size() - std::min<size_t>(text.size(), 5)), std::string::npos)
                << width << ": " << text;
            joined_words_broken |= text.size() > 19 && text.substr(text.size() - 19) == "социально-";
        }
    }
    EXPECT_TRUE(joined_words_broken);
}

TEST(LineBreaking, WordsTiedToADashStillHyphenate) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    Paragraph paragraph = paragraph_of("численность обучающихся\u00A0– 3620\u00A0человек", Align::Left);
    paragraph.run_props.size = paragraph.runs[0].props.size = 14;
    int hyphens = 0;
    for (const Line& line : breaker.break_paragraph(paragraph, 70)) {
        hyphens += line.ends_with_hyphen;
        EXPECT_NE(line_text(line).substr(0, 3), "–") << "the dash stays with the word before it";
    }
    EXPECT_GT(hyphens, 0);
}

// «обучаю- / щимся.»: the last line is never only the end of the word broken
// before it, nor does a line's gap grow past twice the space to avoid that.
TEST(LineBreaking, NoLastLineIsTheEndOfAWord) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    const double size = 14;
    const double space = test_resources().fonts.face(RunProps{}).advance(U' ') * size;
    for (const std::string text : {"Закрепить наставника или тьютора за каждым неуспевающим обучающимся.",
                                   "Реализовать программу наставничества по модели «учитель\u00A0– учитель» для "
                                   "педагогов-предметников, обучающиеся которых показали низкие результаты."}) {
        Paragraph paragraph = paragraph_of(text);
        paragraph.label = "3.";
        paragraph.props.first_line_indent = 35.43;
        paragraph.run_props.size = paragraph.runs[0].props.size = size;
        const auto lines = breaker.break_paragraph(paragraph, 481.9);
        ASSERT_GE(lines.size(), 2u);
        const std::string last = line_text(lines.back());
        EXPECT_TRUE(!lines[lines.size() - 2].ends_with_hyphen || last.find(' ') != std::string::npos) << last;
        for (size_t i = 0; i + 1 < lines.size(); ++i)
            for (double gap : gaps_of(lines[i])) EXPECT_LE(gap, 2 * space) << line_text(lines[i]);
    }
}

// Lines a little too long shrink their gaps and then close up their letters;
// lines a little too short spread theirs, never past twice the space.
TEST(LineBreaking, JustifiedGapsStayBetweenFourFifthsAndTwiceTheSpace) {
    LineBreaker breaker(test_resources().fonts, test_resources().hyphenator);
    Paragraph paragraph = paragraph_of(kText + " " + kText);
    paragraph.run_props.size = paragraph.runs[0].props.size = 14;
    const double space = test_resources().fonts.face(RunProps{}).advance(U' ') * 14;
    for (double width = 300; width <= 480; width += 15) {
        const auto lines = breaker.break_paragraph(paragraph, width);
        for (size_t i = 0; i + 1 < lines.size(); ++i) {
            EXPECT_NEAR(right_edge(lines[i]), width, 0.05) << line_text(lines[i]);
            for (double gap : gaps_of(lines[i])) {
                EXPECT_LE(gap, 2 * space) << width << ": " << line_text(lines[i]);
                EXPECT_GE(gap, 0.8 * space - 0.15) << width << ": " << line_text(lines[i]);
            }
        }
    }
}

}  // namespace
}  // namespace docgen
