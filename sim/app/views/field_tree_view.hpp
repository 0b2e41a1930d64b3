// The field tree: every decoded field of the current step with its value. Hovering or
// selecting a field lights its bytes in the hex view; its explanation shows as a tooltip
// and in the detail line below the tree.
#pragma once

#include <string>

#include "app/views/view.hpp"

namespace hl::app {

class FieldTreeView : public View {
 public:
  FieldTreeView() : View("Fields", Slot::tree, false) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  void draw_table(const char* id, const std::vector<Field>& fields, Buffer buffer, ViewContext& context);
  void draw_fields(const std::vector<Field>& fields, Buffer buffer, ViewContext& context);
  void draw_detail(ViewContext& context);
  const std::string& explanation(const ViewContext& context, const FieldRef& ref, std::string& cache_text,
                                 FieldRef& cache_ref, const void*& cache_key);

  FieldPath path_;             // the path of the node being drawn (reused, no allocation per node)
  bool revealing_ = false;     // this frame opens the selected field's ancestors and scrolls to it
  unsigned seen_reveal_ = 0;
  // explain() results, rebuilt only when the field changes.
  std::string tooltip_text_, detail_text_;
  FieldRef tooltip_ref_, detail_ref_;
  const void* tooltip_key_ = nullptr;
  const void* detail_key_ = nullptr;
};

}  // namespace hl::app
