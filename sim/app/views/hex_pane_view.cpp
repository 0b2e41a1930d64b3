#include "app/views/hex_pane_view.hpp"

#include <imgui.h>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"

namespace hl::app {
namespace {

std::vector<ui::HexColour> to_hex_colours(const std::vector<ColouredRange>& ranges) {
  const auto& palette = ui::palette();
  std::vector<ui::HexColour> colours;
  colours.reserve(ranges.size());
  for (const auto& range : ranges) {
    colours.push_back({range.range.offset, range.range.length, palette.field[range.colour % palette.field.size()]});
  }
  return colours;
}

std::optional<ui::HexHighlight> highlight(const std::optional<ByteHighlight>& lit, Buffer buffer, ImU32 fill,
                                          ImU32 border) {
  if (!lit || lit->buffer != buffer) return std::nullopt;
  return ui::HexHighlight{lit->range.offset, lit->range.length, fill, border};
}

const char* const kModeLabels[] = {"Wire bytes (encrypted)", "Decrypted", "Side by side"};

}  // namespace

void HexPaneView::refresh_colours(const ViewContext& context) {
  const StepDisplay* display = context.session.current_display();
  const ImU32 theme_key = ui::palette().field[0];
  if (colours_key_ == context.session.step_key() && colours_theme_ == theme_key) return;
  colours_key_ = context.session.step_key();
  colours_theme_ = theme_key;
  wire_colours_ = display ? to_hex_colours(display->wire_colours) : std::vector<ui::HexColour>{};
  plain_colours_ = display ? to_hex_colours(display->plain_colours) : std::vector<ui::HexColour>{};
}

void HexPaneView::draw_buffer(const char* id, ImVec2 size, Buffer buffer, const Bytes& bytes,
                              const std::vector<ui::HexColour>& colours, ViewContext& context) {
  Session& session = context.session;
  const auto& palette = ui::palette();
  ui::HexViewInput input;
  input.bytes = bytes;
  input.colours = colours;
  input.hover = highlight(session.hovered_range(), buffer, palette.hover_bg, 0);
  const auto selected = session.selected_range();
  input.select = highlight(selected, buffer, palette.select_bg, palette.select_border);
  if (selected && selected != last_selected_ && selected->buffer == buffer) input.scroll_to = selected->range.offset;
  input.font = ui::fonts().mono;
  input.text = palette.text;
  input.dim = palette.dim_text;
  ui::HexViewResult result = ui::hex_view(id, size, input);
  if (result.hovered_byte) session.hover_byte(buffer, *result.hovered_byte);
  if (result.clicked_byte) session.select_byte(buffer, *result.clicked_byte);
}

void HexPaneView::drawContent(ViewContext& context) {
  Session& session = context.session;
  const Step* step = session.current_step();
  if (step == nullptr || step->bytes.empty()) {
    ImGui::TextDisabled("No bytes on the wire for this step.");
    return;
  }
  refresh_colours(context);
  const bool has_plain = !step->plaintext.empty();
  int& mode = context.settings.hex_mode;
  if (has_plain) {
    for (int i = 0; i < 3; ++i) {
      if (i > 0) ImGui::SameLine();
      ImGui::RadioButton(kModeLabels[i], &mode, i);
    }
  }
  const int shown_mode = has_plain ? mode : 0;

  // One line naming the hovered (else selected) field, so a byte never needs the tree to be read.
  const auto& ref = session.hovered() ? session.hovered() : session.selected();
  const Field* field = ref ? session.field(*ref) : nullptr;
  if (field != nullptr) {
    ImGui::Text("%s: %s", field->name.c_str(), field->value.c_str());
  } else if (const auto range = session.selected_range(); range && !session.selected_range_name().empty()) {
    ImGui::Text("%s: %zu byte%s at offset %zu", session.selected_range_name().c_str(), range->range.length,
                range->range.length == 1 ? "" : "s", range->range.offset);
  } else {
    ImGui::TextDisabled("%zu bytes. Hover a byte to name its field; click to select it.", step->bytes.size());
  }

  ImVec2 avail = ImGui::GetContentRegionAvail();
  if (shown_mode == 0) draw_buffer("##hex-wire", avail, Buffer::wire, step->bytes, wire_colours_, context);
  if (shown_mode == 1) draw_buffer("##hex-plain", avail, Buffer::plaintext, step->plaintext, plain_colours_, context);
  if (shown_mode == 2) {
    const float half = (avail.x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    draw_buffer("##hex-wire", ImVec2(half, avail.y), Buffer::wire, step->bytes, wire_colours_, context);
    ImGui::SameLine();
    draw_buffer("##hex-plain", ImVec2(half, avail.y), Buffer::plaintext, step->plaintext, plain_colours_, context);
  }
  last_selected_ = session.selected_range();
}

}  // namespace hl::app
