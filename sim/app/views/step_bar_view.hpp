// The step bar: restart, back, play/pause with speed, forward, "step n of m" and the
// current step's title; on the right, the run status (a spinner while keys are generated).
#pragma once

#include "app/views/view.hpp"

namespace hl::app {

class StepBarView : public View {
 public:
  StepBarView() : View("Steps", Slot::step_bar, true) {}

 protected:
  void drawContent(ViewContext& context) override;
};

}  // namespace hl::app
