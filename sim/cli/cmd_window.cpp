// The window: plain `handshake-lab` and `handshake-lab --lesson ID` open it on a lesson, and
// `handshake-lab window [--lesson ID] [--pcap FILE [--keylog FILE] [--stream N]]` can also start
// on a capture, with the same capture flags as `trace --pcap`.
#ifdef HL_HAVE_APP
#include <memory>

#include "app/window.hpp"
#include "cli/capture_input.hpp"
#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"

namespace hl::cli {
namespace {

int open_window(const std::string& lesson_id) { return app::run_window(scenario_for_lesson(lesson_id), lesson_id); }

// Priority 10: above the headless fallback, so the window wins when it is built.
const DefaultRegistration kWindow(10, open_window);

struct WindowOptions {
  std::string lesson = "https-443";
  app::CaptureStart capture;
};

void add_window_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<WindowOptions>();
  CLI::App* cmd = app.add_subcommand("window", "Open the window on a lesson, or on a capture file");
  cmd->add_option("--lesson", options->lesson, "Lesson id (see `handshake-lab lessons`)")->capture_default_str();
  add_capture_flags(*cmd, options->capture.pcap, options->capture.keylog, options->capture.stream,
                    "Open this pcap or pcapng capture in the views (a file the lab cannot read is explained in the window)");
  cmd->callback([options, cmd, &out_status] {
    for (const char* capture_only : {"--keylog", "--stream"})
      if (options->capture.pcap.empty() && cmd->count(capture_only) > 0) throw UsageError{std::string(capture_only) + " needs --pcap FILE"};
    if (!options->capture.pcap.empty()) check_capture_path(options->capture.pcap);
    out_status = app::run_window(scenario_for_lesson(options->lesson), options->lesson, options->capture);
  });
}

const CommandRegistration registration{5, add_window_command};

}  // namespace
}  // namespace hl::cli
#endif
