// [SECTION] Keys  [SECTION] Listing  [SECTION] Dialog
#include "app/ui/file_chooser_view.hpp"

#include <imgui.h>

#include <cstdio>

#include "app/run_data.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app::ui {
namespace {

constexpr std::size_t kFieldLen = 4096;

// InputText over a std::string without imgui_stdlib (Debian's ImGui has no misc/cpp).
int grow_string(ImGuiInputTextCallbackData* data) {
  if (data->EventFlag != ImGuiInputTextFlags_CallbackResize) return 0;
  auto* text = static_cast<std::string*>(data->UserData);
  text->resize(static_cast<std::size_t>(data->BufTextLen));
  data->Buf = text->data();
  return 0;
}

bool path_field(std::string& text) {
  text.reserve(kFieldLen);
  return ImGui::InputTextWithHint("##path", "a file name or path (Tab to type here)", text.data(), text.capacity() + 1,
                                  ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackResize, grow_string, &text);
}

// [SECTION] Keys -------------------------------------------------------------------------

// The listing's keys, while the path field is not being typed in. True when a file was chosen.
bool handle_list_keys(ChooserDialog& dialog, std::filesystem::path& out_path) {
  FileChooser& model = dialog.model;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) model.move_selection(-1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) model.move_selection(1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageUp))) model.move_selection(-10);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_PageDown))) model.move_selection(10);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) model.select(0);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_End), false)) model.select(model.entries().size());
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace))) model.go_parent();
  const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
  if (!enter) return false;
  if (auto chosen = model.activate()) return out_path = *chosen, true;
  return false;
}

// [SECTION] Listing ----------------------------------------------------------------------

// One row: "name/" for a directory, the size for a file. True when double-clicked.
bool draw_row(const ChooserEntry& entry, bool selected, bool scroll_here) {
  const std::string label = entry.directory ? entry.name + "/" : entry.name;
  if (entry.directory) ImGui::PushStyleColor(ImGuiCol_Text, palette().client);
  const bool clicked = ImGui::Selectable(label.c_str(), selected, ImGuiSelectableFlags_AllowDoubleClick);
  if (entry.directory) ImGui::PopStyleColor();
  if (scroll_here) ImGui::SetScrollHereY(0.5f);
  if (!entry.directory) {
    const std::string size = size_label(static_cast<std::size_t>(entry.size));
    ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::CalcTextSize(size.c_str()).x);
    ImGui::TextDisabled("%s", size.c_str());
  }
  return clicked && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left);
}

// The listing; true when a double-click chose a file.
bool draw_listing(ChooserDialog& dialog, float height, std::filesystem::path& out_path) {
  FileChooser& model = dialog.model;
  ImGui::BeginChild("##listing", ImVec2(0, height), true);
  const bool follow = model.selected() != dialog.shown_row;
  bool chosen = false;
  if (model.entries().empty()) ImGui::TextDisabled("No folder or capture file here.");
  for (std::size_t row = 0; row < model.entries().size(); ++row) {
    ImGui::PushID(static_cast<int>(row));
    const bool selected = row == model.selected();
    if (draw_row(model.entries()[row], selected, follow && selected)) {
      model.select(row);
      if (auto file = model.activate()) chosen = true, out_path = *file;
    } else if (ImGui::IsItemClicked()) {
      model.select(row);
    }
    ImGui::PopID();
  }
  ImGui::EndChild();
  return chosen;
}

// The field follows the selected file, so Enter in it and Enter in the list agree.
void follow_selection(ChooserDialog& dialog) {
  const FileChooser& model = dialog.model;
  if (model.selected() == dialog.shown_row && model.directory() == dialog.shown_dir) return;
  dialog.shown_row = model.selected();
  dialog.shown_dir = model.directory();
  if (model.selected() == FileChooser::npos || ImGui::IsItemActive()) return;
  const ChooserEntry& entry = model.entries()[model.selected()];
  if (!entry.directory) dialog.field = entry.name;
}

}  // namespace

ChooserDialog::ChooserDialog(std::string title_text, std::string action_text, ChooserMode mode,
                             std::vector<std::string> endings, const std::filesystem::path& start, std::string name)
    : title(std::move(title_text)), action(std::move(action_text)), model(mode, std::move(endings)), field(std::move(name)) {
  if (!model.open_directory(start)) (void)model.open_directory(std::filesystem::current_path());
  if (model.directory().empty()) (void)model.open_directory("/");
  // Save mode keeps the suggested name until the user moves to a file; open mode fills the field at once.
  if (mode == ChooserMode::save) shown_row = model.selected(), shown_dir = model.directory();
}

// [SECTION] Dialog -------------------------------------------------------------------------

ChooserOutcome draw_file_chooser(ChooserDialog& dialog, std::filesystem::path& out_path) {
  const std::string popup_id = dialog.title + "###file-chooser";
  if (dialog.just_opened) ImGui::OpenPopup(popup_id.c_str());
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.7f, viewport->WorkSize.y * 0.75f), ImGuiCond_Appearing);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(popup_id.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return ChooserOutcome::cancelled;
  FileChooser& model = dialog.model;
  ChooserOutcome outcome = ChooserOutcome::open;
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) outcome = ChooserOutcome::cancelled;

  ImGui::TextWrapped("In %s", model.directory().c_str());
  ImGui::TextDisabled("Arrows choose, Enter opens, Backspace goes up, Tab types a path, Escape closes.");
  ImGui::SetNextItemWidth(-1);
  const bool tab = !dialog.typing && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), false);
  if ((dialog.just_opened && model.mode() == ChooserMode::save) || tab) ImGui::SetKeyboardFocusHere();
  const bool typed_enter = path_field(dialog.field);
  const bool typing = ImGui::IsItemActive();
  dialog.typing = typing;
  follow_selection(dialog);
  if (typed_enter) {
    if (auto file = model.submit(dialog.field)) out_path = *file, outcome = ChooserOutcome::chosen;
    else if (model.error().empty()) dialog.field.clear();  // a directory was opened: the field starts again
  } else if (!typing && outcome == ChooserOutcome::open && handle_list_keys(dialog, out_path)) {
    outcome = ChooserOutcome::chosen;
  }

  const float footer = ImGui::GetFrameHeightWithSpacing() * 2 + ImGui::GetTextLineHeightWithSpacing();
  if (draw_listing(dialog, ImGui::GetContentRegionAvail().y - footer, out_path)) outcome = ChooserOutcome::chosen;
  if (!model.error().empty()) wrapped_text(model.error().c_str(), palette().bad);
  else ImGui::NewLine();
  if (ImGui::Button(dialog.action.c_str())) {
    if (auto file = model.submit(dialog.field)) out_path = *file, outcome = ChooserOutcome::chosen;
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) outcome = ChooserOutcome::cancelled;
  ImGui::SameLine();
  if (ImGui::Button("Up a folder")) model.go_parent();
  dialog.just_opened = false;
  if (outcome != ChooserOutcome::open) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
  return outcome;
}

}  // namespace hl::app::ui
