// The example order 548-ОД against its source: the text of the signed order
// (shared/seeds/003_….txt beside the repository). Every heading, paragraph and
// list item of the Concept, its table and formulas, and every section and row
// of the roadmap must be found, in the source's order, in the text of the PDF
// and of the DOCX that templates/order.xml makes of examples/order-548.
// The source came from PDF-to-text conversion; the fixes the example applies
// to it (misread letters, leftover markup, rows split by page breaks) are
// applied here too, and said where.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <regex>
#include <sstream>

#include "common/files.h"
#include "common/utf8.h"
#include "test_support.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;

const std::string kSource = DOCGEN_SOURCE_DIR;
const std::string kSeed = kSource + "/../shared/seeds/003_9d57faccbcc9c2be.txt";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) text.replace(at, from.size(), to);
    return text;
}

// Text as both sides are compared: one space between words, no-break spaces as
// spaces, a spaced hyphen as the dash typography makes of it, and no hyphen
// between letters — so that a word the PDF hyphenates at a line's end («обра-
// зования», «школ-наставник» alike) reads as the source's — nor a line break
// after a slash, where the PDF may break an address.
std::string comparable(const std::string& text) {
    std::u32string in = utf8::decode(replace_all(replace_all(text, " - ", " – "), "\u00A0", " "));
    std::u32string out;
    for (size_t i = 0; i < in.size(); ++i) {
        char32_t c = in[i];
        if (c == U'\n' && !out.empty() && out.back() == U'/') continue;  // a line broken after a slash
        if (c == U'\n' || c == U'\t' || c == U'\r' || c == U'\f') c = U' ';
        if (c == U'-' && !out.empty() && (utf8::is_letter(out.back()) || utf8::is_digit(out.back()))) {
            size_t next = i + 1;
            if (next < in.size() && in[next] == U'\n') ++next;
            if (next < in.size() && utf8::is_letter(in[next])) {
                i = next - 1;
                continue;
            }
        }
        if (c == U' ' && (out.empty() || out.back() == U' ')) continue;
        out += c;
    }
    return utf8::encode(out);
}

// What the example fixes in the source: letters misread by the conversion, and its leftover markup.
std::string fixed(std::string line) {
    for (const auto& [from, to] : {std::pair{"ШПРО", "ШНРО"}, std::pair{"ЦНРО", "ШНРО"}, std::pair{"Заклучение", "Заключение"},
                                   std::pair{"№ n/n", "№ п/п"}, std::pair{"<http", "http"}, std::pair{"/>", "/"}})
        line = replace_all(line, from, to);
    line = std::regex_replace(line, std::regex("</?(b|i|li|ul)[^>]*>"), "");
    line = replace_all(line, "***", "");
    line = replace_all(line, "**", "");
    line = replace_all(line, "*", "");
    line = std::regex_replace(line, std::regex("^#+ *"), "");
    return line;
}

