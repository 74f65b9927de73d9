// UTF-8 helpers for the Russian and Latin text the documents hold.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace docgen::utf8 {

// Decodes the code point starting at text[pos] and advances pos past it.
// Invalid bytes decode as U+FFFD, one byte at a time.
char32_t next(std::string_view text, size_t& pos);

void append(std::string& out, char32_t code_point);

size_t count(std::string_view text);

std::u32string decode(std::string_view text);
std::string encode(std::u32string_view text);

char32_t to_lower(char32_t c);
char32_t to_upper(char32_t c);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);

bool is_letter(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// The first character that no document can hold: control characters other
// than tab and line feed (XML 1.0 forbids them, and Word refuses a file with
// one), U+FFFE and U+FFFF.
std::optional<char32_t> first_forbidden_character(std::string_view text);
// The offset of the first byte that does not begin a well-formed UTF-8
// character (a stray or missing continuation byte, an overlong form, a
// surrogate, a code point beyond U+10FFFF), or nothing when all are.
std::optional<size_t> first_invalid_byte(std::string_view text);
inline bool valid(std::string_view text) { return !first_invalid_byte(text); }

// "U+0001".
std::string code_point_name(char32_t c);

inline constexpr char32_t kNoBreakSpace = U'\u00A0';
inline constexpr const char* kNoBreakSpaceUtf8 = "\u00A0";

}  // namespace docgen::utf8
