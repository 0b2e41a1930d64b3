#include "app/ui/platform.hpp"

#define GLFW_INCLUDE_GLEXT
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstring>
#include <iterator>
#include <utility>

#include "app/ui/app.hpp"
#include "app/ui/fonts.hpp"

namespace hl::app::ui {
namespace {

std::string g_glfw_error;

// A frame or two after an event lets ImGui finish what it started (hover, a click's effect).
constexpr int kSettleFrames = 3;
// Idle, the window still wakes this often, in case something changed without an event.
constexpr double kIdleWakeSeconds = 2.0;

// Chained in front of ImGui's key callback: events wait in the queue for their frame.
void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  auto* platform = static_cast<Platform*>(glfwGetWindowUserPointer(window));
  if (platform != nullptr) platform->queue_key({key, scancode, action, mods});
}

// Files dropped on the window (a capture, then perhaps its key log) wait for the next frame.
void on_drop(GLFWwindow* window, int count, const char** paths) {
  auto* platform = static_cast<Platform*>(glfwGetWindowUserPointer(window));
  if (platform == nullptr || count <= 0) return;
  platform->queue_drop(std::vector<std::string>(paths, paths + count));
}

void on_glfw_error(int code, const char* description) {
  g_glfw_error = std::string(description) + " (GLFW error " + std::to_string(code) + ")";
}

// Framebuffer objects are GL 3.0: fetched from the context, not linked.
struct FramebufferApi {
  PFNGLGENFRAMEBUFFERSPROC gen = nullptr;
  PFNGLBINDFRAMEBUFFERPROC bind = nullptr;
  PFNGLFRAMEBUFFERTEXTURE2DPROC texture_2d = nullptr;
  PFNGLCHECKFRAMEBUFFERSTATUSPROC status = nullptr;
  PFNGLDELETEFRAMEBUFFERSPROC destroy = nullptr;

  bool load() {
    gen = reinterpret_cast<PFNGLGENFRAMEBUFFERSPROC>(glfwGetProcAddress("glGenFramebuffers"));
    bind = reinterpret_cast<PFNGLBINDFRAMEBUFFERPROC>(glfwGetProcAddress("glBindFramebuffer"));
    texture_2d = reinterpret_cast<PFNGLFRAMEBUFFERTEXTURE2DPROC>(glfwGetProcAddress("glFramebufferTexture2D"));
    status = reinterpret_cast<PFNGLCHECKFRAMEBUFFERSTATUSPROC>(glfwGetProcAddress("glCheckFramebufferStatus"));
    destroy = reinterpret_cast<PFNGLDELETEFRAMEBUFFERSPROC>(glfwGetProcAddress("glDeleteFramebuffers"));
    return gen && bind && texture_2d && status && destroy;
  }
};
FramebufferApi g_fbo;

bool have_display() {
  const char* display = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (display != nullptr && display[0] != '\0') || (wayland != nullptr && wayland[0] != '\0');
}

}  // namespace

std::unique_ptr<Platform> Platform::open(const PlatformOptions& options, std::string& out_error) {
  std::unique_ptr<Platform> platform(new Platform(options));

  // Setup window: GLFW with an OpenGL 3.3 core context ("#version 330 core").
  glfwSetErrorCallback(on_glfw_error);
  if (!have_display() || !glfwInit()) {
    out_error = "no display to open a window on (" + (g_glfw_error.empty() ? "DISPLAY is not set" : g_glfw_error) +
                "); on a machine without a screen run it under xvfb-run, e.g. "
                "xvfb-run -a -s \"-screen 0 1600x1000x24\" handshake-lab ...";
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_VISIBLE, options.visible ? GLFW_TRUE : GLFW_FALSE);
  platform->window_ = glfwCreateWindow(options.width, options.height, options.title.c_str(), nullptr, nullptr);
  if (platform->window_ == nullptr) {
    out_error = "cannot create an OpenGL 3.3 window: " + g_glfw_error;
    return nullptr;
  }
  glfwMakeContextCurrent(platform->window_);
  glfwSwapInterval(options.visible ? 1 : 0);  // vsync on screen; as fast as possible offscreen
  if (!options.visible && !platform->create_offscreen_target()) {
    out_error = "cannot create an offscreen framebuffer";
    return nullptr;
  }

  // Setup Dear ImGui context. No imgui.ini anywhere: the App saves its own state in the XDG dir.
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  platform->imgui_context_ = true;
  ImGui::GetIO().IniFilename = nullptr;
  ImGui::GetIO().LogFilename = nullptr;

  // Setup Platform/Renderer backends.
  platform->glfw_backend_ = ImGui_ImplGlfw_InitForOpenGL(platform->window_, true);
  platform->gl_backend_ = ImGui_ImplOpenGL3_Init("#version 330 core");
  if (!platform->glfw_backend_ || !platform->gl_backend_) {
    out_error = "cannot start Dear ImGui's GLFW/OpenGL3 backends";
    return nullptr;
  }
  glfwSetWindowUserPointer(platform->window_, platform.get());
  platform->backend_key_callback_ = glfwSetKeyCallback(platform->window_, on_key);
  glfwSetDropCallback(platform->window_, on_drop);  // ImGui's backend sets none: nothing to chain
  platform->settle_frames_ = kSettleFrames;  // the first frames come before any event
  // Load Fonts: the App asks for its size in new_frame(); start from the default one.
  build_fonts(20.0f);
  return platform;
}

