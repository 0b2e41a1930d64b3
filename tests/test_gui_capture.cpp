// File > Open capture, Export and dropped files, on the real window (hidden, under xvfb-run):
// a capture the lab exported opens with the same steps, a garbage file shows an error and keeps
// the run on screen, and an exported pcapng re-imports to the same steps and bytes.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include <GLFW/glfw3.h>

#include "app/ui/layout_probe.hpp"
#include "core/capture/capture_import.hpp"
#include "core/lessons/loader.hpp"
#include "gui_window.hpp"

using namespace hl;
namespace fs = std::filesystem;

namespace {

// This process's scratch directory, removed when the process ends.
fs::path temp_dir() {
  struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("hl-gui-capture-" + std::to_string(::getpid()));
    ~Scratch() {
      std::error_code ignored;
      fs::remove_all(dir, ignored);
    }
  };
  static Scratch scratch;
  fs::create_directories(scratch.dir);
  return scratch.dir;
}

// The steps that cross the wire (records and app lines), as (from, bytes): what a capture can hold.
std::vector<std::pair<Side, Bytes>> wire_steps(const Transcript& t) {
  std::vector<std::pair<Side, Bytes>> out;
  for (const Step& step : t.steps)
    if (step.kind != StepKind::event) out.emplace_back(step.from, step.bytes);
  return out;
}

// The texts the ladder drew in one frame.
std::set<std::string> ladder_texts(test::GuiWindow& window) {
  app::ui::start_layout_probe();
  window.frame();
  std::set<std::string> texts;
  for (const auto& probed : app::ui::take_layout_probe())
    if (probed.group == "ladder") texts.insert(probed.text);
  return texts;
}

}  // namespace

TEST_CASE("File > Export writes a pcapng that opens in the window with the lesson run's steps and bytes") {
  test::GuiWindow window({}, 1600, 1000);
  const auto lesson_run = window.app->session().shared_run();
  REQUIRE(lesson_run);
  const fs::path out = temp_dir() / "exported.pcapng";
  REQUIRE(window.app->export_run(out.string()));
  CHECK(window.app->file_status().find(out.string()) != std::string::npos);

  REQUIRE(window.app->open_capture(out.string()));
  window.frames(2);
  const app::RunData* shown = window.app->session().run();
  REQUIRE(shown != nullptr);
  REQUIRE(shown->transcript.capture);
  CHECK(shown->transcript.capture->keys);  // the DSB inside decrypts it with no key log given
  CHECK(wire_steps(shown->transcript) == wire_steps(lesson_run->transcript));
  CHECK(window.app->session().cursor().index() == 0);
  // Decrypted as the lesson run was: the same plaintext in every protected record.
  std::vector<Bytes> lesson_plain, capture_plain;
  for (const Step& s : lesson_run->transcript.steps)
    if (s.kind == StepKind::record && !s.plaintext.empty()) lesson_plain.push_back(s.plaintext);
  for (const Step& s : shown->transcript.steps)
    if (s.kind == StepKind::record && !s.plaintext.empty()) capture_plain.push_back(s.plaintext);
  CHECK(capture_plain == lesson_plain);

  // The ladder draws the capture's messages, and says why there are no events.
  const auto texts = ladder_texts(window);
  CHECK(texts.count("ClientHello") == 1);
  CHECK(texts.count("ServerHello") == 1);

  // Export is for lesson runs; going back restores one.
  CHECK_FALSE(window.app->export_run((temp_dir() / "again.pcapng").string()));
  CHECK_FALSE(window.app->file_error().empty());
  window.app->file_menu().error.clear();
}

