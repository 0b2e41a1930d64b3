#include "app/views/what_if_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

void draw_how_to() {
  const auto& colours = ui::palette();
  ui::wrapped_text("What if a record said something else?", colours.text);
  ImGui::Spacing();
  ui::wrapped_text("Pick a step that is a record, select a field in the Fields pane (a cipher suite, a version, a "
                   "group, an extension, a list element, or any bytes) and press Edit... above the tree, or right-click "
                   "the field. Choose a new value and press Send this instead.",
                   colours.dim_text);
  ImGui::Spacing();
  ui::wrapped_text("The same scenario runs again from the same seed, so every byte matches up to that step; there "
                   "Mallory delivers your record in place of the original and both endpoints react for real. The two "
                   "runs then stand side by side, the first step where they differ marked.",
                   colours.dim_text);
}

}  // namespace

void WhatIfView::drawContent(ViewContext& context) {
  const WhatIfEdit* edit = context.what_if;
  if (edit == nullptr) {
    shown_ = nullptr;
    marked_.clear();
    colours_.clear();
    draw_how_to();
    return;
  }
  const auto& colours = ui::palette();
  if (shown_ != edit) {  // the marks are worked out once per edit
    shown_ = edit;
    scroll_pending_ = true;
    marked_.clear();
    colours_.clear();
    ImVec4 mark = ImGui::ColorConvertU32ToFloat4(colours.bad);
    mark.w = 0.45f;
    for (const auto& replacement : edit->replacements) {
      marked_.push_back(edited_ranges(replacement.expected, replacement.bytes));
      auto& hex = colours_.emplace_back();
      for (const ByteRange& range : marked_.back())
        hex.push_back({range.offset, range.length, ImGui::ColorConvertFloat4ToU32(mark)});
    }
  }

  ImGui::PushStyleColor(ImGuiCol_Text, colours.bad);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted("On the wire \xe2\x80\x94 Mallory changes the bytes; the transcript no longer matches.");
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  for (const auto& replacement : edit->replacements)
    for (const auto& line : replacement.descriptions) ui::value_text(line, colours.text);
  const auto& steps = edit->edited->display;
  const std::size_t fork = edit->first_difference;
  const std::string fork_title = fork - 1 < steps.size() ? steps[fork - 1].title : std::string();
  ImGui::Text("The runs part at step %zu: %s", fork, fork_title.c_str());
  if (context.compare.active() && !context.compare.summary(Half::right).outcome.empty())
    ui::wrapped_text(("Edited run: " + context.compare.summary(Half::right).outcome).c_str(), colours.dim_text);
  if (ImGui::Button("Undo edit (Ctrl+Z)")) context.undo_edit_wanted = true;
  ImGui::SameLine();
  ui::help_marker("Back to the original run alone. The edited run is not kept.");

  for (std::size_t i = 0; i < edit->replacements.size(); ++i) {
    const auto& replacement = edit->replacements[i];
    std::size_t changed = 0;
    for (const ByteRange& range : marked_[i]) changed += range.length;
    ImGui::Separator();
    ImGui::Text("Step %zu as Mallory delivered it", replacement.step);
    char line[160];
    std::snprintf(line, sizeof line, "%zu byte%s marked (changed or inserted); the sender wrote %zu bytes, the receiver got %zu.",
                  changed, changed == 1 ? "" : "s", replacement.expected.size(), replacement.bytes.size());
    ui::wrapped_text(line, colours.dim_text);
    ui::HexViewInput input;
    input.bytes = replacement.bytes;
    input.colours = colours_[i];
    input.font = ui::fonts().mono;
    input.text = colours.text;
    input.dim = colours.dim_text;
    if (scroll_pending_ && !marked_[i].empty()) input.scroll_to = marked_[i].front().offset;
    // Several replacements share the height left; one takes it all.
    const float height = ImGui::GetContentRegionAvail().y / static_cast<float>(edit->replacements.size() - i) -
                         ImGui::GetTextLineHeightWithSpacing() * 2.5f * static_cast<float>(edit->replacements.size() - i - 1);
    ImGui::PushID(static_cast<int>(i));
    ui::hex_view("##edited-bytes", ImVec2(0, std::max(height, ImGui::GetTextLineHeight() * 3)), input);
    ImGui::PopID();
  }
  scroll_pending_ = false;
}

}  // namespace hl::app
