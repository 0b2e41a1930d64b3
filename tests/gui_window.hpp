// The real window the GUI tests drive (hidden, under xvfb-run): the platform and the App on a
// fixed seed, settings kept out of the user's config directory, and a way to draw frames.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <imgui_internal.h>

#include "app/ui/app.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/platform.hpp"

namespace hl::test {

struct GuiWindow {
  std::unique_ptr<app::ui::Platform> platform;
  std::unique_ptr<app::ui::App> app;

  /// Opens a width x height window on `options` (seed 7, settings not persisted) and draws one frame
  /// once the first run is ready. Whether progress persists is the caller's choice, in `options`.
  GuiWindow(app::ui::AppOptions options, int width, int height) {
    // Nothing a test does may land in the real config directory.
    ::setenv("XDG_CONFIG_HOME", (std::filesystem::temp_directory_path() / "hl-test-gui-config").c_str(), 1);
    std::string error;
    platform = app::ui::Platform::open({width, height, false, "test"}, error);
    // An Xvfb started without -noreset resets when its last client leaves; a window opened in
    // that moment fails. Wait it out a few times before calling the display missing.
    for (int attempt = 0; !platform && attempt < 5; ++attempt) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      platform = app::ui::Platform::open({width, height, false, "test"}, error);
    }
    INFO(error);
    REQUIRE(platform);
    options.persist_settings = false;
    options.scenario.seed = 7;
    app = std::make_unique<app::ui::App>(options);
    app->wait_for_run();
    frame();
  }

  /// One whole frame: input, the App's views, rendering.
  void frame() {
    platform->new_frame(*app);
    app->frame();
    platform->render();
  }

  void frames(int count) {
    for (int i = 0; i < count; ++i) frame();
  }

  /// Where a view drew `text` of `group` this frame (the layout probe); fails the test when it drew none.
  ImRect probed(const std::string& group, const std::string& text) {
    app::ui::start_layout_probe();
    frame();
    const auto drawn = app::ui::take_layout_probe();
    for (auto it = drawn.rbegin(); it != drawn.rend(); ++it)
      if (it->group == group && it->text == text) return {it->min, it->max};
    FAIL("nothing drawn as \"" << text << "\" in " << group);
    return {};
  }

  /// A left click in the middle of `target` as a person makes it: the pointer moves there, the
  /// button goes down, then up, a frame each; then a frame for what the click did.
  void click(const ImRect& target) {
    const ImVec2 at((target.Min.x + target.Max.x) * 0.5f, (target.Min.y + target.Max.y) * 0.5f);
    for (bool down : {false, true, false}) platform->queue_pointer({at.x, at.y, down});
    while (platform->queued_pointer() > 0) frame();
    frame();
  }
};

}  // namespace hl::test
