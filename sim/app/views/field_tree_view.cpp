#include "app/views/field_tree_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "app/ui/fonts.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/wire/decode.hpp"

namespace hl::app {
namespace {

constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Resizable | ImGuiTableFlags_NoSavedSettings;

// One event of a step: what happened, the check's verdict or the key log line.
void draw_event_part(const EventPart& part) {
  const auto& colours = ui::palette();
  ImGui::Spacing();
  if (!part.detail.empty()) ui::wrapped_text(part.detail.c_str(), colours.text);
  if (part.kind == EventKind::verify) {
    ImGui::Text("Depth %d: %s", part.verify.depth, part.verify.subject.c_str());
    ui::wrapped_text(part.verify.ok ? "Result: OK" : ("Result: " + part.verify.error_text).c_str(),
                     part.verify.ok ? colours.ok : colours.bad);
  }
  if (part.kind == EventKind::secret && !part.keylog_line.empty()) {
    ImGui::TextDisabled("Key log line (what Wireshark reads to decrypt):");
    ImGui::PushFont(ui::fonts().mono);
    ui::wrapped_text(part.keylog_line.c_str(), colours.dim_text);
    ImGui::PopFont();
  }
}

void draw_event_summary(const Step& step) {
  ImGui::TextDisabled("An endpoint event: nothing went on the wire.");
  ImGui::Spacing();
  for (const EventPart& part : step.parts) draw_event_part(part);
}

}  // namespace

const std::string& FieldTreeView::explanation(const ViewContext& context, const FieldRef& ref, std::string& cache_text,
                                              FieldRef& cache_ref, std::optional<StepKey>& cache_key) {
  const StepKey key = context.session.step_key();
  if (cache_key == key && cache_ref == ref) return cache_text;
  const Field* field = context.session.field(ref);
  cache_text = field == nullptr ? std::string() : wire::explain(*field);
  cache_ref = ref;
  cache_key = key;
  return cache_text;
}

void FieldTreeView::draw_fields(const std::vector<Field>& fields, Buffer buffer, ViewContext& context) {
  Session& session = context.session;
  const auto& colours = ui::palette();
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const Field& field = fields[i];
    path_.push_back(static_cast<std::uint16_t>(i));
    deepest_now_ = std::max(deepest_now_, path_.size());
    const FieldRef* selected = session.selected() ? &*session.selected() : nullptr;
    const bool is_selected = selected && selected->buffer == buffer && selected->path == path_;
    const bool is_leaf = field.children.empty();

    ImGui::TableNextRow();
    if (is_selected) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(ImGuiCol_Header));
    if (session.hovered() && session.hovered()->buffer == buffer && session.hovered()->path == path_) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, colours.hover_bg);
    }
    ImGui::TableSetColumnIndex(0);
    ImGuiTreeNodeFlags flags = ImGuiTreeNodeFlags_OpenOnArrow | ImGuiTreeNodeFlags_OpenOnDoubleClick |
                               ImGuiTreeNodeFlags_SpanFullWidth;
    if (is_leaf) flags |= ImGuiTreeNodeFlags_Leaf | ImGuiTreeNodeFlags_NoTreePushOnOpen;
    if (is_selected) flags |= ImGuiTreeNodeFlags_Selected;
    if (path_.size() <= 2) ImGui::SetNextItemOpen(true, ImGuiCond_Once);  // the message's own fields show at once
    if (revealing_ && selected && selected->buffer == buffer && is_ancestor(path_, selected->path)) {
      ImGui::SetNextItemOpen(true);
    }
    ImGui::PushID(static_cast<int>(i));
    if (field.malformed) ImGui::PushStyleColor(ImGuiCol_Text, colours.bad);
    // A name wider than its column ends in an ellipsis ("ec_point_fo…") and its tooltip names it whole;
    // the part after "###" keeps the node's id (and so its open state) the same either way.
    const float name_room = ImGui::GetContentRegionAvail().x - ImGui::GetTreeNodeToLabelSpacing();
    const bool name_cut = ImGui::CalcTextSize(field.name.c_str()).x > name_room;
    const std::string label = (name_cut ? ui::ellipsized(field.name, name_room) : field.name) + "###" + field.name;
    const bool open = ImGui::TreeNodeEx(label.c_str(), flags);
    if (ui::layout_probe_on()) ui::probe_last_item("field names", label.substr(0, label.find("###")));
    if (field.malformed) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) {
      const FieldRef ref{buffer, path_};  // built only for the one hovered node
      session.hover_field(ref);
      const std::string& text = explanation(context, ref, tooltip_text_, tooltip_ref_, tooltip_key_);
      if (!text.empty() || field.malformed || name_cut) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
        if (name_cut) ImGui::TextUnformatted(field.name.c_str());
        if (field.malformed) ui::wrapped_text(field.error.c_str(), colours.bad);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
    }
    if (ImGui::IsItemClicked() && !ImGui::IsItemToggledOpen()) session.select_field(FieldRef{buffer, path_});
    if (buffer == Buffer::wire && ImGui::BeginPopupContextItem("##field-menu")) {
      const edit::EditableField* editable = edit_popup_.editable(context, field);
      if (ImGui::MenuItem("Edit... (what if?)", nullptr, false, editable != nullptr)) {
        session.select_field(FieldRef{buffer, path_});
        edit_popup_.open(context, *editable);
      }
      ImGui::EndPopup();
    }
    if (is_selected && revealing_) ImGui::SetScrollHereY(0.4f);
    ImGui::TableSetColumnIndex(1);
    // Wrapped, not cut: a 32-byte random or a key share reads whole over two or three lines,
    // and a host name or a scheme name breaks only after its dots or underscores.
    ui::value_text(field.value, ImGui::GetColorU32(ImGuiCol_Text));
    if (open && !is_leaf) {
      draw_fields(field.children, buffer, context);
      ImGui::TreePop();
    }
    ImGui::PopID();
    path_.pop_back();
  }
}