TEST_CASE("A garbage file shows an error in the window and keeps the run on screen") {
  test::GuiWindow window({}, 1280, 800);
  window.app->perform(app::Action::next_step);
  window.app->perform(app::Action::next_step);
  const std::uint64_t serial = window.app->session().run_serial();
  const std::size_t position = window.app->session().cursor().index();

  const fs::path garbage = temp_dir() / "garbage.pcap";
  std::ofstream(garbage, std::ios::binary) << std::string(4096, '\x5a');
  CHECK_FALSE(window.app->open_capture(garbage.string()));
  CHECK(window.app->file_error().find("Not a capture") != std::string::npos);
  const fs::path truncated = temp_dir() / "truncated.pcapng";
  std::ofstream(truncated, std::ios::binary) << std::string("\x0a\x0d\x0d\x0a\x1c\x00", 6);
  window.app->open_dropped({truncated.string()});
  CHECK_FALSE(window.app->file_error().empty());
  CHECK_FALSE(window.app->open_capture((temp_dir() / "missing.pcapng").string()));
  CHECK(window.app->file_error().find("No such file") != std::string::npos);
  window.frames(3);  // the modal draws; nothing crashes

  CHECK(window.app->session().run_serial() == serial);
  CHECK(window.app->session().cursor().index() == position);
  CHECK(window.app->capture() == nullptr);
  // The modal holds the keys: Right does not step the run behind it.
  window.platform->queue_key({GLFW_KEY_RIGHT, 0, GLFW_PRESS, 0});
  window.platform->queue_key({GLFW_KEY_RIGHT, 0, GLFW_RELEASE, 0});
  window.frames(3);
  CHECK(window.app->session().cursor().index() == position);
}

TEST_CASE("A dropped pcap opens without keys; its dropped key log then decrypts it") {
  test::GuiWindow window({}, 1280, 800);
  const fs::path pcap = temp_dir() / "dropped.pcap";
  REQUIRE(window.app->export_run(pcap.string()));
  const fs::path keylog = temp_dir() / "dropped.keylog";
  REQUIRE(fs::exists(keylog));

  window.app->open_dropped({pcap.string()});
  window.frame();
  REQUIRE(window.app->capture() != nullptr);
  const app::RunData* shown = window.app->session().run();
  REQUIRE(shown->transcript.capture);
  CHECK_FALSE(shown->transcript.capture->keys);
  window.app->perform(app::Action::next_step);
  const std::size_t position = window.app->session().cursor().index();

  window.app->open_dropped({keylog.string()});
  window.frame();
  shown = window.app->session().run();
  REQUIRE(shown->transcript.capture);
  CHECK(shown->transcript.capture->keys);
  CHECK(window.app->session().cursor().index() == position);  // the key log keeps the place
  bool opened = false;
  for (const Step& s : shown->transcript.steps) opened = opened || !s.plaintext.empty();
  CHECK(opened);

  // A key log with no capture open, and a file that is no key log, are explained, not crashes.
  const fs::path notes = temp_dir() / "notes.txt";
  std::ofstream(notes) << "hello\n";
  CHECK_FALSE(window.app->add_keylog(notes.string()));
  CHECK(window.app->file_error().find("no key log line") != std::string::npos);
}

TEST_CASE("A capture of several TLS connections shows one at a time, picked from the step bar's state") {
  // The resumption lesson's run holds two connections; its export is one TCP stream per connection.
  const LessonLibrary library = load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const Lesson* lesson = nullptr;
  for (const Lesson& l : library.lessons)
    if (l.id == "resumption") lesson = &l;
  REQUIRE(lesson != nullptr);
  app::ui::AppOptions options;
  options.scenario = lesson->scenario;
  options.scenario.id = lesson->id;
  options.lesson_id = lesson->id;
  options.persist_progress = false;
  test::GuiWindow window(options, 1600, 1000);
  const fs::path two = temp_dir() / "two.pcapng";
  REQUIRE(window.app->export_run(two.string()));

  REQUIRE(window.app->open_capture(two.string()));
  REQUIRE(window.app->capture()->tls.size() == 2);
  window.frame();
  const Bytes first_hello = window.app->session().run()->transcript.steps.at(0).bytes;
  // The step bar asks through the shared context, as a click on its + button does.
  window.app->show_capture_connection(1);
  window.frame();
  CHECK(window.app->session().run()->transcript.capture->stream == window.app->capture()->tls[1] + 1);
  CHECK(window.app->session().run()->transcript.steps.at(0).bytes != first_hello);
  CHECK(window.app->session().cursor().index() == 0);
  window.app->show_capture_connection(99);  // clamped to the last
  CHECK(window.app->capture()->shown == 1);
}

