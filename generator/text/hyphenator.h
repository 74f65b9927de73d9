// Russian hyphenation with libhyphen and the hyphen-ru patterns.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct _HyphenDict;

namespace docgen {

class Hyphenator {
public:
    // Loads a libhyphen dictionary in KOI8-R (as hyphen-ru ships it) or UTF-8;
    // InputError naming the file when it is missing or unreadable.
    static std::shared_ptr<const Hyphenator> load(const std::string& path);
    ~Hyphenator();

    // Where a hyphen may go in a word: the numbers of characters before each
    // break ("образовательных" → 4, 6, 12 for обра-зо-ватель-ных). Words the
    // patterns do not cover (other scripts, digits) get none. Case does not matter.
    std::vector<int> break_points(std::u32string_view word) const;

    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

private:
    Hyphenator() = default;
    _HyphenDict* dict_ = nullptr;
    bool utf8_ = false;
};

}  // namespace docgen
