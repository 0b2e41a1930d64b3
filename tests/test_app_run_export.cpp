// File > Export without a window: the same core writers as the CLI, by the path's ending, and
// the settings a handout names after the Scenario panel changed the run.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/opened_capture.hpp"
#include "app/run_and_decode.hpp"
#include "app/run_export.hpp"
#include "core/engine/engine.hpp"

using namespace hl;
using namespace hl::app;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("hl-run-export-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::shared_ptr<const RunData> seeded_run() {
  Scenario scenario;
  scenario.seed = 3;
  return run_and_decode(scenario);
}

}  // namespace

TEST_CASE("changed_settings names the keys the run changed from its lesson, as --set gives them") {
  Scenario lesson;
  CHECK(changed_settings(lesson, lesson).empty());
  Scenario run = lesson;
  REQUIRE(set_scenario_field(run, "version", "1.2").empty());
  CHECK(changed_settings(lesson, run) == std::vector<std::string>{"version=1.2"});
}

TEST_CASE("export_run_file writes a pcapng that imports with its key log, and a pcap with FILE.keylog beside it") {
  const auto run = seeded_run();
  std::string status, error;
  const fs::path pcapng = scratch("run.pcapng");
  REQUIRE(export_run_file(*run, "https-443", pcapng.string(), status, error));
  CHECK(status == "Exported to " + pcapng.string());
  OpenedCapture capture;
  REQUIRE(open_capture_file(pcapng.string(), "", 0, capture, error));
  const auto reopened = capture_run(capture, 0);
  CHECK(reopened->transcript.capture->keys);

  const fs::path pcap = scratch("run.pcap");
  REQUIRE(export_run_file(*run, "https-443", pcap.string(), status, error));
  CHECK(fs::exists(scratch("run.keylog")));
  CHECK(status.find("run.keylog") != std::string::npos);
  fs::remove_all(pcap.parent_path());
}

TEST_CASE("export_run_file refuses a capture, an unknown ending and an unwritable path, in one sentence") {
  const auto run = seeded_run();
  std::string status, error;
  CHECK_FALSE(export_run_file(*run, "https-443", "/tmp/run.txt", status, error));
  CHECK(error.find(".pcapng, .pcap or .html") != std::string::npos);
  CHECK_FALSE(export_run_file(*run, "https-443", "/nonexistent-dir/run.pcapng", status, error));
  CHECK(error.find("cannot write /nonexistent-dir/run.pcapng") != std::string::npos);
  CHECK_FALSE(export_run_file(*run, "no-such-lesson", scratch("x.html").string(), status, error));
  CHECK(error.find("no lesson 'no-such-lesson'") != std::string::npos);

  RunData capture_shown = *run;
  capture_shown.transcript.capture = CaptureOrigin{};
  CHECK_FALSE(export_run_file(capture_shown, "https-443", scratch("y.pcapng").string(), status, error));
  CHECK(error.find("capture already") != std::string::npos);
  fs::remove_all(scratch("").parent_path());
}

TEST_CASE("open_capture_file explains files that are no capture, hold no TLS or lack the stream asked for") {
  OpenedCapture capture;
  std::string error;
  CHECK_FALSE(open_capture_file(scratch("missing.pcapng").string(), "", 0, capture, error));
  CHECK(error.find("No such file") != std::string::npos);
  const fs::path garbage = scratch("garbage.pcap");
  std::ofstream(garbage, std::ios::binary) << "not a capture at all";
  CHECK_FALSE(open_capture_file(garbage.string(), "", 0, capture, error));
  CHECK(error.find("Not a capture") != std::string::npos);
  CHECK_FALSE(looks_like_capture(garbage.string()));

  const auto run = seeded_run();
  std::string status;
  const fs::path good = scratch("good.pcapng");
  REQUIRE(export_run_file(*run, "https-443", good.string(), status, error));
  CHECK(looks_like_capture(good.string()));
  CHECK_FALSE(open_capture_file(good.string(), "", 7, capture, error));
  CHECK(error.find("no stream 7") != std::string::npos);
  CHECK_FALSE(open_capture_file(good.string(), garbage.string(), 0, capture, error));
  CHECK(error.find("no key log line") != std::string::npos);
  REQUIRE(open_capture_file(good.string(), "", 1, capture, error));
  CHECK(capture_connection_label(capture, 0).rfind("connection 1 of 1: 192.0.2.2:", 0) == 0);
  fs::remove_all(good.parent_path());
}
