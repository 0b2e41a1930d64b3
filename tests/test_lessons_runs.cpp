// Every lesson's trace runs, and its step anchors and predict questions name steps that
// really occur (validate_anchors against hl::run_scenario). Seeded, so failures repeat.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/loader.hpp"
#include "core/lessons/predict.hpp"
#include "core/model/flows.hpp"

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
    // Lessons about a broken certificate or an attack TLS catches fail on purpose, with an alert
    // on the wire; a stripped STARTTLS lesson runs without TLS.
    const hl::ExpectedOutcome expected = hl::expected_outcome(lesson.scenario);
    const bool breaks = expected.fails || !expected.tls;
    CHECK(transcript.failure.empty() != expected.fails);
    if (expected.alert) CHECK(hl::failure_cause(transcript).alert_step != 0);
    CHECK(transcript.handshake_complete == (lesson.mode != hl::PortMode::plaintext && !breaks));
    // A STARTTLS lesson is also taught with the upgrade off: its anchors may name steps of either run.
    hl::Transcript both = transcript;
    if (lesson.mode == hl::PortMode::starttls) {
      hl::Transcript off = run(lesson, false);
      CHECK(off.failure.empty());
      both.steps.insert(both.steps.end(), off.steps.begin(), off.steps.end());
    }
    for (const auto& error : hl::validate_anchors(lesson, both)) FAIL_CHECK(hl::to_string(error));
    // Each run follows a handshake flow, and predict questions ask for what that flow expects.
    // A run broken on purpose stops mid-flow at an alert, which no flow lists (its anchors and
    // predicted steps are still checked above).
    if (breaks) continue;
    if (lesson.mode != hl::PortMode::plaintext) {
      const hl::flows::Match match = hl::flows::pick(transcript);
      REQUIRE(match.flow != nullptr);
      CHECK(match.complete);
      CHECK_FALSE(match.unexpected);
    }
    for (const auto& error : hl::validate_predictions(lesson, transcript)) FAIL_CHECK(hl::to_string(error));
  }
}

TEST_CASE("the flow's expectation before a predicted step names that step's message") {
  const hl::Lesson* lesson = hl::find_lesson(library(), "handshake");
  REQUIRE(lesson != nullptr);
  hl::Transcript transcript = run(*lesson);
  const auto messages = hl::flows::messages_of(transcript);
  REQUIRE(messages.size() > 2);
  // Before the ServerHello (the second message): the TLS 1.3 flow expects exactly it.
  CHECK(hl::flow_expectation(transcript, messages[1].step) ==
        "Next in the TLS 1.3 full handshake: server: ServerHello.");
  CHECK(hl::flow_expectation(transcript, messages[0].step) == "Next in the TLS 1.3 full handshake: client: ClientHello.");
  auto event = std::find_if(transcript.steps.begin(), transcript.steps.end(),
                            [](const hl::Step& step) { return step.kind == hl::StepKind::event; });
  REQUIRE(event != transcript.steps.end());
  CHECK(hl::flow_expectation(transcript, static_cast<std::size_t>(event - transcript.steps.begin())).empty());  // no message to predict
}

TEST_CASE("a predict question at a message its flow does not expect there fails validation") {
  const hl::Lesson* lesson = hl::find_lesson(library(), "handshake");
  REQUIRE(lesson != nullptr);
  hl::Transcript transcript = run(*lesson);
  REQUIRE(hl::validate_predictions(*lesson, transcript).empty());
  // The lesson predicts the ServerHello. Make the client send it: no flow has that.
  auto messages = hl::flows::messages_of(transcript);
  REQUIRE(messages.size() > 2);
  REQUIRE(messages[1].type == hl::HandshakeType::server_hello);
  transcript.steps[messages[1].step].from = hl::Side::client;
  auto errors = hl::validate_predictions(*lesson, transcript);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(hl::to_string(errors[0]), Catch::Contains("handshake.md:"));
  CHECK_THAT(errors[0].message, Catch::Contains("does not expect"));
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
    if (lesson.mode == hl::PortMode::starttls && !hl::expected_outcome(lesson.scenario).tls) {
      CHECK(first_record == steps.end());  // stripped on purpose: the whole dialogue in the clear
      CHECK(clear_lines > 0);
      continue;
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

TEST_CASE("every step of a port lesson that the handshake lesson covers shows a section about that step") {
  const hl::Lesson* handshake = hl::find_lesson(library(), "handshake");
  REQUIRE(handshake != nullptr);
  for (const auto& lesson : library().lessons) {
    if (!lesson.port) continue;
    const hl::Transcript transcript = run(lesson);
    for (std::size_t i = 0; i < transcript.steps.size(); ++i) {
      const hl::Step& step = transcript.steps[i];
      const bool covered = std::any_of(handshake->body.anchors.begin(), handshake->body.anchors.end(),
                                       [&](const hl::StepAnchor& a) { return hl::step_matches(step, a.step); });
      if (!covered) continue;
      const hl::StepSection section = hl::section_at_step(lesson, handshake, transcript, i);
      INFO(lesson.id << " step " << i + 1 << ": " << step.title);
      REQUIRE(section.lesson != nullptr);
      CHECK(hl::step_matches(step, section.lesson->body.anchors[static_cast<std::size_t>(section.anchor)].step));
      CHECK(section.from_fallback == (section.lesson != &lesson));
    }
  }
  // The student's case: https-443 had no text after the Certificate.
  const hl::Lesson* https = hl::find_lesson(library(), "https-443");
  REQUIRE(https != nullptr);
  const hl::Transcript transcript = run(*https);
  auto verify = std::find_if(transcript.steps.begin(), transcript.steps.end(),
                             [](const hl::Step& s) { return hl::step_matches(s, "CertificateVerify"); });
  REQUIRE(verify != transcript.steps.end());
  const auto at = static_cast<std::size_t>(verify - transcript.steps.begin());
  const hl::StepSection section = hl::section_at_step(*https, handshake, transcript, at);
  CHECK(section.from_fallback);
  CHECK(section.lesson == handshake);
}
