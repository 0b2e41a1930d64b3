// Every lesson's trace runs, and its step anchors and predict questions name steps that
// really occur (validate_anchors against hl::run_scenario). Seeded, so failures repeat.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/engine/engine.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/loader.hpp"

namespace {

const hl::LessonLibrary& library() {
  static const hl::LessonLibrary loaded = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  return loaded;
}

hl::Transcript run(const hl::Lesson& lesson, bool starttls = true) {
  hl::Scenario scenario = lesson.scenario;
  scenario.seed = 5;
  scenario.starttls = starttls;
  return hl::run_scenario(scenario);
}

std::string titles(const hl::Transcript& transcript) {
  std::string text;
  for (const auto& step : transcript.steps)
    if (step.kind != hl::StepKind::event) text += std::string(hl::side_name(step.from)) + ": " + step.title + "\n";
  return text;
}

bool is_record(const hl::Step& step) { return step.kind == hl::StepKind::record; }
bool is_clear_line(const hl::Step& step) { return step.kind == hl::StepKind::app_line; }

}  // namespace

TEST_CASE("every lesson's trace runs and its anchors name real steps") {
  REQUIRE(library().errors.empty());
  for (const auto& lesson : library().lessons) {
    hl::Transcript transcript = run(lesson);
    INFO(lesson.id << "\n" << titles(transcript));
    CHECK(transcript.failure.empty());
    if (lesson.mode != hl::PortMode::plaintext) CHECK(transcript.handshake_complete);
    // A STARTTLS lesson is also taught with the upgrade off: its anchors may name steps of either run.
    hl::Transcript both = transcript;
    if (lesson.mode == hl::PortMode::starttls) {
      hl::Transcript off = run(lesson, false);
      CHECK(off.failure.empty());
      both.steps.insert(both.steps.end(), off.steps.begin(), off.steps.end());
    }
    for (const auto& error : hl::validate_anchors(lesson, both)) FAIL_CHECK(hl::to_string(error));
  }
}

TEST_CASE("a lesson anchor to a step that never occurs fails validation against the real run") {
  hl::LessonLibrary broken = hl::load_lesson_library(std::string(HL_TEST_DATA) + "/lessons/broken");
  const hl::Lesson* lesson = hl::find_lesson(broken, "fixture-bad-anchor");
  REQUIRE(lesson != nullptr);
  auto errors = hl::validate_anchors(*lesson, run(*lesson));
  REQUIRE(errors.size() == 1);
  CHECK_THAT(hl::to_string(errors[0]), Catch::EndsWith("bad_anchor.md:13: step anchor 'NoSuchStep' matches no step of this lesson's run"));
}

TEST_CASE("each port lesson's run has the shape its mode promises") {
  for (const auto& lesson : library().lessons) {
    if (!lesson.port) continue;
    hl::Transcript transcript = run(lesson);
    INFO(lesson.id << "\n" << titles(transcript));
    const auto& steps = transcript.steps;
    auto first_record = std::find_if(steps.begin(), steps.end(), is_record);
    auto clear_lines = std::count_if(steps.begin(), steps.end(), is_clear_line);
    if (lesson.mode == hl::PortMode::plaintext) {
      CHECK(first_record == steps.end());
      CHECK(clear_lines > 0);
    }
    if (lesson.mode == hl::PortMode::implicit_tls) {
      CHECK(first_record != steps.end());
      CHECK(clear_lines == 0);
    }
    if (lesson.mode == hl::PortMode::starttls) {
      REQUIRE(first_record != steps.end());
      CHECK(std::count_if(steps.begin(), first_record, is_clear_line) > 0);      // the upgrade, in the clear
      CHECK(std::count_if(first_record, steps.end(), is_clear_line) == 0);       // nothing in the clear after
      hl::Transcript off = run(lesson, false);
      CHECK(std::none_of(off.steps.begin(), off.steps.end(), is_record));        // starttls=off: no TLS at all
    }
  }
}
