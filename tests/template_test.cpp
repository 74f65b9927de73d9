#include "template/template.h"

#include <gtest/gtest.h>

#include "common/error.h"
#include "test_support.h"
#include "txt/txt_writer.h"

namespace docgen {
namespace {

using nlohmann::json;

std::string text_of(const std::string& xml, const json& data = json::object()) {
    return write_txt(render_template_text(xml, data));
}

std::string error_of(const std::string& xml, const json& data = json::object()) {
    try {
        render_template_text(xml, data);
    } catch (const InputError& error) {
        return error.what();
    }
    return "no error";
}

const Table& first_table(const Document& document) {
    for (const Block& block : document.sections.at(0).blocks)
        if (const auto* table = std::get_if<Table>(&block)) return *table;
    throw std::runtime_error("no table");
}

TEST(Template, LoopsWithIndexAndConditions) {
    const json data = {{"points", {"Утвердить", "Обеспечить", "Контроль"}}};
    EXPECT_EQ(text_of(R"(<for each="p" in="points" index="i"><p>{{ i + 1 }}. {{ p }}</p></for>)", data),
              "1. Утвердить\n2. Обеспечить\n3. Контроль\n");
    EXPECT_EQ(text_of(R"(<if test="place"><p>{{ place }}</p></if><else><p>без места</p></else>)", data),
              "без места\n");
    EXPECT_EQ(text_of(R"(<p><for each="p" in="points" index="i"><if test="i > 0">, </if>{{ p }}</for></p>)", data),
              "Утвердить, Обеспечить, Контроль\n");
}

TEST(Template, FragmentsTakeParameters) {
    const std::string xml = R"(<document>
      <fragment name="mark" params="number date">
        <p>Приложение № {{ number }} от {{ date | date }}</p>
      </fragment>
      <section>
        <use fragment="mark" number="{{ 2 }}" date="2022-10-18"/>
        <let name="n" value="3"><use fragment="mark" number="{{ n }}" date="2022-10-19"/></let>
      </section>
    </document>)";
    EXPECT_EQ(text_of(xml), "Приложение № 2 от 18.10.2022\nПриложение № 3 от 19.10.2022\n");
}

TEST(Template, WhitespaceOfTheTemplateCollapses) {
    EXPECT_EQ(text_of("<p>\n   Текст   с\n  <b>жирным</b>  словом\n</p>"), "Текст с жирным словом\n");
}

TEST(Template, InlineFormattingMakesRuns) {
    const Document document = render_template_text("<p>обычный <b>жирный <i>курсив</i></b></p>");
    const auto& runs = std::get<Paragraph>(document.sections[0].blocks[0]).runs;
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_FALSE(runs[0].props.bold);
    EXPECT_TRUE(runs[1].props.bold);
    EXPECT_TRUE(runs[2].props.bold && runs[2].props.italic);
}

TEST(Template, ListsNumberTheirItems) {
    EXPECT_EQ(text_of(R"(<list marker="decimal"><item>один</item><item>два</item></list>)"), "1. один\n2. два\n");
    EXPECT_EQ(text_of(R"x(<list marker="decimal)" start="3"><item>три</item></list>)x"), "3) три\n");
    EXPECT_EQ(text_of(R"(<list><item>пункт</item></list>)"), "– пункт\n");
}

TEST(Template, RichTextFromData) {
    const json data = {{"cell", {"Мероприятия:", {{"bold", "Регионального уровня:"}}, {{"list", {"семинар;", "конференция."}}}}}};
    const Document document = render_template_text(R"(<rich value="cell"/>)", data);
    EXPECT_EQ(write_txt(document), "Мероприятия:\nРегионального уровня:\n– семинар;\n– конференция.\n");
    EXPECT_TRUE(std::get<Paragraph>(document.sections[0].blocks[1]).runs[0].props.bold);
    EXPECT_EQ(error_of(R"(<rich value="cell"/>)", {{"cell", {{{"color", "red"}}}}}).substr(0, 40),
              "test.xml:2: rich text at 'cell[0]': expe");
}

