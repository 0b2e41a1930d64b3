// Anchor checks and lookups: step titles compared exactly, as the engine writes them.
#include "core/lessons/anchors.hpp"

#include <algorithm>

namespace hl {
namespace {

struct SidePrefix {
  std::string_view prefix;
  Side side;
};
constexpr SidePrefix kSidePrefixes[] = {{"client: ", Side::client}, {"server: ", Side::server}};

bool occurs(const Transcript& transcript, const std::string& ref) {
  return std::any_of(transcript.steps.begin(), transcript.steps.end(), [&](const Step& s) { return step_matches(s, ref); });
}

int anchor_for_step(const Lesson& lesson, const Step& step) {
  const auto& anchors = lesson.body.anchors;
  auto it = std::find_if(anchors.begin(), anchors.end(), [&](const StepAnchor& a) { return step_matches(step, a.step); });
  return it == anchors.end() ? -1 : static_cast<int>(it - anchors.begin());
}

}  // namespace

bool step_matches(const Step& step, std::string_view ref) {
  for (const auto& side : kSidePrefixes)
    if (ref.substr(0, side.prefix.size()) == side.prefix)
      return step.from == side.side && step.title == ref.substr(side.prefix.size());
  return step.title == ref;
}

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
    int anchor = anchor_for_step(lesson, transcript.steps[i]);
    if (anchor >= 0) return anchor;
  }
  return -1;
}

std::vector<std::size_t> questions_before_step(const Lesson& lesson, const Transcript& transcript, std::size_t index) {
  std::vector<std::size_t> asked;
  if (index >= transcript.steps.size()) return asked;
  for (std::size_t q = 0; q < lesson.questions.size(); ++q) {
    const Question& question = lesson.questions[q];
    if (question.kind != QuestionKind::predict || !step_matches(transcript.steps[index], question.step)) continue;
    auto earlier_end = transcript.steps.begin() + static_cast<std::ptrdiff_t>(index);
    bool asked_before = std::any_of(transcript.steps.begin(), earlier_end,
                                    [&](const Step& s) { return step_matches(s, question.step); });
    if (!asked_before) asked.push_back(q);  // asked at the first matching step only
  }
  return asked;
}

}  // namespace hl
