// run_window(): the interactive window, in the phases of ImGui's example_glfw_opengl3:
// setup (Platform::open), main loop, clean-up in reverse (Platform's destructor).
#include "app/window.hpp"

#include <time.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "app/ui/app.hpp"
#include "app/ui/platform.hpp"

namespace hl::app {
namespace {

// Milliseconds since the kernel started this process (its start time in /proc/self/stat,
// field 22, against CLOCK_BOOTTIME): exec, loading and static initialisation included.
double ms_since_exec() {
  std::ifstream stat("/proc/self/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  auto after_name = text.rfind(')');  // the command name may contain spaces
  if (after_name == std::string::npos) return -1;
  std::istringstream fields(text.substr(after_name + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
  }
  timespec now{};
  clock_gettime(CLOCK_BOOTTIME, &now);
  const double start_s = std::strtod(field.c_str(), nullptr) / static_cast<double>(sysconf(_SC_CLK_TCK));
  return (static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9 - start_s) * 1000.0;
}

// HL_REPORT_STARTUP=1 prints when each start-up phase ended (the 0.5 s budget).
void report_startup(const char* phase) {
  const char* wanted = std::getenv("HL_REPORT_STARTUP");
  if (wanted == nullptr || wanted[0] == '\0') return;
  std::fprintf(stderr, "handshake-lab: %s %.0f ms after exec\n", phase, ms_since_exec());
}

}  // namespace

int run_window(const Scenario& scenario, const std::string& lesson_id, const CaptureStart& capture) {
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
  options.capture_path = capture.pcap;
  options.keylog_path = capture.keylog;
  options.capture_stream = capture.stream;
  ui::App app(options);
  report_startup(capture.pcap.empty() ? "views built" : "views built, capture read");

  // Main loop.
  bool first = true;
  bool run_shown = false;
  while (!platform->should_close()) {
    platform->new_frame(app);
    app.frame();
    platform->render();
    platform->apply(app);
    if (first) report_startup("first frame shown");
    if (!run_shown && app.session().run() != nullptr)
      report_startup(app.session().run()->transcript.capture ? "first frame with the capture's connection shown"
                                                             : "first frame with the handshake shown");
    first = false;
    run_shown = app.session().run() != nullptr;
  }
  return 0;  // Cleanup: App saves its settings, then Platform tears down in reverse order.
}

}  // namespace hl::app
