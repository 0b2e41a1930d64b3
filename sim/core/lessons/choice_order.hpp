// The order a question's choices are presented in. Lesson files put the right answer first;
// shown in file order, a student would learn "always pick the first". The window and the
// handout both list choices in this one order, so a class sees the same (a), (b), (c) on paper
// and on screen. Answers are still recorded by the choice itself, never by its position.
#pragma once

#include <cstddef>
#include <vector>

#include "core/lessons/lesson.hpp"

namespace hl {

/// A permutation of the question's choice indexes: entry k is the file index of the choice shown
/// k-th. Depends only on the lesson and question ids, so it is the same on every run and machine.
std::vector<std::size_t> choice_order(const Lesson& lesson, const Question& question);

}  // namespace hl
