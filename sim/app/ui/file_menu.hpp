// The File menu: open a capture (and a key log for it), pick its connection, go back to the
// lesson's run, and export the run as pcapng, pcap + key log or the HTML handout. It draws and
// returns what the user asked for; the App does it (opening, exporting) and reports back here.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "app/ui/file_chooser_view.hpp"

namespace hl::app::ui {

/// What a File menu item or its chooser asks the App to do.
enum class FileTask : std::uint8_t { open_capture, add_keylog, export_pcapng, export_pcap, export_handout, close_capture };

/// One request: the task, and the path the chooser gave (empty for close_capture).
struct FileRequest {
  FileTask task = FileTask::open_capture;
  std::string path;
};

/// What the File menu keeps between frames.
struct FileMenuState {
  std::unique_ptr<ChooserDialog> dialog;  // the chooser on screen, if any
  FileTask dialog_task = FileTask::open_capture;
  std::string error;                      // shown in a modal until dismissed; empty when none
  std::string status;                     // the last success ("Exported to ..."), shown in the menu bar
  std::filesystem::path folder;           // where the next chooser starts: the last one's folder
};

/// What the menu needs to know about the window.
struct FileMenuInput {
  bool capture_shown = false;   // the run on screen came from a capture file
  bool capture_open = false;    // a capture is open (a key log can be added)
  std::string lesson_id;        // names the export's default file
};

/// Draws the File menu inside the menu bar; returns a request when an item needs no chooser.
std::optional<FileRequest> draw_file_menu(FileMenuState& state, const FileMenuInput& input);

/// Draws the open chooser and the error modal; returns a request once a path is chosen.
std::optional<FileRequest> draw_file_dialogs(FileMenuState& state);

/// True while the chooser or the error modal is on screen: the window's own keys wait.
bool file_dialog_open(const FileMenuState& state);

/// Opens the chooser for `task` (what the menu items do; tests and keys call it too).
void start_file_task(FileMenuState& state, FileTask task, const std::string& lesson_id);

}  // namespace hl::app::ui
