// Every kind of document the stock templates make, end to end: the examples
// and each form of appendix mark rendered by the docgen command to PDF and
// DOCX and read back — the PDF's text with poppler's tools, the DOCX's from
// its XML, and LibreOffice's layout of the DOCX where Word's placement
// matters — and the positions that matter measured on the PDF's pages.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <regex>
#include <sstream>

#include "common/files.h"
#include "docx/docx_writer.h"
#include "layout/layout.h"
#include "test_support.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kSource = DOCGEN_SOURCE_DIR;

// Text as a reader compares it: no-break spaces as spaces, one space between words.
std::string normalised(std::string text) {
    text = std::regex_replace(text, std::regex("\u00A0"), " ");
    return std::regex_replace(text, std::regex("[ \t\n\r\f]+"), " ");
}

class Dir {
public:
    Dir() : path_(fs::temp_directory_path() / ("docgen-kinds-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(counter_++))) {
        fs::create_directories(path_);
    }
    ~Dir() { fs::remove_all(path_); }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

private:
    static inline int counter_ = 0;
    fs::path path_;
};

// A document rendered by the docgen command, and its text as each format holds it.
struct Rendered {
    std::string pdf;
    std::string docx;  // the package's bytes
    // The PDF's words in drawing order, pages' numbers left out, words hyphenated at a line's end joined.
    std::string pdf_text;
    // The DOCX's paragraphs in order, each the text of its runs (line breaks as spaces).
    std::string docx_text;
};

std::string pdf_words(const std::string& pdf, int first_page = 0, int last_page = 0) {
    std::string command = "pdftotext -raw";
    if (first_page) command += " -f " + std::to_string(first_page) + " -l " + std::to_string(last_page);
    std::string text = run_command(command + " " + pdf + " - 2>/dev/null");
    text = std::regex_replace(text, std::regex("(^|\n)[0-9]+\n"), "$1");             // page numbers
    text = std::regex_replace(text, std::regex("([а-яё])-\n([а-яё])"), "$1$2");      // hyphenation
    return normalised(text);
}

std::string docx_paragraphs(const std::string& package) {
    pugi::xml_document xml;
    const std::string part = zip_entry(package, "word/document.xml");
    EXPECT_TRUE(xml.load_string(part.c_str()));
    std::string text;
    struct Collect : pugi::xml_tree_walker {
        std::string& text;
        explicit Collect(std::string& out) : text(out) {}
        bool for_each(pugi::xml_node& node) override {
            const std::string name = node.name();
            if (name == "w:t") text += node.text().get();
            else if (name == "w:br" || name == "w:tab") text += ' ';
            else if (name == "w:p") text += '\n';
            return true;
        }
    } collect(text);
    xml.traverse(collect);
    return normalised(text);
}

Rendered render(const std::string& template_name, const std::string& data_path) {
    Dir dir;
    Rendered rendered;
    int status = -1;
    const std::string output = run_command(std::string(DOCGEN_BINARY) + " render " + kSource + "/templates/" +
                                               template_name + ".xml " + data_path + " -o " + dir / "out.pdf" +
                                               " -o " + dir / "out.docx" + " 2>&1",
                                           &status);
    EXPECT_EQ(status, 0) << output;
    rendered.pdf = read_file(dir / "out.pdf", "PDF");
    rendered.docx = read_file(dir / "out.docx", "DOCX");
    rendered.pdf_text = pdf_words(dir / "out.pdf");
    rendered.docx_text = docx_paragraphs(rendered.docx);
    return rendered;
}

Rendered render_example(const std::string& template_name, const std::string& example) {
    return render(template_name, kSource + "/examples/" + example + "/data.json");
}

Rendered render_data(const std::string& template_name, const json& data) {
    Dir dir;
    std::ofstream(dir / "data.json") << data.dump();
    return render(template_name, dir / "data.json");
}

// Each text appears in both formats, in this order.
void expect_in_order(const Rendered& rendered, const std::vector<std::string>& texts) {
    for (const auto& [format, text] : {std::pair{"PDF", &rendered.pdf_text}, std::pair{"DOCX", &rendered.docx_text}}) {
        size_t from = 0;
        for (const std::string& expected : texts) {
            const size_t at = text->find(normalised(expected), from);
            EXPECT_NE(at, std::string::npos) << format << " lacks, after what came before: " << expected;
            if (at != std::string::npos) from = at + 1;
        }
    }
}

// Words of a PDF page with their boxes, from pdftotext -bbox.
struct Word {
    std::string text;
    double x_min, y_min, x_max, y_max;
};

std::vector<std::vector<Word>> pdf_pages_words(const std::string& pdf) {
    Dir dir;
    std::ofstream(dir / "in.pdf", std::ios::binary) << pdf;
    const std::string html = run_command("pdftotext -bbox " + dir / "in.pdf" + " - 2>/dev/null");
    std::vector<std::vector<Word>> pages;
    std::istringstream lines(html);
    const std::regex word(R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>)re");
    for (std::string line; std::getline(lines, line);) {
        if (line.find("<page ") != std::string::npos) pages.emplace_back();
        std::smatch match;
        if (std::regex_search(line, match, word) && !pages.empty())
            pages.back().push_back({match[5], std::stod(match[1]), std::stod(match[2]), std::stod(match[3]),
                                    std::stod(match[4])});
    }
    return pages;
}

const Word* find_word(const std::vector<Word>& words, const std::string& text) {
    for (const Word& word : words)
        if (word.text == text) return &word;
    return nullptr;
}

constexpr double kPageHeight = 841.89;  // A4 portrait, points
constexpr double kBottomMargin = 20 * 72 / 25.4;

// ---------------------------------------------------------------- the kinds

TEST(DocumentKinds, AnOrderWithSubPointsAndATextAppendixApprovedByIt) {
    const Rendered order = render_example("order", "order-mentoring");
    expect_in_order(order, {
        "ДЕПАРТАМЕНТ СМОЛЕНСКОЙ ОБЛАСТИ ПО ОБРАЗОВАНИЮ И НАУКЕ", "П Р И К А З", "от 14.11.2022", "№ 1012-ОД",
        "г. Смоленск", "Об утверждении Методики закрепления школ-наставников",
        "утвержденной приказом Департамента Смоленской области по образованию и науке от 08.06.2022 № 548",
        "п р и к а з ы в а ю:",
        "1. Государственному автономному учреждению", "1) до 25.11.2022 сформировать перечень",
        "2) до 01.12.2022 закрепить", "3) организовать в декабре 2022 года", "4) обеспечить методическое",
        "5) провести в мае 2023 года", "6) разместить перечень", "2. Утвердить прилагаемую Методику",
        "3. Рекомендовать руководителям", "4. Контроль за исполнением", "Начальник Департамента", "Е.П. Талкина",
        "Проект подготовлен и внесён:", "М.А. Соколова", "Согласовано:", "Н.В. Шелабина", "А.В. Ковалев",
        "С приказом ознакомлены:", "О.С. Кольцова, ректор ГАУ ДПО СОИРО", "Разослать: в дело, ГАУ ДПО СОИРО",
        "Исп. Соколова Марина Андреевна, тел. 8 (4812) 38-17-22",
        "ПРИЛОЖЕНИЕ УТВЕРЖДЕНА приказом Департамента Смоленской области по образованию и науке от 14.11.2022 № 1012-ОД",
        "Методика закрепления школ-наставников", "1. Общие положения", "2. Отбор школ-наставников",
        "– отсутствие низких результатов", "3. Оценка эффективности наставничества", "Э = Nпол / Nобщ × 100 %, где",
        "Таблица 1", "Уровни эффективности наставничества", "Уровень", "Значение Э, %", "Управленческое решение",
        "Высокий", "Достаточный", "Низкий"});
}

TEST(DocumentKinds, SubPointsAreIndentedUnderTheirPoint) {
    const Rendered order = render_example("order", "order-mentoring");
    const auto pages = pdf_pages_words(order.pdf);
    ASSERT_FALSE(pages.empty());
    const auto& page = pages[0];
    const Word* point = find_word(page, "1.");
    ASSERT_NE(point, nullptr);
    const double margin = 30 * 72 / 25.4;
    // A point's number at the paragraph's indent, 1.25 cm; its sub-points' 7.5 mm further right.
    EXPECT_NEAR(point->x_min, margin + 12.5 * 72 / 25.4, 1.0);
    for (const char* number : {"1)", "2)", "3)", "4)", "5)", "6)"}) {
        const Word* sub = find_word(page, number);
        ASSERT_NE(sub, nullptr) << number;
        EXPECT_NEAR(sub->x_min - point->x_min, 7.5 * 72 / 25.4, 1.0) << number;
        EXPECT_GT(sub->y_min, point->y_min) << number;
    }
    const Word* next_point = find_word(page, "2.");
    ASSERT_NE(next_point, nullptr);
    EXPECT_NEAR(next_point->x_min, point->x_min, 0.5);
    // The text of a sub-point wraps to the left margin, as the points' does.
    const Word* wrapped = find_word(page, "общеобразовательных");
    ASSERT_NE(wrapped, nullptr);
    EXPECT_NEAR(wrapped->x_min, margin, 1.0);
}

TEST(DocumentKinds, AMunicipalPlanGraphWithTwoLevelsOfSections) {
    const Rendered plan = render_example("plan", "plan-municipal");
    expect_in_order(plan, {
        "УТВЕРЖДАЮ Начальник отдела по образованию Администрации муниципального образования «Глинковский район» "
        "Смоленской области", "______________ Н.А. Петрова", "«___» _______________ 2022 г.",
        "План-график мероприятий по организации адресной поддержки школ",
        "№ п/п", "Мероприятие", "Сроки", "Ответственный", "Показатель (ожидаемый результат)", "1 2 3 4 5",
        "I. Муниципальный уровень", "Организационно-управленческое направление", "1 Разработка и утверждение",
        "Информационно-аналитическое направление", "4 Анализ результатов ВПР", "Методическое направление",
        "7 Консультации для учителей", "II. Институциональный уровень", "Организационно-управленческое направление",
        "8 Разработка и утверждение программ", "Методическое направление", "10 Взаимопосещение уроков",
        "– русский язык;", "11 Индивидуальная работа", "Начальник отдела по образованию", "Н.А. Петрова",
        "Исп. Орлова Светлана Викторовна, тел. 8 (48165) 2-14-37"});
    // Five columns; the first level's section rows bold, the second's bold italic.
    pugi::xml_document xml;
    ASSERT_TRUE(xml.load_string(zip_entry(plan.docx, "word/document.xml").c_str()));
    EXPECT_EQ(xml.select_nodes("(//w:tbl)[1]/w:tblGrid/w:gridCol").size(), 5u);
    const auto level = xml.select_node("//w:tc[.//w:t[contains(., 'Муниципальный уровень')]]//w:p").node();
    const auto direction = xml.select_node("//w:tc[.//w:t[. = 'Методическое направление']]//w:p").node();
    EXPECT_EQ(std::string(level.child("w:pPr").child("w:pStyle").attribute("w:val").value()), "SectionCell");
    EXPECT_EQ(std::string(direction.child("w:pPr").child("w:pStyle").attribute("w:val").value()), "SubsectionCell");
}

TEST(DocumentKinds, ARegionalRoadmapWithoutSections) {
    const Rendered roadmap = render_example("plan", "roadmap-regional");
    std::vector<std::string> expected = {
        "УТВЕРЖДЕНА приказом Департамента Смоленской области по образованию и науке от 16.01.2023 № 27-ОД",
        "Дорожная карта по повышению объективности оценки", "№ п/п", "Мероприятие", "Сроки", "Ответственный"};
    const json data = json::parse(read_file(kSource + "/examples/roadmap-regional/data.json", "data"));
    for (const json& row : data["document"]["table"]["rows"]) {
        const json& event = row["event"];
        expected.push_back(row["number"].get<std::string>() + " " +
                           (event.is_string() ? event : event[0]).get<std::string>().substr(0, 40));
    }
    expected.push_back("Исп. Кузнецова Ольга Николаевна");
    expect_in_order(roadmap, expected);
    EXPECT_EQ(roadmap.pdf_text.find("1 2 3 4"), std::string::npos);  // no column-number row asked for
    EXPECT_EQ(pdf_pages_words(roadmap.pdf).size(), 1u);
}

// The same order with one appendix under each form of mark.
json order_with_appendix(const json& mark) {
    json data = json::parse(R"({
      "organization": {"name_lines": ["Департамент Смоленской области", "по образованию и науке"],
                       "genitive": "Департамента Смоленской области по образованию и науке"},
      "order": {"date": "2023-03-01", "number": "190-ОД", "title": "О составе совета",
                "points": ["Утвердить состав совета."],
                "signature": {"position": ["Начальник Департамента"], "name": "Е.П. Талкина"}},
      "appendices": [{"title": "Состав совета", "text": ["Председатель – Н.В. Шелабина."]}]
    })");
    data["appendices"][0].update(mark);
    return data;
}

