// The lesson pane in the real window (hidden, under xvfb-run): a "predict the next message"
// question holds its step back (when stepping, not when jumping) until it is answered with
// the keyboard, the answer is saved as progress, and stepping marks the lesson opened.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "app/views/lesson_state.hpp"
#include "core/lessons/choice_order.hpp"
#include "core/lessons/loader.hpp"
#include "core/lessons/progress.hpp"
#include "gui_window.hpp"

using namespace hl::app;

namespace {

// The progress file goes to a temp XDG_DATA_HOME: the test never touches the user's.
struct TempDataHome {
  std::filesystem::path path;
  TempDataHome() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hl-gui-lessons-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
    ::setenv("XDG_DATA_HOME", path.c_str(), 1);
    ::setenv("HL_LESSONS_DIR", (std::string(HL_SOURCE_DIR) + "/lessons").c_str(), 1);
  }
  ~TempDataHome() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

ui::AppOptions lesson_options(const hl::Lesson& lesson) {
  ui::AppOptions options;  // progress persists, into the temp XDG_DATA_HOME above
  options.scenario = lesson.scenario;
  options.lesson_id = lesson.id;
  return options;
}

struct Window : hl::test::GuiWindow {
  explicit Window(const hl::Lesson& lesson) : GuiWindow(lesson_options(lesson), 1280, 800) {}

  void press(int key) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    frame();
  }

  std::string unit() const { return app->session().current_step()->app_unit; }  // typed, not the title
};

// The key that picks the question's choice `file_index` (its place in the lesson file): keys 1..9
// pick choices in the order the window shows them, choice_order's.
int key_for(const hl::Lesson& lesson, const hl::Question& question, std::size_t file_index) {
  const std::vector<std::size_t> order = hl::choice_order(lesson, question);
  return GLFW_KEY_1 + static_cast<int>(std::find(order.begin(), order.end(), file_index) - order.begin());
}
int right_key(const hl::Lesson& lesson, const hl::Question& question) { return key_for(lesson, question, question.answer); }
int wrong_key(const hl::Lesson& lesson, const hl::Question& question) {
  return key_for(lesson, question, question.answer == 0 ? 1 : 0);
}

}  // namespace

TEST_CASE("a predict question holds its step back until answered, and the answer is saved") {
  TempDataHome home;
  const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* lesson = hl::find_lesson(library, "imap-143");
  REQUIRE(lesson != nullptr);
  REQUIRE(lesson->questions[0].kind == hl::QuestionKind::predict);
  REQUIRE(lesson->questions[0].step == "a2 STARTTLS");
  REQUIRE(lesson->questions[0].answer == 0);

  Window window(*lesson);
  CHECK(window.unit() == "* OK (greeting)");
  window.press(GLFW_KEY_SPACE);
  window.press(GLFW_KEY_SPACE);
  CHECK(window.unit() == "a1 OK (CAPABILITY)");
  window.press(GLFW_KEY_SPACE);  // onto "a2 STARTTLS": held back, the question is asked instead
  CHECK(window.unit() == "a1 OK (CAPABILITY)");
  window.press(GLFW_KEY_RIGHT);  // still held back
  CHECK(window.unit() == "a1 OK (CAPABILITY)");

  window.press(right_key(*lesson, lesson->questions[0]));
  window.press(GLFW_KEY_SPACE);
  CHECK(window.unit() == "a2 STARTTLS");
  window.press(GLFW_KEY_LEFT);   // going back and forth again asks nothing
  window.press(GLFW_KEY_SPACE);
  CHECK(window.unit() == "a2 STARTTLS");

  const auto progress = hl::load_progress(home.path / "handshake-lab" / "progress.json");
  CHECK(progress.warning.empty());
  REQUIRE(progress.progress.lessons.count("imap-143") == 1);
  const auto& entry = progress.progress.lessons.at("imap-143");
  CHECK(entry.opened);
  CHECK(entry.correct == std::set<std::string>{lesson->questions[0].id});
}

TEST_CASE("a wrong prediction is not saved as right, but still lets the step through") {
  TempDataHome home;
  const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* lesson = hl::find_lesson(library, "pop3-110");
  REQUIRE(lesson != nullptr);
  REQUIRE(lesson->questions[0].step == "STLS");
  Window window(*lesson);
  window.press(GLFW_KEY_END);    // a jump is a deliberate skip: nothing is held back
  CHECK(window.app->session().cursor().at_last());
  window.press(GLFW_KEY_HOME);
  for (int i = 0; i < 4; ++i) window.press(GLFW_KEY_SPACE);  // greeting, CAPA, capabilities, then STLS: held
  CHECK(window.unit() == "+OK (capabilities)");
  window.press(wrong_key(*lesson, lesson->questions[0]));
  window.press(GLFW_KEY_SPACE);
  CHECK(window.unit() == "STLS");
  const auto progress = hl::load_progress(home.path / "handshake-lab" / "progress.json");
  REQUIRE(progress.progress.lessons.count("pop3-110") == 1);
  CHECK(progress.progress.lessons.at("pop3-110").correct.empty());
}

