#include "app/views/endpoint_view.hpp"

#include <imgui.h>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"

namespace hl::app {
namespace {

// One "what is known" row: a label and, per side, the value or a dim "not yet".
struct KnownRow {
  const char* label;
  const std::string SideKnowledge::*value;
};

constexpr KnownRow kRows[] = {
    {"Version", &SideKnowledge::version}, {"Cipher suite", &SideKnowledge::cipher},
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
}

void secrets_cell(const SideKnowledge& side) {
  if (side.secrets.empty()) {
    ImGui::TextDisabled("none yet");
    return;
  }
  ImGui::PushFont(ui::fonts().mono);
  for (const auto& label : side.secrets) ImGui::BulletText("%s", label.c_str());
  ImGui::PopFont();
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
      ImGui::Text("\xe2\x9c\x97 depth %d: %s", check.depth, check.error_text.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
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

}  // namespace

void EndpointView::drawContent(ViewContext& context) {
  const Session& session = context.session;
  const RunData* run = session.run();
  if (run == nullptr || session.current_step() == nullptr) {
    ImGui::TextDisabled("No step yet.");
    return;
  }
  if (knowledge_run_ != run || knowledge_index_ != session.current_index()) {
    knowledge_ = knowledge_after(run->transcript, session.current_index());
    knowledge_run_ = run;
    knowledge_index_ = session.current_index();
  }
  ImGui::TextDisabled("What each side knows after this step");
  constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                    ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##known", 3, flags)) return;
  const auto& colours = ui::palette();
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6.5f);
  ImGui::TableSetupColumn("Client", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Server", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  ImGui::TableSetColumnIndex(1);
  ImGui::PushStyleColor(ImGuiCol_Text, colours.client);
  ImGui::TextUnformatted("Client");
  ImGui::PopStyleColor();
  ImGui::TableSetColumnIndex(2);
  ImGui::PushStyleColor(ImGuiCol_Text, colours.server);
  ImGui::TextUnformatted("Server");
  ImGui::PopStyleColor();
  for (const auto& row : kRows) {
    ImGui::TableNextRow();
    label_cell(row.label);
    ImGui::TableSetColumnIndex(1);
    value_cell(knowledge_.client.*row.value);
    ImGui::TableSetColumnIndex(2);
    value_cell(knowledge_.server.*row.value);
  }
  struct CellRow {
    const char* label;
    void (*draw)(const SideKnowledge&);
  };
  constexpr CellRow cell_rows[] = {{"Secrets", secrets_cell}, {"Checks", checks_cell}, {"Handshake", done_cell}};
  for (const auto& row : cell_rows) {
    ImGui::TableNextRow();
    label_cell(row.label);
    ImGui::TableSetColumnIndex(1);
    ImGui::PushID(1);
    row.draw(knowledge_.client);
    ImGui::PopID();
    ImGui::TableSetColumnIndex(2);
    ImGui::PushID(2);
    row.draw(knowledge_.server);
    ImGui::PopID();
  }
  ImGui::EndTable();
}

}  // namespace hl::app
