// The current position on the current page of a section, and the text area
// that blocks are placed in.
#pragma once

#include <functional>
#include <vector>

#include "layout/page.h"
#include "model/document.h"

namespace docgen {

class PageCursor {
public:
    PageCursor(std::vector<Page>& pages, const PageSetup& setup, int section);

    double left() const { return left_; }
    double width() const { return width_; }
    double top() const { return top_; }
    double y() const { return y_; }
    double remaining() const { return bottom_ - y_; }
    double capacity() const { return bottom_ - top_; }  // of a fresh page
    bool at_top() const { return y_ <= top_ + 0.01; }
    int page_index() const { return page_index_; }
    Page& page(int index) { return pages_[index]; }
    Page& page() { return pages_[page_index_]; }

    void advance(double height) { y_ += height; }
    void new_page();
    // Called at each new page's top, before anything else is placed there.
    void on_new_page(std::function<void()> handler) { on_new_page_ = std::move(handler); }

private:
    std::vector<Page>& pages_;
    PageSetup setup_;
    int section_;
    int page_index_ = -1;
    double left_, width_, top_, bottom_;
    double y_ = 0;
    std::function<void()> on_new_page_;
};

}  // namespace docgen
