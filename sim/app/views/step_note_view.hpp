// The lesson pane's built-in text: a short explanation of the current step. The lesson
// view (issue 5) goes in the same Slot::lesson beside it, as its own view file.
#pragma once

#include <cstddef>
#include <optional>

#include "app/step_notes.hpp"
#include "app/views/view.hpp"

namespace hl::app {

class StepNoteView : public View {
 public:
  StepNoteView() : View("This step", Slot::lesson, true) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  // The note of the step on screen, rebuilt only when the step changes.
  std::optional<StepKey> note_key_;
  StepNote note_;
};

}  // namespace hl::app
