#include "pdf/pdf_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "common/utf8.h"

namespace docgen {

void append_pdf_number(std::string& out, double value) {
    constexpr double kLimit = 1e9;
    if (std::isnan(value)) value = 0;
    value = std::clamp(value, -kLimit, kLimit);
    long long hundredths = std::llround(value * 100);
    if (hundredths < 0) {
        out += '-';
        hundredths = -hundredths;
    }
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, hundredths / 100).ptr;
    out.append(digits, end);
    const int fraction = static_cast<int>(hundredths % 100);
    if (fraction == 0) return;
    out += '.';
    out += static_cast<char>('0' + fraction / 10);
    if (fraction % 10) out += static_cast<char>('0' + fraction % 10);
}

std::string pdf_text_string(std::string_view utf8) {
    static const char* const hex = "0123456789ABCDEF";
    std::string out = "<FEFF";
    const auto unit = [&](unsigned value) {
        for (int shift = 12; shift >= 0; shift -= 4) out += hex[(value >> shift) & 15];
    };
    for (size_t pos = 0; pos < utf8.size();) {
        const char32_t c = utf8::next(utf8, pos);
        if (c < 0x10000) {
            unit(static_cast<unsigned>(c));
        } else {  // a surrogate pair
            unit(0xD800 + ((c - 0x10000) >> 10));
            unit(0xDC00 + ((c - 0x10000) & 0x3FF));
        }
    }
    return out + ">";
}

std::string pdf_name(std::string_view name) {
    static const char* const hex = "0123456789ABCDEF";
    std::string out = "/";
    for (const char c : name) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < '!' || byte > '~' || std::string_view("()<>[]{}/%#").find(c) != std::string_view::npos) {
            out += '#';
            out += hex[byte >> 4];
            out += hex[byte & 15];
        } else {
            out += c;
        }
    }
    return out;
}

std::string reference(int object) { return std::to_string(object) + " 0 R"; }

// A binary comment on the second line tells transfer programs that the file is binary.
PdfFile::PdfFile() : bytes_("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"), offsets_(1, 0) {}

int PdfFile::reserve() {
    offsets_.push_back(0);
    return static_cast<int>(offsets_.size()) - 1;
}

void PdfFile::begin(int number) {
    if (number <= 0 || number >= static_cast<int>(offsets_.size()) || offsets_[number] != 0)
        throw std::logic_error("PDF object " + std::to_string(number) + " not reserved or written twice");
    offsets_[number] = bytes_.size();
    bytes_ += std::to_string(number) + " 0 obj\n";
}

void PdfFile::object(int number, std::string_view value) {
    begin(number);
    bytes_ += value;
    bytes_ += "\nendobj\n";
}

void PdfFile::deflated_stream(int number, std::string_view entries, std::string_view bytes) {
    begin(number);
    bytes_ += "<< /Length " + std::to_string(bytes.size()) + " /Filter /FlateDecode";
    if (!entries.empty()) (bytes_ += ' ') += entries;
    bytes_ += " >>\nstream\n";
    bytes_ += bytes;
    bytes_ += "\nendstream\nendobj\n";
}

std::string PdfFile::finish(int catalog, int information) {
    for (size_t number = 1; number < offsets_.size(); ++number)
        if (offsets_[number] == 0) throw std::logic_error("PDF object " + std::to_string(number) + " never written");
    const size_t table = bytes_.size();
    bytes_ += "xref\n0 " + std::to_string(offsets_.size()) + "\n";
    bytes_ += "0000000000 65535 f \n";  // each entry exactly 20 bytes
    char entry[24];
    for (size_t number = 1; number < offsets_.size(); ++number) {
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets_[number]);
        bytes_ += entry;
    }
    bytes_ += "trailer\n<< /Size " + std::to_string(offsets_.size()) + " /Root " + reference(catalog) + " /Info " +
              reference(information) + " >>\nstartxref\n" + std::to_string(table) + "\n%%EOF\n";
    return std::move(bytes_);
}

}  // namespace docgen