TEST(Template, TablesTakeTheirColumnsFromData) {
    const json data = json::parse(R"({
      "columns": [{"key": "n", "title": "№", "width": 1}, {"key": "level", "title": "Уровень", "width": 3, "merge": true},
                  {"key": "event", "title": "Мероприятие", "width": 6}],
      "sections": [{"title": "Направление", "rows": [
         {"n": "1.1", "level": "Региональный", "event": "А"},
         {"n": "1.2", "level": "Региональный", "event": "Б"},
         {"n": "1.3", "level": "Муниципальный", "event": "В"}]},
        {"title": "Второе", "rows": [{"n": "2.1", "level": "Муниципальный", "event": "Г"}]}]
    })");
    const std::string xml = R"(<table column-numbers="true">
        <for each="c" in="columns"><column width="{{ c.width }}" merge="{{ c.merge | default(false) }}"/></for>
        <header><row><for each="c" in="columns"><cell>{{ c.title }}</cell></for></row></header>
        <for each="s" in="sections">
          <row kind="section"><cell colspan="all">{{ s.title }}</cell></row>
          <for each="r" in="s.rows"><row><for each="c" in="columns"><cell>{{ r[c.key] }}</cell></for></row></for>
        </for>
      </table>)";
    const Document document = render_template_text(xml, data);
    EXPECT_EQ(write_txt(document),
              "№ | Уровень | Мероприятие\n1 | 2 | 3\nНаправление\n1.1 | Региональный | А\n1.2 | Б\n"
              "1.3 | Муниципальный | В\nВторое\n2.1 | Муниципальный | Г\n");
    const Table& table = first_table(document);
    EXPECT_EQ(table.column_widths, (std::vector<double>{1, 3, 6}));
    EXPECT_EQ(table.rows[0].role, RowRole::Header);
    EXPECT_EQ(table.rows[1].role, RowRole::ColumnNumbers);
    EXPECT_EQ(table.rows[2].role, RowRole::Section);
    EXPECT_TRUE(table.rows[2].keep_with_next);
    EXPECT_EQ(table.rows[2].cells[0].colspan, 3);
    EXPECT_EQ(table.rows[3].cells[1].rowspan, 2);  // Региональный over 1.1 and 1.2
    EXPECT_EQ(table.rows[5].cells[1].rowspan, 1);  // a section row ends the run
}

TEST(Template, StylesResolveThroughBasedOn) {
    const std::string xml = R"(<document>
      <styles>
        <style name="Normal" size="14" first-line-indent="1.25cm"/>
        <style name="Cell" size="11" first-line-indent="0" align="left"/>
        <style name="Head" based-on="Cell" bold="true"/>
      </styles>
      <section><p style="Head">x</p><p>y</p></section>
    </document>)";
    const Document document = render_template_text(xml);
    const auto& head = std::get<Paragraph>(document.sections[0].blocks[0]);
    const auto& body = std::get<Paragraph>(document.sections[0].blocks[1]);
    EXPECT_EQ(head.run_props.size, 11);
    EXPECT_TRUE(head.run_props.bold);
    EXPECT_EQ(head.props.align, Align::Left);
    EXPECT_EQ(body.run_props.size, 14);
    EXPECT_NEAR(body.props.first_line_indent, mm(12.5), 1e-9);
    EXPECT_EQ(body.props.align, Align::Justify);
}

TEST(Template, SectionsSetPagesAndNumbering) {
    const Document document = render_template_text(
        R"(<document><section orientation="landscape" margins="20mm 10mm 20mm 30mm" page-numbers="none" numbering="continue"><p>x</p></section></document>)");
    const Section& section = document.sections[0];
    EXPECT_TRUE(section.page.landscape);
    EXPECT_NEAR(section.page.margin_left, mm(30), 1e-9);
    EXPECT_EQ(section.numbering, PageNumbering::None);
    EXPECT_FALSE(section.restart_numbering);
}

