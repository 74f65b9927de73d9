// Spreadsheets as data: workbooks made by a real spreadsheet program
// (LibreOffice converts the flat ODS and CSV files written here into XLSX),
// CSV in the encodings and separators clerks' programs save, every error
// message of docs/data-spreadsheets.md, the round trip of the example region
// through the workbook docgen writes, and a region of 16 times its schools.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "common/error.h"
#include "common/files.h"
#include "common/json_file.h"
#include "common/schema_validator.h"
#include "common/zip_writer.h"
#include "domain/schema_check.h"
#include "domain/analysis.h"
#include "render/input.h"
#include "sheets/grid.h"
#include "sheets/layout.h"
#include "sheets/sheets.h"
#include "sheets/values.h"
#include "test_support.h"

namespace docgen {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// A flat ODS document: sheets of rows of cells, as LibreOffice reads them.
struct Fods {
    std::string body;
    bool date1904 = false;

    Fods& sheet(const std::string& name) {
        close_sheet();
        body += "<table:table table:name=\"" + name + "\">\n";
        open_ = true;
        return *this;
    }
    // Cells of a row: "text", "#12" a number, "@2022-10-18" a date, "?true"
    // a boolean, "=20+5|25" a formula with its cached value, "^N:text" a
    // text merged over N rows, ">N:text" over N columns, "~" a cell covered
    // by a merge, "" an empty cell.
    Fods& row(const std::vector<std::string>& cells) {
        body += "<table:table-row>";
        for (const std::string& cell : cells) body += cell_xml(cell);
        body += "</table:table-row>\n";
        return *this;
    }
    std::string text() {
        close_sheet();
        return R"(<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="dmy"><number:day number:style="long"/><number:text>.</number:text><number:month number:style="long"/><number:text>.</number:text><number:year number:style="long"/></number:date-style>
 <style:style style:name="date" style:family="table-cell" style:data-style-name="dmy"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
)" + std::string(date1904 ? "<table:calculation-settings><table:null-date table:date-value=\"1904-01-01\"/></table:calculation-settings>\n" : "") +
               body + "</office:spreadsheet></office:body></office:document>\n";
    }

private:
    static std::string escaped(const std::string& text) {
        std::string out;
        for (const char c : text) out += c == '<' ? "&lt;" : c == '&' ? "&amp;" : c == '"' ? "&quot;" : std::string(1, c);
        return out;
    }
    static std::string cell_xml(const std::string& cell) {
        if (cell.empty()) return "<table:table-cell/>";
        if (cell == "~") return "<table:covered-table-cell/>";
        const std::string rest = cell.substr(1);
        switch (cell[0]) {
            case '#': return "<table:table-cell office:value-type=\"float\" office:value=\"" + rest + "\"><text:p>" + rest + "</text:p></table:table-cell>";
            case '@': return "<table:table-cell table:style-name=\"date\" office:value-type=\"date\" office:date-value=\"" + rest + "\"><text:p>" + rest + "</text:p></table:table-cell>";
            case '?': return "<table:table-cell office:value-type=\"boolean\" office:boolean-value=\"" + rest + "\"><text:p>" + rest + "</text:p></table:table-cell>";
            case '=': {
                const size_t bar = rest.find('|');
                const std::string value = rest.substr(bar + 1);
                return "<table:table-cell table:formula=\"of:=" + escaped(rest.substr(0, bar)) +
                       "\" office:value-type=\"float\" office:value=\"" + value + "\"><text:p>" + value + "</text:p></table:table-cell>";
            }
            case '^':
            case '>': {
                const size_t colon = rest.find(':');
                const std::string span = rest.substr(0, colon);
                const char* attribute = cell[0] == '^' ? "table:number-rows-spanned" : "table:number-columns-spanned";
                return "<table:table-cell " + std::string(attribute) + "=\"" + span + "\" office:value-type=\"string\"><text:p>" +
                       escaped(rest.substr(colon + 1)) + "</text:p></table:table-cell>";
            }
        }
        return "<table:table-cell office:value-type=\"string\"><text:p>" + escaped(cell) + "</text:p></table:table-cell>";
    }
    void close_sheet() {
        if (open_) body += "</table:table>\n";
        open_ = false;
    }
    bool open_ = false;
};