TEST_CASE("The window opens at a capture's --stream, and refuses a stream that is not TLS") {
  const fs::path exported = temp_dir() / "start.pcapng";
  {
    test::GuiWindow window({}, 1024, 700);
    REQUIRE(window.app->export_run(exported.string()));
  }
  app::ui::AppOptions options;
  options.capture_path = exported.string();
  options.capture_stream = 1;
  test::GuiWindow window(options, 1280, 800);
  REQUIRE(window.app->session().run() != nullptr);
  CHECK(window.app->session().run()->transcript.capture);  // the lesson run in flight did not replace it
  CHECK(window.app->file_error().empty());

  CHECK_FALSE(window.app->open_capture(exported.string(), "", 5));
  CHECK(window.app->file_error().find("no stream 5") != std::string::npos);
}

namespace {

// One key press through the platform's key queue (GLFW's path), with or without Ctrl, then frames to apply it.
void press(test::GuiWindow& window, int key, bool ctrl = false) {
  if (ctrl) window.platform->queue_key({GLFW_KEY_LEFT_CONTROL, 0, GLFW_PRESS, GLFW_MOD_CONTROL});
  window.platform->queue_key({key, 0, GLFW_PRESS, ctrl ? GLFW_MOD_CONTROL : 0});
  window.platform->queue_key({key, 0, GLFW_RELEASE, ctrl ? GLFW_MOD_CONTROL : 0});
  if (ctrl) window.platform->queue_key({GLFW_KEY_LEFT_CONTROL, 0, GLFW_RELEASE, 0});
  while (window.platform->queued_keys() > 0) window.frame();
  window.frames(2);
}

}  // namespace

TEST_CASE("The keyboard alone opens a capture through the chooser and walks its connections") {
  app::ui::AppOptions options;
  options.lesson_id = "no-lesson";  // no predict question holds steps back
  options.persist_progress = false;
  test::GuiWindow window(options, 1280, 800);
  const fs::path dir = temp_dir() / "keys";
  fs::create_directories(dir / "inner");
  Scenario resumed = window.app->session().run()->scenario;
  REQUIRE(set_scenario_field(resumed, "resume", "ticket").empty());
  window.app->run(resumed);
  window.app->wait_for_run();
  REQUIRE(window.app->export_run((dir / "inner" / "two.pcapng").string()));
  window.app->file_menu().folder = dir;

  // Ctrl O opens the chooser; Escape closes it with nothing opened.
  press(window, GLFW_KEY_O, true);
  REQUIRE(window.app->file_menu().dialog != nullptr);
  CHECK(window.app->file_menu().dialog->model.directory() == fs::absolute(dir).lexically_normal());
  press(window, GLFW_KEY_ESCAPE);
  CHECK(window.app->file_menu().dialog == nullptr);
  CHECK(window.app->capture() == nullptr);

  // Enter goes into inner/, Backspace back up, Enter again, Enter on the file opens it.
  press(window, GLFW_KEY_O, true);
  press(window, GLFW_KEY_ENTER);
  REQUIRE(window.app->file_menu().dialog != nullptr);
  CHECK(window.app->file_menu().dialog->model.directory().filename() == "inner");
  press(window, GLFW_KEY_BACKSPACE);
  CHECK(window.app->file_menu().dialog->model.directory() == fs::absolute(dir).lexically_normal());
  const std::size_t before = window.app->session().cursor().index();
  press(window, GLFW_KEY_RIGHT);  // the chooser's, not the step bar's: the run behind stays put
  CHECK(window.app->session().cursor().index() == before);
  press(window, GLFW_KEY_ENTER);
  press(window, GLFW_KEY_ENTER);
  CHECK(window.app->file_menu().dialog == nullptr);
  REQUIRE(window.app->capture() != nullptr);
  REQUIRE(window.app->capture()->tls.size() == 2);
  CHECK(window.app->session().run()->transcript.capture);

  // Page Down / Page Up walk the connections, stopping at either end.
  press(window, GLFW_KEY_PAGE_DOWN);
  CHECK(window.app->capture()->shown == 1);
  press(window, GLFW_KEY_PAGE_DOWN);
  CHECK(window.app->capture()->shown == 1);
  press(window, GLFW_KEY_PAGE_UP);
  CHECK(window.app->capture()->shown == 0);

  // Ctrl S on a capture explains that only a lesson's run is exported.
  press(window, GLFW_KEY_S, true);
  CHECK(window.app->file_menu().dialog == nullptr);
  CHECK(window.app->file_error().find("capture already") != std::string::npos);
  press(window, GLFW_KEY_ENTER);  // dismisses the message
  CHECK(window.app->file_error().empty());
}
