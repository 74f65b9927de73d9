#include "render/render.h"

#include <algorithm>
#include <filesystem>
#include <future>

#include "common/error.h"
#include "common/files.h"
#include "docx/docx_writer.h"
#include "layout/layout.h"
#include "pdf/pdf_writer.h"
#include "txt/txt_writer.h"

namespace docgen {

OutputFormat format_named(const std::string& name) {
    if (name == "pdf") return OutputFormat::Pdf;
    if (name == "docx") return OutputFormat::Docx;
    if (name == "txt") return OutputFormat::Txt;
    throw InputError("unknown output format \"" + name + "\" (use pdf, docx or txt)");
}

OutputFormat format_of(const std::string& path) {
    std::string extension = std::filesystem::path(path).extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
    if (extension.size() > 1) {
        try {
            return format_named(extension.substr(1));
        } catch (const InputError&) {
        }
    }
    throw InputError(path + ": unknown output format \"" + extension + "\" (use .pdf, .docx or .txt)");
}

std::string extension_of(OutputFormat format) {
    switch (format) {
        case OutputFormat::Pdf: return ".pdf";
        case OutputFormat::Docx: return ".docx";
        case OutputFormat::Txt: return ".txt";
    }
    return "";
}

namespace {

// A document alone has its fonts cut while its pages are laid out; a batch's
// documents share subsets cut once.
RenderedFile pdf_file(const Document& document, const Resources& resources, std::vector<Page>* keep_pages = nullptr) {
    std::future<PreparedFonts> prepared;
    if (!resources.embeddings->shares_subsets())
        prepared = std::async(std::launch::async, [&] { return prepare_fonts(document, resources.fonts); });
    std::vector<Page> pages = lay_out(document, resources.fonts, resources.hyphenator);
    const PreparedFonts fonts = prepared.valid() ? prepared.get() : PreparedFonts{};
    RenderedFile file{write_pdf(pages, document.metadata, *resources.embeddings, fonts), static_cast<int>(pages.size())};
    if (keep_pages) *keep_pages = std::move(pages);
    return file;
}

// The formats that others lay out or that have no pages need no fonts.
RenderedFile unpaged_file(const Document& document, OutputFormat format) {
    return {format == OutputFormat::Docx ? write_docx(document) : write_txt(document), 0};
}

}  // namespace

RenderedFile render_file(const Document& document, OutputFormat format, const Resources& resources,
                         std::vector<Page>* pages) {
    return format == OutputFormat::Pdf ? pdf_file(document, resources, pages) : unpaged_file(document, format);
}

std::string render_pdf(const Document& document, const Resources& resources) {
    return render_file(document, OutputFormat::Pdf, resources).bytes;
}

void render_outputs(const Document& document, const std::vector<std::string>& outputs,
                    std::shared_future<Resources> resources) {
    for (const std::string& output : outputs) format_of(output);  // refuse before writing anything
    // The formats share nothing but the document: each is made on its own
    // thread, and all are made before any is written.
    std::vector<std::future<RenderedFile>> files;
    for (const std::string& output : outputs)
        files.push_back(std::async(std::launch::async, [&, format = format_of(output)] {
            return format == OutputFormat::Pdf ? pdf_file(document, resources.get()) : unpaged_file(document, format);
        }));
    std::vector<std::string> bytes;
    for (auto& file : files) bytes.push_back(file.get().bytes);
    for (size_t i = 0; i < outputs.size(); ++i) write_file_atomically(outputs[i], bytes[i]);
}

}  // namespace docgen