// A small region, every sheet filled, in the forms a clerk's file has:
// numbers stored as text, a formula, dates, booleans as cells and as words,
// a school's code merged over its rows, columns in another order.
Fods small_region(bool date1904) {
    Fods fods;
    fods.date1904 = date1904;
    fods.sheet("Инструкция").row({"Заполните листы"});
    fods.sheet("Регион")
        .row({"Показатель", "Значение"})
        .row({"Регион", "Смоленская область"})
        .row({"регион  в родительном падеже", "Смоленской области"})
        .row({"Год мониторинга", "#2022"})
        .row({"Организация", "ГАУ ДПО СОИРО"})
        .row({"Дата документов", "@2022-11-15"})
        .row({"Исполнитель", "Смирнова Ольга Викторовна"});
    fods.sheet("Приказы")
        .row({"Кем издан", "Дата", "Номер", "Название", "Роль"})
        .row({"Департамента Смоленской области по образованию и науке", "@2022-06-08", "548-ОД", "Об утверждении Концепции", "Концепция"})
        .row({"Департамента Смоленской области по образованию и науке", "18.10.2022", "859-ОД", "Об утверждении дорожной карты", ""});
    fods.sheet("Муниципалитеты")
        .row({"Код", "Название", "В родительном падеже", "Вид"})
        .row({"desnogorsk", "город Десногорск", "города Десногорска", "городской округ"})
        .row({"glinka", "Глинковский район", "Глинковского района", "Муниципальный  район"});
    fods.sheet("Школы")
        .row({"Код школы", "Название", "Муниципалитет", "Местность", "Вид школы", "Обучающихся", "ИСБШ", "Кластер"})
        .row({"#67001", "МБОУ «Гимназия № 1» г. Десногорска", "город Десногорск", "городская", "гимназия", "#610", "#0.62", ""})
        .row({"67002", "МБОУ «Средняя школа № 2» г. Десногорска", "desnogorsk", "городская", "СОШ", "410", "0,1", "ШБУ"})
        .row({"67201", "МБОУ «Доброминская средняя школа» Глинковского района", "Глинковский район", "сельская", "сош", "#41", "-0,71", ""});
    fods.sheet("Прошлые годы")
        .row({"Код школы", "Год", "Кластер", "ИСБШ", "Обучающихся"})
        .row({"67001", "#2021", "ШПУ", "", ""})
        .row({"67201", "#2021", "ШНРО", "#-0.69", "#44"});
    fods.sheet("Результаты")
        .row({"Код школы", "Год", "Процедура", "Предмет", "Класс", "Участники", "Низкие результаты", "Объективность"})
        .row({"^2:67001", "#2022", "ВПР", "математика", "#5", "=70+20|90", "#3", "?true"})
        .row({"~", "#2021", "ВПР", "математика", "#5", "#85", "#2", "да"})
        .row({"67002", "", "ВПР", "математика", "#5", "#50", "#15", "ИСТИНА"})
        .row({"67002", "#2022", "ВПР", "русский язык", "#5", "52", "6", "нет"})
        .row({"67201", "#2022", "ОГЭ", "математика", "#9", "#12", "#7", "?false"})
        .row({"", "", "", "", "", "", "", ""});
    fods.sheet("Поддержка")
        .row({"Код школы", "Год", "Школа-наставник", "Кадровый дефицит выявлен", "Кадровый дефицит устранен", "Неуспевающие"})
        .row({"67201", "#2022", "67001", "да", "нет", "#3"})
        .row({"67201", "#2021", "нет", "да", "нет", ""});
    fods.sheet("Рекомендации")
        .row({"Документ", "Код", "Условие", "Текст"})
        .row({"справка школы", "mentor", "school.cluster.code == 'ШНРО'", "Закрепить школу-наставника."});
    return fods;
}

// What the small region's workbook holds, as JSON.
json small_region_json() {
    return json::parse(R"({
      "region": {"name": "Смоленская область", "genitive": "Смоленской области"},
      "year": 2022,
      "report": {"organization": "ГАУ ДПО СОИРО", "date": "2022-11-15", "executor": {"name": "Смирнова Ольга Викторовна"},
        "orders": [
          {"issuer": "Департамента Смоленской области по образованию и науке", "date": "2022-06-08", "number": "548-ОД", "title": "Об утверждении Концепции", "role": "Концепция"},
          {"issuer": "Департамента Смоленской области по образованию и науке", "date": "2022-10-18", "number": "859-ОД", "title": "Об утверждении дорожной карты"}]},
      "municipalities": [
        {"id": "desnogorsk", "name": "город Десногорск", "genitive": "города Десногорска", "kind": "городской округ"},
        {"id": "glinka", "name": "Глинковский район", "genitive": "Глинковского района", "kind": "муниципальный район"}],
      "schools": [
        {"id": "67001", "name": "МБОУ «Гимназия № 1» г. Десногорска", "municipality": "desnogorsk", "locality": "городская", "kind": "гимназия", "pupils": 610, "isbs": {"value": 0.62},
         "assessments": [{"procedure": "ВПР", "subject": "математика", "grade": 5, "participants": 90, "low": 3, "objective": true}],
         "history": [{"year": 2021, "cluster": "ШПУ", "assessments": [{"procedure": "ВПР", "subject": "математика", "grade": 5, "participants": 85, "low": 2, "objective": true}]}]},
        {"id": "67002", "name": "МБОУ «Средняя школа № 2» г. Десногорска", "municipality": "desnogorsk", "locality": "городская", "kind": "СОШ", "pupils": 410, "isbs": {"value": 0.1}, "cluster": "ШБУ",
         "assessments": [{"procedure": "ВПР", "subject": "математика", "grade": 5, "participants": 50, "low": 15, "objective": true},
                         {"procedure": "ВПР", "subject": "русский язык", "grade": 5, "participants": 52, "low": 6, "objective": false}]},
        {"id": "67201", "name": "МБОУ «Доброминская средняя школа» Глинковского района", "municipality": "glinka", "locality": "сельская", "kind": "СОШ", "pupils": 41, "isbs": {"value": -0.71},
         "assessments": [{"procedure": "ОГЭ", "subject": "математика", "grade": 9, "participants": 12, "low": 7, "objective": false}],
         "support": {"mentor_school": "67001", "deficits": {"staff": {"found": true, "removed": false}}, "pupils": {"failing": 3}},
         "history": [{"year": 2021, "cluster": "ШНРО", "isbs": {"value": -0.69}, "pupils": 44,
                      "support": {"mentor_school": null, "deficits": {"staff": {"found": true, "removed": false}}}}]}],
      "recommendations": {"school": [{"id": "mentor", "when": "school.cluster.code == 'ШНРО'", "text": "Закрепить школу-наставника."}]}
    })");
}

