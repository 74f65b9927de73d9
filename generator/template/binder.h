// Binding: walks a compiled template with the data and builds the document
// model. Control elements (<for>, <if>/<else>, <let>, <use>) work the same in
// every place, so a loop can make sections, paragraphs, rows or words.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/document.h"
#include "template/compiled_template.h"
#include "template/expression.h"
#include "template/template.h"

namespace docgen {

Document bind_template(const CompiledTemplate& compiled, const nlohmann::json& data,
                       const std::vector<Variable>& variables);

class Binder {
public:
    Binder(const CompiledTemplate& compiled, const nlohmann::json& data);
    // Binds a variable for the whole document.
    void bind_variable(const Variable& variable);
    Document bind();

private:
    // Evaluation, with errors located at a template node.
    [[noreturn]] void fail(const TemplateNode& node, const std::string& message) const;
    Value evaluate(const Expression& expression, const TemplateNode& at, bool lenient = false) const;
    std::string text_of(const TextTemplate& text, const TemplateNode& at) const;
    std::string attribute(const TemplateNode& node, const char* name, const std::string& fallback = "") const;
    // The attribute's value parsed, or the fallback when it is absent; a value
    // the parser refuses is an error naming the element and the attribute.
    template <typename T>
    T parsed_attribute(const TemplateNode& node, const char* name, T fallback, T (*parse)(const std::string&)) const {
        if (!node.attribute(name)) return fallback;
        try {
            return parse(attribute(node, name));
        } catch (const std::invalid_argument& error) {
            fail(node, "<" + node.name + "> attribute '" + name + "': " + error.what());
        }
    }
    bool bool_attribute(const TemplateNode& node, const char* name, bool fallback) const;
    double length_attribute(const TemplateNode& node, const char* name, double fallback) const;
    double percent_attribute(const TemplateNode& node, const char* name, double fallback) const;

    // Calls visit for every child, expanding control elements in place.
    using Visitor = std::function<void(const TemplateNode&)>;
    void each_child(const TemplateNode& parent, const Visitor& visit);
    void expand_for(const TemplateNode& node, const Visitor& visit);
    void expand_use(const TemplateNode& node, const Visitor& visit);
    bool has_block_content(const TemplateNode& node, int fragment_depth = 0) const;

    Section section(const TemplateNode& node);
    void blocks(const TemplateNode& parent, std::vector<Block>& out, const std::string& default_style);
    void apply_formatting(const TemplateNode& node, Paragraph& paragraph) const;
    Paragraph new_paragraph(const std::string& style, const TemplateNode* formatting) const;
    Paragraph paragraph(const TemplateNode& node, const std::string& default_style);
    // Text and inline elements as runs formatted like `format` (its text unused).
    void inlines(const TemplateNode& parent, Paragraph& paragraph, const Run& format);
    void container_content(const TemplateNode& node, std::vector<Block>& out, const std::string& style);
    List list(const TemplateNode& node, const std::string& default_style);
    void foot(const TemplateNode& node, const TemplateNode& parent);
    // Rich text from the data: blocks, and the inline text of a paragraph.
    struct RichStyles {
        std::string paragraph;
        std::string list;
        std::string marker;
    };
    void rich(const TemplateNode& node, std::vector<Block>& out, const std::string& default_style);
    void rich_block(const TemplateNode& node, const nlohmann::json& block, const std::string& path,
                    const RichStyles& styles, std::vector<Block>& out);
    void rich_inline(const TemplateNode& node, const nlohmann::json& text, const std::string& path, const Run& format,
                     Paragraph& paragraph, int depth);

    Chart chart(const TemplateNode& node);
    Table table(const TemplateNode& node);
    Table bind_table(const TemplateNode& node);
    void check_rows_fill_columns(const Table& table, const std::vector<const TemplateNode*>& row_nodes,
                                 const TemplateNode& node) const;
    Row row(const TemplateNode& node, RowRole role, const std::string& cell_style, size_t columns);
    Cell cell(const TemplateNode& node, const std::string& cell_style, size_t columns);

    const CompiledTemplate& compiled_;
    Scope scope_;
    std::map<std::string, const NamedStyle*> styles_;
    int fragment_depth_ = 0;
    // The <section> being bound, whose direct children may include its <foot>.
    const TemplateNode* section_node_ = nullptr;
    std::vector<Block>* section_foot_ = nullptr;
    // Cells, lists and items whose formatting attributes apply to the paragraphs inside them.
    std::vector<const TemplateNode*> enclosing_formatting_;
};

// Runs, once a paragraph is complete: neighbours in one format joined,
// spaces at the edges trimmed, typography applied.
void finish_paragraph(Paragraph& paragraph);

// The plain text of cells, for comparing them when merging equal cells.
std::string plain_text(const std::vector<Block>& blocks);

// Cells of a column marked merge="true" that repeat the cell above become
// one cell spanning those rows.
void merge_equal_cells(Table& table, const std::vector<bool>& merge_columns);

}  // namespace docgen