TEST(Template, ErrorsNameTheTemplateLineAndJsonPath) {
    EXPECT_EQ(error_of("<p>\n{{ order.titl }}</p>", {{"order", {{"title", "x"}}}}),
              "test.xml:3: in '{{ order.titl }}': JSON path 'order.titl' is missing in the data");
    EXPECT_EQ(error_of("<p>\n<x/></p>"), "test.xml:3: unknown element <x>");
    EXPECT_EQ(error_of("<p bold=\"maybe\">x</p>"), "test.xml:2: <p> attribute 'bold': expected true or false, got \"maybe\"");
    EXPECT_EQ(error_of("<p>{{ a + }}</p>"), "test.xml:2: in '{{ a + }}': the expression ends too early (column 6)");
    EXPECT_EQ(error_of("<p>x</b>"), "test.xml:2:7: XML error: Start-end tags mismatch");
    EXPECT_EQ(error_of(R"(<for each="x" in="points"><p/></for>)", {{"points", "abc"}}),
              "test.xml:2: <for in=\"points\">: 'points' is string, not a list");
    EXPECT_EQ(error_of("<use fragment=\"nope\"/>"), "test.xml:2: no fragment named 'nope'");
    EXPECT_EQ(error_of("<p style=\"Nope\">x</p>"), "test.xml:2: no style named 'Nope'");
}

TEST(Template, SpacesCollapseAcrossRunsLoopsAndConditions) {
    const json data = {{"schools", {"А", "Б"}}};
    EXPECT_EQ(text_of("<p>Школы:\n  <for each=\"s\" in=\"schools\">\n    {{ s }}\n  </for>\n</p>", data), "Школы: А Б\n");
    EXPECT_EQ(text_of(R"(<p>Текст <if test="1"> ещё</if></p>)"), "Текст ещё\n");
    EXPECT_EQ(text_of(R"(<p><b>Жирный </b> <i> курсив</i></p>)"), "Жирный курсив\n");
    EXPECT_EQ(text_of(R"(<p>{{ text }}</p>)", {{"text", "  много   пробелов  "}}), "много пробелов\n");
}

TEST(Template, TypographyWorksAcrossFormatting) {
    const Document document = render_template_text(R"(<p>Приказ "<b>Об утверждении</b>" <b>ШНРО</b> - школы</p>)");
    EXPECT_EQ(write_txt(document), "Приказ «Об утверждении» ШНРО – школы\n");
    const auto& runs = std::get<Paragraph>(document.sections[0].blocks[0]).runs;
    ASSERT_EQ(runs.size(), 5u);
    EXPECT_EQ(runs[2].text, "» ");  // the closing quote, plain between two bold runs
    EXPECT_TRUE(runs[1].props.bold);
    EXPECT_EQ(runs[4].text, "\u00A0– школы");  // the space before the dash tied to the bold word
}

TEST(Template, NobrKeepsWordsOnOneLine) {
    const Document document = render_template_text("<p>Подпись <nobr>Аааа Бббб Вввв</nobr> далее</p>");
    const auto& runs = std::get<Paragraph>(document.sections[0].blocks[0]).runs;
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[1].text, "Аааа\u00A0Бббб\u00A0Вввв");
    EXPECT_FALSE(runs[1].hyphenate);
    EXPECT_EQ(runs[0].text, "Подпись ");
}

TEST(Template, CellsAndItemsFormatTheParagraphsInside) {
    const Document document = render_template_text(R"(
      <list align="left" bold="true"><item><p>а</p><p align="center">б</p></item></list>
      <table><column/><row><cell align="center"><p>в</p><p align="right">г</p></cell></row></table>)");
    const auto& items = std::get<List>(document.sections[0].blocks[0]).items[0].blocks;
    EXPECT_EQ(std::get<Paragraph>(items[0]).props.align, Align::Left);
    EXPECT_TRUE(std::get<Paragraph>(items[0]).run_props.bold);
    EXPECT_EQ(std::get<Paragraph>(items[1]).props.align, Align::Center);  // its own attribute wins
    const auto& cell = std::get<Table>(document.sections[0].blocks[1]).rows[0].cells[0].blocks;
    EXPECT_EQ(std::get<Paragraph>(cell[0]).props.align, Align::Center);
    EXPECT_EQ(std::get<Paragraph>(cell[1]).props.align, Align::Right);
}

TEST(Template, FormattingThatCannotBeHonouredIsRefused) {
    EXPECT_EQ(error_of(R"(<p><span align="center">x</span></p>)"),
              "test.xml:2: <span> takes character formatting only (font, size, bold, italic, underline, "
              "letter-spacing, typography), not 'align'");
    EXPECT_EQ(error_of(R"(<p font="Arial">x</p>)"),
              "test.xml:2: <p> attribute 'font': font \"Arial\" is not available; use Times New Roman (drawn with "
              "its metric twin Liberation Serif)");
}

