// The text shown under a picked choice: a verdict, the choice's own feedback, and for a wrong
// prediction the right answer. Pure, so the window and the tests share it.
#pragma once

#include <cstddef>
#include <string>

#include "core/lessons/lesson.hpp"

namespace hl {

/// "✓ Right. <feedback>" or "✗ Not quite. <feedback>"; when the feedback already opens with a
/// verdict word ("Right.", "No:", "Yes (RFC ...)") only the mark is added, so no word doubles.
/// A wrong pick on a predict question ends by naming the right answer.
std::string feedback_text(const Question& question, std::size_t picked);

}  // namespace hl
