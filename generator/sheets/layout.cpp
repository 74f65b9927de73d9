#include "sheets/layout.h"

#include <nlohmann/json.hpp>

#include "common/schema_validator.h"
#include "common/utf8.h"
#include "domain/schema_check.h"

namespace docgen::sheets {

using nlohmann::json;

const char* instructions_sheet() { return "Инструкция"; }

const std::vector<SheetLayout>& cluster_layout() {
    static const std::vector<SheetLayout> layout = {
        {"Регион", "", "регион, год мониторинга и кто составляет документы: по строке на показатель", true,
         {{"Регион", "region.name", Role::Value, 36, "Смоленская область"},
          {"Регион в родительном падеже", "region.genitive", Role::Value, 36, "Смоленской области"},
          {"Год мониторинга", "year", Role::Value, 36, "2022"},
          {"Организация", "report.organization", Role::Value, 36, "выпускает документы; печатается над заголовком"},
          {"Организация (сокращенно)", "report.organization_short", Role::Value, 36, "ГАУ ДПО СОИРО"},
          {"Дата документов", "report.date", Role::Value, 36, "дата под подписью"},
          {"Должность составителя", "report.compiler.position", Role::Value, 36, "для подписи"},
          {"Составитель", "report.compiler.name", Role::Value, 36, "Н.В. Кравцова"},
          {"Исполнитель", "report.executor.name", Role::Value, 36, "фамилия, имя, отчество"},
          {"Телефон исполнителя", "report.executor.phone", Role::Value, 36, "8 (4812) 00-00-00"}}},
        {"Приказы", "report.orders[]", "приказы, на которых основаны документы: по строке на приказ", false,
         {{"Кем издан", "issuer", Role::Value, 40, "в родительном падеже: Департамента Смоленской области по образованию и науке"},
          {"Дата", "date", Role::Value, 12, "ДД.ММ.ГГГГ"},
          {"Номер", "number", Role::Value, 10, "548-ОД"},
          {"Название", "title", Role::Value, 60, "без кавычек"},
          {"Роль", "role", Role::Value, 16, "что документы берут из приказа: Концепция, дорожная карта"}}},
        {"Муниципалитеты", "municipalities[]", "муниципалитеты региона в том порядке, в каком их перечисляют документы", true,
         {{"Код", "id", Role::Value, 14, "латиницей, без пробелов: smolensk"},
          {"Название", "name", Role::Value, 30, "город Смоленск, Глинковский район"},
          {"В родительном падеже", "genitive", Role::Value, 30, "города Смоленска"},
          {"Вид", "kind", Role::Value, 22, ""}}},
        {"Школы", "schools[]", "школы этого года: по строке на школу", true,
         {{"Код школы", "id", Role::Value, 10, "уникальный код: 67101"},
          {"Название", "name", Role::Value, 50, "полное название"},
          {"Краткое название", "short_name", Role::Value, 24, "если не указано, печатается полное"},
          {"Муниципалитет", "municipality", Role::Municipality, 24, "название или код с листа «Муниципалитеты»"},
          {"Местность", "locality", Role::Value, 12, ""},
          {"Вид школы", "kind", Role::Value, 12, ""},
          {"Обучающихся", "pupils", Role::Value, 14, "целое число, не меньше 1"},
          {"ИСБШ", "isbs.value", Role::Value, 8, "индекс социального благополучия школы: -0,58"},
          {"Уровень ИСБШ", "isbs.level", Role::Value, 16, "необязательно: docgen определяет уровень по значению"},
          {"Кластер", "cluster", Role::Value, 10, "необязательно: docgen определяет кластер по правилам"},
          {"Федеральный статус", "federal_status", Role::Value, 22, "базово неуспевающие, сильно неуспевающие; пусто — нет"}}},
        {"Прошлые годы", "schools[].history[]", "кластер, ИСБШ и число обучающихся школ в прошлые годы: по строке на школу и год", false,
         {{"Код школы", "", Role::School, 10, "код с листа «Школы»"},
          {"Год", "year", Role::Value, 8, "год раньше года мониторинга"},
          {"Кластер", "cluster", Role::Value, 10, "кластер школы в том году"},
          {"ИСБШ", "isbs.value", Role::Value, 8, ""},
          {"Обучающихся", "pupils", Role::Value, 14, ""}}},
        {"Результаты", "schools[].assessments[]",
         "результаты оценочных процедур: по строке на школу, год, процедуру, класс и предмет", false,
         {{"Код школы", "", Role::School, 10, "код с листа «Школы»"},
          {"Год", "", Role::Year, 8, "пусто — год мониторинга"},
          {"Процедура", "procedure", Role::Value, 10, ""},
          {"Предмет", "subject", Role::Value, 26, "математика, русский язык, математика (профильная) …"},
          {"Класс", "grade", Role::Value, 7, "ВПР 4–8, ОГЭ 9, ЕГЭ 10–11"},
          {"Участники", "participants", Role::Value, 11, "сколько участвовало"},
          {"Низкие результаты", "low", Role::Value, 12, "получили «2» или не набрали минимального балла"},
          {"Высокие результаты", "high", Role::Value, 12, "необязательно: «4» и «5», высокий балл"},
          {"Объективность", "objective", Role::Value, 16, "нет — результат признан необъективным"}}},
        {"Поддержка", "schools[].support", "меры поддержки и их результаты: по строке на школу и год; пустая ячейка — нет данных", false,
         {{"Код школы", "", Role::School, 10, "код с листа «Школы»"},
          {"Год", "", Role::Year, 8, "пусто — год мониторинга"},
          {"Программа повышения результатов", "improvement_programme", Role::Value, 16, "реализуется (ШНРО)"},
          {"Антирисковая программа", "antirisk_programme", Role::Value, 14, "разработана (ШсРНР)"},
          {"Школа-наставник", "mentor_school", Role::Value, 12, "код школы-наставника; нет — не закреплена"},
          {"Материальный дефицит выявлен", "deficits.material.found", Role::Value, 13, ""},
          {"Материальный дефицит устранен", "deficits.material.removed", Role::Value, 13, ""},
          {"Кадровый дефицит выявлен", "deficits.staff.found", Role::Value, 13, ""},
          {"Кадровый дефицит устранен", "deficits.staff.removed", Role::Value, 13, ""},
          {"Дефицит ИКТ выявлен", "deficits.ict.found", Role::Value, 13, ""},
          {"Дефицит ИКТ устранен", "deficits.ict.removed", Role::Value, 13, ""},
          {"Система профилактики неуспеваемости", "prevention_system", Role::Value, 16, "есть в школе"},
          {"Слабоуспевающие", "pupils.low_achieving", Role::Value, 14, "обучающихся"},
          {"Неуспевающие", "pupils.failing", Role::Value, 13, "обучающихся"},
          {"С индивидуальным маршрутом", "pupils.individual_route", Role::Value, 15, "слабоуспевающих и неуспевающих"},
          {"Неуспевающие на дополнительных занятиях", "pupils.failing_extra_classes", Role::Value, 16, ""},
          {"Неуспевающие с наставником", "pupils.failing_with_mentor", Role::Value, 15, "с наставником или тьютором"},
          {"Практики представлены", "practices.presented", Role::Value, 13, "на региональном уровне"},
          {"Практики в банке", "practices.in_bank", Role::Value, 12, "из них внесены в региональный банк"}}},
        {"Рекомендации", "recommendations.school[]",
         "рекомендации документов и условия, при которых каждая печатается: по строке на рекомендацию", false,
         {{"Документ", "", Role::Audience, 16, "справка школы, справка муниципалитета или отчет региона"},
          {"Код", "id", Role::Value, 20, "уникальный в документе"},
          {"Условие", "when", Role::Value, 50, "выражение: school.cluster.code == 'ШНРО'"},
          {"Текст", "text", Role::Value, 80, ""}}},
    };
    return layout;
}

const std::vector<Audience>& audiences() {
    static const std::vector<Audience> list = {
        {"school", "справка школы"}, {"municipality", "справка муниципалитета"}, {"region", "отчет региона"}};
    return list;
}

std::string normalised_name(std::string_view text) {
    std::string out;
    bool space = false;
    for (size_t i = 0; i < text.size();) {
        char32_t c = utf8::next(text, i);
        if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == utf8::kNoBreakSpace) {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        c = utf8::to_lower(c);
        if (c == U'ё') c = U'е';
        utf8::append(out, c);
    }
    return out;
}

Kind kind_of(const SheetLayout& sheet, const Column& column) {
    Kind kind;
    if (column.role == Role::Audience) {
        kind.type = Kind::Type::Choice;
        for (const Audience& audience : audiences()) kind.choices.push_back(audience.name);
        return kind;
    }
    if (column.role == Role::School || column.role == Role::Municipality) return kind;
    std::string path = sheet.rows_path;
    if (column.role == Role::Year) path = "year";
    else path += (path.empty() ? "" : ".") + std::string(column.path);
    const json* schema = domain::cluster_results_schema().schema_at(path);
    if (!schema) return kind;
    if (schema->contains("enum")) {
        kind.type = Kind::Type::Choice;
        for (const json& value : schema->at("enum")) kind.choices.push_back(value.get<std::string>());
        return kind;
    }
    if (schema->contains("minimum")) kind.minimum = schema->at("minimum").get<double>();
    if (schema->contains("maximum")) kind.maximum = schema->at("maximum").get<double>();
    const json type = schema->value("type", json("string"));
    if (type.is_array()) kind.type = Kind::Type::TextOrNone;  // ["string", "null"]
    else if (type == "integer") kind.type = Kind::Type::Integer;
    else if (type == "number") kind.type = Kind::Type::Number;
    else if (type == "boolean") kind.type = Kind::Type::Boolean;
    else if (schema->value("pattern", "").find("{4}-") != std::string::npos) kind.type = Kind::Type::Date;
    return kind;
}

}  // namespace docgen::sheets
