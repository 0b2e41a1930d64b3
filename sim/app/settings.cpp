#include "app/settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/lessons/atomic_file.hpp"

namespace hl::app {
namespace {

std::string trim(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  auto end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

bool parse_float(const std::string& text, float& out_value) {
  char* end = nullptr;
  float value = std::strtof(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return false;
  out_value = value;
  return true;
}

void set_fraction(const std::string& text, float& out_value) {
  float value = 0;
  if (parse_float(text, value)) out_value = std::clamp(value, 0.08f, 0.92f);
}

void apply(Settings& settings, const std::string& key, const std::string& value) {
  float number = 0;
  if (key == "theme" && (value == "light" || value == "dark" || value == "high-contrast")) settings.theme = value;
  if (key == "font_size" && parse_float(value, number)) settings.font_size = std::clamp(number, kMinFontSize, kMaxFontSize);
  if (key == "left_fraction") set_fraction(value, settings.left_fraction);
  if (key == "ladder_fraction") set_fraction(value, settings.ladder_fraction);
  if (key == "lesson_fraction") set_fraction(value, settings.lesson_fraction);
  if (key == "tree_fraction") set_fraction(value, settings.tree_fraction);
  if (key == "show_every_event") settings.show_every_event = value == "true";
  if (key == "hex_mode" && parse_float(value, number)) settings.hex_mode = std::clamp(static_cast<int>(number), 0, 2);
}

}  // namespace

std::string format_settings(const Settings& settings) {
  std::ostringstream out;
  out << "# Handshake Lab window settings\n"
      << "theme = " << settings.theme << "\n"
      << "font_size = " << settings.font_size << "\n"
      << "left_fraction = " << settings.left_fraction << "\n"
      << "ladder_fraction = " << settings.ladder_fraction << "\n"
      << "lesson_fraction = " << settings.lesson_fraction << "\n"
      << "tree_fraction = " << settings.tree_fraction << "\n"
      << "show_every_event = " << (settings.show_every_event ? "true" : "false") << "\n"
      << "hex_mode = " << settings.hex_mode << "\n";
  return out.str();
}

Settings parse_settings(const std::string& text) {
  Settings settings;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    apply(settings, trim(line.substr(0, eq)), trim(line.substr(eq + 1)));
  }
  return settings;
}

std::filesystem::path config_dir() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg != nullptr && xdg[0] == '/') return std::filesystem::path(xdg) / "handshake-lab";
  const char* home = std::getenv("HOME");
  if (home != nullptr && home[0] != '\0') return std::filesystem::path(home) / ".config" / "handshake-lab";
  return {};
}

Settings load_settings() {
  auto dir = config_dir();
  if (dir.empty()) return {};
  std::ifstream in(dir / "settings.ini");
  if (!in) return {};
  std::stringstream text;
  text << in.rdbuf();
  return parse_settings(text.str());
}

bool save_settings(const Settings& settings, std::string& out_error) {
  auto dir = config_dir();
  if (dir.empty()) return out_error = "no place to save settings (set XDG_CONFIG_HOME or HOME)", false;
  std::string error;
  if (write_file_atomically(dir / "settings.ini", format_settings(settings), error)) return true;
  return out_error = "cannot save settings: " + error, false;
}

}  // namespace hl::app
