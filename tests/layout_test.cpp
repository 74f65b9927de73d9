// Pagination: paragraphs and tables placed onto pages.
#include "layout/layout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "common/error.h"
#include "common/files.h"
#include "template/template.h"

#include "test_support.h"

namespace docgen {
namespace {

Paragraph line_paragraph(const std::string& text, double size = 11) {
    Paragraph paragraph;
    paragraph.props.align = Align::Left;
    paragraph.props.hyphenate = false;
    paragraph.run_props.size = size;
    paragraph.runs.push_back({text, paragraph.run_props, false});
    return paragraph;
}

// A cell whose text is `lines` lines, "tag 1" … "tag N".
Cell cell_of(const std::string& tag, int lines = 1) {
    std::string text;
    for (int i = 1; i <= lines; ++i) text += (i > 1 ? "\n" : "") + tag + " " + std::to_string(i);
    Cell cell;
    cell.blocks.push_back(line_paragraph(text));
    return cell;
}

Row row_of(std::vector<Cell> cells, RowRole role = RowRole::Body) {
    Row row;
    row.role = role;
    row.keep_with_next = role == RowRole::Section;
    row.cells = std::move(cells);
    return row;
}

Table two_column_table(HeaderRepeat repeat = HeaderRepeat::Full) {
    Table table;
    table.column_widths = {1, 3};
    table.repeat = repeat;
    table.rows.push_back(row_of({cell_of("Заголовок"), cell_of("Описание")}, RowRole::Header));
    table.rows.push_back(row_of({cell_of("#1"), cell_of("#2")}, RowRole::ColumnNumbers));
    return table;
}

std::vector<Page> lay_out_blocks(std::vector<Block> blocks) {
    Document document;
    Section section;
    section.blocks = std::move(blocks);
    document.sections.push_back(std::move(section));
    return lay_out(document, test_resources().fonts, test_resources().hyphenator);
}

std::vector<std::string> texts(const Page& page) {
    std::vector<std::string> out;
    for (const TextMark& mark : page.texts) out.push_back(mark.text);
    return out;
}

bool has(const Page& page, const std::string& text) {
    const auto all = texts(page);
    return std::find(all.begin(), all.end(), text) != all.end();
}

int page_of(const std::vector<Page>& pages, const std::string& text) {
    for (size_t p = 0; p < pages.size(); ++p)
        if (has(pages[p], text)) return static_cast<int>(p);
    return -1;
}

void expect_inside_text_area(const std::vector<Page>& pages) {
    const PageSetup setup;
    for (const Page& page : pages) {
        for (const TextMark& mark : page.texts) {
            if (mark.baseline < setup.margin_top) continue;  // the page number sits in the top margin
            EXPECT_LE(mark.baseline, page.height - setup.margin_bottom) << mark.text;
            EXPECT_GE(mark.x, setup.margin_left - 0.01) << mark.text;
            EXPECT_LE(mark.x + mark.face->width(mark.text, mark.size), page.width - setup.margin_right + 0.01)
                << mark.text;
        }
        for (const RuleMark& rule : page.rules) EXPECT_LE(std::max(rule.y1, rule.y2), page.height - setup.margin_bottom + 0.01);
    }
}

TEST(TablePagination, HeaderRepeatsOnEveryPage) {
    Table table = two_column_table();
    for (int r = 0; r < 80; ++r) table.rows.push_back(row_of({cell_of("n" + std::to_string(r)), cell_of("row" + std::to_string(r), 2)}));
    const auto pages = lay_out_blocks({table});
    ASSERT_GE(pages.size(), 3u);
    for (const Page& page : pages) {
        EXPECT_TRUE(has(page, "Заголовок 1"));
        EXPECT_TRUE(has(page, "#1 1"));
    }
    for (int r = 0; r < 80; ++r) EXPECT_GE(page_of(pages, "n" + std::to_string(r) + " 1"), 0) << "row " << r << " lost";
    expect_inside_text_area(pages);
}

TEST(TablePagination, NumbersOnlyRepeatKeepsTheHeaderOnTheFirstPage) {
    Table table = two_column_table(HeaderRepeat::NumbersOnly);
    for (int r = 0; r < 80; ++r) table.rows.push_back(row_of({cell_of("n" + std::to_string(r)), cell_of("row", 2)}));
    const auto pages = lay_out_blocks({table});
    ASSERT_GE(pages.size(), 2u);
    EXPECT_TRUE(has(pages[0], "Заголовок 1"));
    for (size_t p = 1; p < pages.size(); ++p) {
        EXPECT_FALSE(has(pages[p], "Заголовок 1"));
        EXPECT_TRUE(has(pages[p], "#1 1"));
    }
}

// Rows of 1 to 7 lines at every position near a page's bottom.
Table varied_rows_table(bool keep_rows_whole) {
    Table table = two_column_table();
    table.keep_rows_whole = keep_rows_whole;
    for (int r = 0; r < 200; ++r)
        table.rows.push_back(row_of({cell_of("n" + std::to_string(r)), cell_of("r" + std::to_string(r), 1 + r % 7)}));
    return table;
}

// Pages of lines 1..count of a row's cell.
std::vector<int> pages_of_lines(const std::vector<Page>& pages, const std::string& tag, int count) {
    std::vector<int> result;
    for (int line = 1; line <= count; ++line) result.push_back(page_of(pages, tag + " " + std::to_string(line)));
    return result;
}

TEST(TablePagination, AShortRowMovesWhole) {
    const auto pages = lay_out_blocks({varied_rows_table(false)});
    for (int r = 0; r < 200; ++r) {
        const int lines = 1 + r % 7;
        const auto on = pages_of_lines(pages, "r" + std::to_string(r), lines);
        EXPECT_EQ(page_of(pages, "n" + std::to_string(r) + " 1"), on.front()) << "row " << r;
        if (lines <= 3) {
            EXPECT_EQ(on.front(), on.back()) << "row " << r << " of " << lines << " lines was split";
        }
    }
    expect_inside_text_area(pages);
}

TEST(TablePagination, ASplitRowLeavesNoLineAlone) {
    const auto pages = lay_out_blocks({varied_rows_table(false)});
    int splits = 0;
    for (int r = 0; r < 200; ++r) {
        const int lines = 1 + r % 7;
        const auto on = pages_of_lines(pages, "r" + std::to_string(r), lines);
        if (on.front() == on.back()) continue;
        ++splits;
        EXPECT_EQ(on[0], on[1]) << "row " << r << ": its first line alone";
        EXPECT_EQ(on[lines - 1], on[lines - 2]) << "row " << r << ": its last line alone";
    }
    EXPECT_GT(splits, 0);  // the rows fill their pages
}

TEST(TablePagination, KeepRowsWholeMovesEveryRowThatFitsAPage) {
    const auto pages = lay_out_blocks({varied_rows_table(true)});
    for (int r = 0; r < 200; ++r) {
        const auto on = pages_of_lines(pages, "r" + std::to_string(r), 1 + r % 7);
        EXPECT_EQ(on.front(), on.back()) << "row " << r << " was split";
    }
    expect_inside_text_area(pages);
}

TEST(TablePagination, ARowTallerThanAPageIsSplitBetweenLines) {
    Table table = two_column_table();
    table.rows.push_back(row_of({cell_of("a"), cell_of("a")}));
    table.rows.push_back(row_of({cell_of("short"), cell_of("tall", 120)}));
    table.rows.push_back(row_of({cell_of("after"), cell_of("after")}));
    const auto pages = lay_out_blocks({table});
    ASSERT_GE(pages.size(), 3u);
    EXPECT_EQ(page_of(pages, "tall 1"), 0);  // starts on the page it reaches, not moved
    EXPECT_GT(page_of(pages, "tall 120"), 1);
    int previous = 0;
    for (int line = 1; line <= 120; ++line) {
        const int page = page_of(pages, "tall " + std::to_string(line));
        ASSERT_GE(page, previous) << "line " << line << " lost or out of order";
        previous = page;
    }
    for (const Page& page : pages) EXPECT_TRUE(has(page, "Заголовок 1"));
    expect_inside_text_area(pages);
}

TEST(TablePagination, SpanningCellIsContinuedWithItsText) {
    Table table = two_column_table();
    Row first = row_of({cell_of("Региональный"), cell_of("item 0")});
    first.cells[0].rowspan = 60;
    table.rows.push_back(first);
    for (int r = 1; r < 60; ++r) table.rows.push_back(row_of({cell_of("item " + std::to_string(r))}));
    table.rows.push_back(row_of({cell_of("Муниципальный"), cell_of("item 60")}));
    const auto pages = lay_out_blocks({table});
    const int last_page = page_of(pages, "item 59 1");
    ASSERT_GT(last_page, 0);
    for (int p = 0; p <= last_page; ++p) EXPECT_TRUE(has(pages[p], "Региональный 1")) << "page " << p;
    for (int r = 0; r <= 60; ++r) EXPECT_GE(page_of(pages, "item " + std::to_string(r) + " 1"), 0);
    expect_inside_text_area(pages);
}

TEST(TablePagination, ASectionRowIsNeverLastOnAPage) {
    // Rows of growing height put a section row at every position near a page's bottom.
    for (int filler = 1; filler < 40; ++filler) {
        Table table = two_column_table();
        for (int r = 0; r < filler; ++r) table.rows.push_back(row_of({cell_of("f"), cell_of("f", 1 + r % 3)}));
        Cell section = cell_of("Направление");
        section.colspan = 2;
        table.rows.push_back(row_of({section}, RowRole::Section));
        table.rows.push_back(row_of({cell_of("next"), cell_of("next", 3)}));
        for (int r = 0; r < 10; ++r) table.rows.push_back(row_of({cell_of("t"), cell_of("t")}));
        const auto pages = lay_out_blocks({table});
        EXPECT_EQ(page_of(pages, "Направление 1"), page_of(pages, "next 1")) << "with " << filler << " rows before";
    }
}

std::vector<Block> paragraphs(int count, int lines_each, const std::string& tag) {
    std::vector<Block> blocks;
    for (int p = 0; p < count; ++p) {
        std::string text;
        for (int l = 1; l <= lines_each; ++l) text += (l > 1 ? "\n" : "") + tag + std::to_string(p) + "." + std::to_string(l);
        Paragraph paragraph = line_paragraph(text, 14);
        blocks.push_back(paragraph);
    }
    return blocks;
}

TEST(ParagraphPagination, NoSingleLineAloneAtATopOrBottom) {
    for (int lines_each = 2; lines_each <= 7; ++lines_each) {
        const auto pages = lay_out_blocks(paragraphs(60, lines_each, "p"));
        for (int p = 0; p < 60; ++p) {
            const std::string tag = "p" + std::to_string(p) + ".";
            const int first = page_of(pages, tag + "1");
            const int second = page_of(pages, tag + "2");
            const int last = page_of(pages, tag + std::to_string(lines_each));
            const int before_last = page_of(pages, tag + std::to_string(lines_each - 1));
            EXPECT_EQ(first, second) << "orphan: " << tag << " with " << lines_each << " lines";
            EXPECT_EQ(last, before_last) << "widow: " << tag << " with " << lines_each << " lines";
        }
        expect_inside_text_area(pages);
    }
}

TEST(ParagraphPagination, HeadingsAreKeptWithWhatFollows) {
    for (int filler = 30; filler < 60; ++filler) {
        std::vector<Block> blocks = paragraphs(filler, 1, "f");
        Paragraph heading = line_paragraph("Заголовок раздела", 14);
        heading.props.keep_with_next = true;
        blocks.push_back(heading);
        auto body = paragraphs(1, 4, "body");
        blocks.insert(blocks.end(), body.begin(), body.end());
        const auto pages = lay_out_blocks(blocks);
        EXPECT_EQ(page_of(pages, "Заголовок раздела"), page_of(pages, "body0.1")) << filler;
        EXPECT_EQ(page_of(pages, "body0.1"), page_of(pages, "body0.2")) << filler;
    }
}

TEST(PageNumbers, FromTheSecondPageAtTheTopCentre) {
    const auto pages = lay_out_blocks(paragraphs(120, 1, "x"));
    ASSERT_GE(pages.size(), 3u);
    EXPECT_FALSE(has(pages[0], "1"));
    const PageSetup setup;
    for (size_t p = 1; p < pages.size(); ++p) {
        const std::string number = std::to_string(p + 1);
        const auto found = std::find_if(pages[p].texts.begin(), pages[p].texts.end(),
                                        [&](const TextMark& mark) { return mark.text == number; });
        ASSERT_NE(found, pages[p].texts.end()) << "page " << p + 1;
        EXPECT_LT(found->baseline, setup.margin_top);
        const double centre = found->x + found->face->width(number, found->size) / 2;
        EXPECT_NEAR(centre, (setup.margin_left + setup.width - setup.margin_right) / 2, 0.5);
    }
}

TEST(PageNumbers, EachSectionCountsItsOwnPages) {
    Document document;
    for (int s = 0; s < 2; ++s) {
        Section section;
        section.page.landscape = s == 1;
        section.blocks = paragraphs(60, 1, "s" + std::to_string(s));
        document.sections.push_back(std::move(section));
    }
    const auto pages = lay_out(document, test_resources().fonts, test_resources().hyphenator);
    const int second_start = page_of(pages, "s10.1");
    ASSERT_GT(second_start, 0);
    EXPECT_EQ(pages[second_start].number, 1);
    EXPECT_GT(pages[second_start].width, pages[second_start].height);  // landscape
    EXPECT_EQ(pages[second_start + 1].number, 2);
}

Chart chart_of(std::vector<double> values, double width_fraction) {
    Chart chart;
    chart.width_fraction = width_fraction;
    chart.height = mm(60);
    for (size_t i = 0; i < values.size(); ++i) chart.categories.push_back("Категория " + std::to_string(i + 1));
    chart.series.push_back({"2022 год", std::move(values), ""});
    return chart;
}

TEST(Charts, ANarrowChartIsCentredAsInTheDocx) {
    const std::vector<Page> pages = lay_out_blocks({chart_of({68, 35, 130}, 0.5)});
    ASSERT_EQ(pages.size(), 1u);
    const PageSetup setup;
    const double text_left = setup.margin_left;
    const double text_width = setup.width - setup.margin_left - setup.margin_right;
    double left = 1e9, right = -1e9;
    for (const FillMark& fill : pages[0].fills) {
        left = std::min(left, fill.x);
        right = std::max(right, fill.x + fill.width);
    }
    for (const RuleMark& rule : pages[0].rules) {
        left = std::min({left, rule.x1, rule.x2});
        right = std::max({right, rule.x1, rule.x2});
    }
    EXPECT_GE(left, text_left + text_width * 0.25 - 0.01);
    EXPECT_LE(right, text_left + text_width * 0.75 + 0.01);
    EXPECT_GT(right, text_left + text_width * 0.70);  // the plot fills its half
}

// «2,9» on a bar a few points long: beside the bar, in black; «350» inside its bar, in white.
TEST(Charts, AValueThatDoesNotFitItsBarGoesBesideIt) {
    for (bool lying : {false, true}) {
        Chart chart = chart_of({350, 2.9}, 1.0);
        chart.horizontal = lying;
        const std::vector<Page> pages = lay_out_blocks({chart});
        ASSERT_EQ(pages.size(), 1u);
        const auto bar_of = [&](size_t index) { return pages[0].fills[pages[0].fills.size() - 2 + index]; };
        const auto label = [&](const std::string& text) {
            for (const TextMark& mark : pages[0].texts)
                if (mark.text == text) return mark;
            ADD_FAILURE() << "no label " << text;
            return TextMark{};
        };
        const FillMark big = bar_of(0), small = bar_of(1);
        const TextMark inside = label("350"), beside = label("2,9");
        SCOPED_TRACE(lying ? "lying" : "upright");
        EXPECT_GT(inside.x, big.x);
        EXPECT_LT(inside.x, big.x + big.width);
        EXPECT_GT(inside.baseline, big.y);
        EXPECT_LT(inside.baseline, big.y + big.height);
        if (lying) {
            EXPECT_GE(beside.x, small.x + small.width);  // right of the bar's end
        } else {
            EXPECT_LE(beside.baseline, small.y);  // over the bar's top
        }
        EXPECT_EQ(beside.color.red, 0);
    }
}

TEST(Charts, ValuesPrintAsRussianNumbers) {
    const std::vector<Page> pages = lay_out_blocks({chart_of({1234567, 2500000.5}, 1.0)});
    ASSERT_EQ(pages.size(), 1u);
    EXPECT_TRUE(has(pages[0], "1 234 567")) << "a bar's value";
    EXPECT_TRUE(has(pages[0], "2 500 000,5"));
    EXPECT_TRUE(has(pages[0], "1 000 000")) << "an axis tick";
    for (const std::string& text : texts(pages[0])) EXPECT_EQ(text.find('e'), std::string::npos) << text;
}

}  // namespace
}  // namespace docgen