TEST(Template, ConditionsOnMissingDataAreFalse) {
    EXPECT_EQ(text_of(R"(<if test="count > 1"><p>много</p></if><else><p>нет</p></else>)"), "нет\n");
    EXPECT_EQ(text_of(R"(<p>{{ -5 }} {{ n - 10 }}</p>)", {{"n", 3}}), "−5 −7\n");
    EXPECT_EQ(text_of(R"(<if test="intro"><rich value="intro"/></if><p>x</p>)", {{"intro", nullptr}}), "x\n");
}

TEST(Template, ErrorsPointAtTheExpressionsOwnLine) {
    EXPECT_EQ(error_of("<p>Первая строка\nвторая {{ a }}\nтретья {{ nope }}</p>", {{"a", 1}}),
              "test.xml:4: in '{{ nope }}': the data has no 'nope'");
}

TEST(Template, TypographyAppliesToAllText) {
    const json data = {{"name", "Е.П. Талкина"}, {"number", "859-ОД"}};
    const Document document = render_template_text("<p>№ {{ number }}, {{ name }} - подпись</p>", data);
    EXPECT_EQ(std::get<Paragraph>(document.sections[0].blocks[0]).runs[0].text,
              "№\u00A0859-ОД, Е.П.\u00A0Талкина\u00A0– подпись");
}

// ---------------------------------------------------------------- review fixes

const std::string kChartData = R"({"names": ["А", "Б"], "values": [1234567, 0.5]})";

TEST(Template, SeriesColoursAreSixHexDigits) {
    const json data = json::parse(kChartData);
    EXPECT_EQ(error_of("<chart categories=\"names\">\n<series values=\"values\" color=\"red\"/></chart>", data),
              "test.xml:3: <series> attribute 'color': expected six hexadecimal digits such as C0504D, got \"red\"");
    EXPECT_EQ(error_of(R"(<chart categories="names"><series values="values" color="C0504"/></chart>)", data),
              "test.xml:2: <series> attribute 'color': expected six hexadecimal digits such as C0504D, got \"C0504\"");
    const Document document =
        render_template_text(R"(<chart categories="names"><series values="values" color="#c0504d"/></chart>)", data);
    EXPECT_EQ(std::get<Chart>(document.sections[0].blocks[0]).series[0].color, "C0504D");
}

TEST(Template, ChartsAndTablesInTableCellsAreRefusedWhenTheTemplateLoads) {
    // Refused even where no data reaches them, and through fragments.
    EXPECT_EQ(error_of("<table><column/><row><cell>\n<if test=\"false\"><chart categories=\"names\">"
                       "<series values=\"values\"/></chart></if></cell></row></table>"),
              "test.xml:3: a <chart> cannot be inside a table cell; put it among the blocks of a section or list item");
    EXPECT_EQ(error_of("<table><column/><row><cell><table><column/></table></cell></row></table>"),
              "test.xml:2: a <table> cannot be inside a table cell; put it among the blocks of a section or list item");
    const std::string through_fragment = R"(<document>
      <fragment name="figure" params="">
        <chart categories="names"><series values="values"/></chart>
      </fragment>
      <section><table><column/><row><cell>
        <use fragment="figure"/></cell></row></table></section>
    </document>)";
    EXPECT_EQ(error_of(through_fragment),
              "test.xml:3: a <chart> cannot be inside a table cell; put it among the blocks of a section or list item "
              "(fragment 'figure' is used in a cell at test.xml:6)");
    // In a list item a chart is fine.
    EXPECT_EQ(text_of(R"(<list><item><chart categories="names"><series values="values"/></chart></item></list>)",
                      json::parse(kChartData)),
              "[диаграмма]\nА: 1 234 567\nБ: 0,5\n");
}

