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

std::string format_choices(const std::string& prefix) {
    std::string out;
    const size_t count = std::size(kOutputFormats);
    for (size_t i = 0; i < count; ++i)
        out += (i == 0 ? "" : i + 1 == count ? " or " : ", ") + prefix + kOutputFormats[i].name;
    return out;
}

OutputFormat format_named(const std::string& name) {
    for (const auto& [format, format_name] : kOutputFormats)
        if (name == format_name) return format;
    throw InputError("unknown output format \"" + name + "\" (use " + format_choices() + ")");
}

const char* format_name(OutputFormat format) {
    for (const auto& [known, name] : kOutputFormats)
        if (known == format) return name;
    return "";
}

OutputFormat format_of(const std::string& path) {
    // The text after the file name's last dot: ".pdf" alone is an extension
    // with no name before it (std::filesystem calls it a name without extension).
    const std::string name = std::filesystem::path(path).filename().string();
    const size_t dot = name.rfind('.');
    std::string extension = dot == std::string::npos ? "" : name.substr(dot);
    std::transform(extension.begin(), extension.end(), extension.begin(), ::tolower);
    for (const auto& [format, format_name] : kOutputFormats) {
        if (extension != std::string(".") + format_name) continue;
        if (dot == 0) throw InputError(path + ": the file has no name before \"" + extension + "\"");
        return format;
    }
    throw InputError(path + ": unknown output format \"" + extension + "\" (use " + format_choices(".") + ")");
}

std::string extension_of(OutputFormat format) { return std::string(".") + format_name(format); }

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
