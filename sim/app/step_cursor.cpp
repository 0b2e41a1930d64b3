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

void Playback::set_speed(double steps_per_second) { speed_ = std::clamp(steps_per_second, 0.1, 20.0); }

std::size_t Playback::tick(double dt_seconds) {
  if (!playing_ || dt_seconds <= 0) return 0;
  carry_ += dt_seconds * speed_;
  auto steps = static_cast<std::size_t>(carry_);
  carry_ -= static_cast<double>(steps);
  return steps;
}

}  // namespace hl::app
