// The compare view in the real window (hidden, under xvfb-run; label "gui"): opened with
// KEY=VALUE overrides, by a lesson's [compare] table, or on two runs given in code with a fork
// mark; one key moves both ladders and the lesson's run follows; its two halves are different
// pictures; closing it brings back the single run's ladder.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <string>

#include "app/run_and_decode.hpp"
#include "app/views/compare_view.hpp"
#include "core/lessons/loader.hpp"
#include "gui_window.hpp"

using namespace hl::app;

namespace {

ui::AppOptions compare_options(ScenarioOverrides overrides, const std::string& lesson_id = "no-lesson") {
  ui::AppOptions options;
  options.persist_progress = false;
  options.lesson_id = lesson_id;
  options.compare = std::move(overrides);
  return options;
}

struct Window : hl::test::GuiWindow {
  explicit Window(ui::AppOptions options) : GuiWindow(std::move(options), 1600, 1000) {}

  void press(int key) {
    platform->queue_key({key, 0, GLFW_PRESS, 0});
    platform->queue_key({key, 0, GLFW_RELEASE, 0});
    while (platform->queued_keys() > 0) frame();
    frame();
  }

  const CompareView& compare_view() {
    auto* view = dynamic_cast<CompareView*>(app->find_view("Compare"));
    REQUIRE(view != nullptr);
    return *view;
  }
};

// The pixels of a screen rectangle (top-left origin) as RGB rows; read_pixels() is bottom-up RGBA.
std::vector<unsigned char> crop(const std::vector<std::uint8_t>& rgba, int width, int height, ImVec4 rect) {
  const int x0 = std::clamp(static_cast<int>(rect.x), 0, width), x1 = std::clamp(static_cast<int>(rect.z), 0, width);
  const int y0 = std::clamp(static_cast<int>(rect.y), 0, height), y1 = std::clamp(static_cast<int>(rect.w), 0, height);
  std::vector<unsigned char> out;
  for (int y = y0; y < y1; ++y) {
    // Whether rows come top-down or bottom-up, the same rows of both halves are compared.
    const std::size_t row = static_cast<std::size_t>(y) * static_cast<std::size_t>(width) * 4;
    for (int x = x0; x < x1; ++x)
      for (int channel = 0; channel < 3; ++channel) out.push_back(rgba[row + static_cast<std::size_t>(x) * 4 + channel]);
  }
  return out;
}

}  // namespace

TEST_CASE("compare view: TLS 1.3 beside TLS 1.2, one key moves both ladders, the halves differ") {
  Window window(compare_options({{"version", "1.2"}}));
  window.frames(3);
  const Comparison& compare = window.app->comparison();
  REQUIRE(compare.active());
  CHECK(compare.side(Half::left).label == "TLS 1.3");
  CHECK(compare.side(Half::right).label == "TLS 1.2");
  CHECK(compare.side(Half::left).run == window.app->session().shared_run());
  REQUIRE(compare.rows().size() > 10);

  // Right steps both ladders: one row on; the session (lesson pane, step note) follows the left run.
  CHECK(compare.cursor().index() == 0);
  window.press(GLFW_KEY_RIGHT);
  window.press(GLFW_KEY_RIGHT);
  CHECK(compare.cursor().index() == 2);
  REQUIRE(compare.step_at_or_before(Half::left));
  CHECK(window.app->session().current_index() == *compare.step_at_or_before(Half::left));
  window.press(GLFW_KEY_END);
  CHECK(compare.cursor().at_last());
  window.press(GLFW_KEY_HOME);
  CHECK(compare.cursor().at_first());

  window.app->perform(Action::next_step);
  window.frames(2);

  // The two halves of the picture: both drawn, and different (TLS 1.3's ladder is not TLS 1.2's).
  const ImVec4 left = window.compare_view().ladder_rect(Half::left);
  const ImVec4 right = window.compare_view().ladder_rect(Half::right);
  REQUIRE(left.z - left.x > 200);
  CHECK(right.z - right.x == left.z - left.x);
  CHECK(right.w - right.y == left.w - left.y);
  const auto pixels = window.platform->read_pixels();
  const int width = window.platform->width(), height = window.platform->height();
  const auto a = crop(pixels, width, height, left), b = crop(pixels, width, height, right);
  REQUIRE(a.size() == b.size());
  REQUIRE(!a.empty());
  std::size_t different = 0;
  std::set<unsigned> colours_a, colours_b;
  for (std::size_t i = 0; i + 2 < a.size(); i += 3) {
    different += a[i] != b[i] || a[i + 1] != b[i + 1] || a[i + 2] != b[i + 2];
    colours_a.insert(a[i] << 16 | a[i + 1] << 8 | a[i + 2]);
    colours_b.insert(b[i] << 16 | b[i + 1] << 8 | b[i + 2]);
  }
  const double fraction = static_cast<double>(different) / static_cast<double>(a.size() / 3);
  INFO("pixels that differ between the halves: " << fraction);
  CHECK(fraction > 0.03);
  CHECK(colours_a.size() > 8);  // arrows, text, lifelines: not a blank pane
  CHECK(colours_b.size() > 8);

  // Back to one run: the single ladder again, stepping moves the session.
  window.app->close_compare();
  window.frames(2);
  CHECK_FALSE(window.app->comparison().active());
  const std::size_t before = window.app->session().cursor().index();
  window.press(GLFW_KEY_RIGHT);
  CHECK(window.app->session().cursor().index() == before + 1);
}

