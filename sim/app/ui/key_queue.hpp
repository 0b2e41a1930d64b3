// GLFW key events queued between frames so that no tap is lost. ImGui 1.86 reads key state
// once per frame (io.KeysDown), so a press and release that both arrive before one frame
// (a 10 ms clicker tap) would cancel out and never be seen. The queue hands each frame the
// events it can apply without undoing a change the same frame made; the rest wait.
#pragma once

#include <cstddef>
#include <deque>
#include <vector>

namespace hl::app::ui {

/// One key event as GLFW's key callback reports it.
struct KeyEvent {
  int key = 0;
  int scancode = 0;
  int action = 0;  // GLFW_PRESS, GLFW_RELEASE or GLFW_REPEAT
  int mods = 0;
};

class KeyQueue {
 public:
  /// Queues an event from the key callback.
  void push(const KeyEvent& event) { pending_.push_back(event); }
  /// Takes the events for this frame, in order: it stops before a second change of the same key
  /// (a release after its press, or a press after its release), which waits for the next frame.
  std::vector<KeyEvent> take_frame();
  /// True when events wait: the window must draw another frame instead of sleeping.
  bool empty() const { return pending_.empty(); }
  std::size_t size() const { return pending_.size(); }

 private:
  std::deque<KeyEvent> pending_;
};

}  // namespace hl::app::ui