class Order548 : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (!fs::exists(kSeed)) return;
        const fs::path dir = fs::temp_directory_path() / ("docgen-548-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        int status = -1;
        const std::string output =
            run_command(std::string(DOCGEN_BINARY) + " render " + kSource + "/templates/order.xml " + kSource +
                            "/examples/order-548/data.json -o " + (dir / "o.pdf").string() + " -o " +
                            (dir / "o.docx").string() + " 2>&1",
                        &status);
        ASSERT_EQ(status, 0) << output;
        std::string pdf = run_command("pdftotext -raw " + (dir / "o.pdf").string() + " - 2>/dev/null");
        pdf = std::regex_replace(pdf, std::regex("\f"), "");  // pages end in a line break already
        pdf = std::regex_replace(pdf, std::regex("(^|\n)[0-9]+\n"), "$1");  // page numbers
        pdf_ = new std::string(comparable(pdf));
        docx_package_ = new std::string(read_file((dir / "o.docx").string(), "DOCX"));
        pugi::xml_document xml;
        xml.load_string(zip_entry(*docx_package_, "word/document.xml").c_str());
        struct Collect : pugi::xml_tree_walker {
            std::string text;
            bool for_each(pugi::xml_node& node) override {
                const std::string name = node.name();
                if (name == "w:t") text += node.text().get();
                else if (name == "w:br" || name == "w:tab" || name == "w:p") text += ' ';
                return true;
            }
        } collect;
        xml.traverse(collect);
        docx_ = new std::string(comparable(collect.text));
        std::ifstream seed(kSeed);
        for (std::string line; std::getline(seed, line);) seed_.push_back(line);
        fs::remove_all(dir);
    }
    static void TearDownTestSuite() {
        delete pdf_;
        delete docx_;
        delete docx_package_;
    }
    void SetUp() override {
        if (!fs::exists(kSeed)) GTEST_SKIP() << kSeed << " is not there: the source of order 548-ОД is beside the repository";
    }

    // The source's line, 1 being its first.
    static const std::string& line(size_t number) { return seed_.at(number - 1); }

    // Each text is found in the PDF and the DOCX, after the one before it.
    static void expect_in_order(const std::vector<std::string>& texts, bool in_pdf = true) {
        for (const auto& [format, text] : {std::pair{"PDF", pdf_}, std::pair{"DOCX", docx_}}) {
            if (!in_pdf && text == pdf_) continue;
            size_t from = 0;
            for (const std::string& expected : texts) {
                const std::string wanted = comparable(expected);
                const size_t at = text->find(wanted, from);
                EXPECT_NE(at, std::string::npos) << format << " lacks, after what came before: " << wanted;
                if (at != std::string::npos) from = at + wanted.size();
            }
        }
    }

    // The Concept's paragraphs, headings and list items in lines [first, last] of the
    // source; a line starting with a small letter goes on the one before it, which a
    // page break split.
    static std::vector<std::string> paragraphs(size_t first, size_t last) {
        std::vector<std::string> out;
        for (size_t n = first; n <= last; ++n) {
            std::string text = fixed(line(n));
            text = std::regex_replace(text, std::regex("^\\s+|\\s+$"), "");
            if (text.empty()) continue;
            const bool item = text.rfind("- ", 0) == 0 || text.rfind("– ", 0) == 0;
            if (item) text = "– " + text.substr(text.find(' ') + 1);
            if (text.rfind("– 1) ", 0) == 0 || text.rfind("– 2) ", 0) == 0 || text.rfind("– 3) ", 0) == 0)
                text = text.substr(4);  // a numbered list the conversion marked with dashes too
            const std::u32string chars = utf8::decode(text);
            if (!item && !out.empty() && utf8::is_lower(chars[0])) {
                out.back() += " " + text;
                continue;
            }
            out.push_back(text);
        }
        return out;
    }

    static std::vector<std::string> seed_;
    static std::string* pdf_;
    static std::string* docx_;
    static std::string* docx_package_;
};

std::vector<std::string> Order548::seed_;
std::string* Order548::pdf_ = nullptr;
std::string* Order548::docx_ = nullptr;
std::string* Order548::docx_package_ = nullptr;

TEST_F(Order548, TheOrderReadsAsSigned) {
    expect_in_order({"ДЕПАРТАМЕНТ СМОЛЕНСКОЙ ОБЛАСТИ ПО ОБРАЗОВАНИЮ И НАУКЕ", "П Р И К А З", "08.06.2022", "№ 548-ОД",
                     fixed(line(14)), fixed(line(16)), "п р и к а з ы в а ю:", fixed(line(20)), fixed(line(22)),
                     fixed(line(24)), fixed(line(26)), "Начальник Департамента", "Е.П. Талкина"});
}

TEST_F(Order548, TheConceptHasEveryHeadingParagraphAndListItem) {
    std::vector<std::string> expected = {
        "Приложение № 1 к приказу Департамента Смоленской области по образованию и науке от 08.06.2022 № 548-ОД",
        "Концепция комплексного сопровождения школ с низкими результатами обучения и/или школ, функционирующих в "
        "неблагоприятных социальных условиях в Смоленской области"};
    for (const auto& text : paragraphs(44, 501)) expected.push_back(text);
    ASSERT_GT(expected.size(), 200u);
    expect_in_order(expected);
}

TEST_F(Order548, TheConceptsTableHasItsTasksAndIndicators) {
    std::vector<std::string> expected = {fixed(line(502)), fixed(line(504)), "№ п/п Решаемая задача Наименование показателей Единица измерения"};
    for (size_t n = 507; n <= 521; ++n) {
        std::string text = std::regex_replace(fixed(line(n)), std::regex("^\\s+|\\s+$"), "");
        if (text.empty()) continue;
        std::istringstream cells(text);
        for (std::string cell; std::getline(cells, cell, '\t');) {
            cell = std::regex_replace(cell, std::regex("^\\s+|\\s+$"), "");
            if (cell.empty() || cell == "%") continue;  // the unit of every row
            // The list items of a cell, each under its dash.
            std::string items = std::regex_replace(cell, std::regex("(^| )- "), "$1– ");
            expected.push_back(items);
        }
    }
    // The rows of tasks 1 and 4, split by a page break in the source, are whole here: the
    // DOCX has each cell unbroken; the PDF breaks rows at its own pages, so only the DOCX is read.
    expected.erase(std::remove(expected.begin(), expected.end(), "качества, контекстных данных"), expected.end());
    expect_in_order(expected, false);
}

