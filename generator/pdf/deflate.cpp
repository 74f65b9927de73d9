#include "pdf/deflate.h"

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
    if (!compressor) throw std::runtime_error("cannot start compressing a PDF stream");
    return compressor.get();
}

}  // namespace

std::string deflate(std::string_view bytes, int level) {
    if (level < 1 || level > 12) throw std::logic_error("deflate level out of 1..12");
    libdeflate_compressor* compressor = compressor_for(level);
    std::string out(libdeflate_zlib_compress_bound(compressor, bytes.size()), '\0');
    const size_t size = libdeflate_zlib_compress(compressor, bytes.data(), bytes.size(), out.data(), out.size());
    if (size == 0) throw std::runtime_error("cannot compress a PDF stream");
    out.resize(size);
    return out;
}

}  // namespace docgen
