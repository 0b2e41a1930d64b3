#include "app/step_cursor.hpp"

#include <algorithm>

namespace hl::app {

bool StepCursor::next() {
  if (at_last()) return false;
  ++index_;
  return true;
}

bool StepCursor::back() {
  if (at_first()) return false;
  --index_;
  return true;
}

void StepCursor::jump(std::size_t index) {
  if (num_steps_ == 0) return void(index_ = 0);
  index_ = std::min(index, num_steps_ - 1);
}

std::size_t title_occurrence(const std::vector<std::string>& titles, std::size_t index) {
  if (index >= titles.size()) return 0;
  return static_cast<std::size_t>(std::count(titles.begin(), titles.begin() + index, titles[index]));
}

std::size_t find_step_after_rerun(const std::vector<std::string>& new_titles, const std::string& old_title,
                                  std::size_t occurrence, std::size_t old_index) {
  if (new_titles.empty()) return 0;
  std::size_t seen = 0;
  std::size_t last_match = new_titles.size();
  for (std::size_t i = 0; i < new_titles.size(); ++i) {
    if (new_titles[i] != old_title) continue;
    if (seen++ == occurrence) return i;
    last_match = i;
  }
  // Fewer repeats than before: the last one with that title is the closest.
  if (last_match < new_titles.size()) return last_match;
  return std::min(old_index, new_titles.size() - 1);
}

void Playback::set_speed(double steps_per_second) { speed_ = std::clamp(steps_per_second, 0.1, 20.0); }

std::size_t Playback::tick(double dt_seconds) {
  if (!playing_ || dt_seconds <= 0) return 0;
  carry_ += dt_seconds * speed_;
  auto steps = static_cast<std::size_t>(carry_);
  carry_ -= static_cast<double>(steps);
  return steps;
}

}  // namespace hl::app
