// The PDF check of the fuzz harnesses, by qpdf's library. A file of its own:
// qpdf 11's headers compile with clang 14 only as C++17.
#include "pdf_check.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace docgen::fuzz {

namespace {

struct IgnoreTokens : QPDFObjectHandle::ParserCallbacks {
    void handleObject(QPDFObjectHandle) override {}
    void handleEOF() override {}
};

}  // namespace

std::string pdf_problems(const std::string& bytes) {
    try {
        QPDF pdf;
        pdf.setSuppressWarnings(true);
        pdf.processMemoryFile("fuzz.pdf", bytes.data(), bytes.size());
        for (QPDFObjectHandle object : pdf.getAllObjects())
            if (object.isStream()) object.getStreamData(qpdf_dl_generalized);
        for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
            IgnoreTokens tokens;
            page.parseContents(&tokens);
        }
        if (pdf.anyWarnings()) {
            std::string warnings;
            for (const QPDFExc& warning : pdf.getWarnings()) warnings += std::string("\n  ") + warning.what();
            return "qpdf warns about the PDF:" + warnings;
        }
    } catch (const std::exception& error) {
        return std::string("qpdf cannot read the PDF: ") + error.what();
    }
    return "";
}

}  // namespace docgen::fuzz