// A workbook with a mistake of each kind the reader and the checks find.
Fods mistaken_region() {
    Fods fods;
    fods.sheet("Регион")
        .row({"Показатель", "Значение"})
        .row({"Регион", "Смоленская область"})
        .row({"Год мониторинга", "#2022"})
        .row({"Дата документов", "15 ноября"})
        .row({"Глава региона", "В.Н. Анохин"});
    fods.sheet("Приказы")
        .row({"Кем издан", "Дата", "Название"})
        .row({"Департамента Смоленской области по образованию и науке", "@2022-06-08", "Об утверждении Концепции"});
    fods.sheet("Муниципалитеты")
        .row({"Код", "Название", "Вид"})
        .row({"desnogorsk", "город Десногорск", "городской округ"})
        .row({"desnogorsk", "Глинковский район", "муниципальный район"})
        .row({"yelnya", "Ельнинский район", "район"});
    fods.sheet("Школы")
        .row({"Код школы", "Название", "Муниципалитет", "Местность", "Вид школы", "Обучающихся", "Директор", "ИСБШ"})
        .row({"67001", "МБОУ «Гимназия № 1»", "desnogorsk", "городская", "гимназия", "#0", "", "#0.5"})
        .row({"67001", "МБОУ «Средняя школа № 2»", "Угранский район", "городская", "СОШ", "#410", "", "#0.1"})
        .row({"67003", "МБОУ «Средняя школа № 3»", "desnogorsk", "городская", "СОШ", "четыреста", "", "#0"});
    fods.sheet("Результаты")
        .row({"Код школы", "Год", "Процедура", "Предмет", "Класс", "Участники", "Низкие результаты", "Объективность"})
        .row({"67001", "#2022", "ВПР", "математика", "#5", "двадцать", "#3", "да"})
        .row({"67001", "#2022", "ВПР", "русский язык", "#5", "#5", "#7", "да"})
        .row({"67001", "#2022", "ЕГЭ", "математика", "#9", "#20", "#1", "да"})
        .row({"67999", "#2022", "ВПР", "математика", "#5", "#20", "#1", "да"})
        .row({"67001", "#2022", "ВПР", "русский язык", "#6", "#20", "#1", "может быть"});
    fods.sheet("Поддержка")
        .row({"Код школы", "Год", "Школа-наставник", "Материальный дефицит выявлен", "Материальный дефицит устранен",
              "Неуспевающие", "Неуспевающие с наставником"})
        .row({"67001", "", "67001", "нет", "да", "#1", "#2"})
        .row({"67001", "", "", "", "", "", ""})
        .row({"67003", "#2023", "", "", "", "", ""});
    fods.sheet("Лист1").row({"заметки"});
    return fods;
}

// The rest of the mistakes docs/data-spreadsheets.md lists.
Fods more_mistakes() {
    Fods fods;
    fods.sheet("Регион")
        .row({"Показатель", "Значение"})
        .row({"Регион", "Смоленская область"})
        .row({"Регион", "Смоленская область"})
        .row({"Регион в родительном падеже", "Смоленской области"})
        .row({"Год мониторинга", "#2022"});
    fods.sheet("Муниципалитеты")
        .row({"Код", "Название", "Вид", "Код"})
        .row({"glinka", "Глинковский район", "муниципальный район", "glinka"});
    fods.sheet("Школы")
        .row({"Код школы", "Название", "Муниципалитет", "Местность", "Вид школы", "Обучающихся", "ИСБШ"})
        .row({"67201", "МБОУ «Доброминская СШ»", "glinka", "сельская", "СОШ", "#41", "#-0.71"})
        .row({"67202", "", "glinka", "сельская", "СОШ", "#41", "высокий"})
        .row({"67203", "МБОУ «Болтутинская СШ»", "glinka", "сельская", "СОШ", "#30", "=1/0|0"});
    fods.sheet("ШКОЛЫ ").row({"Код школы"});
    fods.sheet("Прошлые годы")
        .row({"Школа", "Год"})
        .row({"67201", "#2021"});
    fods.sheet("Результаты")
        .row({"Код школы", "Процедура", "Предмет", "Класс", "Участники", "Низкие результаты", "Высокие результаты", "Объективность"})
        .row({"67201", "ВПР", "математика", "#5", "#20", "#5", "#16", "да"})
        .row({"", "ВПР", "математика", "#6", "#20", "#5", "", "да"})
        .row({"67201", "ЕГЭ", "математика", "#12", "#20", "#5", "", "да"});
    fods.sheet("Поддержка")
        .row({"Код школы", "Слабоуспевающие", "Неуспевающие", "С индивидуальным маршрутом", "Практики представлены", "Практики в банке"})
        .row({"67201", "#1", "#1", "#3", "#1", "#2"});
    fods.sheet("Рекомендации")
        .row({"Документ", "Код", "Условие", "Текст"})
        .row({"", "mentor", "true", "Закрепить школу-наставника."});
    return fods;
}

class Sheets : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("docgen-sheets-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "lo");
        write("region.fods", small_region(false).text());
        write("region-1904.fods", small_region(true).text());
        write("mistaken.fods", mistaken_region().text());
        write("more-mistakes.fods", more_mistakes().text());
        Fods roadmap;
        roadmap.sheet("Дорожная карта")
            .row({"№ п/п", "Уровень", "Мероприятие", "Сроки"})
            .row({">4:I. Организационно-управленческое направление", "~", "~", "~"})
            .row({"1", "^2:Региональный", "Закрепление школ-наставников", "@2023-02-01"})
            .row({"2", "~", "Семинар для учителей", "март 2023"})
            .row({"II. Методическое направление", "", "", ""})
            .row({"3", "Муниципальный", "Курсы повышения квалификации", "апрель 2023"});
        write("roadmap.fods", roadmap.text());
        // One LibreOffice run for the flat ODS files, one for the Windows-1251 CSV.
        convert("region.fods region-1904.fods mistaken.fods more-mistakes.fods roadmap.fods", "");
        write("results-1251.csv", std::string("Код школы;Предмет;Участники\r\n67001;") + "\xF0\xF3\xF1\xF1\xEA\xE8\xE9 \xFF\xE7\xFB\xEA" +
                                      ";\"1 234\"\r\n");
        convert("results-1251.csv", "--infilter=CSV:59,34,34");
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    static void write(const std::string& name, const std::string& content) {
        std::ofstream(dir_ / name, std::ios::binary) << content;
    }
    static std::string path(const std::string& name) { return (dir_ / name).string(); }
    static void convert(const std::string& files, const std::string& options) {
        int status = -1;
        const std::string output =
            run_command("cd " + dir_.string() + " && soffice -env:UserInstallation=file://" + (dir_ / "lo").string() +
                            " --headless " + options + " --convert-to xlsx " + files + " 2>&1",
                        &status);
        ASSERT_EQ(status, 0) << output;
    }
    static std::string docgen(const std::string& arguments, int* status) {
        return run_command(std::string(DOCGEN_BINARY) + " " + arguments + " 2>&1", status);
    }
    // The problems of reading a file, one a line.
    static std::string problems_of(const std::string& file) {
        try {
            const InputData data = read_data(path(file));
            analyse_data(data.value, domain::Rules::defaults(), file, data.origins.get());
        } catch (const InputError& error) {
            return error.what();
        }
        return "";
    }

    static inline fs::path dir_;
};

