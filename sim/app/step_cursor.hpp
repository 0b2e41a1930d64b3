// The step cursor: which step of a run the learner is looking at, moved by the step bar,
// the keyboard, the ladder and playback. Pure logic, no ImGui.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace hl::app {

/// A position over `num_steps` steps; always valid (0 when there are none).
class StepCursor {
 public:
  StepCursor() = default;
  /// A cursor over num_steps steps, at the first.
  explicit StepCursor(std::size_t num_steps) : num_steps_(num_steps) {}

  /// Index of the current step (0-based); 0 when empty.
  std::size_t index() const { return index_; }
  /// How many steps there are.
  std::size_t size() const { return num_steps_; }
  /// No steps, or at the first / last one (both true when empty).
  bool empty() const { return num_steps_ == 0; }
  bool at_first() const { return index_ == 0; }
  bool at_last() const { return num_steps_ == 0 || index_ + 1 == num_steps_; }

  /// Moves one step on; returns false (and stays) at the last step.
  bool next();
  /// Moves one step back; returns false (and stays) at the first step.
  bool back();
  /// Moves to the first or the last step.
  void first() { index_ = 0; }
  void last() { index_ = num_steps_ == 0 ? 0 : num_steps_ - 1; }
  /// Jumps to index, clamped to the last step.
  void jump(std::size_t index);

 private:
  std::size_t num_steps_ = 0;
  std::size_t index_ = 0;
};

/// How many entries before `index` in keys equal keys[index] (0 when index is out of range).
template <typename Key>
std::size_t occurrence_of(const std::vector<Key>& keys, std::size_t index) {
  if (index >= keys.size()) return 0;
  std::size_t seen = 0;
  for (std::size_t i = 0; i < index; ++i) seen += keys[i] == keys[index];
  return seen;
}

/// Where to put the cursor after a rerun: the step whose key (a typed StepIdentity) equals
/// old_key, counting repeats so the second Certificate maps to the second again; the last
/// one with that key when there are fewer; the last step when the key no longer occurs.
/// `occurrence` is how many earlier steps in the old run had the same key.
template <typename Key>
std::size_t find_step_after_rerun(const std::vector<Key>& new_keys, const Key& old_key, std::size_t occurrence) {
  if (new_keys.empty()) return 0;
  std::size_t seen = 0;
  std::size_t last_match = new_keys.size() - 1;  // the key is gone: the last step
  for (std::size_t i = 0; i < new_keys.size(); ++i) {
    if (!(new_keys[i] == old_key)) continue;
    if (seen++ == occurrence) return i;
    last_match = i;
  }
  return last_match;
}

/// Playback: how far to move after dt seconds at steps_per_second, carrying the remainder.
class Playback {
 public:
  /// Whether playback runs; setting it drops any carried fraction of a step.
  bool playing() const { return playing_; }
  void set_playing(bool playing) {
    playing_ = playing;
    carry_ = 0;
  }
  void toggle() { set_playing(!playing_); }
  /// Steps per second.
  double speed() const { return speed_; }
  /// Steps per second, clamped to [0.1, 20].
  void set_speed(double steps_per_second);
  /// Advances the clock by dt seconds; returns how many steps to move now (0 when paused).
  std::size_t tick(double dt_seconds);

 private:
  bool playing_ = false;
  double speed_ = 1.0;
  double carry_ = 0;
};

}  // namespace hl::app
