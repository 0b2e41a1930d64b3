// The GLFW window, the OpenGL 3.3 core context and Dear ImGui's backends, set up and torn
// down in the phases of ImGui's example_glfw_opengl3. Visible for the app, hidden with an
// offscreen framebuffer for screenshots and benchmarks.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace hl::app::ui {

class App;

struct PlatformOptions {
  int width = 1600;
  int height = 1000;
  bool visible = true;      // false: hidden window, frames drawn into an offscreen framebuffer
  std::string title = "Handshake Lab";
};

class Platform {
 public:
  /// Opens the window; nullptr and a one-line reason (mentioning xvfb-run when there is no display) on failure.
  static std::unique_ptr<Platform> open(const PlatformOptions& options, std::string& out_error);
  /// Clean-up in reverse order of set-up.
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  /// True once the user closed the window.
  bool should_close() const;
  /// Polls events, rebuilds fonts and style when the app asks, starts an ImGui frame.
  void new_frame(App& app);
  /// Starts an ImGui frame with the fonts as they are (for the ImGui demo benchmark).
  void new_frame();
  /// Renders the ImGui frame and presents it (visible) or leaves it in the offscreen framebuffer.
  void render();
  /// Handles the app's requests (full screen) between frames.
  void apply(App& app);
  /// The last rendered frame as top-down RGBA rows (offscreen only; empty otherwise).
  std::vector<std::uint8_t> read_pixels() const;
  /// The window size asked for, in pixels.
  int width() const { return options_.width; }
  int height() const { return options_.height; }

 private:
  explicit Platform(const PlatformOptions& options) : options_(options) {}
  bool create_offscreen_target();
  void toggle_fullscreen();

  PlatformOptions options_;
  GLFWwindow* window_ = nullptr;
  bool imgui_context_ = false;
  bool glfw_backend_ = false;
  bool gl_backend_ = false;
  unsigned framebuffer_ = 0;
  unsigned colour_texture_ = 0;
  int windowed_pos_[2] = {0, 0};
  int windowed_size_[2] = {0, 0};
};

}  // namespace hl::app::ui
