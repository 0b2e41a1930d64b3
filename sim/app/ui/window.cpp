// run_window(): the interactive window, in the phases of ImGui's example_glfw_opengl3:
// setup (Platform::open), main loop, clean-up in reverse (Platform's destructor).
#include "app/window.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "app/ui/app.hpp"
#include "app/ui/platform.hpp"

namespace hl::app {
namespace {

// Set while the program's statics initialise, so start-up can be timed from (almost) exec.
const auto g_process_start = std::chrono::steady_clock::now();

// HL_REPORT_STARTUP=1 prints how long each start-up phase took (the 0.5 s budget).
void report_startup(const char* phase) {
  const char* wanted = std::getenv("HL_REPORT_STARTUP");
  if (wanted == nullptr || wanted[0] == '\0') return;
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - g_process_start).count();
  std::fprintf(stderr, "handshake-lab: %s %.0f ms after start\n", phase, ms);
}

}  // namespace

int run_window(const Scenario& scenario, const std::string& lesson_id) {
  // Setup: window, GL context, Dear ImGui context and backends.
  std::string error;
  auto platform = ui::Platform::open({}, error);
  if (!platform) {
    std::fprintf(stderr, "handshake-lab: %s\n", error.c_str());
    return 1;
  }
  report_startup("window and GL context ready");
  ui::AppOptions options;
  options.scenario = scenario;
  options.lesson_id = lesson_id;
  options.settings = load_settings();
  ui::App app(options);
  report_startup("views built");

  // Main loop.
  bool first = true;
  while (!platform->should_close()) {
    platform->new_frame(app);
    app.frame();
    platform->render();
    platform->apply(app);
    if (first) report_startup("first frame shown");
    first = false;
  }
  return 0;  // Cleanup: App saves its settings, then Platform tears down in reverse order.
}

}  // namespace hl::app