bool Platform::create_offscreen_target() {
  if (!g_fbo.load()) return false;
  glGenTextures(1, &colour_texture_);
  glBindTexture(GL_TEXTURE_2D, colour_texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, options_.width, options_.height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
  g_fbo.gen(1, &framebuffer_);
  g_fbo.bind(GL_FRAMEBUFFER, framebuffer_);
  g_fbo.texture_2d(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, colour_texture_, 0);
  return g_fbo.status(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE;
}

void Platform::set_offscreen_size(int width, int height) {
  if (options_.visible) return;
  options_.width = width;
  options_.height = height;
  glBindTexture(GL_TEXTURE_2D, colour_texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
}

Platform::~Platform() {
  // Cleanup, in reverse order of set-up.
  if (gl_backend_) ImGui_ImplOpenGL3_Shutdown();
  if (glfw_backend_) ImGui_ImplGlfw_Shutdown();
  if (imgui_context_) ImGui::DestroyContext();
  if (framebuffer_ != 0) g_fbo.destroy(1, &framebuffer_);
  if (colour_texture_ != 0) glDeleteTextures(1, &colour_texture_);
  if (window_ != nullptr) glfwDestroyWindow(window_);
  glfwTerminate();
}

bool Platform::should_close() const { return glfwWindowShouldClose(window_) != 0; }

void Platform::take_events(bool animating) {
  if (!options_.visible || animating || !key_queue_.empty() || !pointer_queue_.empty()) settle_frames_ = kSettleFrames;
  if (settle_frames_ > 0) {
    --settle_frames_;
    glfwPollEvents();
    return;
  }
  // Nothing moves: sleep until an event (or the safety wake-up) instead of redrawing the same frame.
  const double start = glfwGetTime();
  glfwWaitEventsTimeout(kIdleWakeSeconds);
  if (glfwGetTime() - start < kIdleWakeSeconds) settle_frames_ = kSettleFrames;
}

void Platform::apply_queued_keys() {
  if (backend_key_callback_ == nullptr) return;
  for (const KeyEvent& event : key_queue_.take_frame())
    backend_key_callback_(window_, event.key, event.scancode, event.action, event.mods);
}

void Platform::apply_queued_pointer() {
  if (pointer_queue_.empty()) return;
  // After the GLFW backend wrote what the window reports, before ImGui reads it.
  const PointerState state = pointer_queue_.front();
  pointer_queue_.pop_front();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(state.x, state.y);
  io.MouseDown[0] = state.down;
}

void Platform::queue_drop(std::vector<std::string> paths) {
  dropped_.insert(dropped_.end(), std::make_move_iterator(paths.begin()), std::make_move_iterator(paths.end()));
  settle_frames_ = kSettleFrames;
}

void Platform::new_frame(App& app) {
  take_events(app.animating());
  apply_queued_keys();
  if (!dropped_.empty()) app.open_dropped(std::exchange(dropped_, {}));
  const float size = app.wanted_font_size();
  if (size != fonts().size) {
    // Between frames: rebuild the atlas and replace the renderer's copy of it.
    build_fonts(size);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  app.before_frame();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (!options_.visible) ImGui::GetIO().DisplaySize = ImVec2(float(options_.width), float(options_.height));
  apply_queued_pointer();
  ImGui::NewFrame();
}

void Platform::new_frame() {
  glfwPollEvents();
  apply_queued_keys();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (!options_.visible) ImGui::GetIO().DisplaySize = ImVec2(float(options_.width), float(options_.height));
  ImGui::NewFrame();
}

void Platform::render() {
  ImGui::Render();
  int width = options_.width, height = options_.height;
  if (options_.visible) glfwGetFramebufferSize(window_, &width, &height);
  if (framebuffer_ != 0) g_fbo.bind(GL_FRAMEBUFFER, framebuffer_);
  glViewport(0, 0, width, height);
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(clear.x, clear.y, clear.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  if (options_.visible) glfwSwapBuffers(window_);
}

void Platform::apply(App& app) {
  if (app.take_requests().toggle_fullscreen) toggle_fullscreen();
}

void Platform::toggle_fullscreen() {
  if (!options_.visible) return;
  if (glfwGetWindowMonitor(window_) != nullptr) {
    glfwSetWindowMonitor(window_, nullptr, windowed_pos_[0], windowed_pos_[1], windowed_size_[0], windowed_size_[1], 0);
    return;
  }
  GLFWmonitor* monitor = glfwGetPrimaryMonitor();
  if (monitor == nullptr) return;
  const GLFWvidmode* mode = glfwGetVideoMode(monitor);
  glfwGetWindowPos(window_, &windowed_pos_[0], &windowed_pos_[1]);
  glfwGetWindowSize(window_, &windowed_size_[0], &windowed_size_[1]);
  glfwSetWindowMonitor(window_, monitor, 0, 0, mode->width, mode->height, mode->refreshRate);
}

std::vector<std::uint8_t> Platform::read_pixels() const {
  if (framebuffer_ == 0) return {};
  const std::size_t row_len = static_cast<std::size_t>(options_.width) * 4;
  std::vector<std::uint8_t> pixels(row_len * static_cast<std::size_t>(options_.height));
  g_fbo.bind(GL_FRAMEBUFFER, framebuffer_);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, options_.width, options_.height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom-up; images run top-down.
  std::vector<std::uint8_t> row(row_len);
  for (int y = 0; y < options_.height / 2; ++y) {
    std::uint8_t* top = pixels.data() + static_cast<std::size_t>(y) * row_len;
    std::uint8_t* bottom = pixels.data() + static_cast<std::size_t>(options_.height - 1 - y) * row_len;
    std::memcpy(row.data(), top, row_len);
    std::memcpy(top, bottom, row_len);
    std::memcpy(bottom, row.data(), row_len);
  }
  // Blending leaves partial alpha behind; the picture itself is opaque.
  for (std::size_t i = 3; i < pixels.size(); i += 4) pixels[i] = 255;
  return pixels;
}

}  // namespace hl::app::ui
