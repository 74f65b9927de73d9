#include "common/deflate.h"

#include <libdeflate.h>

#include <memory>
#include <stdexcept>

namespace docgen {

namespace {

struct CompressorDeleter {
    void operator()(libdeflate_compressor* compressor) const { libdeflate_free_compressor(compressor); }
};
using Compressor = std::unique_ptr<libdeflate_compressor, CompressorDeleter>;

// A compressor holds large tables: one per thread and level, made once.
libdeflate_compressor* compressor_for(int level) {
    thread_local Compressor compressors[13];
    Compressor& compressor = compressors[level];
    if (!compressor) compressor.reset(libdeflate_alloc_compressor(level));
    if (!compressor) throw std::runtime_error("cannot start compressing");
    return compressor.get();
}

using Compress = size_t (*)(libdeflate_compressor*, const void*, size_t, void*, size_t);
using Bound = size_t (*)(libdeflate_compressor*, size_t);

std::string compressed(std::string_view bytes, int level, Compress compress, Bound bound) {
    if (level < 1 || level > 12) throw std::logic_error("deflate level out of 1..12");
    libdeflate_compressor* compressor = compressor_for(level);
    std::string out(bound(compressor, bytes.size()), '\0');
    const size_t size = compress(compressor, bytes.data(), bytes.size(), out.data(), out.size());
    if (size == 0) throw std::runtime_error("cannot compress a document's data");
    out.resize(size);
    return out;
}

}  // namespace

std::string deflate(std::string_view bytes, int level) {
    return compressed(bytes, level, libdeflate_zlib_compress, libdeflate_zlib_compress_bound);
}

std::string deflate_raw(std::string_view bytes, int level) {
    return compressed(bytes, level, libdeflate_deflate_compress, libdeflate_deflate_compress_bound);
}

uint32_t crc32(std::string_view bytes) { return libdeflate_crc32(0, bytes.data(), bytes.size()); }

std::optional<std::string> inflate_raw(std::string_view bytes, size_t size) {
    struct Deleter {
        void operator()(libdeflate_decompressor* decompressor) const { libdeflate_free_decompressor(decompressor); }
    };
    thread_local std::unique_ptr<libdeflate_decompressor, Deleter> decompressor(libdeflate_alloc_decompressor());
    if (!decompressor) throw std::runtime_error("cannot start decompressing");
    std::string out(size, '\0');
    size_t written = 0;
    const libdeflate_result result =
        libdeflate_deflate_decompress(decompressor.get(), bytes.data(), bytes.size(), out.data(), out.size(), &written);
    if (result != LIBDEFLATE_SUCCESS || written != size) return std::nullopt;
    return out;
}

}  // namespace docgen
