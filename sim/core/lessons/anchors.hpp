// Tying a lesson's body and questions to the steps of its run.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "core/lessons/loader.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// Whether a step matches an anchor's or a predict question's step reference: the exact
/// title ("Finished"), or a side and the title ("server: Finished") when both sides send it.
bool step_matches(const Step& step, std::string_view ref);

/// Checks that every step anchor and every predict question names a step title that occurs
/// in transcript (the lesson's own run). Returns one file:line error per title that never occurs.
std::vector<LessonError> validate_anchors(const Lesson& lesson, const Transcript& transcript);

/// The anchor (index into lesson.body.anchors) to show at step `current`: the first anchor
/// matching the latest step at or before `current` that any anchor matches; -1 when none does.
int anchor_at_step(const Lesson& lesson, const Transcript& transcript, std::size_t current);

/// The predict questions to ask before step `index` is shown: those whose step reference it
/// matches, asked at the first matching step only. Indices into lesson.questions.
std::vector<std::size_t> questions_before_step(const Lesson& lesson, const Transcript& transcript, std::size_t index);

}  // namespace hl
