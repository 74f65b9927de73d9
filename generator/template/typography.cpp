#include "template/typography.h"

#include "common/utf8.h"

namespace docgen {

namespace {

constexpr char32_t kNbsp = utf8::kNoBreakSpace;

bool is_space(char32_t c) { return c == U' '; }

// "Е.П." or "Е." ending just before position `end` (exclusive).
bool initials_end_at(const std::u32string& text, size_t end) {
    if (end < 2 || text[end - 1] != U'.' || !utf8::is_upper(text[end - 2])) return false;
    return end == 2 || !utf8::is_letter(text[end - 3]);
}

// A capitalised word starting at `start`: Талкина.
bool surname_starts_at(const std::u32string& text, size_t start) {
    return start + 1 < text.size() && utf8::is_upper(text[start]) && utf8::is_lower(text[start + 1]);
}

// "Е.П." or "Е." starting at `start` and ending at a word boundary.
bool initials_start_at(const std::u32string& text, size_t start) {
    size_t i = start;
    int letters = 0;
    while (i + 1 < text.size() && utf8::is_upper(text[i]) && text[i + 1] == U'.') {
        i += 2;
        ++letters;
    }
    return letters > 0 && letters <= 2 && (i == text.size() || !utf8::is_letter(text[i]));
}

bool ties_space(const std::u32string& text, size_t space) {
    const char32_t before = space > 0 ? text[space - 1] : 0;
    const char32_t after = space + 1 < text.size() ? text[space + 1] : 0;
    if (before == U'№' || before == U'§') return true;
    if (after == U'%' && utf8::is_digit(before)) return true;
    if (initials_end_at(text, space) && surname_starts_at(text, space + 1)) return true;
    if (space > 0 && utf8::is_letter(before) && initials_start_at(text, space + 1)) {
        // "Талкиной Е.П." but not "в Е.П." — the word before must be a name.
        size_t start = space;
        while (start > 0 && utf8::is_letter(text[start - 1])) --start;
        return surname_starts_at(text, start);
    }
    return false;
}

void replace_quotes(std::u32string& text) {
    int depth = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != U'"') continue;
        const char32_t before = i > 0 ? text[i - 1] : U' ';
        const bool opening = is_space(before) || before == kNbsp || before == U'(' || before == U'«' ||
                             before == U'„' || before == U'\n' || before == U'[';
        if (opening) {
            text[i] = depth == 0 ? U'«' : U'„';
            ++depth;
        } else {
            depth = depth > 0 ? depth - 1 : 0;
            text[i] = depth == 0 ? U'»' : U'“';
        }
    }
}

}  // namespace

void apply_typography(std::u32string& text) {
    replace_quotes(text);
    for (size_t i = 0; i < text.size(); ++i) {
        if (!is_space(text[i])) continue;
        const bool dash_follows = i + 2 < text.size() && (text[i + 1] == U'-' || text[i + 1] == U'–' ||
                                                          text[i + 1] == U'—') &&
                                  is_space(text[i + 2]);
        if (dash_follows && i > 0) {
            text[i] = kNbsp;
            if (text[i + 1] == U'-') text[i + 1] = U'–';
        } else if (ties_space(text, i)) {
            text[i] = kNbsp;
        }
    }
}

std::string apply_typography(std::string_view input) {
    std::u32string text = utf8::decode(input);
    apply_typography(text);
    return utf8::encode(text);
}

}  // namespace docgen
