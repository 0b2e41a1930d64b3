// `trace --pcap` and `decode --pcap` on captures the exporter wrote: the same text and JSON
// shapes as a lesson run, marked as coming from a capture with no endpoint events; the
// stream choice and its listing on stderr; and the refusals (exit 2 for flags and paths,
// exit 1 for a file that is no capture), one line each.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli_run.hpp"

namespace {

using hl::test::count_lines;
using hl::test::run_cli;
using hl::test::temp_path;
using Run = hl::test::CliRun;

// Exports a lesson run once per test binary and file name.
std::string exported(const std::string& name, const std::string& args) {
  const std::string path = temp_path("capture-" + name);
  if (!std::filesystem::exists(path)) REQUIRE(run_cli("export " + args + " --out '" + path + "'").status == 0);
  return path;
}

}  // namespace

TEST_CASE("trace --pcap: the lesson run's wire steps, decrypted, and no endpoint events") {
  const std::string file = exported("https.pcapng", "--lesson https-443 --seed 4");
  const Run text = run_cli("trace --pcap '" + file + "'");
  INFO(text.err);
  REQUIRE(text.status == 0);
  CHECK(text.out.find("From a capture: no endpoint events") != std::string::npos);
  CHECK(text.out.find("Certificate [encrypted]") != std::string::npos);
  CHECK(text.out.find("Result: handshake complete") != std::string::npos);
  CHECK(text.err.empty());  // one TLS connection: nothing to list

  const Run run_json = run_cli("trace --lesson https-443 --seed 4 --format json");
  const Run capture_json = run_cli("trace --pcap '" + file + "' --format json");
  REQUIRE(capture_json.status == 0);
  const auto lesson = nlohmann::json::parse(run_json.out);
  const auto capture = nlohmann::json::parse(capture_json.out);
  CHECK(capture.at("source") == "capture");
  CHECK(capture.at("lesson").is_null());
  CHECK(capture.at("capture").at("stream") == 1);
  CHECK(capture.at("capture").at("keys") == true);
  CHECK(capture.at("capture").at("events").get<std::string>().rfind("none", 0) == 0);
  CHECK(capture.at("negotiated") == lesson.at("negotiated"));
  // The same wire steps with the same bytes, plaintext and decoded fields; only events are absent.
  std::vector<nlohmann::json> wire;
  for (const auto& step : lesson.at("steps"))
    if (step.at("kind") != "event") wire.push_back(step);
  const auto& steps = capture.at("steps");
  REQUIRE(steps.size() == wire.size());
  for (std::size_t i = 0; i < wire.size(); ++i) {
    CAPTURE(i);
    CHECK(steps[i].at("index") == i + 1);
    CHECK(steps[i].at("kind") == wire[i].at("kind"));
    CHECK(steps[i].at("bytes") == wire[i].at("bytes"));
    CHECK(steps[i].at("messages") == wire[i].at("messages"));
    CHECK(steps[i].at("fields") == wire[i].at("fields"));
    CHECK(steps[i].value("plaintext", "") == wire[i].value("plaintext", ""));
    CHECK(steps[i].value("inner_fields", nlohmann::json()) == wire[i].value("inner_fields", nlohmann::json()));
    if (steps[i].contains("protection")) CHECK(steps[i].at("protection").at("opened") == true);
  }
}

TEST_CASE("trace --pcap picks the first TLS connection and lists the others on stderr") {
  const std::string file = exported("mitm.pcapng", "--lesson https-443 --seed 4 --set attack=mitm-clickthrough");
  const Run first = run_cli("trace --pcap '" + file + "'");
  INFO(first.err);
  REQUIRE(first.status == 0);
  CHECK(first.err.find("the capture has 2 TLS connections") != std::string::npos);
  CHECK(first.err.find("--stream 2") != std::string::npos);
  const Run second = run_cli("trace --pcap '" + file + "' --stream 2 --format json");
  REQUIRE(second.status == 0);
  CHECK(second.err.empty());
  CHECK(nlohmann::json::parse(second.out).at("capture").at("stream") == 2);
}

