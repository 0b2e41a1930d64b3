// choice_order(): a Fisher-Yates shuffle seeded by a hash of the lesson and question ids.
#include "core/lessons/choice_order.hpp"

#include <cstdint>
#include <utility>

namespace hl {

std::vector<std::size_t> choice_order(const Lesson& lesson, const Question& question) {
  std::uint64_t state = 14695981039346656037ull;  // FNV-1a of "lesson/question"
  for (char c : lesson.id + "/" + question.id) state = (state ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  std::vector<std::size_t> order(question.choices.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) {  // Fisher-Yates on a 64-bit LCG (Knuth's MMIX constants)
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    std::swap(order[i - 1], order[(state >> 33) % i]);
  }
  return order;
}

}  // namespace hl
