// The pipeline for one document: the bound model → each output format.
#pragma once

#include <future>
#include <string>
#include <vector>

#include "layout/page.h"
#include "model/document.h"
#include "render/resources.h"

namespace docgen {

enum class OutputFormat { Pdf, Docx, Txt };

// Every output format and its name, which is also its extension without the
// dot: the one list that the command line, batch files and paths use.
struct OutputFormatName {
    OutputFormat format;
    const char* name;
};
inline constexpr OutputFormatName kOutputFormats[] = {
    {OutputFormat::Pdf, "pdf"}, {OutputFormat::Docx, "docx"}, {OutputFormat::Txt, "txt"}};

// The format an output path asks for by its extension; InputError otherwise.
OutputFormat format_of(const std::string& path);
// "pdf", "docx", "txt" → the format; InputError otherwise.
OutputFormat format_named(const std::string& name);
const char* format_name(OutputFormat format);   // "pdf"
std::string extension_of(OutputFormat format);  // ".pdf"
// "pdf, docx or txt", with `prefix` before each name (".").
std::string format_choices(const std::string& prefix = "");

struct RenderedFile {
    std::string bytes;
    int pages = 0;  // of a PDF; 0 for formats that others lay out (DOCX) or that have no pages (TXT)
};

// `pages`, when given, receives the laid-out pages of a PDF (for previews).
RenderedFile render_file(const Document& document, OutputFormat format, const Resources& resources,
                         std::vector<Page>* pages = nullptr);

// Renders the document into each output, each written whole or not at all.
// The resources may still be loading: formats that need none (DOCX, TXT)
// do not wait for them.
void render_outputs(const Document& document, const std::vector<std::string>& outputs,
                    std::shared_future<Resources> resources);

// The PDF bytes of a document.
std::string render_pdf(const Document& document, const Resources& resources);

}  // namespace docgen
