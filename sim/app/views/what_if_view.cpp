#include "app/views/what_if_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "app/key_map.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

constexpr const char* kOnWireHeadline = "On the wire \xe2\x80\x94 Mallory changes the bytes; the transcript no longer matches.";
constexpr const char* kByClientHeadline =
    "By the client \xe2\x80\x94 the client itself sends this; both transcripts agree, so this is negotiation, not tampering.";

void draw_how_to() {
  const auto& colours = ui::palette();
  ui::wrapped_text("What if a record said something else?", colours.text);
  ImGui::Spacing();
  ui::wrapped_text("Pick a step that is a record, select a field in the Fields pane (a cipher suite, a version, a "
                   "group, an extension, a list element, or any bytes) and press Edit... above the tree, or right-click "
                   "the field. Choose who changes it and the new value, and press Send this instead. A run without a "
                   "seed first needs one: press Use a seed above the tree.",
                   colours.dim_text);
  ImGui::Spacing();
  ui::wrapped_text("Two kinds of change. On the wire: Mallory edits the record in flight, so the sender's transcript "
                   "and the receiver's disagree (integrity). By the client: the client is configured to send the edited "
                   "ClientHello itself, so both agree and you see what the server negotiates.",
                   colours.dim_text);
  ImGui::Spacing();
  ui::wrapped_text("Either way the same scenario runs again from the same seed, so every byte matches up to that step, "
                   "and both endpoints react for real. The two runs then stand side by side, the first step where they "
                   "differ marked.",
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
    ImVec4 mark = ImGui::ColorConvertU32ToFloat4(edit->by == EditBy::client ? colours.client : colours.bad);
    mark.w = 0.45f;
    for (const auto& replacement : edit->replacements) {
      marked_.push_back(edited_ranges(replacement.expected, replacement.bytes));
      auto& hex = colours_.emplace_back();
      for (const ByteRange& range : marked_.back())
        hex.push_back({range.offset, range.length, ImGui::ColorConvertFloat4ToU32(mark)});
    }
  }

  const bool by_client = edit->by == EditBy::client;
  ImGui::PushStyleColor(ImGuiCol_Text, by_client ? colours.client : colours.bad);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(by_client ? kByClientHeadline : kOnWireHeadline);
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  if (by_client) {
    ui::wrapped_text("The client was configured to send it:", colours.dim_text);
    ui::value_text(edit->client_settings, colours.text);
    for (const auto& note : edit->client_notes) ui::wrapped_text(note.c_str(), colours.dim_text);
  } else {
    for (const auto& replacement : edit->replacements)
      for (const auto& line : replacement.descriptions) ui::value_text(line, colours.text);
  }
  const auto& steps = edit->edited->display;
  const std::size_t fork = edit->first_difference;
  const std::string fork_title = fork - 1 < steps.size() ? steps[fork - 1].title : std::string();
  ImGui::Text("The runs part at step %zu: %s", fork, fork_title.c_str());
  if (context.compare.active() && !context.compare.summary(Half::right).outcome.empty())
    ui::wrapped_text(("Edited run: " + context.compare.summary(Half::right).outcome).c_str(), colours.dim_text);
  // Negotiation is what a client change shows: what the two runs agreed on, where it differs.
  const auto differences = negotiated_differences(edit->original->transcript.negotiated, edit->edited->transcript.negotiated);
  if (!differences.empty()) ui::wrapped_text("Agreed on, where the runs differ (original \xe2\x86\x92 edited):", colours.dim_text);
  for (const std::string& line : differences) ui::wrapped_text(line.c_str(), colours.text);
  if (ImGui::Button(("Undo edit (" + keys_for(Action::undo_edit) + ")").c_str())) context.undo_edit_wanted = true;
  ImGui::SameLine();
  ui::help_marker("Back to the original run alone. The edited run is not kept.");

  for (std::size_t i = 0; i < edit->replacements.size(); ++i) {
    const auto& replacement = edit->replacements[i];
    std::size_t changed = 0;
    for (const ByteRange& range : marked_[i]) changed += range.length;
    ImGui::Separator();
    char line[200];
    if (by_client) {
      ImGui::Text("Step %zu: the ClientHello the client sends now", replacement.step);
      std::snprintf(line, sizeof line, "%zu byte%s marked (not in the original ClientHello); %zu bytes before, %zu now.",
                    changed, changed == 1 ? "" : "s", replacement.expected.size(), replacement.bytes.size());
    } else {
      ImGui::Text("Step %zu as Mallory delivered it", replacement.step);
      std::snprintf(line, sizeof line, "%zu byte%s marked (changed or inserted); the sender wrote %zu bytes, the receiver got %zu.",
                    changed, changed == 1 ? "" : "s", replacement.expected.size(), replacement.bytes.size());
    }
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
