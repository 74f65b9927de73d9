// What the benchmarks work on: the example order 859-ОД (the order and three
// roadmap appendices, about 40 pages), loaded once.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "layout/page.h"
#include "model/document.h"
#include "render/resources.h"
#include "template/template.h"

namespace docgen::bench {

const Template& order_template();
const nlohmann::json& order_data();
const Document& order_document();
const std::vector<Page>& order_pages();
const Resources& resources();

}  // namespace docgen::bench
