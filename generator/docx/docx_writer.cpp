#include "docx/docx_writer.h"

#include "docx/parts.h"
#include "common/zip_writer.h"

namespace docgen {

std::string write_docx(const Document& document) {
    DocumentPart body = document_part(document);
    ZipWriter zip;
    zip.add("[Content_Types].xml", content_types_part(body.parts, !body.entries.empty()));
    zip.add("_rels/.rels", package_relationships_part());
    zip.add("word/document.xml", std::move(body.xml));
    zip.add("word/_rels/document.xml.rels", document_relationships_part(body.parts));
    zip.add("word/styles.xml", styles_part(document));
    zip.add("word/settings.xml", settings_part());
    zip.add("word/fontTable.xml", font_table_part(document));
    for (RelatedPart& part : body.parts) zip.add("word/" + part.file, std::move(part.xml));
    for (PackageEntry& entry : body.entries) zip.add(entry.path, std::move(entry.content));
    zip.add("docProps/core.xml", core_properties_part(document.metadata));
    zip.add("docProps/app.xml", app_properties_part(document.metadata));
    return zip.finish();
}

}  // namespace docgen
