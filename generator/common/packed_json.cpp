#include "common/packed_json.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

namespace docgen::packed {

using nlohmann::json;

namespace {

// What was unpacked on this thread, by the address of the packed bytes,
// with a copy of the bytes: an address may be reused by another packed value
// once a copy holding it is dropped.
struct Unpacked {
    std::vector<std::uint8_t> bytes;
    json value;
};

struct Cache {
    int sessions = 0;
    std::unordered_map<const json::binary_t*, Unpacked> entries;
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
    Unpacked& entry = cache().entries[&bytes];
    const bool same = entry.bytes.size() == bytes.size() && std::equal(bytes.begin(), bytes.end(), entry.bytes.begin());
    if (!same || entry.value.is_null()) {
        entry.bytes.assign(bytes.begin(), bytes.end());
        entry.value = json::from_msgpack(bytes.begin(), bytes.end());
    }
    return entry.value;
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
