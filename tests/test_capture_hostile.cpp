// Hostile captures: truncated files, garbage, a 4 GiB snaplen, a packet claiming to be
// larger than any snaplen, 100,000 connections, a stream that stops being TLS. Each gives a
// clear error or a partial result that says where it stopped; none crashes or hangs.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "core/capture/capture_import.hpp"
#include "core/capture/capture_transcript.hpp"
#include "core/engine/engine.hpp"
#include "core/export/capture_file.hpp"
#include "support/capture_builder.hpp"

namespace {

using hl::Bytes;
using hl::capture::import_capture;

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& line : lines)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

Bytes exported(hl::CaptureFormat format) {
  hl::Scenario scenario;
  scenario.seed = 11;
  const hl::Transcript t = hl::run_scenario(scenario);
  return hl::capture_file(t, scenario, "https-443", format);
}

}  // namespace

TEST_CASE("a truncated capture gives what came before the cut and says where it stopped") {
  for (auto format : {hl::CaptureFormat::pcapng, hl::CaptureFormat::pcap}) {
    const Bytes whole = exported(format);
    Bytes cut(whole.begin(), whole.begin() + static_cast<std::ptrdiff_t>(whole.size() * 6 / 10));
    const auto capture = import_capture(cut);
    REQUIRE(capture.error.empty());
    CHECK(any_contains(capture.warnings, "libpcap stopped after packet"));
    REQUIRE(capture.connections.size() == 1);
    const hl::Transcript t = hl::capture::connection_transcript(capture.connections[0], capture.keys, {"cut", 1});
    CHECK(t.steps.size() >= 2);  // ClientHello, ServerHello at least
    CHECK_FALSE(t.handshake_complete);
  }
}

TEST_CASE("a file cut inside its header, garbage and an empty file are clear errors") {
  const Bytes whole = exported(hl::CaptureFormat::pcap);
  CHECK_FALSE(import_capture(Bytes(whole.begin(), whole.begin() + 10)).error.empty());
  std::mt19937 random(42);
  Bytes garbage(4096);
  for (auto& byte : garbage) byte = static_cast<std::uint8_t>(random());
  const auto from_garbage = import_capture(garbage);
  CHECK(from_garbage.error.find("not a pcap or pcapng capture") != std::string::npos);
  CHECK(from_garbage.connections.empty());
  CHECK(import_capture({}).error == "the file is empty");
}

TEST_CASE("garbage after a valid header stops reading with a reason") {
  Bytes file = hl::test::pcap_file(1, {});
  std::mt19937 random(7);
  for (int i = 0; i < 2000; ++i) file.push_back(static_cast<std::uint8_t>(random()));
  const auto capture = import_capture(file);
  CHECK(capture.error.empty());
  CHECK(any_contains(capture.warnings, "libpcap stopped after packet"));
}

TEST_CASE("a snaplen of 4 GiB is read like any other, and a packet larger than any snaplen stops reading") {
  using namespace hl::test;
  const TestSegment s{1, 2, 50000, 443, 1, 0, 0x18, text_bytes("hello")};
  const Bytes frame = framed(kEthernet, ip_packet(s, false), false);
  const Bytes file = pcap_file(kEthernet, {frame, frame}, 0xFFFFFFFF);
  const auto capture = import_capture(file);
  REQUIRE(capture.error.empty());
  CHECK(capture.num_packets == 2);
  REQUIRE(capture.connections.size() == 1);
  CHECK(capture.connections[0].to_server.data == text_bytes("hello"));

  Bytes huge = pcap_file(kEthernet, {frame}, 0xFFFFFFFF);
  const std::size_t record_at = 24 + 16 + frame.size();
  huge.insert(huge.end(), huge.begin() + 24, huge.begin() + 24 + 16);  // a second record header ...
  huge[record_at + 8] = 0xf0;                                          // ... whose caplen says about 4 GiB
  for (int i = 1; i < 4; ++i) huge[record_at + 8 + static_cast<std::size_t>(i)] = 0xff;
  const auto stopped = import_capture(huge);
  CHECK(stopped.error.empty());
  CHECK(stopped.num_packets == 1);
  CHECK(any_contains(stopped.warnings, "libpcap stopped after packet 1"));
}

TEST_CASE("100,000 connections: the first 10,000 are kept, the rest counted, in bounded time") {
  using namespace hl::test;
  std::vector<Bytes> frames;
  frames.reserve(100'000);
  for (std::uint32_t i = 0; i < 100'000; ++i) {
    TestSegment s{static_cast<int>(1 + i % 200), 250, static_cast<std::uint16_t>(1024 + i / 200), 443, i, 0, 0x18,
                  text_bytes("x")};
    frames.push_back(framed(kEthernet, ip_packet(s, false), false));
  }
  const auto capture = import_capture(pcap_file(kEthernet, frames));
  REQUIRE(capture.error.empty());
  CHECK(capture.num_packets == 100'000);
  CHECK(capture.connections.size() == 10'000);
  CHECK(any_contains(capture.warnings, "90000 segments from packet 10001 on belong to connections beyond the first 10000"));
  CHECK(hl::capture::tls_connections(capture).empty());
}

TEST_CASE("a stream that stops looking like TLS, or ends inside a record, is cut there with a warning") {
  using namespace hl::test;
  Bytes hello = {0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00};  // a (tiny) handshake record
  Bytes stream = hello;
  stream.insert(stream.end(), {'G', 'E', 'T', ' ', '/'});
  Bytes server = {0x16, 0x03, 0x03, 0x40, 0x00, 0x02};  // announces 16 KiB, carries 1 byte
  const auto capture = import_capture(segments_file({{1, 2, 50000, 443, 1, 0, 0x18, stream}, {2, 1, 443, 50000, 1, 0, 0x18, server}}));
  REQUIRE(capture.connections.size() == 1);
  const hl::Transcript t = hl::capture::connection_transcript(capture.connections[0], capture.keys, {"x", 1});
  REQUIRE(t.steps.size() == 1);
  CHECK(t.steps[0].bytes == hello);
  REQUIRE(t.capture.has_value());
  CHECK(any_contains(t.capture->warnings, "client to server: stream byte 9 is not the start of a TLS record"));
  CHECK(any_contains(t.capture->warnings, "server to client: the TLS record at stream byte 0 is cut off: 6 of its bytes arrived"));
}
