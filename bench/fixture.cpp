#include "fixture.h"

#include "common/json_file.h"
#include "layout/layout.h"

namespace docgen::bench {

namespace {

const std::string kSource = DOCGEN_SOURCE_DIR;

}  // namespace

const Template& order_template() {
    static const Template loaded = Template::load(kSource + "/templates/order.xml");
    return loaded;
}

const nlohmann::json& order_data() {
    static const nlohmann::json loaded = load_json_file(kSource + "/examples/order-859/data.json");
    return loaded;
}

const Document& order_document() {
    static const Document bound = order_template().render(order_data());
    return bound;
}

const std::vector<Page>& order_pages() {
    static const std::vector<Page> pages = lay_out(order_document(), resources().fonts, resources().hyphenator);
    return pages;
}

const Resources& resources() {
    static const Resources loaded = Resources::load({});
    return loaded;
}

}  // namespace docgen::bench
