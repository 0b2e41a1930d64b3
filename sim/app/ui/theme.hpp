// Light, dark and high-contrast themes: ImGui's style plus the few semantic colours the
// views draw with (client, server, lock, notes, the hex palette).
#pragma once

#include <imgui.h>

#include <array>
#include <string>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::app::ui {

/// Colours the views use beyond ImGui's own style.
struct Palette {
  ImU32 client = 0;        // the client's column, arrows and notes
  ImU32 server = 0;
  ImU32 attacker = 0;      // Mallory's column, arrows and notes
  ImU32 lifeline = 0;      // the vertical lines under each endpoint
  ImU32 current_row = 0;   // background of the current step in the ladder
  ImU32 lock = 0;
  ImU32 note_bg = 0;       // endpoint-event boxes
  ImU32 note_border = 0;
  ImU32 text = 0;
  ImU32 dim_text = 0;
  ImU32 ok = 0;            // a check that passed
  ImU32 bad = 0;           // a check that failed, an alert
  ImU32 hover_bg = 0;      // bytes of the hovered field
  ImU32 select_bg = 0;     // bytes of the selected field
  ImU32 select_border = 0;
  ImU32 only_here_bg = 0;      // compare view: a message only one of the two runs has
  ImU32 only_here_border = 0;
  ImU32 readable = 0;          // compare view: the mark on a message an eavesdropper reads
  std::array<ImU32, 8> field{};  // background of each field colour slot in the hex view
};

/// Theme names in menu order: "light", "dark", "high-contrast".
const std::vector<std::string>& theme_names();
/// True when name is one of theme_names().
bool is_theme(const std::string& name);

/// Applies a theme to ImGui's style, with every size scaled by scale (font size / 16).
void apply_theme(const std::string& name, float scale);
/// The palette of the theme applied last.
const Palette& palette();
/// The colour of a side's column, arrows and headings in the palette applied last.
ImU32 side_colour(Side side);

}  // namespace hl::app::ui