TEST_F(Sheets, ReadsWhatLibreOfficeWrites) {
    const InputData data = read_data(path("region.xlsx"));
    EXPECT_EQ(data.value, small_region_json()) << data.value.dump(1);
    ASSERT_TRUE(data.origins);
    // The same workbook with dates counted from 1904.
    const std::string workbook = read_file(path("region-1904.xlsx"), "workbook");
    EXPECT_NE(zip_entry(workbook, "xl/workbook.xml").find("date1904=\"true\""), std::string::npos);
    EXPECT_EQ(read_data(path("region-1904.xlsx")).value, small_region_json());
    // And analysed as JSON is.
    const domain::Analysis analysis = domain::analyse(data.value, domain::Rules::defaults(), "region.xlsx");
    EXPECT_EQ(analysis.schools.size(), 3u);
}

TEST_F(Sheets, CellsAsLibreOfficeStoresThem) {
    const std::string bytes = read_file(path("region.xlsx"), "workbook");
    const sheets::Workbook workbook = sheets::read_xlsx(bytes, "region.xlsx");
    ASSERT_EQ(workbook.sheets.size(), 9u);
    EXPECT_EQ(workbook.sheets[0].name, "Инструкция");
    const sheets::Sheet& results = workbook.sheets[6];
    EXPECT_EQ(results.name, "Результаты");
    EXPECT_EQ(results.at(1, 5).type, sheets::Cell::Type::Number);  // the formula's cached value
    EXPECT_EQ(results.at(1, 5).number, 90);
    // LibreOffice saves its ИСТИНА as the number 1 in the General format;
    // the column of «Объективность» takes it as «да».
    EXPECT_EQ(results.at(1, 7).type, sheets::Cell::Type::Number);
    EXPECT_EQ(results.at(1, 7).number, 1);
    EXPECT_EQ(results.at(2, 0).type, sheets::Cell::Type::Empty);  // under the merge
    ASSERT_EQ(results.merged.size(), 1u);
    EXPECT_EQ(results.merged[0].last_row, 2);
    const sheets::Sheet& orders = workbook.sheets[2];
    EXPECT_TRUE(orders.at(1, 1).date);
    EXPECT_EQ(sheets::shown_text(orders.at(1, 1), false), "08.06.2022");
}

TEST_F(Sheets, SerialDatesOfBothSystems) {
    EXPECT_EQ(sheets::serial_date(44852, false), "2022-10-18");
    EXPECT_EQ(sheets::serial_date(43390, true), "2022-10-18");
    EXPECT_EQ(sheets::serial_date(1, false), "1900-01-01");
    EXPECT_EQ(sheets::serial_date(59, false), "1900-02-28");
    EXPECT_EQ(sheets::serial_date(61, false), "1900-03-01");
    EXPECT_EQ(sheets::serial_date(0, true), "1904-01-01");
    EXPECT_EQ(sheets::serial_date(-5, false), "");
    EXPECT_EQ(sheets::serial_date(1e12, false), "");
}

TEST_F(Sheets, CsvInTheEncodingsAndSeparatorsOfClerks) {
    const auto cells = [](const std::string& bytes) {
        std::vector<std::vector<std::string>> out;
        for (const auto& row : sheets::read_csv(bytes, "x.csv", "x").rows) {
            out.emplace_back();
            for (const sheets::Cell& cell : row) out.back().push_back(std::string(cell.text()));
        }
        return out;
    };
    const std::vector<std::vector<std::string>> expected = {{"Код", "Предмет"}, {"67001", "русский язык"}};
    EXPECT_EQ(cells("Код;Предмет\n67001;русский язык\n"), expected);
    EXPECT_EQ(cells("\xEF\xBB\xBFКод,Предмет\r\n67001,русский язык\r\n\r\n"), expected);
    EXPECT_EQ(cells("sep=,\r\nКод,Предмет\r\n67001,русский язык\r\n"), expected);  // Excel's hint
    EXPECT_EQ(cells("\xCA\xEE\xE4;\xCF\xF0\xE5\xE4\xEC\xE5\xF2\n67001;\xF0\xF3\xF1\xF1\xEA\xE8\xE9 \xFF\xE7\xFB\xEA\n"), expected);
    // UTF-16 with its byte order mark, tab between fields ("Unicode text").
    std::string utf16 = "\xFF\xFE";
    for (const char16_t unit : std::u16string(u"Код\tПредмет\r\n67001\tрусский язык\r\n")) {
        utf16 += static_cast<char>(unit & 0xFF);
        utf16 += static_cast<char>(unit >> 8);
    }
    EXPECT_EQ(cells(utf16), expected);
    // Quotes: the separator, doubled quotes and a line break inside a field.
    const auto quoted = cells("a;b\n\"x; y\";\"он сказал \"\"да\"\"\nи ушел\"\n");
    ASSERT_EQ(quoted.size(), 2u);
    EXPECT_EQ(quoted[1][0], "x; y");
    EXPECT_EQ(quoted[1][1], "он сказал \"да\"\nи ушел");
    try {
        sheets::read_csv("a;b\n\"открыта;b\n", "x.csv", "x");
        FAIL() << "an open quote was accepted";
    } catch (const InputError& error) {
        EXPECT_STREQ(error.what(), "x.csv:2: кавычка, открытая в этой строке, не закрыта до конца файла");
    }
}

TEST_F(Sheets, WindowsCsvAsLibreOfficeReadsIt) {
    // The CSV file docgen reads itself and the workbook LibreOffice made of it hold the same.
    const sheets::Sheet csv = sheets::read_csv(read_file(path("results-1251.csv"), "csv"), "results-1251.csv", "x");
    const sheets::Workbook xlsx = sheets::read_xlsx(read_file(path("results-1251.xlsx"), "xlsx"), "results-1251.xlsx");
    ASSERT_EQ(xlsx.sheets.size(), 1u);
    for (int c = 0; c < 2; ++c)
        EXPECT_EQ(sheets::shown_text(csv.at(1, c), false), sheets::shown_text(xlsx.sheets[0].at(1, c), false));
    EXPECT_EQ(sheets::shown_text(csv.at(1, 1), false), "русский язык");
}

