#include "app/ui/hex_widget.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hl::app::ui {
namespace {

// "00".."ff" built once: no formatting per byte per frame.
struct HexDigits {
  char text[256][3];
  HexDigits() {
    for (int i = 0; i < 256; ++i) std::snprintf(text[i], 3, "%02x", i);
  }
};
const HexDigits& hex_digits() {
  static const HexDigits digits;
  return digits;
}

// Column geometry in character widths.
struct Columns {
  int bytes_per_row = 16;
  float char_w = 8;
  float offset_x = 0;  // "0000"
  float hex_x = 0;     // first hex cell
  float ascii_x = 0;   // first ASCII cell

  // Rows of 8 or more get an extra gap mid-row; a 4-byte row is short enough to read without it.
  float hex_cell_x(int column) const {
    const bool past_middle = bytes_per_row >= 8 && column >= bytes_per_row / 2;
    return hex_x + char_w * (3.0f * static_cast<float>(column) + (past_middle ? 1.0f : 0.0f));
  }
  float ascii_cell_x(int column) const { return ascii_x + char_w * static_cast<float>(column); }
  bool splits_at(int column) const { return bytes_per_row >= 8 && column == bytes_per_row / 2; }
  float width() const { return ascii_cell_x(bytes_per_row) + char_w * 0.5f; }
};

Columns layout(float char_w, float avail_width) {
  Columns columns;
  columns.char_w = char_w;
  for (int bytes : {16, 8, 4}) {
    columns.bytes_per_row = bytes;
    // Tight margins ("0000" plus one space, one space before the text) so a half-width pane in
    // side-by-side mode still fits 4 bytes and its text at 1600 pixels wide.
    columns.hex_x = char_w * 5;
    columns.ascii_x = columns.hex_cell_x(bytes) + char_w;
    if (columns.width() <= avail_width) break;
  }
  return columns;
}

bool in_range(std::size_t byte, std::size_t offset, std::size_t length) {
  return byte >= offset && byte - offset < length;
}

// The colour of byte, walking a cursor forward through sorted ranges.
ImU32 colour_at(std::span<const HexColour> colours, std::size_t byte, std::size_t& cursor) {
  while (cursor < colours.size() && colours[cursor].offset + colours[cursor].length <= byte) ++cursor;
  if (cursor < colours.size() && in_range(byte, colours[cursor].offset, colours[cursor].length)) {
    return colours[cursor].colour;
  }
  return 0;
}

std::size_t first_range_at_or_after(std::span<const HexColour> colours, std::size_t byte) {
  auto it = std::lower_bound(colours.begin(), colours.end(), byte,
                             [](const HexColour& c, std::size_t b) { return c.offset + c.length <= b; });
  return static_cast<std::size_t>(it - colours.begin());
}

// Which block a byte's background belongs to: bytes with the same block share one rectangle.
struct Block {
  ImU32 fill = 0;
  std::size_t id = 0;  // a highlight or a colour range; equal ids join
  bool operator==(const Block&) const = default;
};

Block block_of(const HexViewInput& input, std::size_t byte, std::size_t& range_cursor) {
  constexpr std::size_t kHoverId = static_cast<std::size_t>(-1), kSelectId = kHoverId - 1;
  if (input.hover && in_range(byte, input.hover->offset, input.hover->length)) return {input.hover->fill, kHoverId};
  if (input.select && in_range(byte, input.select->offset, input.select->length)) return {input.select->fill, kSelectId};
  ImU32 fill = colour_at(input.colours, byte, range_cursor);
  return {fill, range_cursor};
}

// One rectangle per run of bytes in the same block (not one per byte): a field reads as one
// block, a gap marks where it ends, and the rasteriser gets a few large quads, not many small.
void draw_row_backgrounds(ImDrawList* draw, const HexViewInput& input, const Columns& columns, ImVec2 origin,
                          float row_h, std::size_t row_start) {
  const float char_w = columns.char_w;
  std::size_t range_cursor = first_range_at_or_after(input.colours, row_start);
  int run_start = 0;
  Block run = block_of(input, row_start, range_cursor);
  for (int column = 1; column <= columns.bytes_per_row; ++column) {
    const std::size_t byte = row_start + static_cast<std::size_t>(column);
    const bool row_over = column == columns.bytes_per_row || byte >= input.bytes.size();
    const Block next = row_over ? Block{} : block_of(input, byte, range_cursor);
    const bool breaks = row_over || next != run || columns.splits_at(column);
    if (!breaks) continue;
    if (run.fill != 0) {
      const float hex_left = origin.x + columns.hex_cell_x(run_start) - char_w * 0.4f;
      const float hex_right = origin.x + columns.hex_cell_x(column - 1) + char_w * 1.8f;
      draw->AddRectFilled(ImVec2(hex_left, origin.y), ImVec2(hex_right, origin.y + row_h), run.fill);
      draw->AddRectFilled(ImVec2(origin.x + columns.ascii_cell_x(run_start), origin.y),
                          ImVec2(origin.x + columns.ascii_cell_x(column), origin.y + row_h), run.fill);
    }
    if (row_over) return;
    run_start = column;
    run = next;
  }
}

// One row at the cursor: offset, backgrounds, hex digits and text. Returns the byte under the mouse.
std::optional<std::size_t> draw_row(ImDrawList* draw, const HexViewInput& input, const Columns& columns, ImFont* font,
                                    float row_h, int row, bool window_hovered) {
  const float font_size = ImGui::GetFontSize();
  const float char_w = columns.char_w;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const auto& digits = hex_digits();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const std::size_t row_start = static_cast<std::size_t>(row) * static_cast<std::size_t>(columns.bytes_per_row);
  char offset_text[24];
  std::snprintf(offset_text, sizeof offset_text, "%04zx", row_start);
  draw->AddText(font, font_size, origin, input.dim, offset_text);
  draw_row_backgrounds(draw, input, columns, origin, row_h, row_start);
  std::optional<std::size_t> hovered;
  for (int column = 0; column < columns.bytes_per_row; ++column) {
    const std::size_t byte = row_start + static_cast<std::size_t>(column);
    if (byte >= input.bytes.size()) break;
    const std::uint8_t value = input.bytes[byte];
    const float hex_x = origin.x + columns.hex_cell_x(column);
    const float ascii_x = origin.x + columns.ascii_cell_x(column);
    const float text_y = origin.y + (row_h - font_size) * 0.5f;
    draw->AddText(font, font_size, ImVec2(hex_x, text_y), input.text, digits.text[value], digits.text[value] + 2);
    const bool printable = value >= 0x20 && value < 0x7f;
    const char ascii = printable ? static_cast<char>(value) : '.';
    draw->AddText(font, font_size, ImVec2(ascii_x, text_y), printable ? input.text : input.dim, &ascii, &ascii + 1);
    if (!window_hovered || mouse.y < origin.y || mouse.y >= origin.y + row_h) continue;
    const bool over_hex = mouse.x >= hex_x - char_w * 0.5f && mouse.x < hex_x + char_w * 2.5f;
    const bool over_ascii = mouse.x >= ascii_x && mouse.x < ascii_x + char_w;
    if (over_hex || over_ascii) hovered = byte;
  }
  return hovered;
}

}  // namespace

