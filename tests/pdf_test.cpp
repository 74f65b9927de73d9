// The PDF painter's own steps: table borders joined before painting,
// compressed streams that zlib reads back, fonts cut ahead of the layout.
#include <gtest/gtest.h>

#include <zlib.h>

#include <array>
#include <set>

#include "common/deflate.h"
#include "common/files.h"
#include "pdf/joined_rules.h"
#include "pdf/pdf_file.h"
#include "pdf/pdf_writer.h"
#include "test_support.h"

namespace docgen {
namespace {

RuleMark rule(double x1, double y1, double x2, double y2, double width = 0.5) { return {x1, y1, x2, y2, width, {}}; }

TEST(JoinedRules, TwoCellsSideBySideShareTheirBorders) {
    // Each cell's four borders, as the table layout draws them.
    const std::vector<RuleMark> cells = {
        rule(0, 0, 10, 0), rule(0, 5, 10, 5), rule(0, 0, 0, 5), rule(10, 0, 10, 5),
        rule(10, 0, 30, 0), rule(10, 5, 30, 5), rule(10, 0, 10, 5), rule(30, 0, 30, 5)};
    const auto joined = joined_rules(cells);
    ASSERT_EQ(joined.size(), 5u);  // top, bottom, and three verticals
    EXPECT_DOUBLE_EQ(joined[0].x1, 0);
    EXPECT_DOUBLE_EQ(joined[0].x2, 30);
    EXPECT_DOUBLE_EQ(joined[0].y1, 0);
    EXPECT_DOUBLE_EQ(joined[1].x2, 30);
    EXPECT_DOUBLE_EQ(joined[1].y1, 5);
}

TEST(JoinedRules, PiecesApartStayApart) {
    const auto joined = joined_rules({rule(0, 0, 10, 0), rule(12, 0, 20, 0)});
    EXPECT_EQ(joined.size(), 2u);
}

TEST(JoinedRules, AnotherPenKeepsThePaintingOrder) {
    // A thick rule between two thin ones over the same line: the second thin
    // one is painted over the thick one and must stay after it.
    const auto joined = joined_rules({rule(0, 0, 10, 0), rule(0, 0, 10, 0, 2), rule(5, 0, 20, 0)});
    ASSERT_EQ(joined.size(), 3u);
    EXPECT_DOUBLE_EQ(joined[1].width, 2);
    EXPECT_DOUBLE_EQ(joined[2].x1, 5);
}

TEST(JoinedRules, SlantedRulesAreKeptAsDrawn) {
    const auto joined = joined_rules({rule(0, 0, 10, 10), rule(0, 0, 10, 10)});
    EXPECT_EQ(joined.size(), 2u);
}

TEST(Deflate, ZlibReadsTheStreamsBack) {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "1 0 0 1 85.04 " + std::to_string(i) + " Tm <0031004300410035> Tj\n";
    for (int level : {1, 6, 12}) {
        const std::string packed = deflate(text, level);
        EXPECT_LT(packed.size(), text.size() / 4);
        std::string unpacked(text.size(), '\0');
        uLongf size = unpacked.size();
        ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(unpacked.data()), &size,
                             reinterpret_cast<const Bytef*>(packed.data()), packed.size()),
                  Z_OK);
        unpacked.resize(size);
        EXPECT_EQ(unpacked, text) << "level " << level;
    }
}

// The PDF of a page saying "Ёжик" in the regular face, given a cut of that
// face to these characters; whether the cut is in the PDF.
struct PreparedRun {
    std::string pdf;
    bool cut_used;
};

PreparedRun write_with_cut(const std::set<char32_t>& characters) {
    const FontFace& face = test_resources().fonts.face(false, false);
    Page page;
    page.width = 300;
    page.height = 200;
    page.texts.push_back({20, 50, &face, 12, 0, "Ёжик", {}});
    const auto cut = EmbeddedFont::make(face, characters);
    FontEmbeddings embeddings(false);
    const std::string pdf = write_pdf({page}, {}, embeddings, {{&face, cut}});
    return {pdf, pdf.find(cut->base_font) != std::string::npos};
}

