#include "render/render.h"

#include <algorithm>
#include <filesystem>

#include "common/error.h"
#include "common/files.h"
#include "docx/docx_writer.h"
#include "layout/layout.h"
#include "pdf/pdf_writer.h"
#include "txt/txt_writer.h"

namespace docgen {

OutputFormat format_of(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
    if (extension == ".pdf") return OutputFormat::Pdf;
    if (extension == ".docx") return OutputFormat::Docx;
    if (extension == ".txt") return OutputFormat::Txt;
    throw InputError(path + ": unknown output format \"" + extension + "\" (use .pdf, .docx or .txt)");
}

std::string render_pdf(const Document& document, const Resources& resources) {
    return write_pdf(lay_out(document, resources.fonts, resources.hyphenator), document.metadata);
}

void render_outputs(const Document& document, const std::vector<std::string>& outputs, const Resources& resources) {
    for (const std::string& output : outputs) format_of(output);  // refuse before writing anything
    for (const std::string& output : outputs) {
        switch (format_of(output)) {
            case OutputFormat::Pdf: write_file_atomically(output, render_pdf(document, resources)); break;
            case OutputFormat::Docx: write_file_atomically(output, write_docx(document)); break;
            case OutputFormat::Txt: write_file_atomically(output, write_txt(document)); break;
        }
    }
}

}  // namespace docgen
