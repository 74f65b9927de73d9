#include "common/russian.h"

#include <gtest/gtest.h>

namespace docgen::russian {
namespace {

const std::string nbsp = "\u00A0";

TEST(Russian, PluralFormsFollowTheLastDigits) {
    EXPECT_EQ(plural_form(0), PluralForm::Many);
    EXPECT_EQ(plural_form(1), PluralForm::One);
    EXPECT_EQ(plural_form(2), PluralForm::Few);
    EXPECT_EQ(plural_form(5), PluralForm::Many);
    EXPECT_EQ(plural_form(11), PluralForm::Many);
    EXPECT_EQ(plural_form(12), PluralForm::Many);
    EXPECT_EQ(plural_form(21), PluralForm::One);
    EXPECT_EQ(plural_form(22), PluralForm::Few);
    EXPECT_EQ(plural_form(25), PluralForm::Many);
    EXPECT_EQ(plural_form(111), PluralForm::Many);
    EXPECT_EQ(plural_form(1.5), PluralForm::Few);
}

TEST(Russian, DatesInThreeForms) {
    const auto date = parse_date("2022-10-18");
    ASSERT_TRUE(date);
    EXPECT_EQ(date_numeric(*date), "18.10.2022");
    EXPECT_EQ(date_long(*date), "«18»" + nbsp + "октября" + nbsp + "2022" + nbsp + "г.");
    EXPECT_EQ(date_text(*date), "18" + nbsp + "октября" + nbsp + "2022" + nbsp + "г.");
    EXPECT_EQ(date_numeric(*parse_date("2023-03-02")), "02.03.2023");
    EXPECT_EQ(date_text(*parse_date("01.01.2023")), "1" + nbsp + "января" + nbsp + "2023" + nbsp + "г.");
}

TEST(Russian, BadDatesAreRefused) {
    EXPECT_FALSE(parse_date("2022-13-01"));
    EXPECT_FALSE(parse_date("18 октября"));
    EXPECT_FALSE(parse_date(""));
    EXPECT_TRUE(parse_date("2022-10-18T10:00:00"));
}

TEST(Russian, NumbersWithSpaceSeparatorAndDecimalComma) {
    EXPECT_EQ(number(34664), "34" + nbsp + "664");
    EXPECT_EQ(number(322), "322");
    EXPECT_EQ(number(2022), "2022");
    EXPECT_EQ(number(1250000), "1" + nbsp + "250" + nbsp + "000");
    EXPECT_EQ(number(9.3), "9,3");
    EXPECT_EQ(number(9.25, 1), "9,3");
    EXPECT_EQ(number(68, 1), "68,0");
    EXPECT_EQ(number(0.5), "0,5");
    EXPECT_EQ(number(-3), "−3");
    EXPECT_EQ(number(-0.001, 1), "0,0");
}

TEST(Russian, PercentWithNoBreakSpace) {
    EXPECT_EQ(percent(9.3), "9,3" + nbsp + "%");
    EXPECT_EQ(percent(30), "30" + nbsp + "%");
    EXPECT_EQ(percent(64.83, 1), "64,8" + nbsp + "%");
}

TEST(Russian, LetterSpacing) {
    EXPECT_EQ(letter_spaced("приказываю"), "п р и к а з ы в а ю");
    EXPECT_EQ(letter_spaced("ПРИКАЗ"), "П Р И К А З");
    EXPECT_EQ(letter_spaced("приказываю:"), "п р и к а з ы в а ю:");
}

}  // namespace
}  // namespace docgen::russian
