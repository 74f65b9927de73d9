// Russian text as official documents print it: dates, numbers and counted
// nouns (spaces inside a formatted value do not break), and alphabetical order.
// Shared by the template language and the writers that print figures (charts).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace docgen::russian {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
};

// "2022-10-18" (ISO 8601; a time after the date is ignored) or "18.10.2022".
std::optional<Date> parse_date(std::string_view text);

std::string date_iso(const Date& date);      // 2022-10-18
std::string date_numeric(const Date& date);  // 18.10.2022
std::string date_long(const Date& date);     // «18» октября 2022 г.
std::string date_text(const Date& date);     // 18 октября 2022 г.
std::string month_genitive(int month);       // октября

// 34664 → "34 664", 9.25 with 1 decimal → "9,3". Without decimals given,
// integers print none and fractions at most two, trailing zeros dropped.
std::string number(double value, std::optional<int> decimals = std::nullopt);
std::string percent(double value, std::optional<int> decimals = std::nullopt);  // "9,3 %"

// Which of the three forms a count takes: 1 школа, 2 школы, 5 школ, 11 школ, 21 школа.
enum class PluralForm { One, Few, Many };
PluralForm plural_form(double count);
// The form of a word that agrees with a count, noun, participle or verb alike:
// agree(21, "оцененного", "оцененных", "оцененных") after «из»; agree(2, "посещает", "посещают", "посещают").
std::string agree(double count, const std::string& one, const std::string& few, const std::string& many);

// Compares two texts as a Russian reader orders them (negative, zero or
// positive, as strcmp): first by letters alone — the Russian alphabet with Ё
// taken as Е, case ignored — then Е before Ё, then small letters before
// capitals, and last by code points, so that only equal texts compare equal.
// Spaces come before punctuation, punctuation before numbers, numbers (by
// their value: № 2 before № 10) before Cyrillic letters, Cyrillic before Latin.
int compare_text(std::string_view a, std::string_view b);

// "п р и к а з ы в а ю": letters spaced out, as order headings print them.
std::string letter_spaced(std::string_view text);

}  // namespace docgen::russian
