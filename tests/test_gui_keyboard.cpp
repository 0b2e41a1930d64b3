// The whole window driven by the keyboard alone, in-process on a hidden window: Space/Right
// step on, Left back, Home/End jump, Ctrl +/- change the text size, F5 presenter mode; taps
// shorter than a frame are never lost; a predict question holds Next until answered or skipped.
// Keys go in through the platform's key queue, the path GLFW's key callback takes.
// Runs under xvfb-run (label "gui").
#include <catch2/catch.hpp>

#include <future>
#include <string>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "app/run_and_decode.hpp"
#include "gui_window.hpp"

using namespace hl::app;

namespace {

// Progress neither read from nor written to the learner's file.
ui::AppOptions without_progress(ui::AppOptions options, const std::string& lesson_id) {
  options.persist_progress = false;
  options.lesson_id = lesson_id;
  return options;
}

struct Window : hl::test::GuiWindow {
  // lesson_id "no-lesson": no lesson text, so no predict question holds steps back.
  explicit Window(ui::AppOptions options = {}, const std::string& lesson_id = "no-lesson")
      : GuiWindow(without_progress(std::move(options), lesson_id), 1280, 800) {}

  // Frames until every queued key event has been applied, and one more to act on the last.
  void drain() {
    while (platform->queued_keys() > 0) frame();
    frame();
  }

  // A tap, as GLFW's callback reports it: press and release arrive before the next frame.
  void tap(int key) {
    platform->queue_key({key, 0, GLFW_PRESS, 0});
    platform->queue_key({key, 0, GLFW_RELEASE, 0});
  }

  // One key press with or without Ctrl, applied through the frames it needs.
  void press(int key, bool ctrl = false) {
    if (ctrl) platform->queue_key({GLFW_KEY_LEFT_CONTROL, 0, GLFW_PRESS, GLFW_MOD_CONTROL});
    platform->queue_key({key, 0, GLFW_PRESS, ctrl ? GLFW_MOD_CONTROL : 0});
    platform->queue_key({key, 0, GLFW_RELEASE, ctrl ? GLFW_MOD_CONTROL : 0});
    if (ctrl) platform->queue_key({GLFW_KEY_LEFT_CONTROL, 0, GLFW_RELEASE, 0});
    drain();
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
  CHECK(hl::carries(*session.current_step(), hl::HandshakeType::client_hello));  // step 1, as in `trace`
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

TEST_CASE("Taps shorter than a frame are never lost") {
  Window window;
  Session& session = window.app->session();
  REQUIRE(session.cursor().size() > 12);
  // Ten taps whose presses and releases all arrive before one frame, as a clicker's 10 ms taps do.
  for (int i = 0; i < 10; ++i) window.tap(GLFW_KEY_SPACE);
  window.drain();
  CHECK(session.cursor().index() == 10);
  // Mixed keys in one burst are applied in order.
  window.tap(GLFW_KEY_LEFT);
  window.tap(GLFW_KEY_LEFT);
  window.tap(GLFW_KEY_RIGHT);
  window.drain();
  CHECK(session.cursor().index() == 9);
}

TEST_CASE("An RSA-4096 rerun happens in the background: frames keep coming and the step is kept") {
  // The run waits for the test to open a gate, so "the frame did not wait for the run" never
  // depends on how fast a loaded machine is.
  std::promise<void> gate;
  std::shared_future<void> opened = gate.get_future().share();
  ui::AppOptions options;
  options.run_function = [opened](const hl::Scenario& scenario) {
    if (scenario.cert.key == hl::KeyType::rsa4096) opened.wait();
    return run_and_decode(scenario);
  };
  Window window(options);
  Session& session = window.app->session();
  for (int i = 0; i < 7; ++i) window.press(GLFW_KEY_RIGHT);
  const hl::StepIdentity identity = hl::identity_of(*session.current_step());
  const auto old_serial = session.run_serial();

  hl::Scenario slow;
  slow.seed = 4096;  // a seed never used before: the key is generated, not taken from a cache
  slow.cert.key = hl::KeyType::rsa4096;
  window.app->run(slow);
  for (int i = 0; i < 20; ++i) window.frame();  // would never return if a frame waited for the run
  CHECK(window.app->runner().busy());
  CHECK(window.app->animating());  // the spinner turns: the window does not sleep
  CHECK(session.run_serial() == old_serial);
  window.press(GLFW_KEY_LEFT);  // the keyboard still works meanwhile
  window.press(GLFW_KEY_RIGHT);
  gate.set_value();
  window.app->wait_for_run();
  window.frame();
  REQUIRE(session.run_serial() != old_serial);
  CHECK(session.run()->scenario.cert.key == hl::KeyType::rsa4096);
  CHECK(hl::identity_of(*session.current_step()) == identity);
}

TEST_CASE("Another lesson starts at step 1; a rerun of the same lesson keeps the step") {
  Window window;
  Session& session = window.app->session();
  hl::Scenario first = session.run()->scenario;
  first.id = "lesson-a";
  window.app->run(first);
  window.app->wait_for_run();
  for (int i = 0; i < 8; ++i) window.press(GLFW_KEY_RIGHT);
  REQUIRE(session.cursor().index() == 8);

  window.app->run(first);  // the same lesson again, as a scenario setting changes it
  window.app->wait_for_run();
  window.frame();
  CHECK(session.cursor().index() == 8);

  hl::Scenario second = first;
  second.id = "lesson-b";
  window.app->run(second);
  window.app->wait_for_run();
  window.frame();
  CHECK(session.cursor().index() == 0);
}

TEST_CASE("A predict question holds Next until it is answered or skipped with N") {
  Window window({}, "https-443");
  Session& session = window.app->session();
  // Step on until a question holds the next step back.
  for (std::size_t i = 0; i < session.cursor().size() && !session.next_held(); ++i) window.press(GLFW_KEY_SPACE);
  REQUIRE(session.next_held());
  const std::size_t held_at = session.cursor().index();
  window.press(GLFW_KEY_SPACE);
  window.press(GLFW_KEY_RIGHT);
  CHECK(session.cursor().index() == held_at);  // Next is refused while the question waits
  window.press(GLFW_KEY_N);
  CHECK(session.cursor().index() == held_at + 1);  // skipped: on to the real message
  window.press(GLFW_KEY_LEFT);
  CHECK_FALSE(session.next_held());  // a skipped question is not asked again
  window.press(GLFW_KEY_SPACE);
  CHECK(session.cursor().index() == held_at + 1);
}

TEST_CASE("An answered predict question lets Next go on to the real message") {
  Window window({}, "https-443");
  Session& session = window.app->session();
  for (std::size_t i = 0; i < session.cursor().size() && !session.next_held(); ++i) window.press(GLFW_KEY_SPACE);
  REQUIRE(session.next_held());
  const std::size_t held_at = session.cursor().index();
  window.press(GLFW_KEY_1);  // any answer, right or wrong, lets the learner see the real message
  CHECK_FALSE(session.next_held());
  window.press(GLFW_KEY_SPACE);
  CHECK(session.cursor().index() == held_at + 1);
}
