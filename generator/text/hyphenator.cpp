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

// What TeX's Russian (ruhyphen.tex) adds to the patterns of ruhyphal, which
// hyphen-ru ships alone: no break after a word's first «не» or before its
// last, which would read as the particle («не-обходимо», «впол-не»), nor
// before a last consonant and «ъ» of the old spelling.
constexpr std::u32string_view kRuhyphenPatterns[] = {
    U".не8", U"8не.", U"8бъ.", U"8въ.", U"8гъ.", U"8дъ.", U"8жъ.", U"8зъ.", U"8къ.", U"8лъ.", U"8мъ.",
    U"8нъ.", U"8пъ.", U"8ръ.", U"8съ.", U"8тъ.", U"8фъ.", U"8хъ.", U"8цъ.", U"8чъ.", U"8шъ.", U"8щъ."};

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
// buffer reused from line to line, with its number in the file.
template <typename Use>
void for_each_line(const std::string& file, Use use) {
    const bool utf8 = file.rfind("UTF-8", 0) == 0;
    std::u32string text;
    int number = 1;
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
        use(std::u32string_view(text), ++number);
    }
}

// Keywords (LEFTHYPHENMIN 2, NEXTLEVEL), comments, what is left of TeX's
// markup ("\patterns{", "}") and libhyphen's non-standard patterns
// ("сс1/с=с") are not Liang patterns.
bool is_pattern(std::u32string_view line) {
    if (line.empty() || line[0] == U'%') return false;
    if (line.find_first_of(U" \t/=\\{}") != std::u32string_view::npos) return false;
    return !std::all_of(line.begin(), line.end(), [](char32_t c) { return (c >= U'A' && c <= U'Z') || c == U'_'; });
}

std::u32string_view trimmed(std::u32string_view text) {
    const size_t first = text.find_first_not_of(U" \t");
    if (first == std::u32string_view::npos) return {};
    return text.substr(first, text.find_last_not_of(U" \t") - first + 1);
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
    // hyphen-ru ends with TeX's "\hyphenation{" block, a word a line, closed by "}".
    bool in_exceptions = false;
    std::vector<std::pair<std::u32string, int>> exceptions;  // the word with its hyphens, its line
    for_each_line(file, [&](std::u32string_view line, int number) {
        line = trimmed(line);
        if (line == U"\\hyphenation{" || line == U"}") {
            in_exceptions = line != U"}";
        } else if (in_exceptions && !line.empty() && line[0] != U'%') {
            for (size_t end = 0, start = 0; start < line.size(); start = end + 1) {
                end = std::min(line.find_first_of(U" \t", start), line.size());
                if (end > start) exceptions.emplace_back(line.substr(start, end - start), number);
            }
        } else if (is_pattern(line)) {
            hyphenator->add_pattern(line, path, number);
        }
    });
    if (hyphenator->patterns_.empty()) throw InputError(path + ": no hyphenation patterns in the file");
    for (std::u32string_view pattern : kRuhyphenPatterns) hyphenator->add_pattern(pattern, path, 0);
    // Russian patterns are written with «е» for «ё» (TeX adds cyryoal's copies
    // of them with «ё»): where the file has no «ё» of its own, «ё» is «е».
    auto& codes = hyphenator->codes_;
    if (codes[U'ё'] == kNotALetter && codes[U'е'] != kNotALetter) codes[U'ё'] = codes[U'Ё'] = codes[U'е'];
    for (const auto& [word, number] : exceptions) hyphenator->add_exception(word, path, number);
    return hyphenator;
}