TEST_F(Sheets, ClusterResultsFromCsvFiles) {
    // Each sheet saved as its own CSV, named as LibreOffice names them.
    fs::create_directories(dir_ / "csv");
    const auto save = [&](const std::string& sheet, const std::string& text) {
        std::ofstream(dir_ / "csv" / ("region-" + sheet + ".csv"), std::ios::binary) << text;
    };
    save("Регион", "Показатель;Значение\nРегион;Смоленская область\nРегион в родительном падеже;Смоленской области\n"
                   "Год мониторинга;2022\n");
    save("Муниципалитеты", "Код;Название;Вид\nglinka;Глинковский район;муниципальный район\n");
    save("Школы", "Код школы;Название;Муниципалитет;Местность;Вид школы;Обучающихся;ИСБШ\n"
                  "67201;\"МБОУ \"\"Доброминская СШ\"\"\";Глинковский район;сельская;СОШ;41;-0,71\n");
    save("Результаты", "Код школы;Процедура;Предмет;Класс;Участники;Низкие результаты;Объективность\n"
                       "67201;ОГЭ;математика;9;12;7;нет\n");
    const InputData data = read_data((dir_ / "csv" / "region-Школы.csv").string());
    EXPECT_EQ(data.files.size(), 4u);
    EXPECT_EQ(data.value["schools"][0]["name"], "МБОУ \"Доброминская СШ\"");
    EXPECT_EQ(data.value["schools"][0]["isbs"]["value"], -0.71);
    EXPECT_EQ(data.value["schools"][0]["assessments"][0]["objective"], false);
    int status = -1;
    const std::string out = docgen("indicators " + (dir_ / "csv" / "region-Регион.csv").string(), &status);
    EXPECT_EQ(status, 0) << out;
}

// The block of docs/data-spreadsheets.md that follows a line with `marker`.
std::string documented(const std::string& marker) {
    const std::string doc = read_file(std::string(DOCGEN_SOURCE_DIR) + "/docs/data-spreadsheets.md", "docs");
    const size_t at = doc.find(marker);
    if (at == std::string::npos) return "no " + marker + " in docs/data-spreadsheets.md";
    const size_t start = doc.find("```text\n", at) + 8;
    return doc.substr(start, doc.find("```", start) - start);
}

// Every message of the reader and of the checks, as docs/data-spreadsheets.md shows them.
TEST_F(Sheets, EveryProblemAtItsCell) {
    std::string problems = problems_of("mistaken.xlsx");
    problems.erase(0, (dir_ / "").string().size());
    EXPECT_EQ("docgen: " + problems + "\n", documented("<!-- errors of mistaken.xlsx -->"));
}

