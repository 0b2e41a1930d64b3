// A test's eyes on the layout: while a probe runs, views report where they put each piece of
// text (an ImGui item's rectangle, or text drawn straight into a draw list), grouped by pane,
// so a test can check that no two overlap and none runs past its pane. Off, it costs a branch.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

namespace hl::app::ui {

/// One piece of text where it was drawn (screen coordinates) and the area it had to stay in.
struct ProbedText {
  std::string group;  // "ladder", "step bar", "tabs:##lesson-pane": texts are compared within a group
  std::string text;
  ImVec2 min, max;    // the text's rectangle
  ImVec2 clip_min, clip_max;  // the visible part of its window
};

/// Starts recording (clearing what was recorded before).
void start_layout_probe();
/// Stops recording and returns what was recorded since start_layout_probe().
std::vector<ProbedText> take_layout_probe();
/// Whether a probe is recording (views skip the measuring otherwise).
bool layout_probe_on();

/// Records text drawn at [min, max) in the current window.
void probe_text(std::string_view group, ImVec2 min, ImVec2 max, std::string_view text);
/// The same, for text that must also stay inside [clip_min, clip_max) (a tab's label inside its tab).
void probe_text(std::string_view group, ImVec2 min, ImVec2 max, std::string_view text, ImVec2 clip_min, ImVec2 clip_max);
/// Records the last ImGui item's rectangle as text.
void probe_last_item(std::string_view group, std::string_view text);

}  // namespace hl::app::ui
