#include "common/json_file.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>
#include <vector>

#include "common/error.h"
#include "common/files.h"
#include "common/packed_json.h"
#include "common/utf8.h"

namespace docgen {

using nlohmann::json;

namespace {

// A pointer into the text that tells the handler how far the parser has read.
struct TrackedIterator {
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* at = nullptr;
    const char** read = nullptr;  // where `at` is published after each step

    reference operator*() const { return *at; }
    TrackedIterator& operator++() {
        *read = ++at;
        return *this;
    }
    TrackedIterator operator++(int) {
        TrackedIterator before = *this;
        ++*this;
        return before;
    }
    bool operator==(const TrackedIterator& other) const { return at == other.at; }
    bool operator!=(const TrackedIterator& other) const { return at != other.at; }
};

// The parser's SAX events built into a json value, as nlohmann's own DOM
// parser does, with the checks that need the place of each value.
class Builder {
public:
    Builder(const std::string& text, const std::string& source, const std::vector<std::string>& packed_lists)
        : text_(text), source_(source), read_(text.data()), packed_lists_(packed_lists) {}

    const char** read_position() { return &read_; }
    json take() { return std::move(root_); }

    bool null() { return value(nullptr); }
    bool boolean(bool v) { return value(v); }
    bool number_integer(json::number_integer_t v) { return value(v); }
    bool number_unsigned(json::number_unsigned_t v) { return value(v); }
    bool number_float(json::number_float_t v, const std::string&) { return value(v); }
    bool string(std::string& v) {
        check_text(v, false);
        return value(std::move(v));
    }
    bool binary(json::binary_t&) { return true; }  // not produced by the JSON syntax

    bool start_object(std::size_t) { return open(json::object()); }
    bool key(std::string& k) {
        check_text(k, true);
        key_end_ = offset();
        key_ = std::move(k);
        return true;
    }
    bool end_object() { return close(); }
    bool start_array(std::size_t) { return open(json::array()); }
    bool end_array() { return close(); }

    bool parse_error(std::size_t position, const std::string&, const json::exception& error) {
        // The position is 1-based and points just past the offending character.
        const size_t offset = position > 0 ? position - 1 : 0;
        std::string reason = error.what();  // "[json.exception.parse_error.101] parse error at line 3, column 5: …"
        const auto colon = reason.find(": ");
        if (colon != std::string::npos) reason = reason.substr(colon + 2);
        fail_at(offset, "", "JSON syntax error: " + reason);
    }

private:
    size_t offset() const { return static_cast<size_t>(read_ - text_.data()); }

    [[noreturn]] void fail_at(size_t offset, const std::string& path, const std::string& message) const {
        const TextPosition position = position_of_offset(text_, offset);
        Location where = Location::at(source_, position.line, position.column);
        where.json_path = path;
        throw InputError(where, message);
    }

    // The opening quote of the string token just read (its closing quote is
    // the last character read): the nearest quote before it with an even
    // number of backslashes in front.
    size_t string_start() const { return string_start(offset()); }
    size_t string_start(size_t end) const {
        size_t at = end >= 2 ? end - 2 : 0;
        while (at > 0) {
            if (text_[at] == '"') {
                size_t backslashes = 0;
                while (backslashes < at && text_[at - 1 - backslashes] == '\\') ++backslashes;
                if (backslashes % 2 == 0) return at;
            }
            --at;
        }
        return 0;
    }

    // The path of the open containers, made only for a message.
    std::string path() const {
        std::string out;
        for (size_t level = 1; level < stack_.size(); ++level) {
            const json& parent = *stack_[level - 1];
            if (parent.is_array()) out += "[" + std::to_string(parent.size() - 1) + "]";
            else out += (out.empty() ? "" : ".") + keys_[level];
        }
        return out;
    }
    std::string path_with_key(const std::string& k) const {
        const std::string base = path();
        return base.empty() ? k : base + "." + k;
    }

