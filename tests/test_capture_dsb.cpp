// The pcapng Decryption Secrets Block walker, in pairs: each good file beside its bad twins
// (truncated, overlong length, trailing bytes, a wrong trailer), every block built here by
// the pcapng specification's framing rather than by the exporter under test.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/capture/pcapng_secrets.hpp"
#include "core/engine/engine.hpp"
#include "core/export/capture_file.hpp"
#include "support/capture_builder.hpp"

namespace {

using hl::Bytes;
using hl::capture::read_pcapng_secrets;

void put32(Bytes& out, std::uint32_t v, bool little) {
  if (little) hl::test::put32le(out, v);
  else hl::test::put32(out, v);
}

// type, total length, body (padded to 32 bits), total length.
Bytes block(std::uint32_t type, Bytes body, bool little = true) {
  while (body.size() % 4 != 0) body.push_back(0);
  Bytes out;
  const auto total = static_cast<std::uint32_t>(12 + body.size());
  put32(out, type, little);
  put32(out, total, little);
  out.insert(out.end(), body.begin(), body.end());
  put32(out, total, little);
  return out;
}

Bytes section_header(bool little = true) {
  Bytes body;
  put32(body, 0x1A2B3C4D, little);
  body.insert(body.end(), little ? std::initializer_list<std::uint8_t>{1, 0, 0, 0} : std::initializer_list<std::uint8_t>{0, 1, 0, 0});
  body.insert(body.end(), 8, 0xff);  // section length: unknown
  return block(0x0A0D0D0A, body, little);
}

Bytes secrets_block(const std::string& text, std::uint32_t secrets_type = 0x544c534b, bool little = true) {
  Bytes body;
  put32(body, secrets_type, little);
  put32(body, static_cast<std::uint32_t>(text.size()), little);
  body.insert(body.end(), text.begin(), text.end());
  return block(0x0000000A, body, little);
}

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

const std::string kLines = "CLIENT_RANDOM aa bb\nSERVER_HANDSHAKE_TRAFFIC_SECRET cc dd\r\n\nEXPORTER_SECRET ee ff";

}  // namespace

TEST_CASE("a DSB's key log lines, in both byte orders, across sections and blocks") {
  for (bool little : {true, false}) {
    CAPTURE(little);
    const auto found = read_pcapng_secrets(cat({section_header(little), secrets_block(kLines, 0x544c534b, little)}));
    CHECK(found.problem.empty());
    CHECK(found.keylog == std::vector<std::string>{"CLIENT_RANDOM aa bb", "SERVER_HANDSHAKE_TRAFFIC_SECRET cc dd", "EXPORTER_SECRET ee ff"});
  }
  // Two sections of different byte order, a DSB in each, another kind of block between.
  const auto found = read_pcapng_secrets(cat({section_header(true), secrets_block("A 1 2"), block(0x00000001, Bytes(8, 0)),
                                              section_header(false), secrets_block("B 3 4", 0x544c534b, false)}));
  CHECK(found.problem.empty());
  CHECK(found.keylog == std::vector<std::string>{"A 1 2", "B 3 4"});
}

TEST_CASE("the exporter's DSB is read back whole") {
  hl::Scenario scenario;
  scenario.seed = 3;
  const hl::Transcript t = hl::run_scenario(scenario);
  const auto found = read_pcapng_secrets(hl::capture_file(t, scenario, "https-443", hl::CaptureFormat::pcapng));
  CHECK(found.problem.empty());
  CHECK(found.keylog == t.keylog);
}

TEST_CASE("secrets of another type, classic pcap and empty input give no lines and no problem") {
  CHECK(read_pcapng_secrets(cat({section_header(), secrets_block(kLines, 0x57474b4c)})).keylog.empty());  // WireGuard keys
  const Bytes pcap = hl::test::pcap_file(1, {});
  const auto classic = read_pcapng_secrets(pcap);
  CHECK(classic.keylog.empty());
  CHECK(classic.problem.empty());
  CHECK(read_pcapng_secrets({}).problem.empty());
}

TEST_CASE("bad twins: truncated, overlong, trailing bytes and mismatched trailers stop the walk and say where") {
  const Bytes good = cat({section_header(), secrets_block(kLines)});
  const std::size_t dsb_at = section_header().size();

  SECTION("truncated inside the DSB") {
    const Bytes cut(good.begin(), good.end() - 6);
    const auto found = read_pcapng_secrets(cut);
    CHECK(found.keylog.empty());
    CHECK(found.problem == "a block longer than the rest of the file at byte " + std::to_string(dsb_at));
  }
  SECTION("truncated inside a block header") {
    Bytes cut = good;
    cut.resize(dsb_at + 6);
    const auto problem = read_pcapng_secrets(cut).problem;
    CHECK(problem.find("a block cut off in its header") != std::string::npos);
    CHECK(problem.find("at byte " + std::to_string(dsb_at)) != std::string::npos);
  }
  SECTION("a secrets length longer than its block") {
    Bytes bad = good;
    bad[dsb_at + 12] = 0xff;  // secrets_length, little-endian low byte
    bad[dsb_at + 13] = 0xff;
    const auto found = read_pcapng_secrets(bad);
    CHECK(found.keylog.empty());
    CHECK(found.problem.find("secrets are longer than the block") != std::string::npos);
  }
  SECTION("a block length that is not a multiple of 4, or smaller than the framing") {
    for (std::uint8_t total : {std::uint8_t{13}, std::uint8_t{8}}) {
      Bytes bad = good;
      bad[dsb_at + 4] = total;
      CHECK(read_pcapng_secrets(bad).problem == "a block with an impossible length at byte " + std::to_string(dsb_at));
    }
  }
  SECTION("a trailing length that does not match the header") {
    Bytes bad = good;
    bad[bad.size() - 4] ^= 0x04;
    CHECK(read_pcapng_secrets(bad).problem.find("trailing length does not match") != std::string::npos);
  }
  SECTION("trailing bytes after the last block") {
    Bytes bad = good;
    bad.insert(bad.end(), {1, 2, 3});
    const auto found = read_pcapng_secrets(bad);
    CHECK(found.keylog.size() == 3);  // what came before is kept
    CHECK(found.problem.find("at byte " + std::to_string(good.size())) != std::string::npos);
  }
  SECTION("a section header with a broken byte-order magic") {
    Bytes bad = good;
    bad[8] = 0x00;
    CHECK(read_pcapng_secrets(bad).problem.find("at byte 0") != std::string::npos);
  }
}
