// The Audit pane in the real window (hidden, under xvfb-run): lesson audit's server is graded D
// when the pane is shown, and a fixed server from the Scenario panel is graded again, A.
#include <catch2/catch.hpp>

#include <stdlib.h>

#include "app/views/audit_view.hpp"
#include "core/lessons/loader.hpp"
#include "gui_window.hpp"

using namespace hl::app;

TEST_CASE("the Audit pane grades the Scenario panel's server and grades it again after a change") {
  ::setenv("HL_LESSONS_DIR", (std::string(HL_SOURCE_DIR) + "/lessons").c_str(), 1);
  const hl::LessonLibrary library = hl::load_lesson_library(hl::find_lessons_dir());
  const hl::Lesson* lesson = hl::find_lesson(library, "audit");
  REQUIRE(lesson != nullptr);
  ui::AppOptions options;
  options.scenario = lesson->scenario;
  options.lesson_id = lesson->id;
  options.persist_progress = false;
  hl::test::GuiWindow window(options, 1280, 800);

  auto* view = dynamic_cast<AuditView*>(window.app->find_view("Audit"));
  REQUIRE(view != nullptr);
  window.app->show_view("Audit");
  window.frames(3);
  REQUIRE(view->report() != nullptr);
  CHECK(view->report()->grade == 'D');
  CHECK(view->report()->findings.size() == 6);

  hl::Scenario fixed = lesson->scenario;
  fixed.seed = 7;
  for (const auto& [key, value] : {std::pair{"version", "1.3"}, {"hsts", "on"}, {"cert-days", "90"}, {"ocsp", "good"}})
    REQUIRE(hl::set_scenario_field(fixed, key, value).empty());
  window.app->run(fixed);
  window.app->wait_for_run();
  window.frames(3);
  REQUIRE(view->report() != nullptr);
  CHECK(view->report()->grade == 'A');
}
