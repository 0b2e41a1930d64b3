// The GLFW window, the OpenGL 3.3 core context and Dear ImGui's backends, set up and torn
// down in the phases of ImGui's example_glfw_opengl3. Visible for the app, hidden with an
// offscreen framebuffer for screenshots and benchmarks.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "app/ui/key_queue.hpp"

struct GLFWwindow;

namespace hl::app::ui {

class App;

/// Where the pointer is in one frame and whether its left button is down (window pixels).
struct PointerState {
  float x = 0;
  float y = 0;
  bool down = false;
};

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
  /// Takes events (a visible window idle since a few frames sleeps until one comes, as ImHex's
  /// power saving does), rebuilds fonts and style when the app asks, starts an ImGui frame.
  void new_frame(App& app);
  /// Queues a key event as GLFW's key callback does; each frame applies what it can without
  /// losing a press (key_queue.hpp). Public so tests can send taps shorter than a frame.
  void queue_key(const KeyEvent& event) { key_queue_.push(event); }
  /// Queues paths as GLFW's drop callback does; the next new_frame() hands them to App::open_dropped.
  void queue_drop(std::vector<std::string> paths);
  /// Key events still waiting for a frame.
  std::size_t queued_keys() const { return key_queue_.size(); }
  /// Queues a pointer state for one frame, applied over what the window reports (a hidden window
  /// has no pointer): tests click with a move, a press and a release, one frame each.
  void queue_pointer(const PointerState& state) { pointer_queue_.push_back(state); }
  /// Pointer states still waiting for a frame.
  std::size_t queued_pointer() const { return pointer_queue_.size(); }
  /// Starts an ImGui frame with the fonts as they are (for the ImGui demo benchmark).
  void new_frame();
  /// Renders the ImGui frame and presents it (visible) or leaves it in the offscreen framebuffer.
  void render();
  /// Handles the app's requests (full screen) between frames.
  void apply(App& app);
  /// The last rendered frame as top-down RGBA rows (offscreen only; empty otherwise).
  std::vector<std::uint8_t> read_pixels() const;
  /// The window size asked for, in pixels.
  /// A hidden window's size, changed between frames (layout tests draw several sizes in one window).
  void set_offscreen_size(int width, int height);
  int width() const { return options_.width; }
  int height() const { return options_.height; }

 private:
  explicit Platform(const PlatformOptions& options) : options_(options) {}
  bool create_offscreen_target();
  void toggle_fullscreen();
  void take_events(bool animating);
  void apply_queued_keys();
  void apply_queued_pointer();

  PlatformOptions options_;
  GLFWwindow* window_ = nullptr;
  bool imgui_context_ = false;
  bool glfw_backend_ = false;
  bool gl_backend_ = false;
  unsigned framebuffer_ = 0;
  unsigned colour_texture_ = 0;
  int windowed_pos_[2] = {0, 0};
  int windowed_size_[2] = {0, 0};
  KeyQueue key_queue_;
  std::vector<std::string> dropped_;  // paths dropped on the window since the last frame
  std::deque<PointerState> pointer_queue_;  // tests' pointer, one state a frame
  void (*backend_key_callback_)(GLFWwindow*, int, int, int, int) = nullptr;  // ImGui's, which the queue feeds
  int settle_frames_ = 0;  // frames still to draw after an event before the window may sleep
};

}  // namespace hl::app::ui
