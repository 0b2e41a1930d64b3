// Fonts from Debian packages, loaded at run time and rebuilt at any size: DejaVu Sans
// for text, DejaVu Sans Mono for bytes, DejaVu Sans Bold for headings. ImGui's built-in
// font stands in when a file is missing.
#pragma once

#include <imgui.h>

namespace hl::app::ui {

struct Fonts {
  ImFont* text = nullptr;
  ImFont* mono = nullptr;
  ImFont* heading = nullptr;  // 1.3x, bold
  float size = 0;              // pixel size they were built at
  bool from_files = false;     // false: ImGui's built-in font stands in
};

/// The fonts built last.
const Fonts& fonts();

/// Clears the atlas and loads every font at size pixels. Call between frames, then
/// recreate the renderer's font texture (see Platform::rebuild_fonts).
void build_fonts(float size);

}  // namespace hl::app::ui