HexViewResult hex_view(const char* id, ImVec2 size, const HexViewInput& input) {
  HexViewResult result;
  if (!ImGui::BeginChild(id, size, false, ImGuiWindowFlags_HorizontalScrollbar)) {
    ImGui::EndChild();
    return result;
  }
  ImFont* font = input.font != nullptr ? input.font : ImGui::GetFont();
  ImGui::PushFont(font);
  const float font_size = ImGui::GetFontSize();
  const float char_w = font->CalcTextSizeA(font_size, 1e9f, 0, "0").x;
  const float row_h = std::floor(font_size * 1.3f);  // rows touch: the clipper needs exact heights
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
  const Columns columns = layout(char_w, ImGui::GetContentRegionAvail().x);
  const std::size_t per_row = static_cast<std::size_t>(columns.bytes_per_row);
  const int num_rows = static_cast<int>((input.bytes.size() + per_row - 1) / per_row);

  if (input.scroll_to) {
    float row_top = static_cast<float>(*input.scroll_to / per_row) * row_h;
    float view_top = ImGui::GetScrollY();
    float view_h = ImGui::GetWindowHeight();
    if (row_top < view_top || row_top + row_h > view_top + view_h) ImGui::SetScrollY(row_top - view_h * 0.3f);
  }

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool window_hovered = ImGui::IsWindowHovered();
  ImGuiListClipper clipper;
  clipper.Begin(num_rows, row_h);
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      if (auto byte = draw_row(draw, input, columns, font, row_h, row, window_hovered)) result.hovered_byte = byte;
      ImGui::Dummy(ImVec2(columns.width(), row_h));
    }
  }
  clipper.End();
  ImGui::PopStyleVar();
  if (result.hovered_byte && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) result.clicked_byte = result.hovered_byte;
  ImGui::PopFont();
  ImGui::EndChild();
  return result;
}

}  // namespace hl::app::ui
