// The file chooser as a modal window over the app: a path field, the directory listing of
// FileChooser (app/file_chooser.hpp) and Open/Cancel. Keyboard first: arrows move, Enter opens
// a directory or chooses a file, Backspace goes to the parent, Escape closes, Tab reaches the field.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "app/file_chooser.hpp"

namespace hl::app::ui {

/// One open chooser and what it was opened for.
struct ChooserDialog {
  ChooserDialog(std::string title, std::string action, ChooserMode mode, std::vector<std::string> endings,
                const std::filesystem::path& start, std::string name = {});
  std::string title;         // the window title: "Open capture"
  std::string action;        // the button: "Open", "Export"
  FileChooser model;
  std::string field;         // the path field's text
  bool just_opened = true;   // OpenPopup and focus on the next frame
  std::size_t shown_row = FileChooser::npos;  // the selection the field and the scroll last followed
  std::filesystem::path shown_dir;           // ... in this directory
  bool typing = false;       // the path field had the keyboard last frame
};

/// What one frame of the dialog came to.
enum class ChooserOutcome : std::uint8_t { open, chosen, cancelled };

/// Draws the dialog; on `chosen`, out_path holds the file. Call every frame until it is not `open`.
ChooserOutcome draw_file_chooser(ChooserDialog& dialog, std::filesystem::path& out_path);

}  // namespace hl::app::ui
