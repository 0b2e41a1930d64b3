// Export -> import: a lesson run written by the exporter (pcapng with its DSB, or pcap with
// the key log beside it) and read back gives the same wire steps, byte for byte, in the same
// order, with the same typed identities, and every protected record decrypted to the
// plaintext the endpoint reported.
#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

#include "core/capture/capture_import.hpp"
#include "core/capture/capture_transcript.hpp"
#include "core/engine/engine.hpp"
#include "core/export/capture_file.hpp"
#include "core/export/trace_text.hpp"

namespace {

using hl::Step;
using hl::StepKind;
using hl::Transcript;

Transcript run(hl::Scenario scenario) {
  scenario.seed = 7;
  Transcript t = hl::run_scenario(scenario);
  REQUIRE(t.handshake_complete);
  return t;
}

std::vector<Step> wire_steps(const Transcript& t) {
  std::vector<Step> steps;
  for (const Step& step : t.steps)
    if (step.kind != StepKind::event) steps.push_back(step);
  return steps;
}

// The imported connection has the run's wire steps, byte for byte and key for key, in the same order.
void check_same_steps(const std::vector<Step>& expected, const Transcript& back) {
  REQUIRE(back.steps.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i + 1, expected[i].title);
    const Step& got = back.steps[i];
    CHECK(got.kind == expected[i].kind);
    CHECK(got.from == expected[i].from);
    CHECK(got.to == expected[i].to);
    CHECK(got.bytes == expected[i].bytes);
    CHECK(got.is_protected == expected[i].is_protected);
    CHECK(got.plaintext == expected[i].plaintext);
    CHECK(got.inner_type == expected[i].inner_type);
    CHECK(got.messages == expected[i].messages);
    CHECK(got.protection == expected[i].protection);
    CHECK(got.event == hl::EventKind::none);
  }
}

// Reads `file` back and checks it step by step against the run that made it.
void check_round_trip(const Transcript& run, const hl::Bytes& file, const std::vector<std::string>& keylog = {}) {
  hl::capture::CaptureImport capture = hl::capture::import_capture(file);
  REQUIRE(capture.error.empty());
  CHECK(capture.warnings.empty());
  capture.keys.add(keylog);
  REQUIRE(capture.connections.size() == 1);
  const Transcript back = hl::capture::connection_transcript(capture.connections[0], capture.keys, {"run.pcapng", 1});
  REQUIRE(back.capture.has_value());
  CHECK(back.capture->keys);
  CHECK(back.capture->warnings.empty());
  check_same_steps(wire_steps(run), back);
  CHECK(back.handshake_complete);
  CHECK(back.negotiated.version == run.negotiated.version);
  CHECK(back.negotiated.cipher == run.negotiated.cipher);
  CHECK(back.negotiated.group == run.negotiated.group);
  CHECK(back.negotiated.alpn == run.negotiated.alpn);
  CHECK(back.keylog.size() == run.keylog.size());
}

}  // namespace

TEST_CASE("TLS 1.3 over HTTPS: pcapng with its DSB comes back step for step, decrypted") {
  const Transcript t = run(hl::Scenario{});
  check_round_trip(t, hl::capture_file(t, hl::Scenario{}, "https-443", hl::CaptureFormat::pcapng));
}

TEST_CASE("TLS 1.2: classic pcap plus the key log beside it comes back decrypted") {
  hl::Scenario scenario;
  scenario.version = hl::TlsVersion::tls12;
  const Transcript t = run(scenario);
  check_round_trip(t, hl::capture_file(t, scenario, "https-443", hl::CaptureFormat::pcap), t.keylog);
}

TEST_CASE("TLS 1.2 with a CBC suite and encrypt-then-MAC decrypts too") {
  hl::Scenario scenario;
  scenario.version = hl::TlsVersion::tls12;
  scenario.ciphers = "ECDHE-ECDSA-AES128-SHA256";
  const Transcript t = run(scenario);
  check_round_trip(t, hl::capture_file(t, scenario, "https-443", hl::CaptureFormat::pcapng));
}

TEST_CASE("STARTTLS: the plaintext dialogue, then TLS, in capture order") {
  hl::Scenario scenario;
  scenario.protocol = "smtp";
  scenario.port = 587;
  scenario.mode = hl::PortMode::starttls;
  const Transcript t = run(scenario);
  check_round_trip(t, hl::capture_file(t, scenario, "submission-587", hl::CaptureFormat::pcapng));
}

