// Saved window state and the background runner, without a window.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "app/scenario_runner.hpp"
#include "app/settings.hpp"

using namespace hl;
using namespace hl::app;

TEST_CASE("Settings round-trip through their text form") {
  Settings settings;
  settings.theme = "high-contrast";
  settings.font_size = 32;
  settings.left_fraction = 0.3f;
  settings.show_every_event = true;
  settings.hex_mode = 2;
  CHECK(parse_settings(format_settings(settings)) == settings);
}

TEST_CASE("Bad settings lines are ignored and values clamped") {
  Settings parsed = parse_settings("theme = purple\nfont_size = 400\nleft_fraction = -3\nnonsense\n= 4\nhex_mode = x\n");
  Settings defaults;
  CHECK(parsed.theme == defaults.theme);
  CHECK(parsed.font_size == kMaxFontSize);
  CHECK(parsed.left_fraction > 0.0f);
  CHECK(parsed.hex_mode == defaults.hex_mode);
  CHECK(parse_settings("") == defaults);
  CHECK(parse_settings("font_size = 12abc\n").font_size == defaults.font_size);
}

namespace {

// A fresh XDG config directory for one test, removed afterwards.
struct TempConfig {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("hl-test-xdg-" + std::to_string(::getpid()));
  TempConfig() {
    std::filesystem::remove_all(dir);
    ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  }
  ~TempConfig() { std::filesystem::remove_all(dir); }
};

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("Settings live in the XDG config dir, never in the working directory") {
  TempConfig config;
  const auto& dir = config.dir;
  CHECK(config_dir() == dir / "handshake-lab");
  Settings settings;
  settings.theme = "dark";
  settings.font_size = 26;
  std::string error;
  REQUIRE(save_settings(settings, error));
  CHECK(error.empty());
  CHECK(std::filesystem::exists(dir / "handshake-lab" / "settings.ini"));
  CHECK(load_settings() == settings);
  CHECK_FALSE(std::filesystem::exists(std::filesystem::current_path() / "settings.ini"));

  ::setenv("XDG_CONFIG_HOME", "relative/path", 1);  // not absolute: ignored per the XDG spec
  ::setenv("HOME", dir.c_str(), 1);
  CHECK(config_dir() == dir / ".config" / "handshake-lab");
}

TEST_CASE("A settings write that fails says why and leaves the old file whole") {
  TempConfig config;
  const auto file = config.dir / "handshake-lab" / "settings.ini";
  Settings old_settings;
  old_settings.theme = "dark";
  std::string error;
  REQUIRE(save_settings(old_settings, error));
  const std::string old_text = file_text(file);

  // The temporary file cannot be created: a directory sits where it would go.
  const auto temp = std::filesystem::path(file.string() + ".tmp." + std::to_string(::getpid()));
  std::filesystem::create_directories(temp);
  Settings new_settings;
  new_settings.theme = "high-contrast";
  CHECK_FALSE(save_settings(new_settings, error));
  CHECK_THAT(error, Catch::StartsWith("cannot save settings: cannot write "));
  CHECK(file_text(file) == old_text);
  std::filesystem::remove(temp);

  // The rename cannot replace the file: settings.ini is a directory with something in it.
  std::filesystem::remove(file);
  std::filesystem::create_directories(file / "keep");
  error.clear();
  CHECK_FALSE(save_settings(new_settings, error));
  CHECK_THAT(error, Catch::Contains(file.string()));
  CHECK_FALSE(std::filesystem::exists(temp));  // no temporary file left behind
  std::filesystem::remove_all(file);

  // No config directory can be made: a file stands where it should be.
  std::filesystem::remove_all(config.dir);
  std::ofstream(config.dir.string()) << "a file";
  error.clear();
  CHECK_FALSE(save_settings(new_settings, error));
  CHECK_THAT(error, Catch::Contains("cannot create"));
  std::filesystem::remove(config.dir);
}

namespace {

// A run that waits until the test opens its gate: whether the runner blocks never depends on
// how fast a loaded machine happens to be.
struct Gate {
  std::promise<void> opened;
  std::shared_future<void> wait = opened.get_future().share();
};

std::shared_ptr<const RunData> fake_run(const Scenario& scenario) {
  if (scenario.verify_name == "throw") throw std::runtime_error("no shared cipher");
  Transcript transcript;
  Step step;
  step.detail = scenario.verify_name;  // which request this run answers
  transcript.steps.push_back(step);
  return make_run_data(scenario, std::move(transcript), {});
}

}  // namespace

TEST_CASE("The runner works in the background and keeps only the latest request") {
  Gate gate;
  std::atomic<int> num_runs{0};
  ScenarioRunner runner([&](const Scenario& scenario) {
    ++num_runs;
    gate.wait.wait();
    return fake_run(scenario);
  });
  CHECK_FALSE(runner.busy());
  CHECK(runner.poll() == nullptr);
  Scenario scenario;
  scenario.verify_name = "first";
  runner.request(scenario);  // returns although the run cannot finish before the gate opens
  CHECK(runner.busy());
  CHECK(runner.poll() == nullptr);  // still running
  scenario.verify_name = "second";
  runner.request(scenario);
  scenario.verify_name = "third";
  runner.request(scenario);  // replaces "second"
  gate.opened.set_value();
  auto last = runner.wait();
  REQUIRE(last);
  CHECK(last->transcript.steps[0].detail == "third");
  CHECK(num_runs == 2);
  CHECK_FALSE(runner.busy());
}

TEST_CASE("A run that throws reports its error and the runner goes on") {
  ScenarioRunner runner([](const Scenario& scenario) { return fake_run(scenario); });
  Scenario scenario;
  scenario.verify_name = "throw";
  runner.request(scenario);
  CHECK(runner.wait() == nullptr);
  CHECK(runner.last_error() == "no shared cipher");
  scenario.verify_name = "fine";
  runner.request(scenario);
  // Polled as the window does, until the run arrives (ctest's timeout stops a runner that never delivers).
  std::shared_ptr<const RunData> run;
  while (!(run = runner.poll())) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  REQUIRE(run->transcript.steps.size() == 1);
  CHECK(run->transcript.steps[0].detail == "fine");
  CHECK_FALSE(runner.busy());
  CHECK(runner.last_error().empty());
}
