// The default command: plain `handshake-lab` and `handshake-lab --lesson ID` open the window.
#ifdef HL_HAVE_APP
#include "app/window.hpp"
#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"

namespace hl::cli {
namespace {

int open_window(const std::string& lesson_id) { return app::run_window(scenario_for_lesson(lesson_id), lesson_id); }

// Priority 10: above the headless fallback, so the window wins when it is built.
const DefaultRegistration kWindow(10, open_window);

}  // namespace
}  // namespace hl::cli
#endif
