// Russian typographic rules applied to every text a template produces.
#pragma once

#include <string>
#include <string_view>

namespace docgen {

// - a no-break space after «№» and «§», and between a number and «%»;
// - initials stay with the surname: «Е.П. Талкина», «Талкиной Е.П.»;
// - a spaced hyphen or dash becomes an en dash tied to the word before it;
// - straight double quotes become «ёлочки», nested „лапки“.
std::string apply_typography(std::string_view text);
// The same on code points, in place: every rule replaces one character by
// one, so text split into runs can be processed whole and split again.
void apply_typography(std::u32string& text);

}  // namespace docgen