TEST(Template, BadNumbersNameTheAttributeAndWhatWasExpected) {
    const json data = json::parse(kChartData);
    const auto chart = [&](const std::string& attributes) {
        return error_of("<chart categories=\"names\" " + attributes + "><series values=\"values\"/></chart>", data);
    };
    EXPECT_EQ(chart("width=\"abc%\""),
              "test.xml:2: <chart> attribute 'width': expected a percentage such as 80%, got \"abc%\"");
    EXPECT_EQ(chart("width=\"80\""), "test.xml:2: <chart> attribute 'width': expected a percentage such as 80%, got \"80\"");
    EXPECT_EQ(chart("width=\"0%\""), "test.xml:2: <chart> attribute 'width': expected a percentage such as 80%, got \"0%\"");
    EXPECT_EQ(chart("height=\"1.2.3cm\""),
              "test.xml:2: <chart> attribute 'height': expected a length such as 14pt, 1.25cm or 30mm, got \"1.2.3cm\"");
    EXPECT_EQ(error_of(R"(<table width="x%"><column/></table>)"),
              "test.xml:2: <table> attribute 'width': expected a percentage such as 80%, got \"x%\"");
    EXPECT_EQ(error_of(R"(<table><column width="abc"/></table>)"),
              "test.xml:2: <column> attribute 'width': expected a positive number (a share of the table's width), got \"abc\"");
    EXPECT_EQ(error_of(R"(<table><column width="2x"/></table>)"),
              "test.xml:2: <column> attribute 'width': expected a positive number (a share of the table's width), got \"2x\"");
    EXPECT_EQ(error_of(R"(<list start="3.5"><item>x</item></list>)"),
              "test.xml:2: <list> attribute 'start': expected a whole number, got \"3.5\"");
    EXPECT_EQ(error_of(R"(<table><column/><row><cell colspan="2x">x</cell></row></table>)"),
              "test.xml:2: <cell> attribute 'colspan': expected a whole number from 1 or all, got \"2x\"");
    EXPECT_EQ(error_of(R"(<table><column/><row><cell rowspan="0">x</cell></row></table>)"),
              "test.xml:2: <cell> attribute 'rowspan': expected a whole number from 1, got \"0\"");
    EXPECT_EQ(error_of(R"(<p size="inf">x</p>)"),
              "test.xml:2: <p> attribute 'size': expected a length such as 14pt, 1.25cm or 30mm, got \"inf\"");
    EXPECT_EQ(error_of(R"(<p line-spacing="0x2">x</p>)"),
              "test.xml:2: <p> attribute 'line-spacing': expected a positive multiple such as 1 or 1.5, got \"0x2\"");
    EXPECT_EQ(error_of("<document><section margins=\"20mm abc 20mm 30mm\"><p/></section></document>"),
              "test.xml:1: <section> attribute 'margins': expected a length such as 14pt, 1.25cm or 30mm, got \"abc\"");
    EXPECT_EQ(error_of("<document><section margins=\"20mm 10mm 20mm 30mm 5mm\"><p/></section></document>"),
              "test.xml:1: <section> attribute 'margins': expected four lengths (top right bottom left), got "
              "\"20mm 10mm 20mm 30mm 5mm\"");
    EXPECT_EQ(error_of(R"(<p size="1O">x</p>)"),
              "test.xml:2: <p> attribute 'size': unknown length unit \"O\" (use pt, mm, cm or in)");
    EXPECT_EQ(error_of(R"(<p size="0">x</p>)"), "test.xml:2: <p> attribute 'size': expected a length above zero, got \"0\"");
    EXPECT_EQ(error_of("<p>{{ 1.2.3 }}</p>"), "test.xml:2: in '{{ 1.2.3 }}': malformed number '1.2.3' (column 2)");
}

TEST(Template, ChartPlainTextPrintsNumbersAsTheDocumentDoes) {
    const json data = json::parse(kChartData);
    EXPECT_EQ(text_of(R"(<chart categories="names"><series name="2022" values="values"/></chart>)", data),
              "[диаграмма]\nА: 2022 1 234 567\nБ: 2022 0,5\n");
    EXPECT_EQ(text_of(R"(<chart categories="names" title="Школы"><series values="values"/><series name="Б" values="negative"/></chart>)",
                      {{"names", {"А", "Б"}}, {"values", {1234567, 0.5}}, {"negative", {-12345.678, 0}}}),
              "[диаграмма] Школы\nА: 1 234 567; Б −12 345,68\nБ: 0,5; Б 0\n");
}

