// Steps a teacher would name: every lesson's run groups the events of one side into one
// step (no two event steps of one side in a row), keeps each event inside it, and gives
// every single event back on request (trace --all-events).
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/engine/engine.hpp"
#include "core/engine/event_groups.hpp"
#include "core/lessons/loader.hpp"

namespace {

const hl::LessonLibrary& library() {
  static const hl::LessonLibrary loaded = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  return loaded;
}

hl::Transcript run(const hl::Scenario& lesson_scenario, bool starttls = true) {
  hl::Scenario scenario = lesson_scenario;
  scenario.seed = 1;
  scenario.starttls = starttls;
  return hl::run_scenario(scenario);
}

// Index (1-based) of the first event step that follows an event step of the same side; 0 when none.
std::size_t first_repeat(const hl::Transcript& transcript) {
  const auto& steps = transcript.steps;
  for (std::size_t i = 1; i < steps.size(); ++i) {
    const bool both_events = steps[i].kind == hl::StepKind::event && steps[i - 1].kind == hl::StepKind::event;
    if (both_events && steps[i].from == steps[i - 1].from) return i + 1;
  }
  return 0;
}

std::size_t num_parts(const hl::Transcript& transcript) {
  std::size_t parts = 0;
  for (const auto& step : transcript.steps) parts += step.parts.size();
  return parts;
}

hl::Step event(hl::Side side, hl::EventKind kind, const char* title) {
  hl::Step step;
  step.kind = hl::StepKind::event;
  step.from = step.to = side;
  step.event = kind;
  step.title = title;
  step.parts = {hl::EventPart{kind, title, std::string("detail of ") + title, {}, {}}};
  return step;
}

hl::Step record(hl::Side side) {
  hl::Step step;
  step.kind = hl::StepKind::record;
  step.from = side;
  step.messages = {hl::HandshakeType::client_hello};
  step.bytes = {22, 3, 1, 0, 0};
  return step;
}

}  // namespace

TEST_CASE("no lesson's run has two event steps of one side in a row") {
  REQUIRE(library().errors.empty());
  for (const auto& lesson : library().lessons) {
    for (bool starttls : {true, false}) {
      if (!starttls && lesson.mode != hl::PortMode::starttls) continue;
      INFO(lesson.id << (starttls ? "" : " (upgrade off)"));
      hl::Transcript transcript = run(lesson.scenario, starttls);
      CHECK(first_repeat(transcript) == 0);
      // Every event is still there, inside its step: expanded, each is a step of its own.
      hl::Transcript every = hl::expand_events(transcript);
      CHECK(every.steps.size() >= transcript.steps.size());
      for (const auto& step : every.steps) CHECK(step.parts.size() == (step.kind == hl::StepKind::event ? 1u : 0u));
      CHECK(num_parts(every) == num_parts(transcript));
    }
  }
}

TEST_CASE("https-443 has at most 22 steps, and 31 single events and records when expanded") {
  const hl::Lesson* lesson = hl::find_lesson(library(), "https-443");
  REQUIRE(lesson != nullptr);
  hl::Transcript transcript = run(lesson->scenario);
  CHECK(transcript.steps.size() <= 22);
  CHECK(hl::expand_events(transcript).steps.size() == 31);
}

TEST_CASE("the client's certificate checks are one step of their own, with every check inside") {
  const hl::Lesson* lesson = hl::find_lesson(library(), "https-443");
  REQUIRE(lesson != nullptr);
  hl::Transcript transcript = run(lesson->scenario);
  auto checks = std::find_if(transcript.steps.begin(), transcript.steps.end(),
                             [](const hl::Step& s) { return s.kind == hl::StepKind::event && s.event == hl::EventKind::verify; });
  REQUIRE(checks != transcript.steps.end());
  CHECK(checks->from == hl::Side::client);
  REQUIRE(checks->parts.size() == 3);
  for (const auto& part : checks->parts) CHECK(part.kind == hl::EventKind::verify);
  CHECK(checks->parts[0].verify.depth == 2);
  CHECK(checks->parts[2].verify.depth == 0);
  CHECK(checks->title == "Client checks the certificate chain (3 certificates: all pass)");
  // The record before it is the Certificate: the check sits where it happened.
  CHECK(hl::carries(*(checks - 1), hl::HandshakeType::certificate));
}

TEST_CASE("grouping: runs of one side's events merge, other steps split them") {
  hl::Transcript transcript;
  hl::Step secret = event(hl::Side::server, hl::EventKind::secret, "SERVER_HANDSHAKE_TRAFFIC_SECRET");
  secret.parts[0].keylog_line = "SERVER_HANDSHAKE_TRAFFIC_SECRET 00 11";
  transcript.steps = {event(hl::Side::client, hl::EventKind::state, "handshake starts"), record(hl::Side::client),
                      secret, event(hl::Side::server, hl::EventKind::note, "something"),
                      event(hl::Side::client, hl::EventKind::failure, "failure"), record(hl::Side::server)};
  hl::Transcript grouped = transcript;
  hl::group_events(grouped);
  REQUIRE(grouped.steps.size() == 4);
  // The lone state change went into the record the client sent next.
  CHECK(grouped.steps[0].kind == hl::StepKind::record);
  REQUIRE(grouped.steps[0].parts.size() == 1);
  CHECK(grouped.steps[0].parts[0].kind == hl::EventKind::state);
  // The server's two events are one step, named by its strongest part; labels stay in the detail.
  CHECK(grouped.steps[1].parts.size() == 2);
  CHECK(grouped.steps[1].event == hl::EventKind::secret);
  CHECK(grouped.steps[1].title == "Server derives its handshake keys and something");
  CHECK(grouped.steps[1].detail.rfind("SERVER_HANDSHAKE_TRAFFIC_SECRET: ", 0) == 0);
  CHECK(grouped.steps[2].from == hl::Side::client);
  CHECK(grouped.steps[2].event == hl::EventKind::failure);
  // Grouping twice changes nothing; expanding gives the original order of events back.
  hl::Transcript again = grouped;
  hl::group_events(again);
  CHECK(again.steps.size() == grouped.steps.size());
  hl::Transcript every = hl::expand_events(grouped);
  REQUIRE(every.steps.size() == transcript.steps.size());
  for (std::size_t i = 0; i < every.steps.size(); ++i) {
    INFO(i);
    CHECK(every.steps[i].kind == transcript.steps[i].kind);
    CHECK(every.steps[i].from == transcript.steps[i].from);
    CHECK(every.steps[i].event == transcript.steps[i].event);
  }
}

TEST_CASE("a failing chain says how many checks failed and the first error") {
  std::vector<hl::EventPart> parts(2);
  parts[0].kind = parts[1].kind = hl::EventKind::verify;
  parts[0].verify = {1, "CN=CA", true, 0, "ok", "X509_V_OK"};
  parts[1].verify = {0, "CN=leaf", false, 10, "certificate has expired", "X509_V_ERR_CERT_HAS_EXPIRED"};
  CHECK(hl::group_title(hl::Side::client, parts) ==
        "Client checks the certificate chain (2 certificates: 1 failing, certificate has expired)");
}
