// The key schedule pane and the record pane's protection breakdown in the real window
// (hidden, under xvfb-run): the pane draws the RFC 8446 §7.1 nodes, lights the ones the
// current step made, stays in presenter mode, and the protection parts of a protected record
// reach the session so the hex view lights them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>

#include <imgui.h>

#include "app/views/key_schedule_view.hpp"
#include "gui_window.hpp"

using namespace hl::app;

namespace {

ui::AppOptions lesson_options(const std::string& lesson_id) {
  ui::AppOptions options;
  options.persist_progress = false;
  options.lesson_id = lesson_id;
  return options;
}

struct Window : hl::test::GuiWindow {
  explicit Window(const std::string& lesson_id = "no-lesson") : GuiWindow(lesson_options(lesson_id), 1600, 1000) {}

  const KeyScheduleView& schedule() {
    auto* view = dynamic_cast<KeyScheduleView*>(app->find_view("Key schedule"));
    REQUIRE(view != nullptr);
    return *view;
  }

  std::size_t step_carrying(hl::HandshakeType type) {
    const auto& steps = app->session().run()->transcript.steps;
    for (std::size_t i = 0; i < steps.size(); ++i)
      if (hl::carries(steps[i], type)) return i;
    FAIL("no such step");
    return 0;
  }
};

bool has(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

TEST_CASE("The key schedule pane draws the schedule and lights what the current step made") {
  Window window;
  window.app->show_view("Key schedule");
  window.app->session().jump_to_step(window.step_carrying(hl::HandshakeType::server_hello));
  window.frames(3);
  const DrawnSchedule& drawn = window.schedule().drawn();
  for (const char* name : {"early_secret", "handshake_secret", "master_secret", "client_handshake_traffic_secret",
                           "server_application_traffic_secret_0", "exporter_master_secret"}) {
    INFO(name);
    CHECK(has(drawn.nodes, name));
  }
  CHECK(has(drawn.lit, "server_handshake_traffic_secret"));
  CHECK_FALSE(has(drawn.lit, "early_secret"));

  // Step to the server's Finished: now the application secrets are the lit ones.
  window.app->session().jump_to_step(window.step_carrying(hl::HandshakeType::finished));
  window.frames(2);
  CHECK(has(window.schedule().drawn().lit, "server_application_traffic_secret_0"));
  CHECK_FALSE(has(window.schedule().drawn().lit, "server_handshake_traffic_secret"));
}

TEST_CASE("Presenter mode keeps the key schedule beside the ladder") {
  Window window;
  window.app->perform(Action::presenter_mode);
  window.app->show_view("Key schedule");
  window.frames(4);
  CHECK(has(window.schedule().drawn().nodes, "master_secret"));
}

TEST_CASE("The key-schedule lesson opens with the key schedule in front") {
  ::setenv("HL_LESSONS_DIR", (std::string(HL_SOURCE_DIR) + "/lessons").c_str(), 1);
  Window window("key-schedule");
  window.frames(3);
  CHECK(has(window.schedule().drawn().nodes, "early_secret"));
}
