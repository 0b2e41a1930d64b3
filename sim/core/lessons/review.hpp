// What a learner should look at again: each lesson's answers summed up by outcome, and the
// questions missed at the first try across every lesson (the "review what you missed" list).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/lessons/loader.hpp"
#include "core/lessons/progress.hpp"

namespace hl {

/// One lesson's questions by outcome, as indices into lesson.questions, in lesson order.
struct AnswerSummary {
  std::vector<std::size_t> first_try;
  std::vector<std::size_t> later;
  std::vector<std::size_t> not_yet;
  std::vector<std::size_t> unanswered;
};

/// Sorts a lesson's questions by how the learner's answers went.
AnswerSummary summarize_answers(const Lesson& lesson, const Progress& progress);

/// "3 right on first try, 1 right later, 0 not yet right, 1 not answered" for the end of a lesson.
std::string summary_line(const AnswerSummary& summary);

/// A question to review: missed at the first try, whether it was answered right later or not yet.
struct MissedQuestion {
  const Lesson* lesson = nullptr;
  std::size_t question = 0;  // index into lesson->questions
  AnswerOutcome outcome = AnswerOutcome::not_yet;
};

/// Every missed question over the library, in lesson order; questions not yet right first.
std::vector<MissedQuestion> questions_to_review(const LessonLibrary& library, const Progress& progress);

}  // namespace hl