TEST(DocumentKinds, EachFormOfAppendixMark) {
    const std::string mark = "к приказу Департамента Смоленской области по образованию и науке от 01.03.2023 № 190-ОД";
    const std::string approved_by_this =
        "УТВЕРЖДЕН приказом Департамента Смоленской области по образованию и науке от 01.03.2023 № 190-ОД";
    const std::vector<std::pair<std::string, std::string>> forms = {
        {"{}", "Приложение " + mark},
        {R"({"number": "2"})", "Приложение № 2 " + mark},
        {R"({"approved": "утвержден"})", "ПРИЛОЖЕНИЕ " + approved_by_this},
        {R"({"approved": "утвержден", "approved_by": {"document": "приказом Департамента Смоленской области по образованию и науке",
                                                      "date": "2021-06-30", "number": "616-ОД"}})",
         "Приложение " + mark +
             " УТВЕРЖДЕН приказом Департамента Смоленской области по образованию и науке от 30.06.2021 № 616-ОД"},
        {R"({"approve": {"position": ["Начальник Департамента"], "name": "Е.П. Талкина", "date": "2023-03-02"}})",
         "Приложение " + mark + " УТВЕРЖДАЮ Начальник Департамента ______________ Е.П. Талкина «2» марта 2023 г."},
    };
    for (const auto& [form, expected] : forms) {
        SCOPED_TRACE(form);
        const Rendered rendered = render_data("order", order_with_appendix(json::parse(form)));
        expect_in_order(rendered, {"1. Утвердить состав совета.", expected, "Состав совета", "Председатель"});
    }
}