TEST(Template, MisplacedElementsSayWhereTheyBelong) {
    EXPECT_EQ(error_of("<include href=\"library.xml\"/>"),
              "test.xml:2: <include> stands only among the children of <document> or <library>; it brings a "
              "library's styles and fragments, not content");
    EXPECT_EQ(error_of("<p><include href=\"library.xml\"/></p>"),
              "test.xml:2: <include> stands only among the children of <document> or <library>; it brings a "
              "library's styles and fragments, not content");
    EXPECT_EQ(error_of("<b>x</b>"), "test.xml:2: <b> is not allowed among blocks; use it inside a <p>");
    EXPECT_EQ(error_of("<item>x</item>"), "test.xml:2: <item> is not allowed among blocks; use it inside a <list>");
    EXPECT_EQ(error_of("<row/>"), "test.xml:2: <row> is not allowed among blocks; use it inside a <table>");
    EXPECT_EQ(error_of("<series values=\"x\"/>"), "test.xml:2: <series> is not allowed among blocks; use it inside a <chart>");
    EXPECT_EQ(error_of("<section/>"),
              "test.xml:2: <section> is not allowed among blocks; use it among the children of <document>");
}

// ---------------------------------------------------------------- documents of every kind

const Paragraph& paragraph_at(const Document& document, size_t index) {
    return std::get<Paragraph>(document.sections.at(0).blocks.at(index));
}

TEST(Template, ItemsMayCarryTheirOwnMarkers) {
    // Points keep the numbers the signed document gives them; the others are counted.
    const json data = {{"points", {{{"number", "1."}, {"text", "первый"}}, {{"number", "3."}, {"text", "третий"}},
                                   {{"text", "следующий"}}}}};
    EXPECT_EQ(text_of(R"(<list marker="decimal"><for each="p" in="points">
                           <item marker="{{ p.number | default('') }}">{{ p.text }}</item></for></list>)", data),
              "1. первый\n3. третий\n3. следующий\n");
}

TEST(Template, ListMarkersCountByExample) {
    EXPECT_EQ(text_of(R"x(<list marker="1)"><item>а</item><item>б</item></list>)x"), "1) а\n2) б\n");
    EXPECT_EQ(text_of(R"(<list marker="5."><item>а</item><item>б</item></list>)"), "5. а\n6. б\n");
    EXPECT_EQ(text_of(R"(<list marker="1." start="7"><item>а</item></list>)"), "7. а\n");
    // Letters as Russian legal texts use them: з is there, й is not.
    std::string items;
    for (int i = 0; i < 10; ++i) items += "<item>x</item>";
    EXPECT_EQ(text_of("<list marker=\"а)\">" + items + "</list>"),
              "а) x\nб) x\nв) x\nг) x\nд) x\nе) x\nж) x\nз) x\nи) x\nк) x\n");
    EXPECT_EQ(text_of(R"(<list marker="•"><item>x</item></list><list marker="1.1."><item>y</item></list>)"),
              "• x\n1.1. y\n");
}

TEST(Template, TypographyCanBeTurnedOff) {
    const Document document = render_template_text(
        R"(<p>Школа <span typography="false">МБОУ - СОШ № 5 "Звезда"</span> - "опорная"</p>
           <p typography="false">"Как есть" - без замен, № 5</p>)");
    const auto& runs = paragraph_at(document, 0).runs;
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[1].text, "МБОУ - СОШ № 5 \"Звезда\"");
    EXPECT_EQ(runs[2].text, "\u00A0– «опорная»");  // the rules still see the whole paragraph
    EXPECT_EQ(paragraph_at(document, 1).runs[0].text, "\"Как есть\" - без замен, № 5");
    const std::string styled = R"(<document><styles><style name="Name" typography="false"/></styles>
        <section><p style="Name">ООО "Ромашка" - поставщик</p></section></document>)";
    EXPECT_EQ(text_of(styled), "ООО \"Ромашка\" - поставщик\n");
}

