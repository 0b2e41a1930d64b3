// The window's one key table and the queue that keeps taps shorter than a frame, without a window.
#include <catch2/catch.hpp>

#include <GLFW/glfw3.h>

#include <set>
#include <utility>

#include "app/key_map.hpp"
#include "app/ui/key_queue.hpp"

using namespace hl::app;
using hl::app::ui::KeyEvent;
using hl::app::ui::KeyQueue;

TEST_CASE("Every action has a name and a listed key, and no key does two things") {
  std::set<Action> named;
  for (const ActionInfo& info : key_actions()) {
    INFO(info.name);
    CHECK(named.insert(info.action).second);
    CHECK_FALSE(keys_for(info.action).empty());
  }
  std::set<std::pair<int, bool>> keys;
  for (const KeyBinding& binding : key_bindings()) {
    CHECK(keys.insert({binding.key, binding.ctrl}).second);
    CHECK(named.count(binding.action) == 1);  // no binding to an action the Keys menu leaves out
  }
  CHECK(named.size() == static_cast<std::size_t>(Action::undo_edit) + 1);  // every enumerator listed (undo_edit is the last)
}

TEST_CASE("The key table answers what a key does and how the menu names an action's keys") {
  CHECK(keys_for(Action::next_step) == "Space, Right");
  CHECK(keys_for(Action::larger_text) == "Ctrl +");  // the keypad alias is not listed twice
  CHECK(keys_for(Action::skip_question) == "N");
  REQUIRE(binding_for(GLFW_KEY_SPACE, false) != nullptr);
  CHECK(binding_for(GLFW_KEY_SPACE, false)->action == Action::next_step);
  CHECK(binding_for(GLFW_KEY_SPACE, false)->repeat);
  REQUIRE(binding_for(GLFW_KEY_KP_ADD, true) != nullptr);
  CHECK(binding_for(GLFW_KEY_KP_ADD, true)->action == Action::larger_text);
  CHECK(binding_for(GLFW_KEY_EQUAL, false) == nullptr);  // "=" alone does nothing
  CHECK(binding_for(GLFW_KEY_SPACE, true) == nullptr);   // Ctrl+Space does not step
  CHECK_FALSE(binding_for(GLFW_KEY_HOME, false)->repeat);
}

namespace {

KeyEvent press(int key) { return {key, 0, GLFW_PRESS, 0}; }
KeyEvent release(int key) { return {key, 0, GLFW_RELEASE, 0}; }

}  // namespace

TEST_CASE("The key queue gives each frame at most one change per key, in order") {
  KeyQueue queue;
  CHECK(queue.take_frame().empty());
  // Two taps of Space and one of Right, all before one frame.
  for (const KeyEvent& event : {press(GLFW_KEY_SPACE), release(GLFW_KEY_SPACE), press(GLFW_KEY_SPACE),
                                release(GLFW_KEY_SPACE), press(GLFW_KEY_RIGHT), release(GLFW_KEY_RIGHT)})
    queue.push(event);
  auto frame = queue.take_frame();
  REQUIRE(frame.size() == 1);  // the release would undo the press before ImGui saw it
  CHECK(frame[0].action == GLFW_PRESS);
  frame = queue.take_frame();
  REQUIRE(frame.size() == 1);
  CHECK(frame[0].action == GLFW_RELEASE);
  frame = queue.take_frame();
  REQUIRE(frame.size() == 1);
  CHECK(frame[0].action == GLFW_PRESS);
  frame = queue.take_frame();  // Space's release and Right's press go together: different keys
  REQUIRE(frame.size() == 2);
  CHECK(frame[0].key == GLFW_KEY_SPACE);
  CHECK(frame[1].key == GLFW_KEY_RIGHT);
  CHECK(frame[1].action == GLFW_PRESS);
  frame = queue.take_frame();
  REQUIRE(frame.size() == 1);
  CHECK(frame[0].action == GLFW_RELEASE);
  CHECK(queue.empty());
}

TEST_CASE("Ctrl held across a tap reaches the same frame as the key; repeats never split a frame") {
  KeyQueue queue;
  queue.push(press(GLFW_KEY_LEFT_CONTROL));
  queue.push(press(GLFW_KEY_EQUAL));
  queue.push(release(GLFW_KEY_EQUAL));
  queue.push(release(GLFW_KEY_LEFT_CONTROL));
  auto frame = queue.take_frame();
  REQUIRE(frame.size() == 2);  // Ctrl down and "=" down: ImGui sees Ctrl + "=" together
  CHECK(frame[0].key == GLFW_KEY_LEFT_CONTROL);
  CHECK(frame[1].key == GLFW_KEY_EQUAL);
  CHECK(queue.take_frame().size() == 2);
  CHECK(queue.empty());

  queue.push(press(GLFW_KEY_RIGHT));
  queue.push({GLFW_KEY_RIGHT, 0, GLFW_REPEAT, 0});
  queue.push({GLFW_KEY_RIGHT, 0, GLFW_REPEAT, 0});
  CHECK(queue.take_frame().size() == 3);  // a held key's repeats change nothing
}
