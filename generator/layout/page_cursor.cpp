#include "layout/page_cursor.h"

#include <utility>

namespace docgen {

PageCursor::PageCursor(std::vector<Page>& pages, const PageSetup& setup, int section)
    : pages_(pages), setup_(setup), section_(section) {
    double width = setup.width;
    double height = setup.height;
    if (setup.landscape != (width > height)) std::swap(width, height);
    setup_.width = width;
    setup_.height = height;
    left_ = setup.margin_left;
    width_ = width - setup.margin_left - setup.margin_right;
    top_ = setup.margin_top;
    bottom_ = height - setup.margin_bottom;
    new_page();
}

void PageCursor::new_page() {
    Page page;
    page.width = setup_.width;
    page.height = setup_.height;
    page.section = section_;
    pages_.push_back(std::move(page));
    page_index_ = static_cast<int>(pages_.size()) - 1;
    y_ = top_;
    if (on_new_page_) on_new_page_();
}

}  // namespace docgen
