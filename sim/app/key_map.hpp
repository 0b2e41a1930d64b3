// The window's keyboard: one table of key -> action. The App dispatches from it, and the Keys
// menu and the step bar's tooltips read their key names from it, so the three never disagree.
// Pure data, no ImGui: key codes are GLFW's (ImGui 1.86's GLFW backend indexes keys by them).
#pragma once

#include <span>
#include <string>

namespace hl::app {

/// Something a key does in the window.
enum class Action {
  next_step,
  previous_step,
  first_step,
  last_step,
  play_pause,
  skip_question,     // a predict question is waiting: skip it and show the step
  presenter_mode,
  leave_presenter,
  full_screen,
  larger_text,
  smaller_text,
  normal_text,
  open_capture,         // File > Open capture...
  export_run,           // File > Export as .pcapng...
  next_connection,      // a capture of several connections: the next one
  previous_connection,
  undo_edit,            // "what if?": back to the original run alone
};

/// One key that triggers an action.
struct KeyBinding {
  int key;            // GLFW_KEY_*
  bool ctrl;          // only with Ctrl held (and without Ctrl otherwise)
  bool repeat;        // a held key repeats the action
  Action action;
  const char* label;  // how the Keys menu names the key; nullptr: an alias not listed (keypad +)
};

/// An action as the Keys menu lists it.
struct ActionInfo {
  Action action;
  const char* name;   // "Next step"
};

/// Every key binding, the one table.
std::span<const KeyBinding> key_bindings();
/// Every action in menu order, with its name.
std::span<const ActionInfo> key_actions();
/// The keys of an action as a person reads them: "Space, Right"; empty when it has none.
std::string keys_for(Action action);
/// The binding for a key with Ctrl held or not, or nullptr when that key does nothing.
const KeyBinding* binding_for(int key, bool ctrl);

}  // namespace hl::app
