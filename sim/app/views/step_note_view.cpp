#include "app/views/step_note_view.hpp"

#include <imgui.h>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {

void StepNoteView::drawContent(ViewContext& context) {
  const Step* step = context.session.current_step();
  if (step == nullptr) {
    ImGui::TextDisabled("No step yet.");
    return;
  }
  if (note_key_ != context.session.step_key()) {
    note_ = step_note(*step);
    note_key_ = context.session.step_key();
  }
  const StepNote& note = note_;
  const auto& colours = ui::palette();
  ImGui::PushFont(ui::fonts().heading);
  ui::wrapped_text(note.heading.c_str(), ui::side_colour(step->from));
  ImGui::PopFont();
  ImGui::Spacing();
  ui::wrapped_text(note.text.c_str(), colours.text);
  if (step->kind == StepKind::event && step->event == EventKind::verify && !step->verify.ok) {
    ImGui::Spacing();
    ui::wrapped_text(("Check failed: " + step->verify.error_text).c_str(), colours.bad);
  }
}

}  // namespace hl::app