TEST(DocumentKinds, AnOrderOfAnotherTypeNamesItselfSo) {
    json data = order_with_appendix(json::parse(R"({"approved": "утвержден"})"));
    data["order"]["type"] = "распоряжение";
    data["order"]["type_spaced"] = false;
    data["order"]["date_prefix"] = "от";
    data["order"]["date_format"] = "long";
    data["order"]["preamble"] = "В связи с кадровыми изменениями:";
    data["order"]["acquainted"] = json::array({{{"name", "Н.В. Шелабина"}}});
    data["appendices"][0]["signature"] = json::parse(R"({"position": ["Секретарь совета"], "name": "М.А. Соколова"})");
    const Rendered rendered = render_data("order", data);
    expect_in_order(rendered, {"РАСПОРЯЖЕНИЕ", "от «1» марта 2023 г.", "№ 190-ОД", "В связи с кадровыми изменениями:",
                               "1. Утвердить состав совета.", "С распоряжением ознакомлены:",
                               "УТВЕРЖДЕН распоряжением Департамента", "Председатель", "Секретарь совета",
                               "М.А. Соколова"});
    EXPECT_EQ(rendered.pdf_text.find("ю:"), std::string::npos);  // a распоряжение has no directive of its own
}

// ---------------------------------------------------------------- the foot, scripts, spacing in both formats