TEST_CASE("a waiting prediction can be changed by key, as by mouse, and still counts its first try") {
  TempDataHome home;
  const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* lesson = hl::find_lesson(library, "imap-143");
  REQUIRE(lesson != nullptr);
  const hl::Question& question = lesson->questions[0];
  REQUIRE(question.kind == hl::QuestionKind::predict);
  Window window(*lesson);
  for (int i = 0; i < 3; ++i) window.press(GLFW_KEY_SPACE);  // the third is held: the question waits
  CHECK(window.unit() == "a1 OK (CAPABILITY)");
  const auto path = home.path / "handshake-lab" / "progress.json";
  window.press(wrong_key(*lesson, question));
  CHECK(hl::answer_outcome(hl::load_progress(path).progress, lesson->id, question.id) == hl::AnswerOutcome::not_yet);
  window.press(right_key(*lesson, question));  // changed while still waiting
  CHECK(hl::answer_outcome(hl::load_progress(path).progress, lesson->id, question.id) == hl::AnswerOutcome::later);
  window.press(GLFW_KEY_SPACE);
  CHECK(window.unit() == "a2 STARTTLS");
}

TEST_CASE("every question answers from the keyboard, and a right answer after a wrong one is not a first try") {
  TempDataHome home;
  const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* lesson = hl::find_lesson(library, "imap-143");
  REQUIRE(lesson != nullptr);
  REQUIRE(lesson->questions.size() >= 3);
  Window window(*lesson);
  window.press(GLFW_KEY_END);  // every question is listed at the last step; the keys answer the first
  const hl::Question& first = lesson->questions[0];
  window.press(wrong_key(*lesson, first));
  window.press(right_key(*lesson, first));
  window.press(GLFW_KEY_ENTER);  // on to the second question
  const hl::Question& second = lesson->questions[1];
  window.press(right_key(*lesson, second));
  window.press(GLFW_KEY_KP_ENTER);
  const hl::Question& third = lesson->questions[2];
  window.press(wrong_key(*lesson, third));

  const hl::Progress progress = hl::load_progress(home.path / "handshake-lab" / "progress.json").progress;
  CHECK(hl::answer_outcome(progress, lesson->id, first.id) == hl::AnswerOutcome::later);
  CHECK(hl::answer_outcome(progress, lesson->id, second.id) == hl::AnswerOutcome::first_try);
  CHECK(hl::answer_outcome(progress, lesson->id, third.id) == hl::AnswerOutcome::not_yet);
  CHECK(window.app->session().cursor().at_last());  // the number keys and Enter never moved the step
}

TEST_CASE("the teacher's reset empties the saved progress") {
  TempDataHome home;
  const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* lesson = hl::find_lesson(library, "imap-143");
  REQUIRE(lesson != nullptr);
  LessonState state;
  state.ensure_loaded();
  state.mark_answer(*lesson, 0, lesson->questions[0].answer);
  const auto path = home.path / "handshake-lab" / "progress.json";
  CHECK(hl::load_progress(path).progress.lessons.count(lesson->id) == 1);
  CHECK(state.progress_mark(lesson->id) == "1/" + std::to_string(lesson->questions.size()));
  state.reset_progress();
  CHECK(hl::load_progress(path).progress.lessons.empty());
  CHECK(state.progress_mark(lesson->id).empty());
}

TEST_CASE("key N picks the N-th choice shown, not the N-th in the lesson file") {
  TempDataHome home;
  const hl::LessonLibrary library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const hl::Lesson* lesson = hl::find_lesson(library, "https-443");
  REQUIRE(lesson != nullptr);
  const hl::Question& first = lesson->questions[0];
  REQUIRE(first.answer == 0);  // the file lists the right answer first...
  REQUIRE(hl::choice_order(*lesson, first).front() != first.answer);  // ...and the window does not
  Window window(*lesson);
  window.press(GLFW_KEY_END);  // every question is listed; the keys answer the first
  window.press(GLFW_KEY_1);    // the first choice shown: a wrong one
  const auto path = home.path / "handshake-lab" / "progress.json";
  CHECK(hl::answer_outcome(hl::load_progress(path).progress, lesson->id, first.id) == hl::AnswerOutcome::not_yet);
  window.press(right_key(*lesson, first));
  CHECK(hl::answer_outcome(hl::load_progress(path).progress, lesson->id, first.id) == hl::AnswerOutcome::later);
}