namespace docgen {
namespace {

// The stock order template with the example's data, changed by `change`.
std::vector<Page> order_pages_with(const std::function<void(nlohmann::json&)>& change) {
    const std::string source = DOCGEN_SOURCE_DIR;
    nlohmann::json data = nlohmann::json::parse(read_file(source + "/examples/order-859/data.json", "data"));
    change(data);
    const Document document = Template::load(source + "/templates/order.xml").render(data);
    return lay_out(document, test_resources().fonts, test_resources().hyphenator);
}

std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const InputError& error) {
        return error.what();
    }
    return "";
}

// A list in a «№» column too narrow for its hanging indent: the indents are
// dropped for that cell (the data chose the width) and every line stays in
// its column. This read past the end of a buffer once.
TEST(NarrowColumns, ListInANarrowNumberColumnDropsItsIndents) {
    const auto pages = order_pages_with([](nlohmann::json& data) {
        auto& table = data["appendices"][0]["table"];
        for (auto& column : table["columns"]) column["width"] = column["width"].get<int>() * 20;
        table["columns"][0]["width"] = 1;
        table["sections"][0]["rows"][0]["number"] = {{{"list", {"первый пункт", "второй пункт"}}}};
    });
    ASSERT_GT(pages.size(), 3u);
    for (const TextMark& mark : pages[2].texts) EXPECT_GE(mark.x, mm(29)) << mark.text;
}

