// The model behind the window's file chooser (ImGui has no native dialog and Debian packages
// none for it): a directory listing from std::filesystem, filtered by file name ending, with a
// selection that arrows, Enter and Backspace move. No ImGui here, so tests drive it directly;
// ui/file_chooser_view.cpp draws it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace hl::app {

/// One row of the listing.
struct ChooserEntry {
  std::string name;          // the file or directory name, no path
  bool directory = false;
  std::uintmax_t size = 0;   // bytes, for files; 0 for directories
};

/// Whether the chooser picks a file that exists (open) or a path to write (save).
enum class ChooserMode : std::uint8_t { open, save };

class FileChooser {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// A chooser that lists directories and the files whose names end in one of `endings`
  /// (".pcapng"; matched without case). It lists nothing until open_directory() succeeds.
  FileChooser(ChooserMode mode, std::vector<std::string> endings);

  /// Lists `directory`: sub-directories first, then matching files, each sorted by name; names
  /// starting with '.' are left out. False, with error() set and the previous listing kept, when
  /// it is not a directory or cannot be read.
  [[nodiscard]] bool open_directory(const std::filesystem::path& directory);
  /// Lists the parent directory, selecting the one just left; false at the root or when unreadable.
  bool go_parent();

  /// Open (the file must exist) or save (a new name in an existing directory will do).
  ChooserMode mode() const { return mode_; }
  /// The directory listed (absolute, normalised); empty before the first successful listing.
  const std::filesystem::path& directory() const { return directory_; }
  const std::vector<ChooserEntry>& entries() const { return entries_; }
  /// Why the last action failed; empty after one that worked.
  const std::string& error() const { return error_; }

  /// The selected row, or npos when the listing is empty.
  std::size_t selected() const { return selected_; }
  /// Selects a row (clamped to the listing).
  void select(std::size_t row);
  /// Moves the selection by delta rows, stopping at either end.
  void move_selection(int delta);

  /// Enter on the selected row: a directory is opened (returns nullopt); a file is chosen (its full path).
  std::optional<std::filesystem::path> activate();
  /// The path field's text, relative to directory() unless absolute: a directory is opened
  /// (nullopt); a file is chosen when open mode finds it, or save mode can create it in an
  /// existing directory; anything else sets error() and returns nullopt.
  std::optional<std::filesystem::path> submit(const std::string& text);

  /// Whether `name` ends in one of the endings (case-insensitive); true for every name when there are none.
  bool matches(const std::string& name) const;

 private:
  ChooserMode mode_;
  std::vector<std::string> endings_;  // lower case
  std::filesystem::path directory_;
  std::vector<ChooserEntry> entries_;
  std::size_t selected_ = npos;
  std::string error_;
};

}  // namespace hl::app
