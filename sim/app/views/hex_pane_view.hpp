// The bytes of the current step in the generic hex widget: wire bytes, and for protected
// records the decrypted bytes, switchable or side by side. Hovering a byte names its
// field; a click selects that field in the tree.
#pragma once

#include <optional>
#include <vector>

#include "app/ui/hex_widget.hpp"
#include "app/views/view.hpp"

namespace hl::app {

class HexPaneView : public View {
 public:
  HexPaneView() : View("Bytes", Slot::hex, false) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  void refresh_colours(const ViewContext& context);
  void draw_buffer(const char* id, ImVec2 size, Buffer buffer, const Bytes& bytes,
                   const std::vector<ui::HexColour>& colours, ViewContext& context);

  // Field colours of the step on screen, mapped to the theme's palette once per step.
  std::optional<StepKey> colours_key_;
  ImU32 colours_theme_ = 0;
  std::vector<ui::HexColour> wire_colours_, plain_colours_;
  std::optional<ByteHighlight> last_selected_;  // scroll to a selection made elsewhere
};

}  // namespace hl::app