TEST(DocumentKinds, TheExecutorsLineIsAtTheFootOfTheOrdersLastPage) {
    const Rendered order = render_example("order", "order-mentoring");
    const auto pages = pdf_pages_words(order.pdf);
    ASSERT_GE(pages.size(), 3u);
    const Word* executor = find_word(pages[1], "Исп.");  // the order's second and last page
    ASSERT_NE(executor, nullptr);
    EXPECT_NEAR(executor->y_max, kPageHeight - kBottomMargin, 3.0);
    EXPECT_EQ(find_word(pages[0], "Исп."), nullptr);

    // In the DOCX a frame at the bottom of the text area, where LibreOffice puts it too.
    pugi::xml_document xml;
    ASSERT_TRUE(xml.load_string(zip_entry(order.docx, "word/document.xml").c_str()));
    const auto frame = xml.select_node("//w:p[.//w:t[starts-with(., 'Исп.')]]/w:pPr/w:framePr").node();
    ASSERT_TRUE(frame);
    EXPECT_EQ(std::string(frame.attribute("w:yAlign").value()), "bottom");
    EXPECT_EQ(std::string(frame.attribute("w:vAnchor").value()), "margin");
    Dir dir;
    std::ofstream(dir / "order.docx", std::ios::binary) << order.docx;
    int status = -1;
    run_command("cd " + dir / "" + " && soffice -env:UserInstallation=file://" + dir / "profile" +
                    " --headless --convert-to pdf order.docx >/dev/null 2>&1",
                &status);
    ASSERT_EQ(status, 0);
    const auto laid_out = pdf_pages_words(read_file(dir / "order.pdf", "LibreOffice's PDF"));
    ASSERT_GE(laid_out.size(), 2u);
    const Word* placed = find_word(laid_out[1], "Исп.");
    ASSERT_NE(placed, nullptr) << "LibreOffice put the executor's line elsewhere than the order's last page";
    EXPECT_NEAR(placed->y_max, kPageHeight - kBottomMargin, 4.0);
}