void FieldTreeView::draw_table(const char* id, const std::vector<Field>& fields, Buffer buffer, ViewContext& context) {
  if (!ImGui::BeginTable(id, 2, kTableFlags)) return;
  // Names are short identifiers; values (randoms, keys, lists) are what needs the width.
  const float name_w = std::min(ImGui::GetContentRegionAvail().x * 0.45f, ImGui::GetFontSize() * 13.0f);
  ImGui::TableSetupColumn("Field", ImGuiTableColumnFlags_WidthFixed, name_w);
  ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthStretch);
  // A deep tree (an OCSP response, a certificate) would indent its names out of the column: the
  // indent shrinks so that the deepest open level still leaves about six letters of its name.
  const float full_indent = ImGui::GetStyle().IndentSpacing;
  const float for_names = ImGui::GetFontSize() * 6.0f + ImGui::GetTreeNodeToLabelSpacing();
  const float indent = deepest_drawn_ == 0 ? full_indent
                                           : std::clamp((name_w - for_names) / static_cast<float>(deepest_drawn_),
                                                        ImGui::GetFontSize() * 0.35f, full_indent);
  ImGui::PushStyleVar(ImGuiStyleVar_IndentSpacing, indent);
  path_.clear();
  draw_fields(fields, buffer, context);
  ImGui::PopStyleVar();
  ImGui::EndTable();
}

