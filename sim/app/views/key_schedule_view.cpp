// [SECTION] Building the diagram once per run
// [SECTION] Key exchange
// [SECTION] Diagram rows
// [SECTION] Detail of the selected node
#include "app/views/key_schedule_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_NoSavedSettings |
                                        ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_PadOuterX;

std::string inputs_text(const DiagramNode& node) {
  if (!node.value || node.value->inputs.empty()) return {};
  std::string text;
  for (const auto& input : node.value->inputs) text += (text.empty() ? "" : ", ") + input;
  return text;
}

// "c hs traffic" over the hash of steps 1-2: how the node was derived, in one line.
std::string derivation_text(const DiagramNode& node) {
  if (!node.value) return {};
  std::string text;
  if (!node.value->label.empty()) text = "\"" + node.value->label + "\"";
  const std::string steps = steps_text(node.value->transcript_steps);
  if (!steps.empty()) text += (text.empty() ? "hash of " : ", hash of ") + steps;
  return text;
}

void copy_button(const char* id, const Bytes& bytes) {
  if (bytes.empty()) return;
  ImGui::PushID(id);
  if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(full_hex(bytes).c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy the whole value as hex");
  ImGui::PopID();
}

void mono_wrapped(const std::string& text, ImU32 colour) {
  ImGui::PushFont(ui::fonts().mono);
  ui::wrapped_text(text.c_str(), colour);
  ImGui::PopFont();
}

}  // namespace

// [SECTION] Building the diagram once per run ------------------------------------------

// Rebuilt when the run changes, or when the current step moves to another connection (a man in
// the middle's two handshakes, a resumed connection): the pane follows the step's connection.
void KeyScheduleView::refresh(const Session& session) {
  const Step* step = session.current_step();
  const int connection = step != nullptr ? step->connection : 1;
  if (built_for_ == session.run_serial() && run_.get() == session.run() && connection_ == connection) return;
  run_ = session.shared_run();
  built_for_ = session.run_serial();
  connection_ = connection;
  diagram_ = run_ && run_->crypto ? build_schedule_diagram(*run_->crypto, run_->transcript.handshake_complete, connection)
                                  : ScheduleDiagram{};
  if (diagram_.find(selected_) == nullptr) selected_.clear();
}

void KeyScheduleView::toggle_selection(Session& session, const DiagramNode& node) {
  if (selected_ == node.name) {
    selected_.clear();
    if (session.lit_by() == node.name) session.clear_lit_steps();
    return;
  }
  selected_ = node.name;
  std::vector<std::size_t> indices = hashed_step_indices(node);
  if (indices.empty()) {
    session.clear_lit_steps();
    return;
  }
  session.light_steps(std::move(indices), node.name);
}

// [SECTION] Key exchange ---------------------------------------------------------------

