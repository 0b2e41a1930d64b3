// feedback_text(): one verdict, never doubled, and a wrong prediction names the right answer.
#include <catch2/catch.hpp>

#include "core/lessons/feedback.hpp"
#include "core/lessons/loader.hpp"

namespace {

hl::Question question(hl::QuestionKind kind) {
  hl::Question q;
  q.kind = kind;
  q.choices = {{"STLS", "Right. STLS is POP3's STARTTLS.", true},
               {"USER alice", "That would start the login in the clear.", false},
               {"STARTTLS", "No: POP3 spells it STLS.", false},
               {"CAPA", "Yes (RFC 2449) it exists, but not now.", false}};
  q.answer = 0;
  return q;
}

}  // namespace

TEST_CASE("feedback adds a verdict only when the feedback has none") {
  auto q = question(hl::QuestionKind::choice);
  CHECK(hl::feedback_text(q, 0) == "\u2713 Right. STLS is POP3's STARTTLS.");
  CHECK(hl::feedback_text(q, 1) == "\u2717 Not quite. That would start the login in the clear.");
  CHECK(hl::feedback_text(q, 2) == "\u2717 No: POP3 spells it STLS.");
  CHECK(hl::feedback_text(q, 3) == "\u2717 Yes (RFC 2449) it exists, but not now.");
  CHECK(hl::feedback_text(q, 9).empty());
}

TEST_CASE("a wrong prediction names the right answer; a wrong multiple choice leaves room to retry") {
  auto predict = question(hl::QuestionKind::predict);
  CHECK(hl::feedback_text(predict, 1) == "\u2717 Not quite. That would start the login in the clear. The answer: STLS.");
  CHECK(hl::feedback_text(predict, 0) == "\u2713 Right. STLS is POP3's STARTTLS.");
  CHECK(hl::feedback_text(question(hl::QuestionKind::choice), 1).find("The answer") == std::string::npos);
}

TEST_CASE("no lesson's feedback reads with a doubled verdict") {
  auto library = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  for (const auto& lesson : library.lessons)
    for (const auto& q : lesson.questions)
      for (std::size_t c = 0; c < q.choices.size(); ++c) {
        const std::string text = hl::feedback_text(q, c);
        INFO(lesson.id << " " << q.id << ": " << text);
        for (const char* doubled : {"Right. Right.", "Right. Right:", "Right. Right,", "Right. Yes.", "Right. Yes,", "Right. Yes:",
                                    "Not quite. No.", "Not quite. No,", "Not quite. No:", "Not quite. Not quite", "Right. Correct"})
          CHECK(text.find(doubled) == std::string::npos);
      }
}
