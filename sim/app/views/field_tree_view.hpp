// The field tree: every decoded field of the current step with its value. Hovering or
// selecting a field lights its bytes in the hex view; its explanation shows as a tooltip
// and in the detail line below the tree. A protected record also shows how it is protected
// (protection_panel.hpp), each part selectable.
#pragma once

#include <optional>
#include <string>

#include "app/views/field_edit_popup.hpp"
#include "app/views/protection_panel.hpp"
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
                                 FieldRef& cache_ref, std::optional<StepKey>& cache_key);

  FieldPath path_;             // the path of the node being drawn (reused, no allocation per node)
  bool revealing_ = false;     // this frame opens the selected field's ancestors and scrolls to it
  unsigned seen_reveal_ = 0;
  // explain() results, rebuilt only when the field changes.
  std::string tooltip_text_, detail_text_;
  FieldRef tooltip_ref_, detail_ref_;
  std::optional<StepKey> tooltip_key_, detail_key_;
  float detail_content_h_ = 0;  // the most the detail area needed on this step: the next frame sizes it to fit
  std::size_t deepest_drawn_ = 0;  // the deepest open node last frame: a deep tree (OCSP) indents less
  std::size_t deepest_now_ = 0;    // ... and this frame, so far
  std::optional<StepKey> detail_step_;
  void draw_edit_line(ViewContext& context);

  ProtectionPanel protection_;  // the record's protection breakdown, between the wire and decrypted trees
  FieldEditPopup edit_popup_;   // "what if?": edit a field of the record, send it instead
};

}  // namespace hl::app