void KeyScheduleView::draw_key_exchange() {
  const crypto::KeyExchange& exchange = run_->crypto->exchange_of(connection_);
  const auto& colours = ui::palette();
  std::string heading = run_->crypto->schedules.size() > 1 ? "Connection " + std::to_string(connection_) + " key exchange"
                                                             : std::string("Key exchange");
  if (!exchange.kind.empty()) heading += ": " + exchange.kind;
  if (!exchange.group.empty()) heading += ", " + exchange.group;
  if (!ImGui::CollapsingHeader(heading.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (exchange.values.empty()) {
    ImGui::TextDisabled("No key exchange in this run.");
    return;
  }
  // A name and a short value fit on one line in all but the narrowest panes.
  const bool stacked = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 20;
  if (!ImGui::BeginTable("##key-exchange", stacked ? 1 : 3, kTableFlags)) return;
  ImGui::TableSetupColumn("Value", stacked ? ImGuiTableColumnFlags_WidthStretch : ImGuiTableColumnFlags_WidthFixed);
  if (!stacked) {
    ImGui::TableSetupColumn("Bytes", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthFixed);
  }
  for (const auto& value : exchange.values) {
    ImGui::PushID(value.name.c_str());
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextUnformatted(value.name.c_str());
    if (stacked) {
      ImGui::Indent();
    } else {
      ImGui::TableSetColumnIndex(1);
    }
    if (value.value.empty()) {
      // One line per value: the reason is a hover away, so the schedule below stays in sight.
      ImGui::TextDisabled("unavailable");
      ImGui::SameLine();
      ui::help_marker(value.unavailable.c_str());
    } else {
      ImGui::PushFont(ui::fonts().mono);
      ImGui::TextUnformatted(short_hex(value.value).c_str());
      ImGui::PopFont();
      if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24);
        mono_wrapped(full_hex(value.value), colours.text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
      }
      ImGui::SameLine();
      copy_button("copy", value.value);
    }
    if (stacked) {
      if (value.step > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("step %zu", value.step);
      }
      ImGui::Unindent();
    } else {
      ImGui::TableSetColumnIndex(2);
      if (value.step > 0) ImGui::TextDisabled("step %zu", value.step);
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// [SECTION] Diagram rows ---------------------------------------------------------------

namespace {

// Hovering a node lists its inputs and shows its whole value.
void draw_tooltip(const DiagramNode& node) {
  const auto& colours = ui::palette();
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
  ImGui::TextUnformatted(node.name.c_str());
  if (const std::string inputs = inputs_text(node); !inputs.empty()) ImGui::Text("From: %s", inputs.c_str());
  if (node.value && !node.value->label.empty()) ImGui::Text("Label: \"%s\"", node.value->label.c_str());
  if (node.value && !node.value->transcript_steps.empty())
    ImGui::Text("Transcript hash over %s", steps_text(node.value->transcript_steps).c_str());
  if (node.value && !node.value->note.empty()) ui::wrapped_text(node.value->note.c_str(), colours.dim_text);
  if (node.bytes.empty()) {
    ui::wrapped_text(node.missing.c_str(), colours.dim_text);
  } else {
    mono_wrapped(full_hex(node.bytes), node.check_failed ? colours.bad : colours.text);
  }
  for (const auto& check : node.checks)
    if (!check.ok) ui::wrapped_text(("\u2717 " + check.what + ": " + check.detail).c_str(), colours.bad);
  ImGui::TextDisabled("Click to keep it below, light its messages in the ladder and copy it.");
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// The value (or why there is none) and the step that made it.
void draw_node_value(const DiagramNode& node, ImU32 text) {
  const auto& colours = ui::palette();
  if (node.bytes.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours.dim_text);
    ImGui::TextUnformatted(node.missing.rfind("not reached", 0) == 0 ? "not reached" : "unavailable");
    ImGui::PopStyleColor();
    return;
  }
  ImGui::PushFont(ui::fonts().mono);
  ImGui::PushStyleColor(ImGuiCol_Text, node.check_failed ? colours.bad : text);
  ImGui::TextUnformatted(short_hex(node.bytes).c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

}  // namespace

float KeyScheduleView::indent_per_depth() const { return ImGui::GetFontSize() * (stacked_ ? 0.9f : 1.3f); }

// Connectors: the spine as one vertical line, each branch a tick off its parent's line.
void KeyScheduleView::draw_connectors(const DiagramNode& node, ImVec2 row_start, float mid_y) {
  const auto& colours = ui::palette();
  const float size = ImGui::GetFontSize();
  const float indent = indent_per_depth();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float base_x = row_start.x + size * 0.5f;
  const auto depth = static_cast<std::size_t>(std::max(0, node.depth));
  if (row_mid_y_.size() < depth + 1) row_mid_y_.resize(depth + 1, -1);
  const ImU32 line = colours.lifeline;
  if (depth == 0 && row_mid_y_[0] >= 0) draw->AddLine(ImVec2(base_x, row_mid_y_[0]), ImVec2(base_x, mid_y), line, 2);
  if (depth > 0 && row_mid_y_[depth - 1] >= 0) {
    const float parent_x = base_x + indent * static_cast<float>(depth - 1);
    draw->AddLine(ImVec2(parent_x, row_mid_y_[depth - 1]), ImVec2(parent_x, mid_y), line, 2);
    draw->AddLine(ImVec2(parent_x, mid_y), ImVec2(base_x + indent * static_cast<float>(depth) - size * 0.3f, mid_y), line, 2);
  }
  row_mid_y_[depth] = mid_y;
  row_mid_y_.resize(depth + 1);
  if (node.role == NodeRole::spine) {
    draw->AddCircleFilled(ImVec2(base_x, mid_y), size * 0.3f, node.bytes.empty() ? colours.dim_text : colours.lock);
  } else if (node.role == NodeRole::input) {
    draw->AddCircle(ImVec2(base_x, mid_y), size * 0.28f, colours.dim_text, 0, 2);
  }
}

void KeyScheduleView::draw_node_row(ViewContext& context, std::size_t index, bool lit, std::size_t shown_step) {
  const DiagramNode& node = diagram_.nodes[index];
  const auto& colours = ui::palette();
  const float size = ImGui::GetFontSize();
  ImGui::PushID(static_cast<int>(index));
  ImGui::TableNextRow();
  if (lit) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, colours.current_row);
  ImGui::TableSetColumnIndex(0);

  // The whole row is one selectable; the text is drawn over it. Spine secrets are titled in
  // the heading font; a title too long for the column wraps; stacked rows (a narrow pane,
  // presenter mode) put the value on a line of its own.
  const ImVec2 row_start = ImGui::GetCursorScreenPos();
  const float column_right = row_start.x + ImGui::GetContentRegionAvail().x;
  const float text_x = row_start.x + size * 0.7f + indent_per_depth() * static_cast<float>(std::max(0, node.depth)) +
                       (node.role == NodeRole::branch ? 0 : size * 0.3f);
  ImFont* title_font = node.role == NodeRole::spine ? ui::fonts().heading : ImGui::GetFont();
  std::string title = node.role == NodeRole::input ? "+ " + node.title : node.title;
  if (node.check_failed) title += "  \u2717";
  const float wrap_w = std::max(size * 4, column_right - text_x);
  const float title_h = title_font->CalcTextSizeA(title_font->FontSize, FLT_MAX, wrap_w, title.c_str()).y;
  const float row_h = title_h + (stacked_ ? ImGui::GetTextLineHeightWithSpacing() : 0.0f);
  if (lit && scrolled_to_ != context.session.step_key()) {
    // A new step: bring what it made into sight (presenter mode shows only a few rows).
    ImGui::SetScrollHereY(0.3f);
    scrolled_to_ = context.session.step_key();
  }
  if (ImGui::Selectable("##node", selected_ == node.name,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap, ImVec2(0, row_h))) {
    toggle_selection(context.session, node);
  }
  if (ImGui::IsItemHovered()) draw_tooltip(node);
  draw_connectors(node, row_start, row_start.y + std::min(title_h, title_font->FontSize) * 0.5f);

  ImU32 text = node.made_step > shown_step || node.bytes.empty() ? colours.dim_text : colours.text;
  if (node.check_failed) text = colours.bad;
  ImGui::SameLine();
  ImGui::SetCursorScreenPos(ImVec2(text_x, row_start.y));
  ImGui::PushFont(title_font);
  ImGui::PushStyleColor(ImGuiCol_Text, text);
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap_w);
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
  // The label and hash, as the RFC's diagram writes them on its arrows, when they fit beside
  // the title and say more than it; otherwise they are a hover or a click away.
  const std::string how = derivation_text(node);
  const float title_right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
  const bool says_more = how != "\"" + node.title + "\"";
  if (!how.empty() && says_more && title_h <= title_font->FontSize * 1.5f &&
      title_right + ImGui::CalcTextSize(how.c_str()).x <= column_right) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", how.c_str());
  }

  if (stacked_) {
    ImGui::SetCursorScreenPos(ImVec2(text_x + size * 0.5f, row_start.y + title_h));
    draw_node_value(node, text);
    const std::string made = "step " + std::to_string(node.made_step);
    const float made_x = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x;
    if (node.made_step > 0 && made_x + ImGui::CalcTextSize(made.c_str()).x <= column_right) {
      ImGui::SameLine();
      ImGui::TextDisabled("%s", made.c_str());
    }
  } else {
    ImGui::TableSetColumnIndex(1);
    draw_node_value(node, text);
    ImGui::TableSetColumnIndex(2);
    if (node.made_step > 0) ImGui::TextDisabled("step %zu", node.made_step);
  }
  ImGui::PopID();
  drawn_.nodes.push_back(node.name);
  if (lit) drawn_.lit.push_back(node.name);
}

void KeyScheduleView::draw_diagram(ViewContext& context) {
  const Session& session = context.session;
  const auto& colours = ui::palette();
  const std::string heading = std::string(diagram_.version == 0x0304 ? "Key schedule (RFC 8446 \u00a77.1)"
                                                                     : "Key schedule (RFC 5246 \u00a78.1, RFC 7627)");
  if (!ImGui::CollapsingHeader(heading.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) return;
  if (diagram_.num_checks > 0) {
    const bool ok = diagram_.num_failed == 0;
    const std::string verdict =
        ok ? "\u2713 " + std::to_string(diagram_.num_checks) + " checks against the key log and Finished: all agree"
           : "\u2717 " + std::to_string(diagram_.num_failed) + " of " + std::to_string(diagram_.num_checks) +
                 " checks disagree with the lab's recomputation";
    ui::wrapped_text(verdict.c_str(), ok ? colours.ok : colours.bad);
  }
  const std::size_t shown_step = made_step_shown_at(run_->transcript, session.current_index());
  const std::vector<std::size_t> lit = nodes_made_at(diagram_, shown_step);
  row_mid_y_.clear();
  if (!ImGui::BeginTable("##schedule", stacked_ ? 1 : 3, kTableFlags)) return;
  ImGui::TableSetupColumn("Secret", ImGuiTableColumnFlags_WidthStretch);
  if (!stacked_) {
    ImGui::TableSetupColumn("Value", ImGuiTableColumnFlags_WidthFixed);
    ImGui::TableSetupColumn("Step", ImGuiTableColumnFlags_WidthFixed);
  }
  for (std::size_t i = 0; i < diagram_.nodes.size(); ++i) {
    draw_node_row(context, i, std::find(lit.begin(), lit.end(), i) != lit.end(), shown_step);
  }
  ImGui::EndTable();
}

// [SECTION] Detail of the selected node ------------------------------------------------

void KeyScheduleView::draw_detail(const DiagramNode& node) {
  const auto& colours = ui::palette();
  ImGui::PushFont(ui::fonts().heading);
  ImGui::TextUnformatted(node.title.c_str());
  ImGui::PopFont();
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("%s", node.name.c_str());
  if (node.bytes.empty()) {
    ui::wrapped_text(node.missing.c_str(), colours.dim_text);
  } else {
    copy_button("copy-detail", node.bytes);
    ImGui::SameLine();
    ImGui::TextDisabled("%zu bytes, %s", node.bytes.size(), node.value ? crypto::source_name(node.value->source) : "key exchange");
    mono_wrapped(full_hex(node.bytes), node.check_failed ? colours.bad : colours.text);
  }
  if (const std::string inputs = inputs_text(node); !inputs.empty()) {
    ui::wrapped_text(("From: " + inputs).c_str(), colours.text);
  }
  if (node.value && !node.value->label.empty()) ui::wrapped_text(("Label: \"" + node.value->label + "\"").c_str(), colours.text);
  if (node.value && !node.value->transcript_steps.empty()) {
    ui::wrapped_text(("Transcript hash over " + steps_text(node.value->transcript_steps) +
                      " (lit in the ladder while this node is selected)").c_str(), colours.text);
  }
  if (node.value && !node.value->note.empty()) ui::wrapped_text(node.value->note.c_str(), colours.dim_text);
  ui::wrapped_text(node.made_step > 0 ? ("Made at step " + std::to_string(node.made_step) + ".").c_str()
                                      : "Made before the first message.", colours.dim_text);
  for (const auto& check : node.checks) {
    ui::wrapped_text(((check.ok ? "\u2713 " : "\u2717 ") + check.what + ": " + check.detail).c_str(),
                     check.ok ? colours.ok : colours.bad);
  }
}

void KeyScheduleView::drawContent(ViewContext& context) {
  refresh(context.session);
  drawn_ = {};
  if (!run_ || !run_->crypto) {
    ImGui::TextDisabled("Running the handshake...");
    return;
  }
  if (diagram_.version == 0) {
    ImGui::TextDisabled("No key schedule: %s", diagram_.unavailable.empty() ? "no TLS handshake in this run"
                                                                           : diagram_.unavailable.c_str());
    return;
  }
  // Narrow for its font (presenter mode, a narrow column): each node's value goes under its title.
  stacked_ = ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 34;
  ui::help_marker("Every value is recomputed by the lab from the handshake messages and checked against the key log "
                  "OpenSSL wrote. Click a node for its whole value, its inputs and the handshake messages its "
                  "transcript hash covers (lit in the ladder). The node the current step made is highlighted.");
  ImGui::SameLine();
  const std::string connection = run_->crypto->schedules.size() > 1 ? "Connection " + std::to_string(connection_) + ", " : "";
  ui::wrapped_text((connection + (diagram_.version == 0x0304 ? "TLS 1.3, " : "TLS 1.2, ") + diagram_.suite).c_str(),
                   ui::palette().dim_text);
  // The detail keeps the lower part once something is hovered or selected, as the field tree does.
  const DiagramNode* detail = diagram_.find(selected_);
  const float detail_h = detail ? ImGui::GetContentRegionAvail().y * 0.36f : 0.0f;
  ImGui::BeginChild("##schedule-rows", ImVec2(0, -detail_h), false);
  draw_key_exchange();
  draw_diagram(context);
  ImGui::EndChild();
  if (detail == nullptr) return;
  ImGui::Separator();
  ImGui::BeginChild("##schedule-detail", ImVec2(0, 0), false);
  draw_detail(*detail);
  ImGui::EndChild();
}

}  // namespace hl::app
