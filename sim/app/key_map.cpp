#include "app/key_map.hpp"

#include <GLFW/glfw3.h>  // key codes only: nothing here calls GLFW

namespace hl::app {
namespace {

constexpr KeyBinding kBindings[] = {
    {GLFW_KEY_SPACE, false, true, Action::next_step, "Space"},
    {GLFW_KEY_RIGHT, false, true, Action::next_step, "Right"},
    {GLFW_KEY_LEFT, false, true, Action::previous_step, "Left"},
    {GLFW_KEY_HOME, false, false, Action::first_step, "Home"},
    {GLFW_KEY_END, false, false, Action::last_step, "End"},
    {GLFW_KEY_P, false, false, Action::play_pause, "P"},
    {GLFW_KEY_N, false, false, Action::skip_question, "N"},
    {GLFW_KEY_F5, false, false, Action::presenter_mode, "F5"},
    {GLFW_KEY_ESCAPE, false, false, Action::leave_presenter, "Esc"},
    {GLFW_KEY_F11, false, false, Action::full_screen, "F11"},
    {GLFW_KEY_EQUAL, true, true, Action::larger_text, "Ctrl +"},
    {GLFW_KEY_KP_ADD, true, true, Action::larger_text, nullptr},
    {GLFW_KEY_MINUS, true, true, Action::smaller_text, "Ctrl -"},
    {GLFW_KEY_KP_SUBTRACT, true, true, Action::smaller_text, nullptr},
    {GLFW_KEY_0, true, false, Action::normal_text, "Ctrl 0"},
    {GLFW_KEY_KP_0, true, false, Action::normal_text, nullptr},
    {GLFW_KEY_O, true, false, Action::open_capture, "Ctrl O"},
    {GLFW_KEY_S, true, false, Action::export_run, "Ctrl S"},
    {GLFW_KEY_PAGE_DOWN, false, true, Action::next_connection, "Page Down"},
    {GLFW_KEY_PAGE_UP, false, true, Action::previous_connection, "Page Up"},
    {GLFW_KEY_Z, true, false, Action::undo_edit, "Ctrl Z"},
};

constexpr ActionInfo kActions[] = {
    {Action::next_step, "Next step"},
    {Action::previous_step, "Previous step"},
    {Action::first_step, "First step"},
    {Action::last_step, "Last step"},
    {Action::play_pause, "Play / pause"},
    {Action::skip_question, "Skip a predict question"},
    {Action::presenter_mode, "Presenter mode"},
    {Action::leave_presenter, "Leave presenter mode"},
    {Action::full_screen, "Full screen"},
    {Action::larger_text, "Larger text"},
    {Action::smaller_text, "Smaller text"},
    {Action::normal_text, "Normal text size"},
    {Action::open_capture, "Open a capture"},
    {Action::export_run, "Export the run as .pcapng"},
    {Action::next_connection, "Next connection of a capture"},
    {Action::previous_connection, "Previous connection of a capture"},
    {Action::undo_edit, "Undo a what-if edit"},
};

}  // namespace

std::span<const KeyBinding> key_bindings() { return kBindings; }

std::span<const ActionInfo> key_actions() { return kActions; }

std::string keys_for(Action action) {
  std::string out;
  for (const KeyBinding& binding : kBindings) {
    if (binding.action != action || binding.label == nullptr) continue;
    if (!out.empty()) out += ", ";
    out += binding.label;
  }
  return out;
}

const KeyBinding* binding_for(int key, bool ctrl) {
  for (const KeyBinding& binding : kBindings)
    if (binding.key == key && binding.ctrl == ctrl) return &binding;
  return nullptr;
}

}  // namespace hl::app
