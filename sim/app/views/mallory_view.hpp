// Mallory's pane: what the attacker in the middle read and what she changed, up to the
// current step, each line tied to its step (clicking one moves the shared cursor there; the
// ladder marks the same steps on her lifeline).
#pragma once

#include "app/views/view.hpp"

namespace hl::app {

class MalloryView : public View {
 public:
  MalloryView() : View("Mallory", Slot::side, false) {}

 protected:
  void drawContent(ViewContext& context) override;
};

}  // namespace hl::app
