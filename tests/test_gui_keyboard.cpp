// The whole window driven by the keyboard alone, in-process on a hidden window: Space/Right
// step on, Left back, Home/End jump, Ctrl +/- change the text size, F5 presenter mode.
// Runs under xvfb-run (label "gui").
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/ui/app.hpp"
#include "app/ui/platform.hpp"

using namespace hl::app;

namespace {

struct Window {
  std::unique_ptr<ui::Platform> platform;
  std::unique_ptr<ui::App> app;

  Window() {
    // Nothing a test does (lesson progress, settings) may land in the real config directory.
    ::setenv("XDG_CONFIG_HOME", (std::filesystem::temp_directory_path() / "hl-test-gui-config").c_str(), 1);
    std::string error;
    platform = ui::Platform::open({1280, 800, false, "test"}, error);
    INFO(error);
    REQUIRE(platform);
    ui::AppOptions options;
    options.persist_settings = false;
    options.persist_progress = false;  // nor read from the learner's progress file
    options.scenario.seed = 7;
    options.lesson_id = "no-lesson";  // no lesson text: its predict questions would hold steps back
    app = std::make_unique<ui::App>(options);
    app->wait_for_run();
    frame();
  }

  // Returns how long the App itself took (its views, polling the runner), without the X
  // server and the rasteriser, which a loaded machine can stall on their own.
  double frame() {
    platform->new_frame(*app);
    const auto start = std::chrono::steady_clock::now();
    app->frame();
    const double app_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    platform->render();
    return app_ms;
  }

  // One key press: down for a frame, then up for a frame.
  void press(int key, bool ctrl = false) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    frame();
    io.KeyCtrl = false;
  }
};

}  // namespace

TEST_CASE("The keyboard alone steps through the handshake") {
  Window window;
  Session& session = window.app->session();
  REQUIRE(session.cursor().size() > 10);
  CHECK(session.cursor().index() == 0);
  window.press(GLFW_KEY_SPACE);
  CHECK(session.cursor().index() == 1);
  window.press(GLFW_KEY_RIGHT);
  CHECK(session.cursor().index() == 2);
  window.press(GLFW_KEY_LEFT);
  CHECK(session.cursor().index() == 1);
  window.press(GLFW_KEY_END);
  CHECK(session.cursor().at_last());
  window.press(GLFW_KEY_HOME);
  CHECK(session.cursor().index() == 0);
  CHECK(session.current_step()->title == "handshake starts");  // step 1, as in `trace`
}

TEST_CASE("Ctrl +/- and Ctrl 0 change the text size and the fonts are rebuilt between frames") {
  Window window;
  const float start = window.app->settings().font_size;
  window.press(GLFW_KEY_EQUAL, true);
  CHECK(window.app->settings().font_size == start + 2);
  window.frame();
  CHECK(ImGui::GetFontSize() == Approx(start + 2));
  window.press(GLFW_KEY_MINUS, true);
  window.press(GLFW_KEY_MINUS, true);
  CHECK(window.app->settings().font_size == start - 2);
  window.press(GLFW_KEY_0, true);
  CHECK(window.app->settings().font_size == start);
}

TEST_CASE("F5 switches presenter mode with bigger text and Esc leaves it") {
  Window window;
  const float normal = window.app->wanted_font_size();
  window.press(GLFW_KEY_F5);
  CHECK(window.app->wanted_font_size() > normal * 1.4f);
  window.frame();
  window.press(GLFW_KEY_ESCAPE);
  CHECK(window.app->wanted_font_size() == normal);
}

TEST_CASE("An RSA-4096 rerun happens in the background: frames keep coming and the step is kept") {
  Window window;
  Session& session = window.app->session();
  window.press(GLFW_KEY_END);
  window.press(GLFW_KEY_HOME);
  for (int i = 0; i < 7; ++i) window.press(GLFW_KEY_RIGHT);
  const std::string title = session.current_step()->title;
  const auto* old_run = session.run();

  hl::Scenario slow;
  slow.seed = 4096;  // a seed never used before: the key is generated, not taken from a cache
  slow.cert.key = hl::KeyType::rsa4096;
  window.app->run(slow);
  std::vector<double> frame_ms;
  const auto start = std::chrono::steady_clock::now();
  auto since = [](auto t) { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count(); };
  while (window.app->runner().busy() && since(start) < 60000) frame_ms.push_back(window.frame());
  const double busy_ms = since(start);
  window.frame();  // the frame that adopts the finished run
  REQUIRE(frame_ms.size() > 10);
  std::sort(frame_ms.begin(), frame_ms.end());
  INFO(frame_ms.size() << " frames in " << busy_ms << " ms; median " << frame_ms[frame_ms.size() / 2] << " ms, slowest "
                       << frame_ms.back() << " ms");
  // The window kept drawing while the key was generated: no frame waited for the run.
  CHECK(frame_ms[frame_ms.size() / 2] < 50);
  CHECK(frame_ms.back() < std::max(250.0, busy_ms / 10));
  REQUIRE(session.run() != old_run);
  CHECK(session.run()->scenario.cert.key == hl::KeyType::rsa4096);
  CHECK(session.current_step()->title == title);
}