const Run* run_with(const Document& document, const std::string& text) {
    for (const Block& block : document.sections[0].blocks)
        if (const auto* paragraph = std::get_if<Paragraph>(&block))
            for (const Run& run : paragraph->runs)
                if (run.text == text) return &run;
    return nullptr;
}

const TextMark* mark_with(const Page& page, const std::string& text) {
    for (const TextMark& mark : page.texts)
        if (mark.text == text) return &mark;
    return nullptr;
}

TEST(DocumentKinds, ScriptsAndLetterSpacingInBothFormats) {
    const Document document = render_template_text(
        R"(<p align="left" first-line-indent="0">П<sub>g</sub> = x<sup>2</sup> <span letter-spacing="3pt">приказываю</span>: да</p>)");
    ASSERT_NE(run_with(document, "g"), nullptr);

    // The PDF's pages: the subscript smaller and lower, the superscript smaller and higher;
    // the spaced word's last letter drawn without spacing after it.
    const auto pages = lay_out(document, test_resources().fonts, test_resources().hyphenator);
    ASSERT_EQ(pages.size(), 1u);
    const TextMark* base = mark_with(pages[0], "П");
    const TextMark* sub = mark_with(pages[0], "g");
    const TextMark* sup = mark_with(pages[0], "2");
    ASSERT_TRUE(base && sub && sup);
    EXPECT_NEAR(sub->size, 14 * 0.65, 0.01);
    EXPECT_NEAR(sub->baseline - base->baseline, 14 * 0.14, 0.01);
    EXPECT_NEAR(sup->size, 14 * 0.65, 0.01);
    EXPECT_NEAR(base->baseline - sup->baseline, 14 * 0.33, 0.01);
    // The last letter takes the colon's spacing, none: they are drawn as one.
    const TextMark* spaced = mark_with(pages[0], "приказыва");
    const TextMark* last = mark_with(pages[0], "ю: да");
    ASSERT_TRUE(spaced && last);
    EXPECT_EQ(spaced->letter_spacing, 3);
    EXPECT_EQ(last->letter_spacing, 0);
    EXPECT_NEAR(last->x, spaced->x + spaced->face->width("приказыва", 14, 3), 0.01);

    // The DOCX: Word's own sub- and superscripts, and spacing on all letters but the last.
    pugi::xml_document xml;
    ASSERT_TRUE(xml.load_string(zip_entry(write_docx(document), "word/document.xml").c_str()));
    const auto run_of = [&](const char* text) {
        return xml.select_node(("//w:r[w:t = '" + std::string(text) + "']").c_str()).node();
    };
    EXPECT_EQ(std::string(run_of("g").child("w:rPr").child("w:vertAlign").attribute("w:val").value()), "subscript");
    EXPECT_EQ(std::string(run_of("2").child("w:rPr").child("w:vertAlign").attribute("w:val").value()), "superscript");
    EXPECT_FALSE(run_of("П").child("w:rPr").child("w:vertAlign"));
    EXPECT_EQ(run_of("приказыва").child("w:rPr").child("w:spacing").attribute("w:val").as_int(), 60);
    EXPECT_FALSE(run_of("ю").child("w:rPr").child("w:spacing"));
}

TEST(DocumentKinds, EveryExampleReadsWithoutProblems) {
    for (const auto& [template_name, example] : {std::pair{"order", "order-548"}, std::pair{"order", "order-mentoring"},
                                                 std::pair{"plan", "plan-municipal"},
                                                 std::pair{"plan", "roadmap-regional"}}) {
        SCOPED_TRACE(example);
        const Rendered rendered = render_example(template_name, example);
        Dir dir;
        std::ofstream(dir / "out.pdf", std::ios::binary) << rendered.pdf;
        int status = -1;
        const std::string check = run_command("qpdf --check " + dir / "out.pdf" + " 2>&1", &status);
        EXPECT_EQ(status, 0) << check;
        EXPECT_FALSE(zip_entry(rendered.docx, "word/document.xml").empty());
    }
}

}  // namespace
}  // namespace docgen