void FieldTreeView::draw_detail(ViewContext& context) {
  const Session& session = context.session;
  const std::optional<FieldRef>& ref = session.hovered() ? session.hovered() : session.selected();
  const Field* field = ref ? session.field(*ref) : nullptr;
  if (field == nullptr && protection_.draw_detail(context)) return;
  if (field == nullptr) {
    ImGui::TextDisabled("Hover or click a field (or a byte) to see what it means.");
    return;
  }
  const auto& colours = ui::palette();
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(field->name.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%zu byte%s at offset %zu", field->length, field->length == 1 ? "" : "s", field->offset);
  if (!field->value.empty()) ui::value_text(field->value, colours.text);
  if (field->malformed) ui::wrapped_text(field->error.c_str(), colours.bad);
  const std::string& text = explanation(context, *ref, detail_text_, detail_ref_, detail_key_);
  if (!text.empty()) ui::wrapped_text(text.c_str(), colours.dim_text);
}

void FieldTreeView::draw_edit_line(ViewContext& context) {
  // Only a seeded lesson run can be replayed with an edit; a capture shows nothing here, an unseeded
  // run offers a seed (the rerun keeps the step on screen).
  const Session& session = context.session;
  const RunData* run = session.run();
  if (run == nullptr || run->transcript.capture) return;
  if (!run->scenario.seed) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("What if? Editing needs a seeded run:");
    const float button_w = ImGui::CalcTextSize("Use a seed (?)").x + ImGui::GetStyle().FramePadding.x * 2 +
                           ImGui::GetStyle().ItemSpacing.x * 2;
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < button_w) ImGui::NewLine();  // a narrow pane: the button goes below
    const bool pressed = ImGui::SmallButton("Use a seed");
    ui::probe_last_item("field tree", "Use a seed");
    ImGui::SameLine();
    ui::help_marker("An edit reruns the scenario, and only a seeded run repeats byte for byte up to the edited "
                    "step. This runs it again with seed 1 (Scenario pane, Seed); you stay on this step.");
    if (pressed) {
      context.scenario.seed = 1;
      context.scenario_changed = true;
    }
    return;
  }
  const std::optional<FieldRef>& ref = session.selected();
  const Field* field = ref && ref->buffer == Buffer::wire ? session.field(*ref) : nullptr;
  const edit::EditableField* editable = field != nullptr ? edit_popup_.editable(context, *field) : nullptr;
  if (editable == nullptr) {
    ImGui::TextDisabled("What if? Select a field of the record to edit it.");
    return;
  }
  const std::string label = "Edit " + editable->name + "... (what if?)";
  const bool pressed = ImGui::SmallButton(label.c_str());
  ui::probe_last_item("field tree", "Edit...");
  if (pressed) edit_popup_.open(context, *editable);
}

void FieldTreeView::drawContent(ViewContext& context) {
  Session& session = context.session;
  const Step* step = session.current_step();
  if (step == nullptr) {
    ImGui::TextDisabled("No step yet.");
    return;
  }
  if (step->kind == StepKind::event) {
    draw_event_summary(*step);
    return;
  }
  const wire::DecodedStep* decoded = session.current_decoded();
  if (decoded == nullptr) {
    ImGui::TextDisabled("This step has no decoded fields.");
    return;
  }
  deepest_drawn_ = std::exchange(deepest_now_, 0);
  revealing_ = session.reveal_serial() != seen_reveal_;
  seen_reveal_ = session.reveal_serial();

  // The detail area is as tall as the most it said on this step (one line until a field is
  // hovered), up to a third of the pane: the tree keeps the rest. It only grows within a step,
  // so the rows never move away from under the mouse.
  if (detail_step_ != session.step_key()) detail_content_h_ = 0;
  detail_step_ = session.step_key();
  const float line_h = ImGui::GetTextLineHeightWithSpacing();
  const float detail_h = std::clamp(detail_content_h_ + ImGui::GetStyle().ItemSpacing.y * 2, line_h * 1.5f,
                                    std::max(line_h * 1.5f, ImGui::GetContentRegionAvail().y * 0.34f));
  // Above the scrolling tree, so the button stays in view when the tree scrolls to a deep field.
  draw_edit_line(context);
  ImGui::BeginChild("##tree", ImVec2(0, -detail_h), false);
  if (!decoded->inner_fields.empty()) ImGui::TextDisabled("On the wire (encrypted)");
  draw_table("##wire-fields", decoded->fields, Buffer::wire, context);
  protection_.draw(context);
  if (!decoded->inner_fields.empty()) {
    ImGui::Spacing();
    ImGui::TextDisabled("Decrypted by the receiver");
    draw_table("##inner-fields", decoded->inner_fields, Buffer::plaintext, context);
  }
  ImGui::EndChild();
  ImGui::Separator();
  ImGui::BeginChild("##detail", ImVec2(0, 0), false);
  draw_detail(context);
  detail_content_h_ = std::max(detail_content_h_, ImGui::GetCursorPosY());
  ImGui::EndChild();
  edit_popup_.draw(context);
}

}  // namespace hl::app
