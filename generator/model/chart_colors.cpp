#include "model/document.h"

namespace docgen {

const char* default_series_color(size_t index) {
    static const char* const kPalette[] = {"2E5A88", "7FA7CF", "C0504D", "F2B134", "6A9F58", "8E6C8A", "4BACC6"};
    return kPalette[index % (sizeof kPalette / sizeof kPalette[0])];
}

}  // namespace docgen
