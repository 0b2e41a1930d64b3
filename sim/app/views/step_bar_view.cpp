#include "app/views/step_bar_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/key_map.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

// A button that greys out when it would do nothing.
bool step_button(const char* label, bool enabled) {
  if (!enabled) ImGui::BeginDisabled();
  bool pressed = ImGui::Button(label);
  if (!enabled) ImGui::EndDisabled();
  ui::probe_last_item("step bar", label);
  return pressed;
}

// "Next (Space, Right)": the tooltip names the keys from the one key table.
void key_tooltip(const char* what, Action action) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::SetTooltip("%s (%s)", what, keys_for(action).c_str());
}

// Why Next is disabled while a predict question waits, and how to go on anyway.
std::string question_hint() { return "Answer the question, or press " + keys_for(Action::skip_question) + " to skip"; }

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
  if (run != nullptr && !run->origin.empty()) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", run->origin.c_str());
    return;
  }
  if (run != nullptr && context.show_run_time) {
    std::snprintf(text, sizeof text, "ran in %.1f ms", run->run_ms);
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", text);
  }
}

// "Connection [ 3 ][-][+] of 1000" while a capture of several TLS connections is shown.
void connection_picker(ViewContext& context, bool icons) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(icons ? "Conn." : "Connection");
  ImGui::SameLine();
  int shown = static_cast<int>(context.capture_connection) + 1;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
  // +/- act at once; a typed number when Enter is pressed.
  if (ImGui::InputInt("##connection", &shown, 1, 10, ImGuiInputTextFlags_EnterReturnsTrue)) {
    const int last = static_cast<int>(context.capture_connections);
    context.capture_connection_wanted = static_cast<std::size_t>(std::clamp(shown, 1, last) - 1);
  }
  if (ImGui::IsItemHovered())
    ImGui::SetTooltip("Which TLS connection of the capture the views show (%s, %s)", keys_for(Action::next_connection).c_str(),
                      keys_for(Action::previous_connection).c_str());
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::Text("of %zu", context.capture_connections);
  ui::probe_last_item("step bar", "of " + std::to_string(context.capture_connections));
}

// What the buttons move: the run's steps, or the compare view's rows (both ladders at once).
struct Steps {
  const StepCursor& cursor;
  Playback& playback;
  bool held;  // a predict question holds Next back (single run only)
};

// The current row of the compare view as one title: "ServerKeyExchange  (only TLS 1.2)".
std::string row_title(const Comparison& compare) {
  if (compare.rows().empty()) return {};
  const CompareRow& row = compare.rows()[compare.cursor().index()];
  auto title = [&](Half half) { return compare.side(half).run->display[row.cell(half)->step].title; };
  if (!row.right) return title(Half::left) + "  (only " + compare.side(Half::left).label + ")";
  if (!row.left) return title(Half::right) + "  (only " + compare.side(Half::right).label + ")";
  const std::string left = title(Half::left), right = title(Half::right);
  return left == right ? left : left + "  |  " + right;
}

}  // namespace

void StepBarView::drawContent(ViewContext& context) {
  Session& session = context.session;
  Comparison& compare = context.compare;
  const bool comparing = compare.active();
  Steps steps{comparing ? compare.cursor() : session.cursor(), comparing ? compare.playback() : session.playback(),
              !comparing && session.next_held()};
  const StepCursor& cursor = steps.cursor;
  const bool has_steps = !cursor.empty();

  // Narrow window or big text: symbols only (the Keys menu and tooltips name them).
  const bool icons = context.compact || context.presenter;
  if (step_button(icons ? "\xe2\x86\xba" : "\xe2\x86\xba Restart", has_steps && !cursor.at_first()))
    comparing ? compare.first() : session.first();
  key_tooltip("Restart", Action::first_step);
  ImGui::SameLine();
  if (step_button(icons ? "\xe2\x97\x80" : "\xe2\x97\x80 Back", has_steps && !cursor.at_first()))
    comparing ? void(compare.back()) : void(session.back());
  key_tooltip("Back", Action::previous_step);
  ImGui::SameLine();
  Playback& playback = steps.playback;
  const char* play_label = playback.playing() ? (icons ? "||" : "|| Pause") : (icons ? "\xe2\x96\xb7" : "\xe2\x96\xb7 Play ");
  if (step_button(play_label, has_steps && !steps.held)) comparing ? compare.toggle_playback() : session.toggle_playback();
  key_tooltip("Play / pause", Action::play_pause);
  ImGui::SameLine();
  const bool held = steps.held;
  if (step_button(icons ? "\xe2\x96\xb6" : "Next \xe2\x96\xb6", has_steps && !cursor.at_last() && !held))
    comparing ? void(compare.next()) : void(session.next());
  if (held && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("%s", question_hint().c_str());
  } else {
    key_tooltip("Next", Action::next_step);
  }
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
  ui::probe_last_item("step bar", position);
  if (context.capture_connections > 1) {
    ImGui::SameLine(0, ImGui::GetFontSize());
    connection_picker(context, icons);
  }
  if (comparing) {
    ImGui::SameLine(0, ImGui::GetFontSize());
    ImGui::PushFont(ui::fonts().heading);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (ImGui::GetFontSize() - ui::fonts().size) * 0.5f);
    const std::string whole = row_title(compare);
    const std::string title = ui::ellipsized(whole, ImGui::GetContentRegionAvail().x);
    if (!title.empty()) {
      ImGui::TextUnformatted(title.c_str());
      if (title != whole && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", whole.c_str());
      ui::probe_last_item("step bar", title);
    }
    ImGui::PopFont();
  } else if (const StepDisplay* display = session.current_display()) {
    ImGui::SameLine(0, ImGui::GetFontSize());
    const Step* step = session.current_step();
    ImGui::PushFont(ui::fonts().heading);
    ImGui::PushStyleColor(ImGuiCol_Text, ui::side_colour(step->from));
    // The heading font is taller: nudge it so its baseline meets the buttons'.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (ImGui::GetFontSize() - ui::fonts().size) * 0.5f);
    // What is left of the bar: a long title ends in an ellipsis, whole in a tooltip (the ladder shows it too).
    const std::string title = ui::ellipsized(display->title, ImGui::GetContentRegionAvail().x);
    if (!title.empty()) {
      ImGui::TextUnformatted(title.c_str());
      if (title != display->title && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", display->title.c_str());
      ui::probe_last_item("step bar", title);
    }
    ImGui::PopStyleColor();
    ImGui::PopFont();
  }
  if (held) {
    // Next is disabled for a reason the learner can act on: say it where the status goes.
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().client);
    ImGui::TextUnformatted(question_hint().c_str());
    ui::probe_last_item("step bar", question_hint());
    ImGui::PopStyleColor();
    return;
  }
  if (!icons) {
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    draw_status(context);
  }
}

}  // namespace hl::app