TEST(Template, LetterSpacingStopsAtTheLastLetter) {
    const Document document =
        render_template_text(R"(<p><span letter-spacing="3pt">приказываю</span>: <span letter-spacing="2pt">а<br/>бв</span></p>)");
    const auto& runs = paragraph_at(document, 0).runs;
    ASSERT_EQ(runs.size(), 6u);
    EXPECT_EQ(runs[0].text, "приказыва");
    EXPECT_EQ(runs[0].props.letter_spacing, 3);
    EXPECT_EQ(runs[1].text, "ю");
    EXPECT_EQ(runs[1].props.letter_spacing, 0);
    EXPECT_EQ(runs[2].text, ": ");
    EXPECT_EQ(runs[3].text, "а");  // before a line break
    EXPECT_EQ(runs[3].props.letter_spacing, 0);
    EXPECT_EQ(runs[4].text, "\nб");
    EXPECT_EQ(runs[4].props.letter_spacing, 2);
    EXPECT_EQ(runs[5].text, "в");
    EXPECT_EQ(runs[5].props.letter_spacing, 0);
}

TEST(Template, SpacedLettersNeverBreakApart) {
    const Document document = render_template_text("<p>{{ 'приказываю:' | spaced }}</p>");
    EXPECT_EQ(paragraph_at(document, 0).runs[0].text.find(' '), std::string::npos);
    EXPECT_EQ(write_txt(document), "п р и к а з ы в а ю:\n");
}

TEST(Template, SubscriptsAndSuperscriptsAreRuns) {
    const Document document = render_template_text("<p>П<sub>g</sub> = x<sup>2</sup></p>");
    const auto& runs = paragraph_at(document, 0).runs;
    ASSERT_EQ(runs.size(), 4u);
    EXPECT_EQ(runs[1].text, "g");
    EXPECT_EQ(runs[1].props.script, Script::Sub);
    EXPECT_EQ(runs[3].props.script, Script::Super);
    EXPECT_EQ(write_txt(document), "Пg = x2\n");
}

TEST(Template, TableRowsMustFillTheColumns) {
    EXPECT_EQ(error_of("<table>\n<column/><column/>\n<row><cell>1</cell><cell>2</cell></row>\n"
                       "<row><cell>1</cell><cell>2</cell><cell>3</cell></row></table>"),
              "test.xml:5: a <row> with cells for more than the table's 2 columns (row 2 of the <table> at line 2)");
    EXPECT_EQ(error_of("<table>\n<column/><column/><column/>\n<header><row><cell>А</cell><cell colspan=\"2\">Б</cell></row></header>\n"
                       "<for each=\"r\" in=\"rows\"><row><cell>{{ r }}</cell></row></for></table>",
                       {{"rows", {1}}}),
              "test.xml:5: a <row> with cells for 1 of the table's 3 columns (row 2 of the <table> at line 2): give "
              "every column a cell, or widen one with colspan");
    // Cells spanning down fill their columns in the rows below.
    EXPECT_EQ(text_of(R"(<table><column/><column/>
        <row><cell rowspan="2">А</cell><cell>1</cell></row><row><cell>2</cell></row>
        <row><cell colspan="all">В</cell></row></table>)"),
              "А | 1\n2\nВ\n");
    EXPECT_EQ(error_of("<table><column/><column/>\n<row><cell rowspan=\"2\">А</cell><cell>1</cell></row>"
                       "<row><cell>2</cell><cell>3</cell></row></table>"),
              "test.xml:3: a <row> with cells for more than the table's 2 columns (row 2 of the <table> at line 2)");
}

TEST(Template, RichTextThatIsNullIsAnErrorNamingItsPath) {
    EXPECT_EQ(error_of(R"(<rich value="appendix.intro"/>)", {{"appendix", {{"intro", nullptr}}}}),
              "test.xml:2: rich text at 'appendix.intro' is null: give text or a list, or leave it out with "
              "<if test=\"appendix.intro\">");
}

