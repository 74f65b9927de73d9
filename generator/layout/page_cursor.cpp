#include "layout/page_cursor.h"

#include <utility>

namespace docgen {

PageCursor::PageCursor(std::vector<Page>& pages, const PageSetup& setup, int section)
    : pages_(pages), setup_(setup), section_(section) {
    const SheetSize sheet = sheet_size(setup);
    setup_.width = sheet.width;
    setup_.height = sheet.height;
    left_ = setup.margin_left;
    width_ = text_width(setup);
    top_ = setup.margin_top;
    bottom_ = sheet.height - setup.margin_bottom;
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
