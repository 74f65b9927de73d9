#include "text/hyphenator.h"

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "common/files.h"
#include "common/utf8.h"

namespace docgen {

namespace {

constexpr int kMinLeft = 2;   // Russian rules: never one letter alone before
constexpr int kMinRight = 2;  // or after a break
constexpr char kBoundary = '.';       // a pattern's "." is the word's start or end
constexpr char kNotALetter = '\x7F';  // a character no pattern has
constexpr unsigned kFirstCode = 0x80;  // letters are 0x80…0xFF: none is "." or kNotALetter
constexpr size_t kMaxLetters = 0x80;

// KOI8-R bytes 0xC0–0xDF are these lower-case letters, 0xE0–0xFF their capitals.
constexpr std::u32string_view kKoi8Lower = U"юабцдефгхийклмнопярстужвьызшэщчъ";

char32_t from_koi8(unsigned char byte) {
    if (byte < 0x80) return byte;
    if (byte == 0xA3) return U'ё';
    if (byte == 0xB3) return U'Ё';
    if (byte >= 0xC0 && byte < 0xE0) return kKoi8Lower[byte - 0xC0];
    if (byte >= 0xE0) return utf8::to_upper(kKoi8Lower[byte - 0xE0]);
    return 0xFFFD;
}

// Each line after the first (which names the encoding) as characters, in one
// buffer reused from line to line.
template <typename Use>
size_t for_each_line(const std::string& file, Use use) {
    const bool utf8 = file.rfind("UTF-8", 0) == 0;
    std::u32string text;
    size_t lines = 0;
    size_t start = file.find('\n');
    while (start != std::string::npos && start + 1 < file.size()) {
        const size_t end = std::min(file.find('\n', start + 1), file.size());
        std::string_view line(file.data() + start + 1, end - start - 1);
        start = end < file.size() ? end : std::string::npos;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        text.clear();
        if (utf8) {
            for (size_t pos = 0; pos < line.size();) text += utf8::next(line, pos);
        } else {
            for (unsigned char byte : line) text += from_koi8(byte);
        }
        use(std::u32string_view(text));
        ++lines;
    }
    return lines;
}

// Keywords (LEFTHYPHENMIN 2, NEXTLEVEL), comments and libhyphen's
// non-standard patterns ("сс1/с=с") are not Liang patterns.
bool is_pattern(std::u32string_view line) {
    if (line.empty() || line[0] == U'%') return false;
    if (line.find_first_of(U" \t/=") != std::u32string_view::npos) return false;
    return !std::all_of(line.begin(), line.end(), [](char32_t c) { return (c >= U'A' && c <= U'Z') || c == U'_'; });
}

}  // namespace

std::shared_ptr<const Hyphenator> Hyphenator::load(const std::string& path) {
    if (!std::filesystem::exists(path))
        throw InputError("hyphenation patterns " + path +
                         " not found (install hyphen-ru, or set --hyphenation FILE or DOCGEN_HYPHENATION)");
    std::shared_ptr<Hyphenator> hyphenator(new Hyphenator());
    hyphenator->codes_.assign(0x10000, kNotALetter);
    hyphenator->codes_[U'.'] = kBoundary;
    const std::string file = read_file(path, "hyphenation patterns");
    hyphenator->patterns_.reserve(static_cast<size_t>(std::count(file.begin(), file.end(), '\n')) * 3);
    for_each_line(file, [&](std::u32string_view line) {
        if (is_pattern(line)) hyphenator->add_pattern(line, path);
    });
    if (hyphenator->patterns_.empty()) throw InputError(path + ": no hyphenation patterns in the file");
    return hyphenator;
}

// "ад1ми": letters "адми", digits 0,0,1,0,0 (before each letter and after the last).
void Hyphenator::add_pattern(std::u32string_view pattern, const std::string& path) {
    std::string letters;
    std::string digits(1, '\0');
    for (char32_t c : pattern) {
        if (c >= U'0' && c <= U'9') {
            digits.back() = static_cast<char>(c - U'0');
            continue;
        }
        letters += code_for(c, path);
        digits += '\0';
    }
    longest_ = std::max(longest_, letters.size());
    // Every beginning of a pattern is a key too (with no digits unless it is
    // a pattern itself), so that a lookup can stop at the first miss.
    for (size_t length = 1; length < letters.size(); ++length) patterns_.try_emplace(letters.substr(0, length));
    patterns_[std::move(letters)] = std::move(digits);
}

// A letter's code, given to it and to its capital when first seen.
char Hyphenator::code_for(char32_t letter, const std::string& path) {
    if (letter >= codes_.size()) throw InputError(path + ": a pattern has a character outside the BMP");
    if (codes_[letter] != kNotALetter) return codes_[letter];
    if (letters_ >= kMaxLetters) throw InputError(path + ": more than 128 letters in the patterns");
    const char code = static_cast<char>(kFirstCode + letters_++);
    for (char32_t form : {letter, utf8::to_lower(letter), utf8::to_upper(letter)})
        if (form < codes_.size()) codes_[form] = code;
    return code;
}

char Hyphenator::code_of(char32_t letter) const { return letter < codes_.size() ? codes_[letter] : kNotALetter; }

// Liang: every pattern found in ".word." lends its digits to the gaps it
// covers; a gap whose greatest digit is odd may take a hyphen.
std::vector<int> Hyphenator::break_points(std::u32string_view word) const {
    std::vector<int> points;
    const int size = static_cast<int>(word.size());
    if (size < kMinLeft + kMinRight) return points;
    std::string dotted(1, kBoundary);
    for (char32_t c : word) dotted += code_of(c);
    dotted += kBoundary;
    std::string gaps(dotted.size() + 1, '\0');  // gaps[i]: before dotted[i]
    const std::string_view text(dotted);
    for (size_t start = 0; start < text.size(); ++start) {
        for (size_t length = 1; length <= longest_ && start + length <= text.size(); ++length) {
            const auto found = patterns_.find(text.substr(start, length));
            if (found == patterns_.end()) break;  // no pattern begins so
            for (size_t k = 0; k < found->second.size(); ++k)
                gaps[start + k] = std::max(gaps[start + k], found->second[k]);
        }
    }
    // After `letters` letters of the word is the gap before dotted[letters + 1].
    for (int letters = kMinLeft; letters <= size - kMinRight; ++letters)
        if (gaps[letters + 1] % 2) points.push_back(letters);
    return points;
}

}  // namespace docgen
