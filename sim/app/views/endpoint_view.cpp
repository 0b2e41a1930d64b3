#include "app/views/endpoint_view.hpp"

#include <imgui.h>

#include "app/identifier_break.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/engine/names.hpp"

namespace hl::app {
namespace {

// One "what is known" row: a label and, per side, the value or a dim "not yet".
struct KnownRow {
  const char* label;
  const std::string SideKnowledge::*value;
};

constexpr KnownRow kRows[] = {
    {"Version", &SideKnowledge::version}, {"Suite", &SideKnowledge::cipher},
    {"Group", &SideKnowledge::group},     {"Signature", &SideKnowledge::sigalg},
    {"ALPN", &SideKnowledge::alpn},
};

void value_cell(const std::string& value) {
  if (value.empty()) {
    ImGui::TextDisabled("not yet");
    return;
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(value.c_str());
  ImGui::PopTextWrapPos();
  ui::glossary_tooltip(value);  // x25519, ecdsa_secp256r1_sha256, ALPN...: what the word means
}

void secrets_cell(const SideKnowledge& side) {
  if (side.secrets.empty()) {
    ImGui::TextDisabled("none yet");
    return;
  }
  // Key log labels are long single words: broken after an underscore, never mid-word.
  const auto measure = [](const std::string& text) { return ImGui::CalcTextSize(text.c_str()).x; };
  for (const auto& label : side.secrets) {
    ImGui::Bullet();
    ImGui::BeginGroup();
    const float width = ImGui::GetContentRegionAvail().x;
    for (const std::string& line : identifier_lines(label, width, measure)) ImGui::TextUnformatted(line.c_str());
    ImGui::EndGroup();
    ui::glossary_tooltip(label);
  }
}

void checks_cell(const SideKnowledge& side) {
  const auto& colours = ui::palette();
  if (side.checks.empty() && side.alerts.empty()) {
    ImGui::TextDisabled("none");
    return;
  }
  for (const auto& check : side.checks) {
    ImGui::PushStyleColor(ImGuiCol_Text, check.ok ? colours.ok : colours.bad);
    ImGui::PushTextWrapPos(0);
    if (check.ok) {
      ImGui::Text("\xe2\x9c\x93 depth %d: %s", check.depth, check.subject.c_str());
    } else {
      ImGui::Text("\xe2\x9c\x97 depth %d: %s (%s)", check.depth, check.error_text.c_str(), check.error_name.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  if (side.checks.size() > 1) {  // root first, leaf last: the reverse of the Certificate message
    ImGui::TextDisabled("why this order?");
    ImGui::SameLine();
    ui::help_marker(names::chain_check_order());
  }
  for (const auto& alert : side.alerts) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours.bad);
    ImGui::TextWrapped("alert %s", alert.c_str());
    ImGui::PopStyleColor();
  }
}

void done_cell(const SideKnowledge& side) {
  const auto& colours = ui::palette();
  if (!side.failure.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours.bad);
    ImGui::TextWrapped("%s", side.failure.c_str());
    ImGui::PopStyleColor();
    return;
  }
  if (side.handshake_done) {
    ImGui::PushStyleColor(ImGuiCol_Text, colours.ok);
    ImGui::TextUnformatted("\xe2\x9c\x93 complete");
    ImGui::PopStyleColor();
    return;
  }
  ImGui::TextDisabled("in progress");
}

void label_cell(const char* label) {
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
}


// The label column fits its longest label and no more: values (suite names) need the room.
float label_width() { return ImGui::CalcTextSize("Handshake").x + ImGui::GetFontSize() * 0.5f; }

struct CellRow {
  const char* label;
  void (*draw)(const SideKnowledge&);
};
constexpr CellRow kCellRows[] = {{"Secrets", secrets_cell}, {"Checks", checks_cell}, {"Handshake", done_cell}};

constexpr ImGuiTableFlags kTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                        ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;

void coloured_heading(const char* text, ImU32 colour) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text);
  ImGui::PopStyleColor();
}

// Client and server side by side: best when the pane is wide enough for suite names.
void draw_side_by_side(const Knowledge& knowledge) {
  if (!ImGui::BeginTable("##known", 3, kTableFlags)) return;
  const auto& colours = ui::palette();
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, label_width());
  ImGui::TableSetupColumn("Client", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Server", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetColumnIndex(1);
  coloured_heading("Client", colours.client);
  ImGui::TableSetColumnIndex(2);
  coloured_heading("Server", colours.server);
  for (const auto& row : kRows) {
    ImGui::TableNextRow();
    label_cell(row.label);
    ImGui::TableSetColumnIndex(1);
    value_cell(knowledge.client.*row.value);
    ImGui::TableSetColumnIndex(2);
    value_cell(knowledge.server.*row.value);
  }
  for (const auto& row : kCellRows) {
    ImGui::TableNextRow();
    label_cell(row.label);
    ImGui::TableSetColumnIndex(1);
    ImGui::PushID(1);
    row.draw(knowledge.client);
    ImGui::PopID();
    ImGui::TableSetColumnIndex(2);
    ImGui::PushID(2);
    row.draw(knowledge.server);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// One side above the other: for a narrow pane, so nothing wraps mid-word.
void draw_one_side(const char* id, const char* name, ImU32 colour, const SideKnowledge& side) {
  ImGui::PushFont(ui::fonts().heading);
  coloured_heading(name, colour);
  ImGui::PopFont();
  if (!ImGui::BeginTable(id, 2, kTableFlags)) return;
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, label_width());
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
  for (const auto& row : kRows) {
    ImGui::TableNextRow();
    label_cell(row.label);
    ImGui::TableSetColumnIndex(1);
    value_cell(side.*row.value);
  }
  for (const auto& row : kCellRows) {
    ImGui::TableNextRow();
    label_cell(row.label);
    ImGui::TableSetColumnIndex(1);
    row.draw(side);
  }
  ImGui::EndTable();
}

}  // namespace

void EndpointView::drawContent(ViewContext& context) {
  const Session& session = context.session;
  const RunData* run = session.run();
  if (run == nullptr || session.current_step() == nullptr) {
    ImGui::TextDisabled("No step yet.");
    return;
  }
  if (run->transcript.capture) {
    ui::wrapped_text("A capture holds only what crossed the wire: what each side chose, checked and derived is not in "
                     "it, so this pane has nothing to show. The ladder, the field tree and the bytes show every message.",
                     ui::palette().dim_text);
    return;
  }
  if (knowledge_key_ != session.step_key()) {
    knowledge_ = knowledge_after(run->transcript, session.current_index());
    knowledge_key_ = session.step_key();
  }
  ImGui::TextDisabled("What each side knows after this step");
  if (!run->origin.empty())
    ImGui::TextWrapped("Recorded from %s: the other side is a real program, and the lab knows only what it sent.",
                       run->origin.c_str());
  if (ImGui::GetContentRegionAvail().x >= ImGui::GetFontSize() * 36) {
    draw_side_by_side(knowledge_);
    return;
  }
  const auto& colours = ui::palette();
  draw_one_side("##client", "Client", colours.client, knowledge_.client);
  ImGui::Spacing();
  draw_one_side("##server", "Server", colours.server, knowledge_.server);
}

}  // namespace hl::app
