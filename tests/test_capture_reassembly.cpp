// TCP reassembly of imported captures: hand-built segments, written as pcap files and read
// back through libpcap, arriving in order, reordered, retransmitted, overlapping (agreeing and
// disagreeing), with gaps, without a handshake, across the 2^32 wrap; and each memory cap.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/capture/capture_import.hpp"
#include "core/capture/tcp_reassembly.hpp"
#include "support/capture_builder.hpp"

namespace {

using hl::Bytes;
using hl::capture::CaptureImport;
using hl::capture::import_capture;
using hl::capture::TcpConnection;
using hl::test::TestSegment;
using hl::test::text_bytes;

constexpr std::uint32_t kClientIsn = 1000, kServerIsn = 5000;

TestSegment from_client(std::uint32_t offset, const std::string& text, std::uint8_t flags = 0x18) {
  return {1, 2, 50000, 443, kClientIsn + 1 + offset, kServerIsn + 1, flags, text_bytes(text)};
}
TestSegment from_server(std::uint32_t offset, const std::string& text, std::uint8_t flags = 0x18) {
  return {2, 1, 443, 50000, kServerIsn + 1 + offset, kClientIsn + 1, flags, text_bytes(text)};
}
std::vector<TestSegment> handshake() {
  return {{1, 2, 50000, 443, kClientIsn, 0, 0x02, {}}, {2, 1, 443, 50000, kServerIsn, kClientIsn + 1, 0x12, {}},
          from_client(0, "", 0x10)};
}

CaptureImport read(std::vector<TestSegment> segments, int link = hl::test::kEthernet, bool v6 = false) {
  const Bytes file = hl::test::segments_file(segments, link, v6);
  CaptureImport capture = import_capture(file);
  REQUIRE(capture.error.empty());
  return capture;
}

std::string text(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

bool any_contains(const std::vector<std::string>& lines, const std::string& part) {
  for (const auto& line : lines)
    if (line.find(part) != std::string::npos) return true;
  return false;
}

std::vector<TestSegment> plus(std::vector<TestSegment> a, const std::vector<TestSegment>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("an in-order connection: the SYN's sender is the client, each direction whole") {
  const auto capture = read(plus(handshake(), {from_client(0, "hello "), from_client(6, "world"), from_server(0, "ok"),
                                               from_client(11, "", 0x11), from_server(2, "", 0x11)}));
  REQUIRE(capture.connections.size() == 1);
  const TcpConnection& c = capture.connections[0];
  CHECK(hl::capture::endpoint_text(c.client) == "10.0.0.1:50000");
  CHECK(hl::capture::endpoint_text(c.server) == "10.0.0.2:443");
  CHECK(text(c.to_server.data) == "hello world");
  CHECK(text(c.to_client.data) == "ok");
  CHECK(c.to_server.from_start);
  CHECK(c.to_server.fin);
  CHECK(c.to_server.stopped.empty());
  CHECK(c.warnings.empty());
  // The arrivals say when each prefix became whole: after packets 4 and 5 (1: SYN).
  REQUIRE(c.to_server.arrivals.size() == 2);
  CHECK(c.to_server.arrivals[0].end == 6);
  CHECK(c.to_server.arrivals[0].packet == 4);
  CHECK(c.to_server.arrivals[1].end == 11);
  CHECK(c.to_server.arrivals[1].packet == 5);
}

TEST_CASE("reordered segments are put back in sequence; the stream is whole once the gap fills") {
  const auto capture = read(plus(handshake(), {from_client(8, "rld"), from_client(0, "hel"), from_client(3, "lo wo")}));
  const TcpConnection& c = capture.connections.at(0);
  CHECK(text(c.to_server.data) == "hello world");
  CHECK(c.warnings.empty());
  REQUIRE(c.to_server.arrivals.size() == 2);
  CHECK(c.to_server.arrivals.back().end == 11);
  CHECK(c.to_server.arrivals.back().packet == 6);  // the last piece arrived in packet 6, completing all
}

TEST_CASE("a retransmitted segment, and overlaps that agree, add nothing and warn of nothing") {
  const auto capture = read(plus(handshake(), {from_client(0, "hello "), from_client(0, "hello "), from_client(3, "lo wor"),
                                               from_client(8, "rld")}));
  const TcpConnection& c = capture.connections.at(0);
  CHECK(text(c.to_server.data) == "hello world");
  CHECK(c.warnings.empty());
}

TEST_CASE("overlapping segments that disagree: the first bytes seen win, and the result says where") {
  SECTION("a resent in-order segment with other content") {
    const auto capture = read(plus(handshake(), {from_client(0, "hello world"), from_client(6, "WORLD!")}));
    const TcpConnection& c = capture.connections.at(0);
    CHECK(text(c.to_server.data) == "hello world!");  // only the new byte is taken
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0].find("client to server") != std::string::npos);
    CHECK(c.warnings[0].find("stream byte 6 with different content") != std::string::npos);
  }
  SECTION("an in-order segment that disagrees with an out-of-order one seen before it") {
    const auto capture = read(plus(handshake(), {from_client(6, "world"), from_client(0, "hello WORLD")}));
    const TcpConnection& c = capture.connections.at(0);
    CHECK(text(c.to_server.data) == "hello world");
    REQUIRE(c.warnings.size() == 1);
    CHECK(c.warnings[0].find("stream byte 6") != std::string::npos);
  }
}

TEST_CASE("a gap never filled: the stream stops before it and says how much is missing") {
  const auto capture = read(plus(handshake(), {from_client(0, "abc"), from_client(10, "xyz")}));
  const TcpConnection& c = capture.connections.at(0);
  CHECK(text(c.to_server.data) == "abc");
  CHECK(c.to_server.stopped.find("stopped at stream byte 3: 7 bytes were never captured") != std::string::npos);
  CHECK(any_contains(c.warnings, "the 3 bytes received after the gap are left out"));
}

TEST_CASE("without a handshake in the capture, the server is the side on the lower port") {
  const auto capture = read({from_server(0, "220 ready\r\n"), from_client(0, "EHLO x\r\n")});
  const TcpConnection& c = capture.connections.at(0);
  CHECK(c.server.port == 443);
  CHECK(!c.to_server.from_start);
  CHECK(text(c.to_client.data) == "220 ready\r\n");
  CHECK(text(c.to_server.data) == "EHLO x\r\n");
}

TEST_CASE("sequence numbers that wrap past 2^32 keep the stream in order") {
  const std::uint32_t isn = 0xFFFFFFF8;
  std::vector<TestSegment> segments = {{1, 2, 50000, 443, isn, 0, 0x02, {}},
                                       {1, 2, 50000, 443, isn + 1 + 10, 0, 0x18, text_bytes("0123456789")},
                                       {1, 2, 50000, 443, isn + 1, 0, 0x18, text_bytes("abcdefghij")}};
  const auto capture = read(segments);
  CHECK(text(capture.connections.at(0).to_server.data) == "abcdefghij0123456789");
}

TEST_CASE("connections are told apart by their 4-tuple, and a new SYN after FIN opens another") {
  std::vector<TestSegment> segments = plus(handshake(), {from_client(0, "first"), from_client(5, "", 0x11)});
  TestSegment other = from_client(0, "second");
  other.from_port = 50001;
  TestSegment other_syn = {1, 2, 50001, 443, kClientIsn, 0, 0x02, {}};
  segments.insert(segments.begin() + 1, other_syn);
  segments.push_back(other);
  segments.push_back({1, 2, 50000, 443, 90000, 0, 0x02, {}});  // the first port again, a fresh ISN
  segments.push_back({1, 2, 50000, 443, 90001, 0, 0x18, text_bytes("third")});
  const auto capture = read(segments);
  REQUIRE(capture.connections.size() == 3);
  CHECK(text(capture.connections[0].to_server.data) == "first");
  CHECK(text(capture.connections[1].to_server.data) == "second");
  CHECK(text(capture.connections[2].to_server.data) == "third");
}

TEST_CASE("IPv6 under every link type the reader knows gives the same streams") {
  using namespace hl::test;
  for (int link : {kEthernet, kSll, kSll2, kNull, kLoop, kRaw}) {
    for (bool v6 : {false, true}) {
      CAPTURE(link, v6);
      const auto capture = read(plus(handshake(), {from_client(0, "hello"), from_server(0, "hi")}), link, v6);
      REQUIRE(capture.connections.size() == 1);
      const TcpConnection& c = capture.connections[0];
      CHECK(text(c.to_server.data) == "hello");
      CHECK(text(c.to_client.data) == "hi");
      CHECK(hl::capture::endpoint_text(c.client) == (v6 ? "[fd00::1]:50000" : "10.0.0.1:50000"));
    }
  }
}

TEST_CASE("frames that are not TCP, or are cut or fragmented, are skipped and counted") {
  using namespace hl::test;
  std::vector<Bytes> frames;
  for (const auto& s : plus(handshake(), {from_client(0, "hello")})) frames.push_back(framed(kEthernet, ip_packet(s, false), false));
  Bytes fragment = framed(kEthernet, ip_packet(from_client(5, "more"), false), false);
  fragment[14 + 6] = 0x20;  // more fragments
  frames.push_back(fragment);
  Bytes cut = frames.back();
  cut.resize(14 + 10);  // an IPv4 header cut in half
  frames.push_back(cut);
  Bytes arp(42, 0);
  arp[12] = 0x08;
  arp[13] = 0x06;
  frames.push_back(arp);
  const CaptureImport capture = import_capture(pcap_file(kEthernet, frames));
  REQUIRE(capture.connections.size() == 1);
  CHECK(text(capture.connections[0].to_server.data) == "hello");
  CHECK(any_contains(capture.warnings, "1 IP fragments were skipped"));
  CHECK(any_contains(capture.warnings, "1 frames had broken or cut-off headers"));
}

TEST_CASE("every cap gives a partial result that says where it stopped") {
  SECTION("bytes per direction") {
    hl::capture::ReassemblyLimits limits;
    limits.max_bytes_per_direction = 8;
    const Bytes file = hl::test::segments_file(plus(handshake(), {from_client(0, "12345"), from_client(5, "67890")}));
    const CaptureImport capture = import_capture(file, limits);
    const TcpConnection& c = capture.connections.at(0);
    CHECK(text(c.to_server.data) == "12345");
    CHECK(c.to_server.stopped.find("stopped at stream byte 5 (packet 5)") != std::string::npos);
    CHECK(any_contains(c.warnings, "the cap per direction"));
  }
  SECTION("connections") {
    hl::capture::ReassemblyLimits limits;
    limits.max_connections = 2;
    std::vector<TestSegment> segments;
    for (std::uint16_t port = 50000; port < 50005; ++port) {
      TestSegment s = from_client(0, "x");
      s.from_port = port;
      segments.push_back(s);
    }
    const CaptureImport capture = import_capture(hl::test::segments_file(segments), limits);
    CHECK(capture.connections.size() == 2);
    CHECK(any_contains(capture.warnings, "3 segments from packet 3 on belong to connections beyond the first 2"));
  }
  SECTION("bytes over all connections: reading stops") {
    hl::capture::ReassemblyLimits limits;
    limits.max_total_bytes = 10;
    const Bytes file = hl::test::segments_file(plus(handshake(), {from_client(0, "123456"), from_server(0, "abcdef"),
                                                                  from_client(6, "789")}));
    const CaptureImport capture = import_capture(file, limits);
    CHECK(text(capture.connections.at(0).to_server.data) == "123456");
    CHECK(capture.connections[0].to_client.data.empty());
    CHECK(any_contains(capture.warnings, "stopped at packet 5"));
    CHECK(any_contains(capture.warnings, "the cap over all connections"));
  }
  SECTION("out-of-order segments waiting for a gap") {
    hl::capture::ReassemblyLimits limits;
    limits.max_pending_segments = 3;
    std::vector<TestSegment> segments = handshake();
    for (std::uint32_t i = 1; i <= 6; ++i) segments.push_back(from_client(i * 2, "x"));
    const CaptureImport capture = import_capture(hl::test::segments_file(segments), limits);
    const TcpConnection& c = capture.connections.at(0);
    CHECK(any_contains(c.warnings, "more than 3 out-of-order segments wait for a gap"));
  }
}
