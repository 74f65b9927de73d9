#include "pdf/deflate.h"

#include <zlib.h>

#include <stdexcept>

namespace docgen {

std::string deflate(std::string_view bytes, int level) {
    uLongf size = compressBound(static_cast<uLong>(bytes.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(bytes.data()),
                  static_cast<uLong>(bytes.size()), level) != Z_OK)
        throw std::runtime_error("cannot compress a PDF stream");
    out.resize(size);
    return out;
}

}  // namespace docgen