TEST(Template, RichTextMixesFormatsInAParagraph) {
    const json data = json::parse(R"x({
      "text": [{"bold": "Источниками информации"}, " являются базы данных"],
      "formula": ["П", {"sub": "g"}, " = ", {"italic": ["A", {"sub": "p"}]}],
      "blocks": [[{"bold": {"italic": "Школы"}}, " – это школы"], {"italic": "Цель"},
                 {"list": ["первый;", ["второй ", {"bold": "жирный"}, "."]], "marker": "1)"}, "Текст"]
    })x");
    const Document document = render_template_text(
        R"(<p><rich value="text"/></p><p>Формула: <rich value="formula"/></p><rich value="blocks"/>)", data);
    EXPECT_EQ(write_txt(document),
              "Источниками информации являются базы данных\nФормула: Пg = Ap\nШколы – это школы\nЦель\n"
              "1) первый;\n2) второй жирный.\nТекст\n");
    const auto& text = paragraph_at(document, 0).runs;
    EXPECT_TRUE(text[0].props.bold);
    EXPECT_FALSE(text[1].props.bold);
    const auto& formula = paragraph_at(document, 1).runs;
    ASSERT_EQ(formula.size(), 5u);
    EXPECT_EQ(formula[2].text, " = ");
    EXPECT_EQ(formula[3].text, "A");
    EXPECT_TRUE(formula[3].props.italic);
    EXPECT_EQ(formula[4].props.script, Script::Sub);
    EXPECT_TRUE(formula[4].props.italic);
    const auto& lead = paragraph_at(document, 2).runs;
    EXPECT_TRUE(lead[0].props.bold && lead[0].props.italic);
    EXPECT_EQ(error_of(R"(<rich value="x"/>)", {{"x", {{"list", {"a"}}, {"marker", 1}}}}),
              "test.xml:2: rich text at 'x.marker': expected a marker such as \"–\", \"1.\", \"1)\" or \"а)\", got 1");
    EXPECT_EQ(error_of(R"(<p><rich value="x"/></p>)", {{"x", {"a", {{"color", "red"}}}}}),
              "test.xml:2: rich text at 'x[1]': expected text, a list of pieces, {\"bold\": text}, {\"italic\": "
              "text}, {\"underline\": text}, {\"sub\": text}, {\"sup\": text} or (among blocks) {\"list\": [text, "
              "…]}, got {\"color\":\"red\"}");
    EXPECT_EQ(error_of(R"(<p><rich value="x" style="Normal"/></p>)", {{"x", "a"}}),
              "test.xml:2: <rich> inside a paragraph takes only value, not 'style': its text takes the paragraph's style");
    json deep = "x";
    for (int i = 0; i < 30; ++i) deep = json::array({deep});
    EXPECT_NE(error_of(R"(<p><rich value="x"/></p>)", {{"x", deep}}).find("nests more than 20 deep"), std::string::npos);
}

TEST(Template, TheFootGoesUnderTheSectionsText) {
    const Document document = render_template_text(R"(<document><section>
        <p>Текст</p><foot><p size="10">Исп. И.И. Иванова, тел. 29-27-38</p></foot><p>Подпись</p>
      </section><section><p>Приложение</p></section></document>)");
    ASSERT_EQ(document.sections[0].foot.size(), 1u);
    EXPECT_EQ(document.sections[0].blocks.size(), 2u);
    EXPECT_EQ(write_txt(document), "Текст\nПодпись\nИсп. И.И. Иванова, тел. 29-27-38\n--- section ---\nПриложение\n");
    EXPECT_EQ(error_of("<list><item>\n<foot><p>x</p></foot></item></list>"),
              "test.xml:3: <foot> stands directly in a <section>, among its blocks");
    EXPECT_EQ(error_of("<foot>\n<foot><p>x</p></foot></foot>"),
              "test.xml:3: <foot> stands directly in a <section>, among its blocks");
    EXPECT_EQ(error_of("<foot><table><column/></table></foot>"),
              "test.xml:2: <foot> holds paragraphs and lists only: the foot of a page has no room for tables, "
              "charts or page breaks");
}

TEST(Template, NonLatinNamesInExpressionsSayHowToWriteThem) {
    EXPECT_EQ(error_of("<p>{{ x.ШНРО }}</p>", {{"x", {{"ШНРО", 1}}}}),
              "test.xml:2: in '{{ x.ШНРО }}': 'ШНРО' cannot follow '.': a name there is Latin letters, digits and _; "
              "write the key as a string: ['ШНРО'] (column 4)");
    EXPECT_EQ(text_of("<p>{{ x['ШНРО'] }}</p>", {{"x", {{"ШНРО", 1}}}}), "1\n");
    EXPECT_EQ(error_of("<p>{{ № }}</p>"), "test.xml:2: in '{{ № }}': unexpected character '№' (column 2)");
}

}  // namespace
}  // namespace docgen
