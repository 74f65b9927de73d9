#include "pdf/font_subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <memory>
#include <stdexcept>

namespace docgen {

namespace {

template <typename T, void (*Destroy)(T*)>
struct HbDeleter {
    void operator()(T* object) const { Destroy(object); }
};
using Blob = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using Input = std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_t, hb_subset_input_destroy>>;

}  // namespace

std::string subset_font(const std::string& font_bytes, const std::set<char32_t>& characters) {
    Blob blob(hb_blob_create(font_bytes.data(), static_cast<unsigned>(font_bytes.size()), HB_MEMORY_MODE_READONLY,
                             nullptr, nullptr));
    Face face(hb_face_create(blob.get(), 0));
    Input input(hb_subset_input_create_or_fail());
    if (!input) throw std::runtime_error("out of memory while subsetting a font");
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t c : characters) hb_set_add(unicodes, c);
    Face subset(hb_subset_or_fail(face.get(), input.get()));
    if (!subset) throw std::runtime_error("a font cannot be subset");
    Blob bytes(hb_face_reference_blob(subset.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(bytes.get(), &length);
    return std::string(data, length);
}

}  // namespace docgen
