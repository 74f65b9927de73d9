// Russian hyphenation: Liang's algorithm (as in TeX) over the hyphen-ru
// patterns, which Debian ships in libhyphen's file format.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace docgen {

class Hyphenator {
public:
    // Loads a pattern file in libhyphen's format, KOI8-R (as hyphen-ru ships
    // it) or UTF-8 (a first line "UTF-8"); InputError naming the file when it
    // is missing or unreadable.
    static std::shared_ptr<const Hyphenator> load(const std::string& path);

    // Where a hyphen may go in a word: the numbers of characters before each
    // break ("образовательных" → 2, 4, 6, 8, 12 for об-ра-зо-ва-тель-ных).
    // Words the patterns do not cover (other scripts, digits) get none. Case
    // does not matter.
    std::vector<int> break_points(std::u32string_view word) const;

private:
    // Letters are coded as bytes of an alphabet made from the patterns, so
    // that a pattern is a short string and a lookup needs no allocation.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    char code_of(char32_t letter) const;
    char code_for(char32_t letter, const std::string& path);
    void add_pattern(std::u32string_view pattern, const std::string& path);

    std::vector<char> codes_;  // by character (BMP), capitals too; "not a letter" for the others
    size_t letters_ = 0;       // codes given
    // Letters → the digit before each letter and after the last; the
    // beginnings of patterns map to no digits.
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> patterns_;
    size_t longest_ = 0;
};

}  // namespace docgen
