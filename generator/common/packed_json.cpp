#include "common/packed_json.h"

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace docgen::packed {

using nlohmann::json;

namespace {

// What was unpacked on this thread, by the packed bytes: a copy of a packed
// value (a list of schools that `pick` made) is unpacked once too, and an
// address that a dropped copy leaves to another value can never mislead.
struct BytesHash {
    using is_transparent = void;
    size_t operator()(std::string_view bytes) const { return std::hash<std::string_view>{}(bytes); }
};

struct Cache {
    int sessions = 0;
    std::unordered_map<std::string, json, BytesHash, std::equal_to<>> entries;
};

Cache& cache() {
    thread_local Cache instance;
    return instance;
}

}  // namespace

json pack(const json& value) { return json::binary(json::to_msgpack(value)); }

json unpack(const json& value) {
    if (!value.is_binary()) return value;
    const json::binary_t& bytes = value.get_binary();
    return json::from_msgpack(bytes.begin(), bytes.end());
}

const json& unpacked(const json& value) {
    if (!value.is_binary()) return value;
    const json::binary_t& bytes = value.get_binary();
    const std::string_view key(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    auto& entries = cache().entries;
    auto found = entries.find(key);
    if (found == entries.end()) found = entries.emplace(key, json::from_msgpack(bytes.begin(), bytes.end())).first;
    return found->second;
}

json expanded(json value) {
    if (value.is_binary()) return expanded(unpack(value));
    if (value.is_object() || value.is_array())
        for (json& item : value) item = expanded(std::move(item));
    return value;
}

Session::Session() { ++cache().sessions; }

Session::~Session() {
    Cache& current = cache();
    if (--current.sessions == 0) current.entries.clear();
}

}  // namespace docgen::packed
