// What the window remembers between runs: theme, font size and pane sizes. Kept in the
// XDG config directory ($XDG_CONFIG_HOME/handshake-lab, else ~/.config/handshake-lab),
// never in the working directory. Pure logic, no ImGui.
#pragma once

#include <filesystem>
#include <string>

namespace hl::app {

struct Settings {
  std::string theme = "light";     // light | dark | high-contrast
  float font_size = 20.0f;         // pixels, at presenter mode off
  // Pane sizes as fractions, so they survive a window resize.
  // At 1600 pixels wide the bytes pane keeps room for 8 bytes a row and their text, the ladder
  // for its grouped event titles (longer ones end in an ellipsis), and the lesson column takes
  // the rest, since its lesson text and eavesdropper lines are the panes that wrap.
  float left_fraction = 0.34f;     // lesson column / window width
  float ladder_fraction = 0.29f;   // ladder column / window width
  float lesson_fraction = 0.57f;   // lesson pane / left column height
  float tree_fraction = 0.55f;     // field tree / right column height
  bool show_every_event = false;  // every endpoint event a step of its own, as `trace --all-events`
  int hex_mode = 0;                // 0 wire, 1 decrypted, 2 side by side

  bool operator==(const Settings&) const = default;
};

/// Smallest and largest font sizes the window offers.
inline constexpr float kMinFontSize = 10.0f;
inline constexpr float kMaxFontSize = 48.0f;

/// Settings as "key = value" lines.
std::string format_settings(const Settings& settings);
/// Reads "key = value" lines over defaults; unknown keys and bad values are ignored, values clamped.
Settings parse_settings(const std::string& text);

/// $XDG_CONFIG_HOME/handshake-lab, else $HOME/.config/handshake-lab; empty when neither is set.
std::filesystem::path config_dir();
/// Loads config_dir()/settings.ini; defaults when it is missing or unreadable.
Settings load_settings();
/// Saves to config_dir()/settings.ini atomically (a reader sees the old file or the new one),
/// creating the directory; false and a one-line reason when it cannot.
bool save_settings(const Settings& settings, std::string& out_error);

}  // namespace hl::app