TEST_CASE("trace --pcap with --keylog decrypts a classic pcap; without it the records stay encrypted") {
  const std::string file = temp_path("tls12.pcap");
  const std::string keys = temp_path("tls12.keys");
  REQUIRE(run_cli("export --lesson https-443 --seed 4 --set version=1.2 --out '" + file + "' --keylog '" + keys + "'").status == 0);
  const Run with_keys = run_cli("trace --pcap '" + file + "' --keylog '" + keys + "'");
  REQUIRE(with_keys.status == 0);
  CHECK(with_keys.out.find("Application Data (GET / HTTP/1.1) [encrypted]") != std::string::npos);
  const Run without = run_cli("trace --pcap '" + file + "'");
  REQUIRE(without.status == 0);
  CHECK(without.out.find("Encrypted record (no key for it)") != std::string::npos);
  CHECK(without.out.find("no key log line names this connection") != std::string::npos);
}

TEST_CASE("decode --pcap prints every TLS connection, as text and as JSON") {
  const std::string file = exported("mitm.pcapng", "--lesson https-443 --seed 4 --set attack=mitm-clickthrough");
  const Run text = run_cli("decode --pcap '" + file + "'");
  REQUIRE(text.status == 0);
  CHECK(text.out.find("stream 1 (") != std::string::npos);
  CHECK(text.out.find("stream 2 (") != std::string::npos);
  CHECK(text.out.find("decrypted:") != std::string::npos);
  const Run json = run_cli("decode --pcap '" + file + "' --format json");
  REQUIRE(json.status == 0);
  const auto out = nlohmann::json::parse(json.out);
  REQUIRE(out.at("connections").size() == 2);
  CHECK(out.at("connections")[1].at("capture").at("stream") == 2);
  CHECK(out.at("connections")[0].at("source") == "capture");
}

TEST_CASE("refusals: bad flags and paths exit 2, a file that is no capture exits 1, one line each") {
  const std::string file = exported("https.pcapng", "--lesson https-443 --seed 4");
  const std::string not_capture = temp_path("notes.txt");
  std::ofstream(not_capture) << "these are not packets\n";
  const struct {
    std::string args;
    int status;
    std::string says;
  } cases[] = {
      {"trace --pcap /nonexistent/x.pcap", 2, "no such file"},
      {"trace --pcap /tmp", 2, "not a regular file"},
      {"trace --pcap '" + file + "' --stream 3", 2, "--stream 3: the capture has 1 TCP connections"},
      {"trace --pcap '" + file + "' --stream 0", 2, "--stream"},
      {"trace --pcap '" + file + "' --seed 1", 2, "--seed runs a lesson"},
      {"trace --stream 1", 2, "--stream needs --pcap"},
      {"trace --pcap '" + file + "' --keylog /nonexistent/keys", 2, "cannot open the key log"},
      {"decode --pcap '" + file + "' 160301", 2, "only one"},
      {"decode --keylog x", 2, "--keylog needs --pcap"},
      {"trace --pcap '" + not_capture + "'", 1, "not a pcap or pcapng capture"},
      {"decode --pcap '" + not_capture + "'", 1, "not a pcap or pcapng capture"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const Run run = run_cli(c.args);
    CHECK(run.status == c.status);
    CHECK(run.out.empty());
    CHECK(count_lines(run.err) == 1);
    CHECK(run.err.find(c.says) != std::string::npos);
  }
}

TEST_CASE("window and screenshot take trace's capture flags, with the same refusals before any window opens") {
  if (run_cli("window --help").status != 0) return;  // built without the window: no such command
  const std::string file = exported("https.pcapng", "--lesson https-443 --seed 4");
  const struct {
    std::string args;
    std::string says;
  } cases[] = {
      {"window --pcap /nonexistent/x.pcap", "no such file"},
      {"window --pcap /tmp", "not a regular file"},
      {"window --stream 1", "--stream needs --pcap"},
      {"window --keylog keys.txt", "--keylog needs --pcap"},
      {"window --pcap '" + file + "' --stream 0", "--stream"},
      {"screenshot --step 1 --out /tmp/x.png --keylog keys.txt", "--keylog needs --pcap"},
      {"screenshot --step 1 --out /tmp/x.png --pcap /nonexistent/x.pcap", "no such file"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    const Run run = run_cli(c.args);
    CHECK(run.status == 2);
    CHECK(count_lines(run.err) == 1);
    CHECK(run.err.find(c.says) != std::string::npos);
  }
}
