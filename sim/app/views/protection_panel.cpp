#include "app/views/protection_panel.hpp"

#include <imgui.h>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "app/schedule_diagram.hpp"

namespace hl::app {
namespace {

constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_NoSavedSettings;

void part_tooltip(const ProtectionPart& part) {
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
  ImGui::TextUnformatted(part.explanation.c_str());
  if (!part.bytes.empty()) {
    ImGui::PushFont(ui::fonts().mono);
    ui::wrapped_text(full_hex(part.bytes).c_str(), ui::palette().dim_text);
    ImGui::PopFont();
  }
  if (part.range) ImGui::TextDisabled("Click to light its bytes.");
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

}  // namespace

const std::vector<ProtectionPart>& ProtectionPanel::parts(const ViewContext& context) {
  const Session& session = context.session;
  if (parts_key_ == session.step_key()) return parts_;
  parts_key_ = session.step_key();
  parts_.clear();
  heading_.clear();
  problem_.clear();
  const RunData* run = session.run();
  const Step* step = session.current_step();
  if (run == nullptr || step == nullptr || !run->crypto) return parts_;
  const crypto::RecordProtection* record = run->crypto->record_at(session.current_index());
  if (record == nullptr) return parts_;
  problem_ = record->problem;
  parts_ = protection_parts(*record, *step, run->crypto->schedule_of(step->connection).version);
  heading_ = "How this record is protected (record " + std::to_string(record->seq) + " under its key)";
  return parts_;
}

void ProtectionPanel::draw(ViewContext& context) {
  Session& session = context.session;
  if (parts(context).empty()) return;
  const auto& colours = ui::palette();
  ImGui::Spacing();
  if (!ImGui::CollapsingHeader(heading_.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (!problem_.empty()) ui::wrapped_text(("The lab could not open it: " + problem_).c_str(), colours.bad);
  if (!ImGui::BeginTable("##protection", 2, kTableFlags)) return;
  const float name_w = std::min(ImGui::GetContentRegionAvail().x * 0.4f, ImGui::GetFontSize() * 10.0f);
  ImGui::TableSetupColumn("Part", ImGuiTableColumnFlags_WidthFixed, name_w);
  ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch);
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const ProtectionPart& part = parts_[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const bool selected = part.range && session.selected_range_name() == part.name && session.selected_range() == part.range;
    if (ImGui::Selectable(part.name.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns) && part.range) {
      session.select_range(*part.range, part.name);
    }
    if (ImGui::IsItemHovered()) part_tooltip(part);
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0);
    if (!part.bytes.empty()) ImGui::PushFont(ui::fonts().mono);
    ImGui::TextUnformatted(part.value.c_str());
    if (!part.bytes.empty()) ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::PopID();
  }
  ImGui::EndTable();
}

bool ProtectionPanel::draw_detail(const ViewContext& context) {
  const Session& session = context.session;
  if (session.selected_range_name().empty()) return false;
  for (const ProtectionPart& part : parts_) {
    if (part.name != session.selected_range_name()) continue;
    ImGui::PushFont(ui::fonts().heading);
    ImGui::TextUnformatted(part.name.c_str());
    ImGui::PopFont();
    if (part.range) {
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextDisabled("%zu byte%s at offset %zu (%s)", part.range->range.length,
                          part.range->range.length == 1 ? "" : "s", part.range->range.offset,
                          part.range->buffer == Buffer::wire ? "wire" : "decrypted");
    }
    ui::wrapped_text(part.explanation.c_str(), ui::palette().dim_text);
    return true;
  }
  return false;
}

}  // namespace hl::app