TEST(PreparedFonts, ACutHoldingThePagesCharactersIsEmbeddedAsItIs) {
    EXPECT_TRUE(write_with_cut({U'Ё', U'ж', U'и', U'к', U'л'}).cut_used);
}

TEST(PreparedFonts, ACutMissingACharacterIsMadeAgain) {
    const PreparedRun run = write_with_cut({U'Ё'});
    EXPECT_FALSE(run.cut_used) << "a cut without ж, и, к was used";
    const std::string path = testing::TempDir() + "/prepared.pdf";
    write_file_atomically(path, run.pdf);
    EXPECT_NE(run_command("pdftotext " + path + " -").find("Ёжик"), std::string::npos);
}

// The fonts go into the file in the order of their names, not of the faces'
// places in memory, which differ between runs and between the ways in
// (render, batch, serve): the same document makes the same bytes.
TEST(PdfWriter, FontsAreWrittenInTheOrderOfTheirNames) {
    const FontSet& fonts = test_resources().fonts;
    // The italic face first in memory: by address it would be written first.
    const std::array<FontFace, 2> faces = {FontFace::from_bytes(fonts.face(false, true).bytes(), "italic"),
                                           FontFace::from_bytes(fonts.face(false, false).bytes(), "regular")};
    Page page;
    page.width = 300;
    page.height = 200;
    page.texts.push_back({20, 50, &faces[0], 12, 0, "курсив", {}});
    page.texts.push_back({20, 80, &faces[1], 12, 0, "прямой", {}});
    FontEmbeddings embeddings(false);
    const std::string pdf = write_pdf({page}, {}, embeddings, {});
    const size_t regular = pdf.find("+LiberationSerif "), italic = pdf.find("+LiberationSerif-Italic ");
    ASSERT_NE(regular, std::string::npos);
    ASSERT_NE(italic, std::string::npos);
    EXPECT_LT(regular, italic);
}

TEST(PdfFile, NumbersHaveAtMostTwoDecimals) {
    std::string out;
    for (double value : {12.0, 0.5, 283.456, -0.004, -1.25, 595.27557}) {
        append_pdf_number(out, value);
        out += ' ';
    }
    EXPECT_EQ(out, "12 0.5 283.46 0 -1.25 595.28 ");
}

TEST(PdfFile, TextStringsAreUtf16WithAByteOrderMark) {
    EXPECT_EQ(pdf_text_string("Ёж"), "<FEFF04010436>");
    EXPECT_EQ(pdf_text_string("\U0001D11E"), "<FEFFD834DD1E>");  // outside the BMP: a surrogate pair
}

TEST(PdfFile, TheCrossReferenceTablePointsAtEachObject) {
    PdfFile pdf;
    const int catalog = pdf.reserve(), pages = pdf.reserve(), info = pdf.reserve();
    pdf.object(pages, "<< /Type /Pages /Kids [] /Count 0 >>");
    pdf.object(catalog, "<< /Type /Catalog /Pages 2 0 R >>");
    pdf.object(info, "<< >>");
    const std::string file = pdf.finish(catalog, info);
    const size_t table = std::stoul(file.substr(file.rfind("startxref\n") + 10));
    ASSERT_EQ(file.compare(table, 5, "xref\n"), 0);
    for (int number : {1, 2, 3}) {
        const size_t offset = std::stoul(file.substr(table + 11 + 20 * number, 10));
        EXPECT_EQ(file.compare(offset, 8, std::to_string(number) + " 0 obj\n"), 0) << number;
    }
    PdfFile unfinished;  // an object reserved and never written is a bug, not a broken file
    const int never = unfinished.reserve();
    EXPECT_THROW(unfinished.finish(never, never), std::logic_error);
}

}  // namespace
}  // namespace docgen
