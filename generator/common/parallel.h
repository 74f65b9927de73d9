// Work over many independent items (schools) on a few threads.
#pragma once

#include <cstddef>
#include <functional>

namespace docgen {

// Calls work(part, begin, end) for [0, count) cut into at most `threads`
// contiguous parts of about equal size (parts(count, threads) of them), the first on the calling thread, the others each
// on a thread of its own; returns when all are done. The first exception a
// part throws (by the order of the parts) is thrown again here.
size_t parts(size_t count, unsigned threads);
void for_parts(size_t count, unsigned threads, const std::function<void(size_t part, size_t begin, size_t end)>& work);

}  // namespace docgen