TEST_CASE("without the key log the records stay encrypted, and the transcript says why") {
  const Transcript t = run(hl::Scenario{});
  const auto file = hl::capture_file(t, hl::Scenario{}, "https-443", hl::CaptureFormat::pcap);
  const auto capture = hl::capture::import_capture(file);
  const Transcript back = hl::capture::connection_transcript(capture.connections.at(0), capture.keys, {"run.pcap", 1});
  REQUIRE(back.capture.has_value());
  CHECK_FALSE(back.capture->keys);
  REQUIRE_FALSE(back.capture->warnings.empty());
  CHECK(back.capture->warnings[0].find("protected records stay encrypted") != std::string::npos);
  std::size_t num_encrypted = 0;
  for (const Step& step : back.steps)
    if (step.is_protected) {
      ++num_encrypted;
      CHECK(step.plaintext.empty());
      CHECK(step.title == "Encrypted record (no key for it)");
    }
  CHECK(num_encrypted > 4);
  CHECK_FALSE(back.handshake_complete);
  CHECK(back.negotiated.version == "TLSv1.3");  // the ServerHello is in the clear
}

TEST_CASE("0-RTT: the resumed connection's early data and EndOfEarlyData open with the key log's early secret") {
  for (const char* early : {"on", "rejected"}) {
    CAPTURE(early);
    hl::Scenario scenario;
    REQUIRE(hl::set_scenario_field(scenario, "early-data", early).empty());
    const Transcript t = run(scenario);
    const auto file = hl::capture_file(t, scenario, "zero-rtt", hl::CaptureFormat::pcapng);
    hl::capture::CaptureImport capture = hl::capture::import_capture(file);
    REQUIRE(capture.error.empty());
    REQUIRE(capture.connections.size() == 2);
    const Transcript back = hl::capture::connection_transcript(capture.connections[1], capture.keys, {"run.pcapng", 2});
    REQUIRE(back.capture.has_value());
    CHECK(back.capture->warnings.empty());
    std::vector<Step> expected;
    for (const Step& step : wire_steps(t))
      if (step.connection == 2) expected.push_back(step);
    check_same_steps(expected, back);
    const auto early_records = std::count_if(back.steps.begin(), back.steps.end(), [](const Step& step) {
      return step.protection == hl::TrafficSecret::client_early;
    });
    // The GET sent as early data, and (accepted) the EndOfEarlyData after it.
    CHECK(early_records == (std::string(early) == "on" ? 2 : 1));
    CHECK(back.handshake_complete);
  }
}

TEST_CASE("a replayed ClientHello: two connections under one client random, each opened with its own key log lines") {
  hl::Scenario scenario;
  REQUIRE(hl::set_scenario_field(scenario, "attack", "replay-early-data").empty());
  REQUIRE(hl::set_scenario_field(scenario, "early-data", "on").empty());
  scenario.seed = 7;
  const Transcript t = hl::run_scenario(scenario);
  const auto file = hl::capture_file(t, scenario, "zero-rtt", hl::CaptureFormat::pcapng);
  hl::capture::CaptureImport capture = hl::capture::import_capture(file);
  REQUIRE(capture.error.empty());
  REQUIRE(capture.connections.size() == 3);
  const Transcript resumed = hl::capture::connection_transcript(capture.connections[1], capture.keys, {"run.pcapng", 2});
  const Transcript replayed = hl::capture::connection_transcript(capture.connections[2], capture.keys, {"run.pcapng", 3});
  for (const Transcript* back : {&resumed, &replayed}) {
    REQUIRE(back->capture.has_value());
    CHECK(back->capture->warnings.empty());  // every protected record opened
  }
  CHECK(resumed.handshake_complete);
  // Mallory's copy of the early GET opens with the first connection's early key: the same bytes, the same request.
  const auto early = [](const Transcript& back) -> const Step* {
    for (const Step& step : back.steps)
      if (step.protection == hl::TrafficSecret::client_early && step.inner_type == 23) return &step;
    return nullptr;
  };
  REQUIRE(early(resumed) != nullptr);
  REQUIRE(early(replayed) != nullptr);
  CHECK(early(replayed)->bytes == early(resumed)->bytes);
  CHECK(early(replayed)->plaintext == early(resumed)->plaintext);
  // She stops after the server's flight: the trace says which Finished is missing, not "both".
  CHECK_FALSE(replayed.handshake_complete);
  CHECK_THAT(hl::trace_to_text(replayed, "replay"), Catch::Contains("the client's Finished is not visible"));
}
