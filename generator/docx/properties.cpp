#include "docx/properties.h"

#include "docx/ooxml.h"

namespace docgen {

using ooxml::add;
using ooxml::add_val;
using ooxml::set;
using ooxml::twips;

namespace {

// A toggle: <w:keepNext/> when on, <w:keepNext w:val="0"/> when turning off
// what the base turned on, nothing when equal to the base.
void toggle(pugi::xml_node properties, const char* name, bool value, const bool* base) {
    if (base ? value == *base : !value) return;
    pugi::xml_node node = add(properties, name);
    if (!value) set(node, "w:val", "0");
}

const char* justification(Align align) {
    switch (align) {
        case Align::Left: return "left";
        case Align::Center: return "center";
        case Align::Right: return "right";
        case Align::Justify: return "both";
    }
    return "left";
}

}  // namespace

void write_paragraph_properties(pugi::xml_node properties, const ParagraphProps& props, const ParagraphProps* base) {
    toggle(properties, "w:keepNext", props.keep_with_next, base ? &base->keep_with_next : nullptr);
    toggle(properties, "w:keepLines", props.keep_together, base ? &base->keep_together : nullptr);
    toggle(properties, "w:pageBreakBefore", props.page_break_before, base ? &base->page_break_before : nullptr);
    // Word's own default is widow control on: say it always when it is off.
    if (!base || props.widow_control != base->widow_control)
        add_val(properties, "w:widowControl", props.widow_control ? "1" : "0");
    if (!base || props.hyphenate != base->hyphenate) {
        pugi::xml_node suppress = add(properties, "w:suppressAutoHyphens");
        if (props.hyphenate) set(suppress, "w:val", "0");
    }
    if (!base || props.space_before != base->space_before || props.space_after != base->space_after ||
        props.line_spacing != base->line_spacing) {
        pugi::xml_node spacing = add(properties, "w:spacing");
        set(spacing, "w:before", twips(props.space_before));
        set(spacing, "w:after", twips(props.space_after));
        set(spacing, "w:line", static_cast<int>(props.line_spacing * 240 + 0.5));
        set(spacing, "w:lineRule", "auto");
    }
    if (!base || props.first_line_indent != base->first_line_indent || props.indent_left != base->indent_left ||
        props.indent_right != base->indent_right) {
        pugi::xml_node indent = add(properties, "w:ind");
        set(indent, "w:left", twips(props.indent_left));
        set(indent, "w:right", twips(props.indent_right));
        if (props.first_line_indent < 0) set(indent, "w:hanging", twips(-props.first_line_indent));
        else set(indent, "w:firstLine", twips(props.first_line_indent));
    }
    if (!base || props.align != base->align) add_val(properties, "w:jc", justification(props.align));
}

void write_run_properties(pugi::xml_node properties, const RunProps& props, const RunProps* base) {
    if (!base || props.font_family != base->font_family) {
        pugi::xml_node fonts = add(properties, "w:rFonts");
        for (const char* slot : {"w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"}) set(fonts, slot, props.font_family);
    }
    toggle(properties, "w:b", props.bold, base ? &base->bold : nullptr);
    toggle(properties, "w:i", props.italic, base ? &base->italic : nullptr);
    if (!base ? props.letter_spacing != 0 : props.letter_spacing != base->letter_spacing)
        add_val(properties, "w:spacing", twips(props.letter_spacing));
    if (!base || props.size != base->size) {
        add_val(properties, "w:sz", ooxml::half_points(props.size));
        add_val(properties, "w:szCs", ooxml::half_points(props.size));
    }
    if (!base ? props.underline : props.underline != base->underline)
        add_val(properties, "w:u", props.underline ? "single" : "none");
    if (!base ? props.script != Script::Normal : props.script != base->script)
        add_val(properties, "w:vertAlign", props.script == Script::Sub     ? "subscript"
                                           : props.script == Script::Super ? "superscript"
                                                                           : "baseline");
}

}  // namespace docgen