    void check_text(std::string& text, bool is_key) {
        const std::optional<char32_t> found = utf8::first_forbidden_character(text);
        if (!found) return;
        // Line ends of other systems become "\n".
        if (*found == U'\r') {
            std::string normalised;
            for (size_t i = 0; i < text.size(); ++i) {
                if (text[i] != '\r') normalised += text[i];
                else if (i + 1 >= text.size() || text[i + 1] != '\n') normalised += '\n';
            }
            text = std::move(normalised);
        }
        const std::optional<char32_t> forbidden = utf8::first_forbidden_character(text);
        if (!forbidden) return;
        const char32_t bad = *forbidden;
        fail_at(string_start(), is_key ? path() : value_path(),
                std::string(is_key ? "a key" : "the text") + " holds the character " + utf8::code_point_name(bad) +
                    (bad < 0x20 ? " (a control character)" : "") +
                    ", which no document can hold: remove it (tab and line feed are allowed)");
    }

    // The path of the value about to be stored.
    std::string value_path() const {
        if (stack_.empty()) return "";
        const json& parent = *stack_.back();
        if (parent.is_array()) return path() + "[" + std::to_string(parent.size()) + "]";
        return path_with_key(key_);
    }

    template <typename Value>
    bool value(Value&& v) {
        store(json(std::forward<Value>(v)));
        return true;
    }

    json* store(json&& v) {
        if (stack_.empty()) {
            root_ = std::move(v);
            return &root_;
        }
        json& parent = *stack_.back();
        if (parent.is_array()) {
            parent.push_back(std::move(v));
            return &parent.back();
        }
        const auto [place, inserted] = parent.get_ref<json::object_t&>().emplace(key_, std::move(v));
        if (!inserted)
            fail_at(string_start(key_end_), path_with_key(key_),
                    "the key '" + key_ + "' appears twice in this object; keep one");
        return &place->second;
    }

    bool open(json&& container) {
        if (static_cast<int>(stack_.size()) >= kMaxJsonNesting)
            fail_at(offset() - 1, value_path(),
                    "objects and lists nest deeper than " + std::to_string(kMaxJsonNesting) + " levels");
        const bool in_object = !stack_.empty() && stack_.back()->is_object();
        stack_.push_back(store(std::move(container)));
        if (keys_.size() < stack_.size()) keys_.resize(stack_.size());
        if (in_object) keys_[stack_.size() - 1] = key_;
        return true;
    }
    bool close() {
        // An element of a top-level list to be packed: {"schools": [{…} ← here
        if (stack_.size() == 3 && stack_[0]->is_object() && stack_[1]->is_array() &&
            std::find(packed_lists_.begin(), packed_lists_.end(), keys_[1]) != packed_lists_.end())
            *stack_.back() = packed::pack(*stack_.back(), packed::Compression::None);  // read again soon
        stack_.pop_back();
        return true;
    }

    const std::string& text_;
    const std::string& source_;
    const char* read_;
    const std::vector<std::string>& packed_lists_;
    json root_;
    std::vector<json*> stack_;        // the open containers
    std::vector<std::string> keys_;   // the key of each open container in an object
    std::string key_;                 // the key of the value to come
    size_t key_end_ = 0;              // where that key ended in the text
};

}  // namespace

json parse_json(const std::string& text, const std::string& source_name) { return parse_json(text, source_name, {}); }

json parse_json(const std::string& text, const std::string& source_name, const std::vector<std::string>& packed_lists) {
    Builder builder(text, source_name, packed_lists);
    const char* begin = text.data();
    const char* end = begin + text.size();
    TrackedIterator first{begin, builder.read_position()};
    TrackedIterator last{end, builder.read_position()};
    json::sax_parse(first, last, &builder);
    return builder.take();
}

json load_json_file(const std::string& path) { return parse_json(read_file(path, "data file"), path); }

}  // namespace docgen
