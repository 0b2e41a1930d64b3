// choice_order(): the order the window and the handout present a question's choices in. The
// lesson files list the right answer first; presented in that order, it would always be choice 1.
#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>
#include <set>
#include <string>

#include "core/lessons/choice_order.hpp"
#include "core/lessons/loader.hpp"

namespace {

const hl::LessonLibrary& library() {
  static const hl::LessonLibrary loaded = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  return loaded;
}

hl::Question four_choices(const std::string& id) {
  hl::Question question;
  question.id = id;
  for (const char* text : {"a", "b", "c", "d"}) question.choices.push_back({text, "", false});
  question.choices[0].correct = true;
  return question;
}

}  // namespace

TEST_CASE("choice_order is a permutation that depends only on the lesson and question ids") {
  hl::Lesson lesson;
  lesson.id = "https-443";
  const hl::Question question = four_choices("q1");
  const auto order = hl::choice_order(lesson, question);
  std::vector<std::size_t> sorted = order;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::size_t> identity(4);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(sorted == identity);
  CHECK(hl::choice_order(lesson, question) == order);  // the same every call

  // Across many question ids the orders differ, and the first choice is not always shown first.
  std::set<std::vector<std::size_t>> seen;
  int first_shown_first = 0;
  for (int i = 0; i < 48; ++i) {
    const auto shuffled = hl::choice_order(lesson, four_choices("q" + std::to_string(i)));
    seen.insert(shuffled);
    first_shown_first += shuffled[0] == 0 ? 1 : 0;
  }
  CHECK(seen.size() > 6);
  CHECK(first_shown_first < 24);
}

TEST_CASE("choice_order of no choices or one choice") {
  hl::Lesson lesson;
  lesson.id = "x";
  hl::Question question;
  question.id = "q";
  CHECK(hl::choice_order(lesson, question).empty());
  question.choices.push_back({"only", "", true});
  CHECK(hl::choice_order(lesson, question) == std::vector<std::size_t>{0});
}

TEST_CASE("in every lesson with questions, the right answer is not always shown first") {
  REQUIRE(library().errors.empty());
  REQUIRE(library().lessons.size() >= 20);
  for (const hl::Lesson& lesson : library().lessons) {
    if (lesson.questions.empty()) continue;
    INFO(lesson.id);
    std::size_t right_shown_first = 0;
    for (const hl::Question& question : lesson.questions)
      right_shown_first += hl::choice_order(lesson, question).front() == question.answer ? 1 : 0;
    CHECK(right_shown_first < lesson.questions.size());
  }
}
