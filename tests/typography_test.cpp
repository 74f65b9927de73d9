#include "template/typography.h"

#include <gtest/gtest.h>

namespace docgen {
namespace {

const std::string nbsp = "\u00A0";

TEST(Typography, NoBreakSpaceAfterNumberSign) {
    EXPECT_EQ(apply_typography("приказ № 859-ОД"), "приказ №" + nbsp + "859-ОД");
}

TEST(Typography, InitialsStayWithTheSurname) {
    EXPECT_EQ(apply_typography("Е.П. Талкина"), "Е.П." + nbsp + "Талкина");
    EXPECT_EQ(apply_typography("(О.С. Кольцова)"), "(О.С." + nbsp + "Кольцова)");
    EXPECT_EQ(apply_typography("заместителя Н.В. Шелабину."), "заместителя Н.В." + nbsp + "Шелабину.");
    EXPECT_EQ(apply_typography("Талкиной Е.П. поручить"), "Талкиной" + nbsp + "Е.П. поручить");
}

TEST(Typography, SpacedDashBecomesTiedEnDash) {
    EXPECT_EQ(apply_typography("(далее - ШНРО)"), "(далее" + nbsp + "– ШНРО)");
    EXPECT_EQ(apply_typography("слово – слово"), "слово" + nbsp + "– слово");
    EXPECT_EQ(apply_typography("2022-2023"), "2022-2023");
}

TEST(Typography, PercentStaysWithItsNumber) {
    EXPECT_EQ(apply_typography("относится 30 % школ"), "относится 30" + nbsp + "% школ");
}

TEST(Typography, StraightQuotesBecomeGuillemets) {
    EXPECT_EQ(apply_typography("ГАУ ДПО \"СОИРО\""), "ГАУ ДПО «СОИРО»");
    EXPECT_EQ(apply_typography("\"Школа \"Минпросвещения\"\""), "«Школа „Минпросвещения“»");
}

// Text kept as written (typography="false") stands in the paragraph as U+E000,
// a character the rules neither change nor take for a space, letter or quote.
TEST(Typography, LeavesOtherCharactersAsTheyAre) {
    EXPECT_EQ(apply_typography("школа \"\uE000\uE000\" - опорная"), "школа «\uE000\uE000»" + nbsp + "– опорная");
    EXPECT_EQ(apply_typography("\uE000 - \uE000"), "\uE000" + nbsp + "– \uE000");
}

TEST(Typography, LeavesOrdinaryTextAlone) {
    EXPECT_EQ(apply_typography("План мероприятий № 1-3"), "План мероприятий №" + nbsp + "1-3");
    EXPECT_EQ(apply_typography("в Е.П. нет фамилии"), "в Е.П. нет фамилии");
}

}  // namespace
}  // namespace docgen
