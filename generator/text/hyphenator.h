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
    // it) or UTF-8 (a first line "UTF-8"), with the exceptions of a
    // "\hyphenation{" block after the patterns, as hyphen-ru has TeX's;
    // InputError naming the file when it is missing or unreadable.
    static std::shared_ptr<const Hyphenator> load(const std::string& path);

    // Where a hyphen may go in a word: the numbers of characters before each
    // break ("образовательных" → 2, 4, 6, 8, 12 for об-ра-зо-ва-тель-ных),
    // two letters at least on either side. Each run of letters between
    // non-letters (the parts of «социально-экономических», letters after
    // digits) is hyphenated as a word of its own. Words the patterns do not
    // cover (other scripts) get none. Case does not matter, and «ё» breaks as
    // «е» where the patterns have no «ё» of their own.
    std::vector<int> break_points(std::u32string_view word) const;

private:
    // Letters are coded as bytes of an alphabet made from the patterns, so
    // that a pattern is a short string and a lookup needs no allocation.
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };
    char code_of(char32_t letter) const;
    char code_for(char32_t letter, const std::string& path, int line);
    bool is_letter(char32_t c) const;
    void add_pattern(std::u32string_view pattern, const std::string& path, int line);
    void add_exception(std::u32string_view word, const std::string& path, int line);
    // The breaks of a run of letters starting `offset` characters into the word.
    void add_break_points(std::u32string_view letters, int offset, std::vector<int>& points) const;

    std::vector<char> codes_;  // by character (BMP), capitals too; "not a letter" for the others
    size_t letters_ = 0;       // codes given
    // Letters → the digit before each letter and after the last; the
    // beginnings of patterns map to no digits.
    std::unordered_map<std::string, std::string, Hash, std::equal_to<>> patterns_;
    size_t longest_ = 0;
    // Letters → the breaks TeX's \hyphenation gives them instead of the patterns'.
    std::unordered_map<std::string, std::vector<int>, Hash, std::equal_to<>> exceptions_;
};

}  // namespace docgen
