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
