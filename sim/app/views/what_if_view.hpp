// "What if?" (issue 14) in the lesson pane: how to make an edit, and once one is sent, what
// changed (on the wire, by Mallory), where the runs part, the record Mallory delivered with
// the edited bytes marked, and the way back to the original run.
#pragma once

#include <cstdint>
#include <vector>

#include "app/ui/hex_widget.hpp"
#include "app/views/view.hpp"

namespace hl::app {

class WhatIfView : public View {
 public:
  WhatIfView() : View("What if?", Slot::lesson, true) {}

  /// The edited bytes the view marked on its last frame, per replacement (tests read them).
  const std::vector<std::vector<ByteRange>>& marked() const { return marked_; }

 protected:
  void drawContent(ViewContext& context) override;

 private:
  const WhatIfEdit* shown_ = nullptr;          // the edit the marks were computed for
  bool scroll_pending_ = false;                // a new edit: scroll each hex view to its first mark
  std::vector<std::vector<ByteRange>> marked_;  // per replacement
  std::vector<std::vector<ui::HexColour>> colours_;
};

}  // namespace hl::app
