// The whole window driven by the keyboard alone, in-process on a hidden window: Space/Right
// step on, Left back, Home/End jump, Ctrl +/- change the text size, F5 presenter mode.
// Runs under xvfb-run (label "gui").
#include <catch2/catch.hpp>

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
    std::string error;
    platform = ui::Platform::open({1280, 800, false, "test"}, error);
    INFO(error);
    REQUIRE(platform);
    ui::AppOptions options;
    options.persist_settings = false;
    options.scenario.seed = 7;
    app = std::make_unique<ui::App>(options);
    app->wait_for_run();
    frame();
  }

  void frame() {
    platform->new_frame(*app);
    app->frame();
    platform->render();
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
  CHECK(session.current_step()->title == "ClientHello");
}

TEST_CASE("Ctrl +/- and Ctrl 0 change the text size; fonts are rebuilt between frames") {
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

TEST_CASE("F5 switches presenter mode with bigger text; Esc leaves it") {
  Window window;
  const float normal = window.app->wanted_font_size();
  window.press(GLFW_KEY_F5);
  CHECK(window.app->wanted_font_size() > normal * 1.4f);
  window.frame();
  window.press(GLFW_KEY_ESCAPE);
  CHECK(window.app->wanted_font_size() == normal);
}
