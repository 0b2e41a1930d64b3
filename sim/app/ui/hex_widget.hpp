// A generic hex view: offset, hex and ASCII columns over a byte span, with coloured ranges
// and two highlights. It knows bytes and ranges, nothing about TLS (as ImHex's editor).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace hl::app::ui {

/// A background colour over [offset, offset + length). Ranges are sorted by offset and do not overlap.
struct HexColour {
  std::size_t offset = 0;
  std::size_t length = 0;
  ImU32 colour = 0;
};

/// A lit range drawn over the colours: the hovered or the selected field.
struct HexHighlight {
  std::size_t offset = 0;
  std::size_t length = 0;
  ImU32 fill = 0;
  ImU32 border = 0;  // 0: no border
};

struct HexViewInput {
  std::span<const std::uint8_t> bytes;
  std::span<const HexColour> colours;
  std::optional<HexHighlight> hover;
  std::optional<HexHighlight> select;
  std::optional<std::size_t> scroll_to;  // scroll this byte into view
  ImFont* font = nullptr;                 // a monospace font; the current font when null
  ImU32 text = 0;
  ImU32 dim = 0;                          // offsets and the ASCII dots
};

struct HexViewResult {
  std::optional<std::size_t> hovered_byte;
  std::optional<std::size_t> clicked_byte;
};

/// Draws the view in a child window filling the space given; reports the byte under the mouse.
HexViewResult hex_view(const char* id, ImVec2 size, const HexViewInput& input);

}  // namespace hl::app::ui
