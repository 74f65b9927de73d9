// A PDF file's syntax (ISO 32000-1, section 7): numbered objects, streams,
// the cross-reference table and the trailer, written in memory in the order
// they are given. What the objects say is the PDF writer's business.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace docgen {

// A number as PDF writes it: at most two decimals, no trailing zeros (12, 0.5,
// 283.46). Readers take nothing beyond ±32 767 as a coordinate and no NaN at
// all: NaN is written as 0, a value beyond ±1e9 (infinity too) as ±1e9,
// so that the file stays well-formed whatever the layout computed.
void append_pdf_number(std::string& out, double value);

// A name object: "/" and the name, with every byte outside '!'..'~' and the
// delimiters ()<>[]{}/% and '#' written as #XX (ISO 32000-1, 7.3.5).
std::string pdf_name(std::string_view name);

// A text string (document information): UTF-16BE with its byte order mark, in hex.
std::string pdf_text_string(std::string_view utf8);

// "5 0 R"
std::string reference(int object);

class PdfFile {
public:
    PdfFile();

    // A number for an object written later, so that others can refer to it first.
    int reserve();
    // The object's dictionary, array or other value, between "N 0 obj" and "endobj".
    void object(int number, std::string_view value);
    // A stream whose bytes are deflated: its dictionary's other entries, and the bytes.
    void deflated_stream(int number, std::string_view entries, std::string_view bytes);
    // The file's bytes: the objects, the cross-reference table and the trailer.
    std::string finish(int catalog, int information);

private:
    void begin(int number);

    std::string bytes_;
    std::vector<size_t> offsets_;  // by object number; 0 is the free list's head
};

}  // namespace docgen