// "ад1ми": letters "адми", digits 0,0,1,0,0 (before each letter and after the last).
void Hyphenator::add_pattern(std::u32string_view pattern, const std::string& path, int line) {
    std::string letters;
    std::string digits(1, '\0');
    for (char32_t c : pattern) {
        if (c >= U'0' && c <= U'9') {
            digits.back() = static_cast<char>(c - U'0');
            continue;
        }
        letters += code_for(c, path, line);
        digits += '\0';
    }
    longest_ = std::max(longest_, letters.size());
    // Every beginning of a pattern is a key too (with no digits unless it is
    // a pattern itself), so that a lookup can stop at the first miss.
    for (size_t length = 1; length < letters.size(); ++length) patterns_.try_emplace(letters.substr(0, length));
    // A pattern given twice counts with the greater digit of each gap.
    std::string& known = patterns_[std::move(letters)];
    if (known.empty()) {
        known = std::move(digits);
    } else {
        for (size_t k = 0; k < known.size(); ++k) known[k] = std::max(known[k], digits[k]);
    }
}

// "ас-бест": letters "асбест", a break after 2.
void Hyphenator::add_exception(std::u32string_view word, const std::string& path, int line) {
    std::string letters;
    std::vector<int> points;
    for (char32_t c : word) {
        if (c == U'-')
            points.push_back(static_cast<int>(letters.size()));
        else
            letters += code_for(c, path, line);
    }
    exceptions_[std::move(letters)] = std::move(points);
}

// A letter's code, given to it and to its capital when first seen.
char Hyphenator::code_for(char32_t letter, const std::string& path, int line) {
    if (letter >= codes_.size())
        throw InputError(Location::at(path, line), "a pattern has " + utf8::code_point_name(letter) +
                                                       ", a character outside the BMP");
    if (codes_[letter] != kNotALetter) return codes_[letter];
    if (letters_ >= kMaxLetters) throw InputError(Location::at(path, line), "more than 128 letters in the patterns");
    const char code = static_cast<char>(kFirstCode + letters_++);
    for (char32_t form : {letter, utf8::to_lower(letter), utf8::to_upper(letter)})
        if (form < codes_.size()) codes_[form] = code;
    return code;
}

char Hyphenator::code_of(char32_t letter) const { return letter < codes_.size() ? codes_[letter] : kNotALetter; }

// A letter of the patterns, or of any alphabet docgen knows (which no pattern matches).
bool Hyphenator::is_letter(char32_t c) const {
    return static_cast<unsigned char>(code_of(c)) >= kFirstCode || utf8::is_letter(c);
}

std::vector<int> Hyphenator::break_points(std::u32string_view word) const {
    std::vector<int> points;
    const int size = static_cast<int>(word.size());
    for (int start = 0; start < size;) {
        if (!is_letter(word[start])) {
            ++start;
            continue;
        }
        int end = start + 1;
        while (end < size && is_letter(word[end])) ++end;
        add_break_points(word.substr(start, end - start), start, points);
        start = end;
    }
    return points;
}

// Liang: every pattern found in ".word." lends its digits to the gaps it
// covers; a gap whose greatest digit is odd may take a hyphen. An exception
// gives its own breaks instead.
void Hyphenator::add_break_points(std::u32string_view letters, int offset, std::vector<int>& points) const {
    const int size = static_cast<int>(letters.size());
    if (size < kMinLeft + kMinRight) return;
    std::string dotted(1, kBoundary);
    for (char32_t c : letters) dotted += code_of(c);
    dotted += kBoundary;
    const std::string_view text(dotted);
    if (const auto exception = exceptions_.find(text.substr(1, size)); exception != exceptions_.end()) {
        for (int point : exception->second)
            if (point >= kMinLeft && point <= size - kMinRight) points.push_back(offset + point);
        return;
    }
    std::string gaps(dotted.size() + 1, '\0');  // gaps[i]: before dotted[i]
    for (size_t start = 0; start < text.size(); ++start) {
        for (size_t length = 1; length <= longest_ && start + length <= text.size(); ++length) {
            const auto found = patterns_.find(text.substr(start, length));
            if (found == patterns_.end()) break;  // no pattern begins so
            for (size_t k = 0; k < found->second.size(); ++k)
                gaps[start + k] = std::max(gaps[start + k], found->second[k]);
        }
    }
    // After `before` letters of the word is the gap before dotted[before + 1].
    for (int before = kMinLeft; before <= size - kMinRight; ++before)
        if (gaps[before + 1] % 2) points.push_back(offset + before);
}

}  // namespace docgen
