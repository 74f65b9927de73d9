#include "template/elements.h"

namespace docgen {

const std::vector<ElementInfo>& template_elements() {
    using K = ElementKind;
    static const std::vector<ElementInfo> elements = {
        {"document", K::Document, {"title", "subject", "author", "date", "lang", "input"}, false, "", "as the template's root"},
        {"styles", K::Document, {}, false, "", "among the children of <document>"},
        {"style", K::Document, {"name", "based-on"}, true, "", "inside <styles>"},
        {"fragment", K::Document, {"name", "params"}, false, "", "among the children of <document>"},
        {"section", K::Document,
         {"orientation", "size", "margins", "margin-top", "margin-right", "margin-bottom", "margin-left",
          "page-numbers", "numbering", "page-number-size", "header-distance"},
         false, "", "among the children of <document>"},
        {"include", K::Document, {"href"}, false, "", "among the children of <document> or <library>"},
        {"p", K::Block, {"style"}, true, "", "among blocks"},
        {"list", K::Block, {"marker", "start", "style"}, true, "", "among blocks"},
        {"table", K::Block,
         {"style", "repeat", "rows", "column-numbers", "borders", "border-width", "width", "space-before",
          "space-after", "padding"},
         false, "", "among blocks"},
        {"rich", K::Block, {"value", "style", "list-style", "marker"}, false, "value", "among blocks"},
        {"page-break", K::Block, {}, false, "", "among blocks"},
        {"chart", K::Block,
         {"kind", "direction", "title", "value-title", "height", "width", "space-before", "space-after", "float"},
         false, "categories", "among blocks"},
        {"foot", K::Block, {}, false, "", "directly in a <section>"},
        {"b", K::Inline, {}, false, "", "inside a <p>"},
        {"i", K::Inline, {}, false, "", "inside a <p>"},
        {"u", K::Inline, {}, false, "", "inside a <p>"},
        {"span", K::Inline, {}, true, "", "inside a <p>"},
        {"nobr", K::Inline, {}, false, "", "inside a <p>"},
        {"br", K::Inline, {}, false, "", "inside a <p>"},
        {"sub", K::Inline, {}, false, "", "inside a <p>"},
        {"sup", K::Inline, {}, false, "", "inside a <p>"},
        {"item", K::Part, {"style", "marker"}, true, "", "inside a <list>"},
        {"column", K::Part, {"width", "merge"}, false, "", "inside a <table>"},
        {"header", K::Part, {}, false, "", "inside a <table>"},
        {"row", K::Part, {"kind", "keep-with-next"}, false, "", "inside a <table>"},
        {"cell", K::Part, {"colspan", "rowspan", "valign", "style"}, true, "", "inside a <row>"},
        {"series", K::Part, {"name", "color"}, false, "values", "inside a <chart>"},
        {"for", K::Control, {"each", "in", "index"}, false, "in", "anywhere"},
        {"if", K::Control, {"test"}, false, "test", "anywhere"},
        {"else", K::Control, {}, false, "", "right after an <if>"},
        {"let", K::Control, {"name", "value"}, false, "value", "anywhere"},
        {"use", K::Control, {"fragment"}, false, "", "anywhere"},
    };
    return elements;
}

const ElementInfo* template_element(std::string_view name) {
    for (const ElementInfo& element : template_elements())
        if (element.name == name) return &element;
    return nullptr;
}

}  // namespace docgen
