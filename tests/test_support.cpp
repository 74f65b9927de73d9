#include "test_support.h"

#include <array>
#include <cstdio>
#include <sys/wait.h>

#include "template/template.h"

namespace docgen {

const Resources& test_resources() {
    static const Resources resources = Resources::load({});
    return resources;
}

Document render_template_text(const std::string& xml, const nlohmann::json& data) {
    const std::string complete =
        xml.find("<document") != std::string::npos ? xml : "<document><section>\n" + xml + "</section></document>\n";
    return Template::parse(complete, "test.xml").render(data);
}

std::string run_command(const std::string& command, int* status) {
    std::string output;
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) return output;
    std::array<char, 4096> buffer;
    size_t read = 0;
    while ((read = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) output.append(buffer.data(), read);
    const int result = pclose(pipe);
    if (status) *status = WIFEXITED(result) ? WEXITSTATUS(result) : -1;
    return output;
}

}  // namespace docgen

#include <zip.h>

#include "common/files.h"
#include "common/json_file.h"

namespace docgen {

std::string zip_entry(const std::string& archive, const std::string& name) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(archive.data(), archive.size(), 0, &error);
    zip_t* zip = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (!zip) {
        if (source) zip_source_free(source);
        return "";
    }
    std::string content;
    zip_stat_t stat;
    if (zip_stat(zip, name.c_str(), 0, &stat) == 0) {
        zip_file_t* file = zip_fopen(zip, name.c_str(), 0);
        content.resize(stat.size);
        zip_fread(file, content.data(), stat.size);
        zip_fclose(file);
    }
    zip_close(zip);
    return content;
}

const Document& example_order() {
    static const Document document = [] {
        const std::string source = DOCGEN_SOURCE_DIR;
        return Template::load(source + "/templates/order.xml")
            .render(load_json_file(source + "/examples/order-859/data.json"));
    }();
    return document;
}

}  // namespace docgen
