#include "app/ui/key_queue.hpp"

#include <GLFW/glfw3.h>  // GLFW_REPEAT only

#include <algorithm>

namespace hl::app::ui {

std::vector<KeyEvent> KeyQueue::take_frame() {
  std::vector<KeyEvent> frame;
  std::vector<int> changed;  // keys whose up/down state this frame already changed
  while (!pending_.empty()) {
    const KeyEvent& event = pending_.front();
    const bool changes_state = event.action != GLFW_REPEAT;  // a repeat leaves the key down
    if (changes_state && std::find(changed.begin(), changed.end(), event.key) != changed.end()) break;
    if (changes_state) changed.push_back(event.key);
    frame.push_back(event);
    pending_.pop_front();
  }
  return frame;
}

}  // namespace hl::app::ui
