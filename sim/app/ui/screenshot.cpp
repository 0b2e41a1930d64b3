// take_screenshot(): the real window, hidden, rendered at one step into an offscreen
// framebuffer and written as a PNG with stb_image_write.
#include <stb_image_write.h>

#include <cctype>
#include <cstdio>

#include "app/comparison.hpp"
#include "app/opened_capture.hpp"
#include "app/run_and_decode.hpp"
#include "app/session.hpp"
#include "app/settings.hpp"
#include "app/ui/app.hpp"
#include "app/ui/platform.hpp"
#include "app/ui/theme.hpp"
#include "app/views/view.hpp"
#include "app/window.hpp"

namespace hl::app {
namespace {

// Frames to draw before reading pixels: ImGui sizes windows and tables over the first few.
constexpr int kSettleFrames = 4;

// --compare: the settings must be accepted, and --step counts the rows of the two aligned ladders.
int check_compare_options(const ScreenshotOptions& options, const Session& session) {
  if (!options.capture.pcap.empty()) {
    std::fprintf(stderr, "handshake-lab: --compare runs the lesson again with other settings: not with --pcap\n");
    return kScreenshotUsage;
  }
  if (options.select_byte) {
    std::fprintf(stderr, "handshake-lab: --select-byte selects a field of one run: not with --compare\n");
    return kScreenshotUsage;
  }
  Scenario right = options.scenario;
  std::string error;
  if (!apply_overrides(right, options.compare, error)) {
    std::fprintf(stderr, "handshake-lab: --compare: %s\n", error.c_str());
    return kScreenshotUsage;
  }
  const auto [left_connection, right_connection] = compared_connections(options.scenario, right);
  const Comparison compare({{session.shared_run(), "", left_connection}, {run_and_decode(right), "", right_connection}});
  const std::size_t num_rows = compare.cursor().size();
  if (options.step == 0 || options.step > num_rows) {
    std::fprintf(stderr, "handshake-lab: --step %zu is out of range: the comparison of lesson %s has rows 1 to %zu\n",
                 options.step, options.lesson_id.c_str(), num_rows);
    return kScreenshotUsage;
  }
  return kScreenshotOk;
}

// The step and byte options depend on the run, not on a window: checked on a headless
// session first, so a bad one is a usage error (exit 2) even where no display can open.
int check_run_options(const ScreenshotOptions& options) {
  Session session;
  session.set_show_every_event(Settings{}.show_every_event);  // as the window starts
  if (!options.capture.pcap.empty()) {
    OpenedCapture capture;
    std::string error;
    if (!open_capture_file(options.capture.pcap, options.capture.keylog, options.capture.stream, capture, error)) {
      std::fprintf(stderr, "handshake-lab: %s\n", error.c_str());
      return kScreenshotFailed;
    }
    session.adopt(capture_run(capture, capture.shown));
  } else {
    session.adopt(run_and_decode(options.scenario));
  }
  if (!options.compare.empty()) return check_compare_options(options, session);
  const std::size_t num_steps = session.cursor().size();
  if (options.step == 0 || options.step > num_steps) {
    std::fprintf(stderr, "handshake-lab: --step %zu is out of range: lesson %s has steps 1 to %zu\n", options.step,
                 options.lesson_id.c_str(), num_steps);
    return kScreenshotUsage;
  }
  session.jump_to_position(options.step - 1);
  if (options.select_byte && !session.select_byte(Buffer::wire, *options.select_byte)) {
    std::fprintf(stderr, "handshake-lab: --select-byte %zu: step %zu has no field at that byte\n", *options.select_byte,
                 options.step);
    return kScreenshotUsage;
  }
  return kScreenshotOk;
}

}  // namespace

std::vector<std::string> view_titles() {
  std::vector<std::string> titles;
  for (const auto& view : make_views(false)) titles.push_back(view->title());
  return titles;
}

namespace {
std::string view_key(const std::string& text) {
  std::string key;
  for (char c : text) {
    if (c == ' ' || c == '-' || c == '_') continue;
    key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return key;
}
}  // namespace

std::string view_title_for(const std::string& name) {
  for (const auto& title : view_titles())
    if (view_key(title) == view_key(name)) return title;
  return {};
}

int take_screenshot(const ScreenshotOptions& options) {
  if (int status = check_run_options(options); status != kScreenshotOk) return status;
  std::string error;
  ui::PlatformOptions window;
  window.width = options.width;
  window.height = options.height;
  window.visible = false;
  auto platform = ui::Platform::open(window, error);
  if (!platform) {
    std::fprintf(stderr, "handshake-lab: %s\n", error.c_str());
    return kScreenshotFailed;
  }
  ui::AppOptions app_options;
  app_options.scenario = options.scenario;
  app_options.lesson_id = options.lesson_id;
  // A screenshot looks the same for everyone: no settings or lesson progress read or written,
  // and no run time (it differs from run to run).
  app_options.persist_settings = false;
  app_options.persist_progress = false;
  app_options.show_run_time = false;
  app_options.settings.theme = options.theme;
  if (options.font_size) app_options.settings.font_size = *options.font_size;
  app_options.presenter = options.presenter;
  if (options.hex_mode >= 0) app_options.settings.hex_mode = options.hex_mode;
  app_options.start_position = options.step - 1;
  app_options.capture_path = options.capture.pcap;
  app_options.keylog_path = options.capture.keylog;
  app_options.capture_stream = options.capture.stream;
  app_options.compare = options.compare;
  ui::App app(app_options);
  app.wait_for_run();
  if (!options.capture.pcap.empty()) app.session().jump_to_position(options.step - 1);
  if (options.select_byte) app.session().select_byte(Buffer::wire, *options.select_byte);  // checked above
  // The command line checked the edit against the same run; this refusal is a safety net.
  if (options.edit && !app.send_edit(*options.edit, error, options.edit_by_client ? EditBy::client : EditBy::wire)) {
    std::fprintf(stderr, "handshake-lab: %s: %s\n", options.edit_by_client ? "--client-edit" : "--edit", error.c_str());
    return kScreenshotUsage;
  }
  if (!options.view.empty()) app.show_view(view_title_for(options.view));
  for (int i = 0; i < kSettleFrames; ++i) {
    platform->new_frame(app);
    app.frame();
    platform->render();
  }
  auto pixels = platform->read_pixels();
  if (!stbi_write_png(options.out_path.c_str(), platform->width(), platform->height(), 4, pixels.data(),
                      platform->width() * 4)) {
    std::fprintf(stderr, "handshake-lab: cannot write %s\n", options.out_path.c_str());
    return kScreenshotFailed;
  }
  return kScreenshotOk;
}

}  // namespace hl::app
