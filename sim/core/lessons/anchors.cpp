// Anchor checks and lookups: step titles compared exactly, as the engine writes them.
#include "core/lessons/anchors.hpp"

#include <algorithm>

namespace hl {
namespace {

bool occurs(const Transcript& transcript, const std::string& title) {
  return std::any_of(transcript.steps.begin(), transcript.steps.end(), [&](const Step& s) { return s.title == title; });
}

int anchor_for_title(const Lesson& lesson, const std::string& title) {
  const auto& anchors = lesson.body.anchors;
  auto it = std::find_if(anchors.begin(), anchors.end(), [&](const StepAnchor& a) { return a.step == title; });
  return it == anchors.end() ? -1 : static_cast<int>(it - anchors.begin());
}

}  // namespace

std::vector<LessonError> validate_anchors(const Lesson& lesson, const Transcript& transcript) {
  std::vector<LessonError> errors;
  for (const auto& anchor : lesson.body.anchors) {
    if (occurs(transcript, anchor.step)) continue;
    errors.push_back({lesson.path, file_line(lesson, anchor.line),
                      "step anchor '" + anchor.step + "' matches no step of this lesson's run"});
  }
  for (const auto& question : lesson.questions) {
    if (question.kind != QuestionKind::predict || occurs(transcript, question.step)) continue;
    errors.push_back({lesson.path, question.line,
                      "question '" + question.id + "' predicts step '" + question.step + "', which never occurs"});
  }
  return errors;
}

int anchor_at_step(const Lesson& lesson, const Transcript& transcript, std::size_t current) {
  if (transcript.steps.empty()) return -1;
  for (std::size_t i = std::min(current, transcript.steps.size() - 1) + 1; i-- > 0;) {
    int anchor = anchor_for_title(lesson, transcript.steps[i].title);
    if (anchor >= 0) return anchor;
  }
  return -1;
}

std::vector<std::size_t> questions_before_step(const Lesson& lesson, const Transcript& transcript, std::size_t index) {
  std::vector<std::size_t> asked;
  if (index >= transcript.steps.size()) return asked;
  const std::string& title = transcript.steps[index].title;
  for (std::size_t i = 0; i < index; ++i)
    if (transcript.steps[i].title == title) return asked;  // asked the first time only
  for (std::size_t q = 0; q < lesson.questions.size(); ++q)
    if (lesson.questions[q].kind == QuestionKind::predict && lesson.questions[q].step == title) asked.push_back(q);
  return asked;
}

}  // namespace hl