TEST_F(Sheets, TheOtherMistakes) {
    const std::string problems = problems_of("more-mistakes.xlsx");
    for (const char* line : {
             "  Лист «ШКОЛЫ »: лист «Школы» в книге уже есть",
             "  Лист «Прошлые годы»: не найдена строка заголовков: в первых 20 строках нет столбца «Код школы»",
             "  Лист «Регион», строка 3, столбец A «Показатель»: показатель уже указан в строке 2",
             "  Лист «Муниципалитеты», строка 1, столбец D «Код»: столбец уже есть: A",
             "  Лист «Школы», строка 3, столбец B «Название»: не заполнено",
             "  Лист «Школы», строка 3, столбец G «ИСБШ»: ожидается число, указано «высокий»",
             "  Лист «Школы», строка 4, столбец G «ИСБШ»: в ячейке ошибка формулы #DIV/0!",
             "  Лист «Результаты», строка 2, столбец G «Высокие результаты»: высоких результатов (16) больше, чем участников "
             "без низких результатов (15)",
             "  Лист «Результаты», строка 3, столбец A «Код школы»: не указан код школы",
             "  Лист «Результаты», строка 4, столбец D «Класс»: должно быть от 4 до 11",
             "  Лист «Поддержка», строка 2, столбец D «С индивидуальным маршрутом»: больше, чем слабоуспевающих и "
             "неуспевающих вместе",
             "  Лист «Поддержка», строка 2, столбец F «Практики в банке»: больше, чем представлено практик",
             "  Лист «Рекомендации», строка 2: не указан документ: «справка школы», «справка муниципалитета», «отчет региона»",
         })
        EXPECT_NE(problems.find(line), std::string::npos) << line << "\n\n" << problems;

    // A year given twice, and rules that leave a school without a cluster.
    json data = small_region_json();
    data["schools"][0]["history"].push_back({{"year", 2021}});
    fs::create_directories(dir_ / "more");
    const std::string file = (dir_ / "more" / "twice.xlsx").string();
    sheets::write_cluster_workbook(file, data, {"ШПУ", "ШБУ", "ШНРО", "ШФНСУ", "ШсРНР"});
    int status = -1;
    EXPECT_NE(docgen("indicators " + file, &status).find("Лист «Прошлые годы», строка 3, столбец B «Год»: год 2021 указан дважды"),
              std::string::npos);
    json rules = load_json_file(std::string(DOCGEN_SOURCE_DIR) + "/rules/concept-2022.json");
    rules["classification"].erase(rules["classification"].size() - 1);
    std::ofstream(dir_ / "more" / "rules.json") << rules.dump();
    sheets::write_cluster_workbook(file, small_region_json(), {"ШПУ", "ШБУ", "ШНРО", "ШФНСУ", "ШсРНР"});
    const std::string out = docgen("indicators " + file + " --rules " + (dir_ / "more" / "rules.json").string(), &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(out.find("Лист «Школы», строка 2: ни одно правило классификации не относит школу к кластеру"), std::string::npos)
        << out;
}

TEST_F(Sheets, NothingIsRenderedFromAWorkbookWithErrors) {
    int status = -1;
    const std::string out = docgen("render " + std::string(DOCGEN_SOURCE_DIR) + "/templates/monitoring-report.xml " +
                                       path("mistaken.xlsx") + " -o " + path("report.pdf"),
                                   &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(out.find("Лист «Результаты», строка 2, столбец F «Участники»: ожидается целое число, указано «двадцать»"),
              std::string::npos)
        << out;
    EXPECT_FALSE(fs::exists(path("report.pdf")));
}

TEST_F(Sheets, ChecksOfTheRulesNameTheRow) {
    // A clean read whose cluster the rules do not know: the analysis names the school's row.
    json data = small_region_json();
    data["schools"][1]["cluster"] = "ШХ";
    fs::create_directories(dir_ / "rules");
    const std::string file = (dir_ / "rules" / "region.xlsx").string();
    sheets::write_cluster_workbook(file, data, {"ШПУ", "ШБУ", "ШНРО", "ШФНСУ", "ШсРНР"});
    int status = -1;
    const std::string out = docgen("indicators " + file, &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(out.find("Лист «Школы», строка 3: кластера ШХ нет среди кластеров правил"), std::string::npos) << out;
}

TEST_F(Sheets, ControlCharactersAndMissingSheets) {
    fs::create_directories(dir_ / "control");
    std::ofstream(dir_ / "control" / "Школы.csv", std::ios::binary)
        << "Код школы;Название;Муниципалитет;Местность;Вид школы;Обучающихся;ИСБШ\n67001;Гимназия\x01;a;городская;СОШ;1;0\n";
    const std::string problems = problems_of("control/Школы.csv");
    EXPECT_NE(problems.find("Лист «Школы», строка 2, столбец B «Название»: текст содержит символ U+0001 (управляющий), "
                            "которого не может быть в документе: удалите его"),
              std::string::npos)
        << problems;
    EXPECT_NE(problems.find("  в книге нет листа «Регион»"), std::string::npos) << problems;
    EXPECT_NE(problems.find("  в книге нет листа «Муниципалитеты»"), std::string::npos) << problems;
}

TEST_F(Sheets, DamagedFiles) {
    const auto problem = [](const std::string& bytes) {
        try {
            sheets::read_xlsx(bytes, "book.xlsx");
        } catch (const InputError& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    EXPECT_EQ(problem("PK"), "book.xlsx: книгу не удается прочитать: файл слишком короткий для книги XLSX");
    EXPECT_EQ(problem(std::string(100, 'x')),
              "book.xlsx: книгу не удается прочитать: это не архив zip, а файл XLSX — архив zip; сохраните книгу в формате XLSX");
    std::string workbook = read_file(path("region.xlsx"), "workbook");
    workbook.resize(workbook.size() / 2);
    EXPECT_NE(problem(workbook).find("book.xlsx: книгу не удается прочитать"), std::string::npos);
}

// A workbook written part by part, as other programs may write one: a
// prefix on every element, inline strings with entities, CDATA and OOXML's
// escapes, cells without references, a formula's text, an error.
std::string hand_made_workbook(const std::string& sheet_xml) {
    ZipWriter zip;
    zip.add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
    zip.add("_rels/.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"x/book.xml\"/>"
            "</Relationships>");
    zip.add("x/book.xml",
            "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><x:workbookPr date1904=\"1\"/>"
            "<x:sheets><x:sheet name=\"Лист &amp; данные\" sheetId=\"1\" r:id=\"s\"/></x:sheets></x:workbook>");
    zip.add("x/_rels/book.xml.rels",
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"s\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"/x/s.xml\"/>"
            "</Relationships>");
    zip.add("x/s.xml", sheet_xml);
    return zip.finish();
}

TEST_F(Sheets, WhatOtherProgramsWrite) {
    const std::string workbook = hand_made_workbook(
        "<?xml version=\"1.0\"?><!-- written by hand --><x:worksheet xmlns:x=\"urn:x\"><x:sheetData>"
        "<x:row><x:c t=\"inlineStr\"><x:is><x:t>МБОУ &quot;СОШ&quot; &amp; &#1050;&#x43E;</x:t></x:is></x:c>"
        "<x:c t='inlineStr'><x:is><x:r><x:t>строка_x000D_\nвторая</x:t></x:r><x:rPh><x:t>фонетика</x:t></x:rPh></x:is></x:c>"
        "<x:c t=\"str\"><x:f>A1&amp;\"!\"</x:f><x:v><![CDATA[<текст>]]></x:v></x:c></x:row>"
        "<x:row r=\"3\"><x:c r=\"B3\" t=\"e\"><x:v>#DIV/0!</x:v></x:c><x:c><x:v>43390</x:v></x:c></x:row>"
        "</x:sheetData></x:worksheet>");
    const sheets::Workbook read = sheets::read_xlsx(workbook, "book.xlsx");
    ASSERT_EQ(read.sheets.size(), 1u);
    const sheets::Sheet& sheet = read.sheets[0];
    EXPECT_EQ(sheet.name, "Лист & данные");
    EXPECT_TRUE(sheet.date1904);
    EXPECT_EQ(sheet.at(0, 0).text(), "МБОУ \"СОШ\" & Ко");
    EXPECT_EQ(sheet.at(0, 1).text(), "строка\nвторая");
    EXPECT_EQ(sheet.at(0, 2).text(), "<текст>");
    EXPECT_EQ(sheet.at(2, 1).type, sheets::Cell::Type::Error);
    EXPECT_EQ(sheets::serial_date(sheet.at(2, 2).number, sheet.date1904), "2022-10-18");
    std::string problem;
    EXPECT_FALSE(sheets::cell_value(sheet.at(2, 1), {}, true, problem));
    EXPECT_EQ(problem, "в ячейке ошибка формулы #DIV/0!");

    const auto failure = [](const std::string& bytes) {
        try {
            sheets::read_xlsx(bytes, "book.xlsx");
        } catch (const InputError& error) {
            return std::string(error.what());
        }
        return std::string();
    };
    EXPECT_EQ(failure(hand_made_workbook("<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>обрыв")),
              "book.xlsx: книгу не удается прочитать: часть x/s.xml повреждена: XML обрывается");
    EXPECT_EQ(failure(hand_made_workbook("<worksheet><sheetData><row><c r=\"ZZZZ1\"><v>1</v></c></row></sheetData></worksheet>")),
              "book.xlsx: книгу не удается прочитать: лист «Лист & данные»: неверная ссылка на ячейку «ZZZZ1»");
    std::string encrypted = hand_made_workbook("<worksheet/>");
    encrypted[encrypted.rfind("PK\x01\x02") + 8] |= 1;  // the last entry of the central directory: encrypted
    EXPECT_EQ(failure(encrypted), "book.xlsx: книгу не удается прочитать: книга защищена паролем; сохраните ее без пароля");
}

// Every value of the schema has its column, and every column its value of
// the schema: a key added to the schema and not to the workbook would be
// lost on the way through it.
TEST_F(Sheets, LayoutCoversTheSchema) {
    const SchemaValidator& schema = domain::cluster_results_schema();
    // The leaves under a path, without the parts that other sheets hold.
    std::function<void(const std::string&, const std::string&, std::set<std::string>&)> leaves =
        [&](const std::string& base, const std::string& inside, std::set<std::string>& out) {
            const json* node = schema.schema_at(base + (base.empty() || inside.empty() ? "" : ".") + inside);
            ASSERT_TRUE(node) << base << " " << inside;
            if (!node->contains("properties")) {
                out.insert(inside);
                return;
            }
            for (const auto& [key, value] : node->at("properties").items()) {
                static const std::set<std::string> elsewhere = {"assessments", "support", "history", "orders",
                                                                "recommendations", "municipalities", "schools"};
                if (elsewhere.count(key)) continue;
                leaves(base, inside.empty() ? key : inside + "." + key, out);
            }
        };
    for (const sheets::SheetLayout& layout : sheets::cluster_layout()) {
        std::string base = layout.rows_path;
        if (base == "recommendations.school[]") continue;  // the lists of the three documents, told by «Документ»
        std::set<std::string> wanted, given;
        leaves(base, "", wanted);
        for (const sheets::Column& column : layout.columns)
            if (column.role == sheets::Role::Value || column.role == sheets::Role::Municipality) given.insert(column.path);
        if (base == "schools[].assessments[]" || base == "schools[].support") wanted.erase("year");
        EXPECT_EQ(given, wanted) << layout.name;
    }
}

// Every sheet and header of the layout is in docs/data-spreadsheets.md.
TEST_F(Sheets, LayoutIsDocumented) {
    const std::string doc = read_file(std::string(DOCGEN_SOURCE_DIR) + "/docs/data-spreadsheets.md", "docs");
    for (const sheets::SheetLayout& layout : sheets::cluster_layout()) {
        EXPECT_NE(doc.find(std::string("### «") + layout.name + "»"), std::string::npos) << layout.name;
        for (const sheets::Column& column : layout.columns) EXPECT_NE(doc.find(column.header), std::string::npos) << column.header;
    }
}

TEST_F(Sheets, RoadmapTableFromASheet) {
    write("plan.json", R"({"document": {"title": "Дорожная карта", "table": {"rows_from": {"file": "roadmap.xlsx"}}}})");
    const InputData data = read_data(path("plan.json"));
    const json& table = data.value["document"]["table"];
    ASSERT_EQ(table["columns"].size(), 4u) << table.dump(1);
    EXPECT_EQ(table["columns"][1]["title"], "Уровень");
    EXPECT_EQ(table["columns"][1]["merge"], true);
    ASSERT_EQ(table["sections"].size(), 2u) << table.dump(1);
    EXPECT_EQ(table["sections"][0]["title"], "I. Организационно-управленческое направление");
    EXPECT_EQ(table["sections"][0]["rows"][1]["c2"], "Региональный");  // the merge's value on each of its rows
    EXPECT_EQ(table["sections"][0]["rows"][0]["c4"], "01.02.2023");
    EXPECT_EQ(table["sections"][1]["rows"][0]["c3"], "Курсы повышения квалификации");
    EXPECT_EQ(data.files.size(), 2u);
    // Rendered as a plan's table.
    int status = -1;
    const std::string out = docgen("render " + std::string(DOCGEN_SOURCE_DIR) + "/templates/plan.xml " + path("plan.json") +
                                       " -o " + path("plan.txt"),
                                   &status);
    ASSERT_EQ(status, 0) << out;
    const std::string text = read_file(path("plan.txt"), "text");
    EXPECT_NE(text.find("1 | Региональный | Закрепление школ-наставников | 01.02.2023"), std::string::npos) << text;
    EXPECT_NE(text.find("II. Методическое направление"), std::string::npos) << text;

    // The table's own columns, matched to the sheet's headers by title; a CSV in Windows-1251.
    write("roadmap.csv", "\xB9 \xEF/\xEF;\xCC\xE5\xF0\xEE\xEF\xF0\xE8\xFF\xF2\xE8\xE5\r\n1;\xD1\xE5\xEC\xE8\xED\xE0\xF0\r\n");
    write("plan2.json", R"({"document": {"title": "План", "table": {"columns": [
        {"key": "event", "title": "Мероприятие", "width": 80}, {"key": "number", "title": "№ п/п", "width": 10}],
        "rows_from": {"file": "roadmap.csv"}}}})");
    const json rows = read_data(path("plan2.json")).value["document"]["table"]["rows"];
    EXPECT_EQ(rows, json::parse(R"([{"event": "Семинар", "number": "1"}])"));
    // The sheet's own columns from a CSV file, as wide as their texts are long.
    write("plan3.json", R"({"document": {"title": "План", "table": {"rows_from": {"file": "roadmap.csv"}}}})");
    const json columns = read_data(path("plan3.json")).value["document"]["table"]["columns"];
    ASSERT_EQ(columns.size(), 2u);
    EXPECT_EQ(columns[0]["title"], "№ п/п");
    EXPECT_LT(columns[0]["width"].get<double>(), columns[1]["width"].get<double>());
}

// The example region through the workbook docgen writes: the same data, the
// same analysis, the same documents byte for byte.
TEST_F(Sheets, ExampleRegionRoundTrip) {
    const std::string source = std::string(DOCGEN_SOURCE_DIR) + "/examples/smolensk-2022/data.json";
    int status = -1;
    const std::string out = docgen("workbook cluster-results --from " + source + " -o " + path("smolensk.xlsx"), &status);
    ASSERT_EQ(status, 0) << out;
    const json original = load_json_file(source);
    const InputData read = read_data(path("smolensk.xlsx"));
    EXPECT_EQ(read.value, original);
    const domain::Rules& rules = domain::Rules::defaults();
    EXPECT_EQ(domain::analysis_json(domain::analyse(read.value, rules, "x"), rules),
              domain::analysis_json(domain::analyse(original, rules, "x"), rules));
    const std::string municipal = std::string(DOCGEN_SOURCE_DIR) + "/templates/municipal-reference.xml";
    const std::string let = " --let \"municipality=municipalities | find('id', 'glinka')\"";
    docgen("render " + municipal + " " + source + let + " -o " + path("from-json.pdf") + " -o " + path("from-json.docx"), &status);
    ASSERT_EQ(status, 0);
    docgen("render " + municipal + " " + path("smolensk.xlsx") + let + " -o " + path("from-xlsx.pdf") + " -o " +
               path("from-xlsx.docx"),
           &status);
    ASSERT_EQ(status, 0);
    EXPECT_EQ(read_file(path("from-json.pdf"), "pdf"), read_file(path("from-xlsx.pdf"), "pdf"));
    EXPECT_EQ(read_file(path("from-json.docx"), "docx"), read_file(path("from-xlsx.docx"), "docx"));
    // The same data gives the same workbook.
    docgen("workbook cluster-results --from " + source + " -o " + path("smolensk-again.xlsx"), &status);
    EXPECT_EQ(read_file(path("smolensk.xlsx"), "a"), read_file(path("smolensk-again.xlsx"), "b"));
}

TEST_F(Sheets, EmptyFormHasEverySheetWithItsChecks) {
    int status = -1;
    const std::string out = docgen("workbook cluster-results -o " + path("form.xlsx"), &status);
    ASSERT_EQ(status, 0) << out;
    const std::string bytes = read_file(path("form.xlsx"), "form");
    const sheets::Workbook workbook = sheets::read_xlsx(bytes, "form.xlsx");
    ASSERT_EQ(workbook.sheets.size(), 9u);
    EXPECT_EQ(workbook.sheets[0].name, "Инструкция");
    EXPECT_EQ(workbook.sheets[4].name, "Школы");
    EXPECT_EQ(sheets::shown_text(workbook.sheets[4].at(0, 6), false), "Обучающихся");
    const std::string schools = zip_entry(bytes, "xl/worksheets/sheet5.xml");
    EXPECT_NE(schools.find("<pane ySplit=\"1\""), std::string::npos);  // the header row frozen
    EXPECT_NE(schools.find("\"НОШ,ООШ,СОШ,СОШ с УИОП,гимназия,лицей\""), std::string::npos) << schools.substr(0, 3000);
    EXPECT_NE(schools.find("'Муниципалитеты'!$B$2"), std::string::npos);
    // Read back empty, it says what is missing.
    const std::string problems = problems_of("form.xlsx");
    EXPECT_NE(problems.find("Лист «Регион»: нет строки «Регион»"), std::string::npos) << problems;
    EXPECT_NE(problems.find("Лист «Школы»: нет ни одной строки"), std::string::npos) << problems;
    // A workbook is written as .xlsx only.
    docgen("workbook cluster-results -o " + path("form.pdf"), &status);
    EXPECT_EQ(status, 2);
}

TEST_F(Sheets, SixteenTimesTheSchools) {
    json data = load_json_file(std::string(DOCGEN_SOURCE_DIR) + "/examples/smolensk-2022/data.json");
    const json schools = data["schools"];
    for (int copy = 1; copy < 16; ++copy)
        for (json school : schools) {
            school["id"] = school["id"].get<std::string>() + "-" + std::to_string(copy);
            school["name"] = school["name"].get<std::string>() + " (" + std::to_string(copy) + ")";
            if (school.contains("support") && school["support"]["mentor_school"].is_string())
                school["support"]["mentor_school"] = school["support"]["mentor_school"].get<std::string>() + "-" + std::to_string(copy);
            data["schools"].push_back(std::move(school));
        }
    sheets::write_cluster_workbook(path("x16.xlsx"), data, {"ШПУ", "ШБУ", "ШНРО", "ШФНСУ", "ШсРНР"});
    const InputData read = read_data(path("x16.xlsx"));
    EXPECT_EQ(read.value["schools"].size(), 16 * schools.size());
    EXPECT_EQ(read.value, data);
}

TEST_F(Sheets, DataFormatOption) {
    fs::copy_file(path("region.xlsx"), path("region.data"), fs::copy_options::overwrite_existing);
    int status = -1;
    docgen("indicators " + path("region.data") + " --data-format xlsx", &status);
    EXPECT_EQ(status, 0);
    const std::string out = docgen("indicators " + path("region.data") + " --data-format ods", &status);
    EXPECT_EQ(status, 2);
    EXPECT_NE(out.find("--data-format: unknown data format 'ods': json, xlsx or csv"), std::string::npos) << out;
    // A workbook holds cluster results; an order's template does not take them.
    const std::string order = docgen("render " + std::string(DOCGEN_SOURCE_DIR) + "/templates/order.xml " +
                                         path("region.xlsx") + " -o " + path("order.pdf"),
                                     &status);
    EXPECT_EQ(status, 1);
    EXPECT_NE(order.find("a workbook holds cluster results"), std::string::npos) << order;
}

}  // namespace
}  // namespace docgen
