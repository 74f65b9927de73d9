#include "template/expression.h"

#include <gtest/gtest.h>

namespace docgen {
namespace {

using nlohmann::json;

const std::string nbsp = "\u00A0";

json data() {
    return json::parse(R"({
        "order": {"date": "2022-10-18", "number": "859-ОД", "points": ["a", "b", "c"]},
        "schools": 68, "share": 9.25, "pupils": 34664,
        "row": {"event": "Мероприятие", "level": "Региональный"},
        "column": {"key": "level"},
        "rows": [{"v": 1, "name": "Ельня"}, {"v": 3, "name": "Ёлкино"}, {"v": 2, "name": "Алексино"}],
        "towns": ["Ельня", "Ёлкино", "Алексино"]
    })");
}

json eval(const std::string& text, bool lenient = false) {
    const json root = data();
    Scope scope(root);
    return Expression::parse(text).evaluate(scope, lenient).get();
}

std::string error_of(const std::string& text) {
    try {
        eval(text);
    } catch (const ExpressionError& error) {
        return error.what();
    }
    return "no error";
}

// The message of the syntax error an expression's text has, or "no error".
std::string parse_error(const std::string& text) {
    try {
        Expression::parse(text);
    } catch (const ExpressionError& error) {
        return error.what();
    }
    return "no error";
}

TEST(Expression, PathsAndIndexes) {
    EXPECT_EQ(eval("order.number"), "859-ОД");
    EXPECT_EQ(eval("order.points[1]"), "b");
    EXPECT_EQ(eval("order.points[-1]"), "c");
    EXPECT_EQ(eval("row[column.key]"), "Региональный");
    EXPECT_EQ(eval("order['number']"), "859-ОД");
}

TEST(Expression, ArithmeticAndLogic) {
    EXPECT_EQ(eval("schools + 1"), 69);
    EXPECT_EQ(eval("2 * (3 + 4)"), 14);
    EXPECT_EQ(eval("7 % 3"), 1);
    EXPECT_EQ(eval("schools > 10 and not (share < 5)"), true);
    EXPECT_EQ(eval("order.number == '859-ОД' or false"), true);
    EXPECT_EQ(eval("'№ ' + order.number"), "№ 859-ОД");
    EXPECT_EQ(eval("'a\\nb'"), "a\nb");
}

TEST(Expression, Filters) {
    EXPECT_EQ(eval("order.date | date"), "18.10.2022");
    EXPECT_EQ(eval("order.date | date_long"), "«18»" + nbsp + "октября" + nbsp + "2022" + nbsp + "г.");
    EXPECT_EQ(eval("pupils | number"), "34" + nbsp + "664");
    EXPECT_EQ(eval("share | number(1)"), "9,3");
    EXPECT_EQ(eval("share | percent(1)"), "9,3" + nbsp + "%");
    EXPECT_EQ(eval("schools | plural('школа', 'школы', 'школ')"), "68" + nbsp + "школ");
    EXPECT_EQ(eval("21 | plural('школа', 'школы', 'школ')"), "21" + nbsp + "школа");
    EXPECT_EQ(eval("3 | noun('школа', 'школы', 'школ')"), "школы");
    EXPECT_EQ(eval("'приказ' | upper | spaced"), "П" + nbsp + "Р" + nbsp + "И" + nbsp + "К" + nbsp + "А" + nbsp + "З");
    EXPECT_EQ(eval("order.points | length"), 3);
    EXPECT_EQ(eval("order.points | join(', ')"), "a, b, c");
    EXPECT_EQ(eval("order.place | default('г. Смоленск')"), "г. Смоленск");
}

TEST(Expression, MissingDataNamesTheJsonPath) {
    EXPECT_EQ(error_of("order.titl"), "JSON path 'order.titl' is missing in the data");
    EXPECT_EQ(error_of("order.points[5]"), "JSON path 'order.points[5]' is out of range: 'order.points' has 3 elements");
    EXPECT_EQ(error_of("nothing"), "the data has no 'nothing'");
    EXPECT_EQ(error_of("order.number.x"), "cannot take 'x' of 'order.number', which is string");
}

TEST(Expression, LenientLookupGivesNull) {
    EXPECT_TRUE(eval("order.place", true).is_null());
    EXPECT_TRUE(eval("nothing.at.all", true).is_null());
}

TEST(Expression, FilterErrorsNameTheFilterAndPath) {
    EXPECT_EQ(error_of("order.number | date"),
              "filter 'date' ('order.number'): needs a date as \"YYYY-MM-DD\", got \"859-ОД\"");
    EXPECT_EQ(error_of("schools | plural('школа')"), "filter 'plural' ('schools'): takes 3 to 4 arguments, got 1");
}

TEST(Expression, SyntaxErrorsGiveTheColumn) {
    EXPECT_EQ(parse_error("order.date | daet"), "unknown filter 'daet' (column 13)");
    EXPECT_EQ(parse_error("(a + b"), "expected ')' (column 7)");
    EXPECT_EQ(parse_error("a +"), "the expression ends too early (column 4)");
}

TEST(Expression, ConditionalChoosesOneOfTwoValues) {
    EXPECT_EQ(eval("schools > 10 ? '12pt' : '0'"), "12pt");
    EXPECT_EQ(eval("schools < 10 ? '12pt' : '0'"), "0");
    // The value for false may be another conditional: the first true test wins.
    EXPECT_EQ(eval("schools < 10 ? 'мало' : schools < 100 ? 'средне' : 'много'"), "средне");
    // Looser than or; a filter after it applies to the whole, one inside the value for true to that value.
    EXPECT_EQ(eval("false or schools ? 'да' : 'нет'"), "да");
    EXPECT_EQ(eval("schools > 10 ? 'приказ' : 'нет' | upper"), "ПРИКАЗ");
    EXPECT_EQ(eval("schools > 10 ? order.points | join('-') : 'нет'"), "a-b-c");
    EXPECT_EQ(eval("order.place | default(schools > 10 ? 'г. Смоленск' : 'г. Ельня')"), "г. Смоленск");
    EXPECT_EQ(eval("(share > 9 ? 2 : 1) + 1"), 3);
    // The test is lenient, as <if test> is; the value chosen is strict.
    EXPECT_EQ(eval("order.place ? order.place : 'не указано'"), "не указано");
    EXPECT_EQ(error_of("order.number ? order.place : 'x'"), "JSON path 'order.place' is missing in the data");
}

TEST(Expression, DefaultKeepsTheDataAndItsPath) {
    EXPECT_EQ(error_of("(order.points | default(null))[5]"),
              "JSON path 'order.points[5]' is out of range: 'order.points' has 3 elements");
    EXPECT_EQ(error_of("(order.place | default(order.points))[5]"),
              "JSON path 'order.points[5]' is out of range: 'order.points' has 3 elements");
    EXPECT_EQ(error_of("order.place | default()"), "filter 'default': takes 1 arguments, got 0");
}

TEST(Expression, ConditionalNeedsBothValues) {
    EXPECT_EQ(parse_error("a ? b"), "expected ':' and the value for false after the value for true of '?' (column 6)");
    EXPECT_EQ(parse_error("a ? : c"), "unexpected ':' (column 5)");
    EXPECT_EQ(parse_error("a : c"), "unexpected ':' (column 3)");
    EXPECT_EQ(parse_error("a ? b : "), "the expression ends too early (column 9)");
}

TEST(Expression, ValuesPrintAsRussianText) {
    EXPECT_EQ(to_text(json(2022), ""), "2022");
    EXPECT_EQ(to_text(json(9.3), ""), "9,3");
    EXPECT_EQ(to_text(json(68.0), ""), "68");
    EXPECT_EQ(to_text(json(12345.5), ""), "12345,5");
    EXPECT_THROW(to_text(json::array(), "x"), ExpressionError);
}

TEST(Expression, FindSaysWhichComparisonFoundNothing) {
    EXPECT_EQ(error_of("rows | find('v', '>', 5)"), "filter 'find' ('rows'): no element has v > 5");
    EXPECT_EQ(error_of("rows | find('v', '<=', 0)"), "filter 'find' ('rows'): no element has v <= 0");
    EXPECT_EQ(error_of("rows | find('name', '>', 'Я')"), "filter 'find' ('rows'): no element has name > \"Я\"");
    EXPECT_EQ(error_of("rows | find('v', 5)"), "filter 'find' ('rows'): no element has v = 5");
    EXPECT_EQ(eval("rows | find('v', '>', 2)")["name"], "Ёлкино");
}

json sorted(const std::vector<std::string>& words) {
    const json root = {{"words", words}};
    Scope scope(root);
    return Expression::parse("words | sort").evaluate(scope).get();
}

TEST(Expression, StringsSortInRussianAlphabeticalOrder) {
    // Ёлкино is read as Елкино at the first level: л-к comes before л-ь.
    EXPECT_EQ(eval("towns | sort"), json({"Алексино", "Ёлкино", "Ельня"}));
    EXPECT_EQ(eval("rows | sort('name') | map('name')"), json({"Алексино", "Ёлкино", "Ельня"}));
    // Ё is Е at the first level: its place follows the next letters.
    EXPECT_EQ(sorted({"ёж", "Ель", "ежевика", "Жуков"}), json({"ёж", "ежевика", "Ель", "Жуков"}));
    // Case does not decide the order, only a tie: small letters first; е before ё.
    EXPECT_EQ(sorted({"яблоко", "Банан", "арбуз", "Арбуз"}), json({"арбуз", "Арбуз", "Банан", "яблоко"}));
    EXPECT_EQ(sorted({"ёлка", "Елка", "елка"}), json({"елка", "Елка", "ёлка"}));
    EXPECT_EQ(sorted({"и", "й", "к", "Ъ", "ы", "ь", "э", "ю", "я"}), json({"и", "й", "к", "Ъ", "ы", "ь", "э", "ю", "я"}));
    // Spaces before punctuation before digits before Cyrillic before Latin; numbers by their value.
    EXPECT_EQ(sorted({"School", "Школа № 10", "школа-интернат", "Школа № 2", "2022", "10 школ", "Школа", "zebra", "Alpha"}),
              json({"10 школ", "2022", "Школа", "Школа № 2", "Школа № 10", "школа-интернат", "Alpha", "School", "zebra"}));
}

TEST(Expression, StringComparisonsFollowTheSameOrder) {
    EXPECT_EQ(eval("'а' < 'Б'"), true);
    EXPECT_EQ(eval("'Ёлкино' < 'Ж'"), true);
    EXPECT_EQ(eval("'Ёлкино' > 'Ельня'"), false);
    EXPECT_EQ(eval("'Ельня' <= 'Ельня'"), true);
    EXPECT_EQ(eval("rows | where('name', '<', 'Ж') | length"), 3);
    EXPECT_EQ(eval("rows | where('name', '>=', 'ё') | map('name')"), json({"Ельня", "Ёлкино"}));
}

TEST(Expression, NumbersAndNamesAreWellFormed) {
    EXPECT_EQ(parse_error("1.2.3"), "malformed number '1.2.3' (column 1)");
    EXPECT_EQ(parse_error("99999999999999999999"), "the number '99999999999999999999' is too large (column 1)");
    EXPECT_EQ(parse_error("x.ШНРО"),
              "'ШНРО' cannot follow '.': a name there is Latin letters, digits and _; write the key as a string: "
              "['ШНРО'] (column 3)");
    EXPECT_EQ(parse_error("ШНРО + 1"),
              "'ШНРО' is not a name: names are Latin letters, digits and _ (column 1)");
    EXPECT_EQ(parse_error("a « b"), "unexpected character '«' (column 3)");
    // Found by the fuzzer: a string's bytes that are not UTF-8 reached the JSON
    // library's printing of the value, which threw its own type error.
    EXPECT_EQ(parse_error("find('code', 'Ж\xD0\xFF\xFF')"), "a byte that is not UTF-8 (0xD0) (column 16)");
    EXPECT_EQ(parse_error("a + \xFF"), "a byte that is not UTF-8 (0xFF) (column 5)");
    EXPECT_EQ(parse_error("'\xED\xA0\x80'"), "a byte that is not UTF-8 (0xED) (column 2)");
    EXPECT_EQ(eval("2.5 * 2"), 5.0);
    EXPECT_EQ(eval("order.points[0]"), "a");
}

}  // namespace
}  // namespace docgen
