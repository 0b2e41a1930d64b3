#include "app/views/step_bar_view.hpp"

#include <imgui.h>

#include <cmath>
#include <cstdio>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"

namespace hl::app {
namespace {

// A button that greys out when it would do nothing.
bool step_button(const char* label, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  bool pressed = ImGui::Button(label);
  if (!enabled) ImGui::EndDisabled();
  return pressed;
}

struct Speed {
  const char* label;
  double steps_per_second;
};
constexpr Speed kSpeeds[] = {{"Slow: 1 step / 2 s", 0.5}, {"1 step / s", 1.0}, {"2 steps / s", 2.0}, {"4 steps / s", 4.0}};

void speed_combo(Playback& playback) {
  const Speed* current = &kSpeeds[1];
  for (const auto& speed : kSpeeds) {
    if (speed.steps_per_second == playback.speed()) current = &speed;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.5f);
  if (!ImGui::BeginCombo("##speed", current->label)) return;
  for (const auto& speed : kSpeeds) {
    if (ImGui::Selectable(speed.label, &speed == current)) playback.set_speed(speed.steps_per_second);
  }
  ImGui::EndCombo();
}

void draw_spinner(float radius, ImU32 colour) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 centre(pos.x + radius, pos.y + ImGui::GetFrameHeight() * 0.5f);
  const float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathArcTo(centre, radius, start, start + 4.2f, 16);
  draw->PathStroke(colour, 0, radius * 0.35f);
  ImGui::Dummy(ImVec2(radius * 2, ImGui::GetFrameHeight()));
}

void draw_status(ViewContext& context) {
  const auto& colours = ui::palette();
  char text[96];
  if (context.runner.busy()) {
    draw_spinner(ImGui::GetFontSize() * 0.45f, colours.client);
    ImGui::SameLine();
    std::snprintf(text, sizeof text, "Running the scenario... %.1f s", context.runner.busy_seconds());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    return;
  }
  if (!context.runner.last_error().empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, colours.bad);
    ImGui::TextUnformatted(context.runner.last_error().c_str());
    ImGui::PopStyleColor();
    return;
  }
  const RunData* run = context.session.run();
  if (run != nullptr && context.show_run_time) {
    std::snprintf(text, sizeof text, "ran in %.1f ms", run->run_ms);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", text);
  }
}

}  // namespace

void StepBarView::drawContent(ViewContext& context) {
  Session& session = context.session;
  const StepCursor& cursor = session.cursor();
  const bool has_steps = !cursor.empty();

  // Narrow window or big text: symbols only (the Keys menu and tooltips name them).
  const bool icons = context.compact || context.presenter;
  if (step_button(icons ? "\xe2\x86\xba" : "\xe2\x86\xba Restart", has_steps && !cursor.at_first())) session.first();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Restart (Home)");
  ImGui::SameLine();
  if (step_button(icons ? "\xe2\x97\x80" : "\xe2\x97\x80 Back", has_steps && !cursor.at_first())) session.back();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back (Left)");
  ImGui::SameLine();
  Playback& playback = session.playback();
  const char* play_label = playback.playing() ? "|| Pause" : "\xe2\x96\xb7 Play ";
  if (step_button(play_label, has_steps)) {
    if (!playback.playing() && cursor.at_last()) session.first();
    playback.toggle();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play / pause (P)");
  ImGui::SameLine();
  if (step_button(icons ? "\xe2\x96\xb6" : "Next \xe2\x96\xb6", has_steps && !cursor.at_last())) session.next();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Next (Space or Right)");
  if (!icons) {
    ImGui::SameLine();
    speed_combo(playback);
  }
  ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);

  char position[48];
  std::snprintf(position, sizeof position, icons ? "%zu / %zu" : "Step %zu of %zu", has_steps ? cursor.index() + 1 : 0,
                cursor.size());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(position);
  if (const StepDisplay* display = session.current_display()) {
    ImGui::SameLine(0, ImGui::GetFontSize());
    const Step* step = session.current_step();
    const auto& colours = ui::palette();
    ImGui::PushFont(ui::fonts().heading);
    ImGui::PushStyleColor(ImGuiCol_Text, step->from == Side::client ? colours.client : colours.server);
    // The heading font is taller: nudge it so its baseline meets the buttons'.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (ImGui::GetFontSize() - ui::fonts().size) * 0.5f);
    ImGui::TextUnformatted(display->title.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  if (!icons) {
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    draw_status(context);
  }
}

}  // namespace hl::app
