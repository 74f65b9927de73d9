// The template language's elements, once: each one's attributes, what kind
// of element it is and where it stands. The loader checks templates against
// this table, the binder asks it what an element is, and messages take from
// it where an element belongs. docs/templates.md describes each.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace docgen {

enum class ElementKind {
    Document,   // <document>, <styles>, <style>, <fragment>, <section>, <include>
    Block,      // stands among a section's, a cell's or a list item's blocks
    Inline,     // inside a paragraph's text
    Part,       // a part of a block: an item, a column, a row, a cell, a series
    Control,    // <for>, <if>, <else>, <let>, <use>: expanded wherever they stand
};

struct ElementInfo {
    std::string_view name;
    ElementKind kind;
    std::vector<std::string_view> attributes;  // besides the formatting ones, when it takes those
    bool formatting_attributes = false;        // every paragraph and character attribute of a style
    std::string_view expression_attribute;     // the attribute read as a bare expression, required
    std::string_view place;                    // where it stands, for messages: "inside a <p>"
};

// Every element; null for a name the language does not have.
const std::vector<ElementInfo>& template_elements();
const ElementInfo* template_element(std::string_view name);

}  // namespace docgen
