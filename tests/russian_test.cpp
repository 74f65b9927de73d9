#include "template/russian.h"

#include <gtest/gtest.h>

namespace docgen::russian {
namespace {

const std::string nbsp = "\u00A0";

TEST(Russian, PluralForms) {
    const auto form = [](double n) { return plural_form(n); };
    EXPECT_EQ(form(0), PluralForm::Many);
    EXPECT_EQ(form(1), PluralForm::One);
    EXPECT_EQ(form(2), PluralForm::Few);
    EXPECT_EQ(form(5), PluralForm::Many);
    EXPECT_EQ(form(11), PluralForm::Many);
    EXPECT_EQ(form(12), PluralForm::Many);
    EXPECT_EQ(form(21), PluralForm::One);
    EXPECT_EQ(form(22), PluralForm::Few);
    EXPECT_EQ(form(25), PluralForm::Many);
    EXPECT_EQ(form(111), PluralForm::Many);
}

}  // namespace
}  // namespace docgen::russian