TEST_CASE("compare view: a rerun of the scenario reruns both sides and keeps the row") {
  Window window(compare_options({{"resume", "ticket"}}));
  window.frames(2);
  const Comparison& compare = window.app->comparison();
  REQUIRE(compare.active());
  CHECK(compare.side(Half::right).connection == 2);  // the resumed connection beside the full one
  CHECK(compare.side(Half::right).label == "resumed (ticket)");
  const std::uint64_t before = compare.serial();
  window.app->perform(Action::next_step);
  window.frames(1);
  hl::Scenario scenario = window.app->session().run()->scenario;
  REQUIRE(hl::set_scenario_field(scenario, "groups", "P-256").empty());
  window.app->run(scenario);
  window.app->wait_for_run();
  window.frames(2);
  CHECK(compare.serial() != before);
  CHECK(compare.cursor().index() == 1);
  CHECK(window.app->compare_overrides() == ScenarioOverrides{{"resume", "ticket"}});
  // A refused setting leaves the comparison as it was.
  std::string error;
  CHECK_FALSE(window.app->compare_with({{"version", "1.4"}}, error));
  CHECK_FALSE(error.empty());
  CHECK(compare.active());
}

TEST_CASE("compare view from code: two given runs, the fork marked, kept across reruns") {
  Window window(compare_options({}));
  CHECK_FALSE(window.app->comparison().active());
  const auto original = window.app->session().shared_run();
  hl::Transcript edited = original->transcript;
  auto certificate = std::find_if(edited.steps.begin(), edited.steps.end(),
                                  [](const hl::Step& step) { return hl::carries(step, hl::HandshakeType::certificate); });
  REQUIRE(certificate != edited.steps.end());
  certificate->bytes.back() ^= 0x01;
  const auto edited_run = make_run_data(original->scenario, edited, original->decoded);
  window.app->open_compare({{original, "original"}, {edited_run, "edited"}, true});
  window.frames(2);
  const Comparison& compare = window.app->comparison();
  REQUIRE(compare.active());
  REQUIRE(compare.fork_row());
  CHECK(compare.rows()[*compare.fork_row()].left->step == static_cast<std::size_t>(certificate - edited.steps.begin()));
  CHECK(compare.side(Half::right).label == "edited");
  // A rerun of the lesson's scenario does not replace runs given in code.
  window.app->run(window.app->session().run()->scenario);
  window.app->wait_for_run();
  window.frames(2);
  CHECK(compare.side(Half::right).run == edited_run);
}

TEST_CASE("the tls12-vs-tls13 lesson opens in the compare view, TLS 1.2 beside TLS 1.3") {
  ::setenv("HL_LESSONS_DIR", (std::string(HL_SOURCE_DIR) + "/lessons").c_str(), 1);
  const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* lesson = hl::find_lesson(library, "tls12-vs-tls13");
  REQUIRE(lesson != nullptr);
  CHECK(lesson->compare == std::vector<std::pair<std::string, std::string>>{{"version", "1.3"}});
  ui::AppOptions options = compare_options({}, lesson->id);
  options.scenario = lesson->scenario;
  Window window(options);
  window.frames(2);           // the lesson pane asks for the comparison ...
  window.app->wait_for_run();  // ... whose right-hand run comes from the background
  window.frames(2);
  const Comparison& compare = window.app->comparison();
  REQUIRE(compare.active());
  CHECK(compare.side(Half::left).label == "TLS 1.2");
  CHECK(compare.side(Half::right).label == "TLS 1.3");
  CHECK(compare.summary(Half::left).round_trips == std::vector<std::optional<std::size_t>>{2});
  CHECK(compare.summary(Half::right).round_trips == std::vector<std::optional<std::size_t>>{1});
}