TEST_F(Order548, TheConceptsFormulasAndTheirTerms) {
    // The PDF's text has the superscript and the subscript of ∑ on lines of their own.
    const std::string stripped = std::regex_replace(*pdf_, std::regex(" "), "");
    EXPECT_NE(stripped.find("Пg=(∑np=1ПpAp)/n,где"), std::string::npos);
    expect_in_order({fixed(line(523)), fixed(line(525)), "P = N / S × 100 %, где", fixed(line(529)), fixed(line(531)),
                     fixed(line(533)), fixed(line(535)), fixed(line(537))});
    expect_in_order({"Пg = (∑np=1 ПpAp) / n, где"}, false);
    expect_in_order({"Пg – результат оценки по группе показателей,", "n – количество показателей в группе,",
                     "Пp – оценка по показателю под номером p,",
                     "Ap = 1 – весовой коэффициент, отражающий значимость Пp в сравнении с другими показателями "
                     "группы. Равнозначность показателей группы обуславливает значение весового коэффициента Ap = 1.",
                     fixed(line(549)), fixed(line(551))});
    // The subscripts are Word's own in the DOCX.
    pugi::xml_document xml;
    ASSERT_TRUE(xml.load_string(zip_entry(*docx_package_, "word/document.xml").c_str()));
    EXPECT_GE(xml.select_nodes("//w:r[w:t = 'g'][w:rPr/w:vertAlign/@w:val = 'subscript']").size(), 2u);
    EXPECT_GE(xml.select_nodes("//w:r[w:t = 'n'][w:rPr/w:vertAlign/@w:val = 'superscript']").size(), 1u);
}

TEST_F(Order548, TheRoadmapHasEverySectionAndRow) {
    std::vector<std::string> docx_expected = {
        "Приложение № 2 к приказу Департамента Смоленской области по образованию и науке от 08.06.2022 № 548-ОД",
        "Дорожная карта по реализации Концепции комплексного сопровождения школ с низкими результатами обучения и/или "
        "школ, функционирующих в неблагоприятных социальных условиях в Смоленской области",
        "№ п/п Меры / мероприятия Целевая группа Сроки Ответственный"};
    std::vector<std::string> pdf_expected = docx_expected;
    int sections = 0, rows = 0;
    for (size_t n = 563; n <= seed_.size(); ++n) {
        const std::string& raw = line(n);
        if (raw.rfind("<b>", 0) == 0) {
            const std::string title = std::regex_replace(fixed(raw), std::regex("\\s+$"), "");
            docx_expected.push_back(title);
            pdf_expected.push_back(title);
            ++sections;
            continue;
        }
        std::smatch number;
        if (!std::regex_search(raw, number, std::regex("^(\\d+)\t"))) continue;
        ++rows;
        std::vector<std::string> cells;
        std::istringstream split(fixed(raw));
        for (std::string cell; std::getline(split, cell, '\t');) {
            cell = std::regex_replace(cell, std::regex("^\\s+|\\s+$"), "");
            // "00": where the conversion lost the dates of the last two rows (both «В течение года» here).
            if (!cell.empty() && cell != "00") cells.push_back(std::regex_replace(cell, std::regex("(^| )- "), "$1– "));
        }
        for (const std::string& cell : cells) docx_expected.push_back(cell);
        // The PDF draws a row split between pages cell by cell on each: its number and first words.
        std::istringstream words(cells.at(1));
        std::string first_words, word;
        for (int i = 0; i < 3 && words >> word; ++i) first_words += (i ? " " : "") + word;
        pdf_expected.push_back(cells.at(0) + " " + first_words);
    }
    EXPECT_EQ(sections, 7);
    EXPECT_EQ(rows, 56);
    SCOPED_TRACE("the whole cells, in the DOCX");
    expect_in_order(docx_expected, false);
    SCOPED_TRACE("the sections and rows' beginnings, in the PDF");
    size_t from = 0;
    for (const std::string& expected : pdf_expected) {
        const size_t at = pdf_->find(comparable(expected), from);
        EXPECT_NE(at, std::string::npos) << "PDF lacks, after what came before: " << expected;
        if (at != std::string::npos) from = at + 1;
    }
}

}  // namespace
}  // namespace docgen
