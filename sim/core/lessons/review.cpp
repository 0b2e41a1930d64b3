#include "core/lessons/review.hpp"

#include <algorithm>

namespace hl {

AnswerSummary summarize_answers(const Lesson& lesson, const Progress& progress) {
  AnswerSummary summary;
  std::vector<std::size_t>* by_outcome[] = {&summary.unanswered, &summary.first_try, &summary.later,
                                            &summary.not_yet};  // by AnswerOutcome
  for (std::size_t i = 0; i < lesson.questions.size(); ++i) {
    const AnswerOutcome outcome = answer_outcome(progress, lesson.id, lesson.questions[i].id);
    by_outcome[static_cast<int>(outcome)]->push_back(i);
  }
  return summary;
}

std::string summary_line(const AnswerSummary& summary) {
  const std::pair<std::size_t, AnswerOutcome> parts[] = {{summary.first_try.size(), AnswerOutcome::first_try},
                                                         {summary.later.size(), AnswerOutcome::later},
                                                         {summary.not_yet.size(), AnswerOutcome::not_yet},
                                                         {summary.unanswered.size(), AnswerOutcome::unanswered}};
  std::string line;
  for (const auto& [count, outcome] : parts) {
    if (!line.empty()) line += ", ";
    line += std::to_string(count) + " " + outcome_name(outcome);
  }
  return line;
}

std::vector<MissedQuestion> questions_to_review(const LessonLibrary& library, const Progress& progress) {
  std::vector<MissedQuestion> missed;
  for (const Lesson& lesson : library.lessons) {
    for (std::size_t i = 0; i < lesson.questions.size(); ++i) {
      const AnswerOutcome outcome = answer_outcome(progress, lesson.id, lesson.questions[i].id);
      if (outcome == AnswerOutcome::later || outcome == AnswerOutcome::not_yet) missed.push_back({&lesson, i, outcome});
    }
  }
  // Not yet right before right later; lesson order kept within each.
  std::stable_partition(missed.begin(), missed.end(),
                        [](const MissedQuestion& m) { return m.outcome == AnswerOutcome::not_yet; });
  return missed;
}

}  // namespace hl
