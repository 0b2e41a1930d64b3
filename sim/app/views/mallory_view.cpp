#include "app/views/mallory_view.hpp"

#include <imgui.h>

#include <string>
#include <vector>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

// One sentence on how her attack is going at this step.
void draw_verdict(const Transcript& transcript, std::size_t current_number) {
  const auto& colours = ui::palette();
  bool decrypted = false;
  for (const auto& note : transcript.attacker.read)
    decrypted = decrypted || (note.step <= current_number && note.text.find("inside TLS") != std::string::npos);
  if (decrypted) {
    ui::wrapped_text("She reads what the two sides say to each other: TLS protects each hop, and she is the other "
                     "end of both.", colours.bad);
    return;
  }
  const bool over = current_number >= transcript.steps.size();
  if (over && !transcript.failure.empty()) {
    ui::wrapped_text(("Her attack was stopped: " + transcript.failure).c_str(), colours.ok);
    return;
  }
  ui::wrapped_text("No application data has reached her in the clear so far.", colours.dim_text);
}

// One list of notes up to the current step; clicking a note's step moves the cursor there.
void draw_notes(const char* heading, const std::vector<AttackerNote>& notes, std::size_t current_number, ImU32 colour,
                Session& session) {
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(heading);
  ImGui::PopFont();
  std::size_t shown = 0;
  for (std::size_t i = 0; i < notes.size(); ++i) {
    const AttackerNote& note = notes[i];
    if (note.step > current_number) break;  // what comes later would give the lesson away
    ImGui::PushID(heading);
    ImGui::PushID(static_cast<int>(i));
    const std::string label = "step " + std::to_string(note.step);
    if (ImGui::Selectable(label.c_str(), note.step == current_number)) session.jump_to_step(note.step - 1);
    ImGui::PopID();
    ImGui::PopID();
    ImGui::Indent();
    ui::wrapped_text(note.text.c_str(), colour);
    ImGui::Unindent();
    ++shown;
  }
  if (shown == 0) ImGui::TextDisabled("nothing yet");
  ImGui::Spacing();
}

}  // namespace

void MalloryView::drawContent(ViewContext& context) {
  const RunData* run = context.session.run();
  if (run == nullptr) return;
  const Transcript& transcript = run->transcript;
  if (transcript.capture) {
    ui::wrapped_text("A capture shows a real connection: the lab played no Mallory in it.", ui::palette().dim_text);
    return;
  }
  if (!transcript.attacker.present) {
    ui::wrapped_text("Mallory is not on the wire in this run. Choose an attack in the Scenario panel to put her "
                     "between the client and the server.", ui::palette().dim_text);
    return;
  }
  // Her notes count steps as the trace does (grouped events), one more than the step's index.
  const std::size_t current_number = context.session.current_index() + 1;
  draw_verdict(transcript, current_number);
  ImGui::Spacing();
  if (!ImGui::BeginChild("##mallory-notes", ImVec2(0, 0), false)) {
    ImGui::EndChild();
    return;
  }
  draw_notes("What she changed", transcript.attacker.changed, current_number, ui::palette().bad, context.session);
  draw_notes("What she read", transcript.attacker.read, current_number, ui::palette().text, context.session);
  ImGui::EndChild();
}

}  // namespace hl::app
