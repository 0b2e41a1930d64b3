// Saved window state and the background runner, without a window.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
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
  settings.show_state_events = true;
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

TEST_CASE("Settings live in the XDG config dir, never in the working directory") {
  auto dir = std::filesystem::temp_directory_path() / ("hl-test-xdg-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  ::setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  CHECK(config_dir() == dir / "handshake-lab");
  Settings settings;
  settings.theme = "dark";
  settings.font_size = 26;
  REQUIRE(save_settings(settings));
  CHECK(std::filesystem::exists(dir / "handshake-lab" / "settings.ini"));
  CHECK(load_settings() == settings);
  CHECK_FALSE(std::filesystem::exists(std::filesystem::current_path() / "settings.ini"));

  ::setenv("XDG_CONFIG_HOME", "relative/path", 1);  // not absolute: ignored per the XDG spec
  ::setenv("HOME", dir.c_str(), 1);
  CHECK(config_dir() == dir / ".config" / "handshake-lab");
  std::filesystem::remove_all(dir);
}

namespace {

std::shared_ptr<const RunData> fake_run(const Scenario& scenario, int sleep_ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms));
  if (scenario.verify_name == "throw") throw std::runtime_error("no shared cipher");
  Transcript transcript;
  Step step;
  step.title = scenario.verify_name;
  transcript.steps.push_back(step);
  return make_run_data(scenario, std::move(transcript), {});
}

}  // namespace

TEST_CASE("The runner works in the background and keeps only the latest request") {
  int num_runs = 0;
  ScenarioRunner runner([&num_runs](const Scenario& scenario) {
    ++num_runs;
    // Long enough that the requests below all land while the first run sleeps, even on a
    // loaded machine that stalls this thread for a few hundred milliseconds.
    return fake_run(scenario, 1000);
  });
  CHECK_FALSE(runner.busy());
  CHECK(runner.poll() == nullptr);
  Scenario scenario;
  scenario.verify_name = "first";
  auto start = std::chrono::steady_clock::now();
  runner.request(scenario);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(500));  // never waits for the 1 s run
  CHECK(runner.busy());
  CHECK(runner.poll() == nullptr);  // still running
  scenario.verify_name = "second";
  runner.request(scenario);
  scenario.verify_name = "third";
  runner.request(scenario);  // replaces "second"
  auto last = runner.wait();
  REQUIRE(last);
  CHECK(last->transcript.steps[0].title == "third");
  CHECK(num_runs == 2);
  CHECK_FALSE(runner.busy());
}

TEST_CASE("A run that throws reports its error and the runner goes on") {
  ScenarioRunner runner([](const Scenario& scenario) { return fake_run(scenario, 0); });
  Scenario scenario;
  scenario.verify_name = "throw";
  runner.request(scenario);
  CHECK(runner.wait() == nullptr);
  CHECK(runner.last_error() == "no shared cipher");
  scenario.verify_name = "fine";
  runner.request(scenario);
  // Polled as the window does, with a generous deadline: a loaded machine may be slow to run it.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (runner.busy() && std::chrono::steady_clock::now() < deadline) {
    if (auto run = runner.poll()) CHECK(run->transcript.steps[0].title == "fine");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK_FALSE(runner.busy());
  CHECK(runner.last_error().empty());
}