TEST(NarrowColumns, BodyIndentsWiderThanTheTextAreNamedWithTheTemplateLine) {
    const std::string message = error_of([] {
        const Document document = render_template_text("<p>Текст</p>\n<p indent-left=\"16cm\" "
                                                        "indent-right=\"2cm\">Текст</p>");
        lay_out(document, test_resources().fonts, test_resources().hyphenator);
    });
    EXPECT_NE(message.find("test.xml:"), std::string::npos) << message;
    EXPECT_NE(message.find("indents (left 160.0 mm, right 20.0 mm"), std::string::npos) << message;
    EXPECT_NE(message.find("leave no room for its text in 170.0 mm of width"), std::string::npos) << message;
}

// A header taller than a page could never be followed by a row: a clear
// error naming the template line, where a null reference crashed before.
TEST(TableHeader, TallerThanAPageIsAnError) {
    std::string title;
    for (int i = 0; i < 80; ++i) title += "управленческие ";
    const std::string message = error_of([&] {
        order_pages_with([&](nlohmann::json& data) {
            for (auto& column : data["appendices"][0]["table"]["columns"]) column["width"] = 1;
            data["appendices"][0]["table"]["columns"][1]["title"] = title;
        });
    });
    // The table is the roadmap fragment the order template uses from its library.
    EXPECT_NE(message.find("templates/library/official.xml:"), std::string::npos) << message;
    EXPECT_NE(message.find("header rows with the first lines of its first row are"), std::string::npos) << message;
}

// Column titles are not hyphenated when their words fit their columns.
TEST(TableHeader, TitlesAreNotHyphenated) {
    Table table;
    table.column_widths = {1, 1};
    Cell title = cell_of("x");
    std::get<Paragraph>(title.blocks[0]).runs[0].text = "Управленческие решения образовательных организаций";
    std::get<Paragraph>(title.blocks[0]).props.hyphenate = true;
    std::get<Paragraph>(title.blocks[0]).runs[0].hyphenate = true;
    table.rows.push_back(row_of({title, cell_of("Описание")}, RowRole::Header));
    table.rows.push_back(row_of({cell_of("a"), cell_of("b")}));
    table.width_fraction = 0.4;
    const auto pages = lay_out_blocks({table});
    for (const TextMark& mark : pages[0].texts) EXPECT_NE(mark.text.back(), '-') << mark.text;
}
}  // namespace
}  // namespace docgen
