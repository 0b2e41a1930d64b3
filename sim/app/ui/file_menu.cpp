// The File menu's items as a table, the chooser each opens, and the error modal.
#include "app/ui/file_menu.hpp"

#include <imgui.h>

#include "app/key_map.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app::ui {
namespace {

// One chooser per task: its title, button, mode, the endings it lists and the name it suggests.
struct TaskRow {
  FileTask task;
  const char* menu_label;
  const char* title;
  const char* action;
  ChooserMode mode;
  std::vector<std::string> endings;
  const char* suggested_ending;  // save mode: the default name is "handshake-lab-<lesson><ending>"
};

const std::vector<TaskRow>& task_rows() {
  static const std::vector<TaskRow> rows = {
      {FileTask::open_capture, "Open capture...", "Open a capture (.pcap, .pcapng)", "Open", ChooserMode::open,
       {".pcap", ".pcapng", ".cap"}, ""},
      {FileTask::add_keylog, "Add a key log...", "Add a key log (SSLKEYLOGFILE)", "Add", ChooserMode::open,
       {".keylog", ".txt", ".log", ".keys"}, ""},
      {FileTask::export_pcapng, "Export as .pcapng (key log inside)...", "Export the run as pcapng", "Export",
       ChooserMode::save, {".pcapng"}, ".pcapng"},
      {FileTask::export_pcap, "Export as .pcap + key log...", "Export the run as pcap (key log beside it)", "Export",
       ChooserMode::save, {".pcap"}, ".pcap"},
      {FileTask::export_handout, "Export the handout (.html)...", "Export the lesson handout", "Export",
       ChooserMode::save, {".html"}, ".html"},
  };
  return rows;
}

const TaskRow& row_for(FileTask task) {
  for (const TaskRow& row : task_rows())
    if (row.task == task) return row;
  return task_rows().front();
}

// A typed name without the task's ending gets it, so "run" becomes "run.pcapng".
std::string with_ending(const std::string& path, const TaskRow& row) {
  if (row.mode != ChooserMode::save) return path;
  const std::string ending = row.suggested_ending;
  const bool has = path.size() > ending.size() && path.compare(path.size() - ending.size(), ending.size(), ending) == 0;
  return has ? path : path + ending;
}

void draw_error_modal(FileMenuState& state) {
  constexpr const char* kId = "File problem###file-error";
  if (state.error.empty()) return;
  if (!ImGui::IsPopupOpen(kId)) ImGui::OpenPopup(kId);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(viewport->WorkSize.x * 0.4f, 0), ImVec2(viewport->WorkSize.x * 0.8f, FLT_MAX));
  if (!ImGui::BeginPopupModal(kId, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) return;
  ImGui::PushTextWrapPos(viewport->WorkSize.x * 0.75f);
  wrapped_text(state.error.c_str(), palette().bad);
  ImGui::TextDisabled("What was on screen before is still there.");
  ImGui::PopTextWrapPos();
  const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                     ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  if (ImGui::Button("OK") || enter) {
    state.error.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace

void start_file_task(FileMenuState& state, FileTask task, const std::string& lesson_id) {
  const TaskRow& row = row_for(task);
  std::error_code ignored;
  const std::filesystem::path start = state.folder.empty() ? std::filesystem::current_path(ignored) : state.folder;
  const std::string name = row.mode == ChooserMode::save ? "handshake-lab-" + lesson_id + row.suggested_ending : "";
  state.dialog = std::make_unique<ChooserDialog>(row.title, row.action, row.mode, row.endings, start, name);
  state.dialog_task = task;
}

std::optional<FileRequest> draw_file_menu(FileMenuState& state, const FileMenuInput& input) {
  if (!ImGui::BeginMenu("File")) return std::nullopt;
  std::optional<FileRequest> request;
  for (const TaskRow& row : task_rows()) {
    const bool exporting = row.mode == ChooserMode::save;
    const bool enabled = exporting ? !input.capture_shown : (row.task != FileTask::add_keylog || input.capture_open);
    if (exporting && &row == &row_for(FileTask::export_pcapng)) ImGui::Separator();
    const std::string keys = row.task == FileTask::open_capture    ? keys_for(Action::open_capture)
                             : row.task == FileTask::export_pcapng ? keys_for(Action::export_run)
                                                                   : "";
    if (ImGui::MenuItem(row.menu_label, keys.c_str(), false, enabled)) start_file_task(state, row.task, input.lesson_id);
    if (!enabled && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
      ImGui::SetTooltip("%s", exporting ? "Export writes a lesson's run; a capture is a file already"
                                        : "Open a capture first; its key log then decrypts it");
  }
  if (input.capture_shown) {
    ImGui::Separator();
    if (ImGui::MenuItem("Back to the lesson's run")) request = FileRequest{FileTask::close_capture, {}};
  }
  ImGui::EndMenu();
  return request;
}

std::optional<FileRequest> draw_file_dialogs(FileMenuState& state) {
  std::optional<FileRequest> request;
  if (state.dialog) {
    std::filesystem::path chosen;
    const ChooserOutcome outcome = draw_file_chooser(*state.dialog, chosen);
    if (outcome == ChooserOutcome::chosen)
      request = FileRequest{state.dialog_task, with_ending(chosen.string(), row_for(state.dialog_task))};
    if (outcome != ChooserOutcome::open) {
      state.folder = state.dialog->model.directory();
      state.dialog.reset();
    }
  }
  draw_error_modal(state);
  return request;
}

bool file_dialog_open(const FileMenuState& state) { return state.dialog != nullptr || !state.error.empty(); }

}  // namespace hl::app::ui
