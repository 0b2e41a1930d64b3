// Capture export: the synthetic TCP frames (checksums recomputed here from the RFCs, sequence
// and acknowledgement numbers continuous, every wire step carried in order) and the pcapng and
// pcap files (every block parsed back by the specification's framing, the key log in a DSB).
#include <catch2/catch.hpp>

#include <pcap/pcap.h>

#include <cstdio>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/engine.hpp"
#include "core/export/capture_file.hpp"
#include "core/export/pcapng_writer.hpp"
#include "core/export/tcp_synth.hpp"

namespace {

using hl::Bytes;

std::uint32_t be16(const Bytes& b, std::size_t at) { return (b.at(at) << 8) | b.at(at + 1); }
std::uint32_t be32(const Bytes& b, std::size_t at) { return (be16(b, at) << 16) | be16(b, at + 2); }
std::uint32_t le16(const Bytes& b, std::size_t at) { return b.at(at) | (b.at(at + 1) << 8); }
std::uint32_t le32(const Bytes& b, std::size_t at) { return le16(b, at) | (le16(b, at + 2) << 16); }

// RFC 1071, written out again here so the test does not trust the code it checks: the
// one's-complement sum over a header that includes its own checksum must come to 0xffff.
std::uint32_t ones_sum(const Bytes& b, std::size_t from, std::size_t to, std::uint32_t sum = 0) {
  for (std::size_t i = from; i < to; i += 2) sum += (b.at(i) << 8) | (i + 1 < to ? b.at(i + 1) : 0);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

// One frame taken apart.
struct Segment {
  bool from_client = false;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  Bytes payload;
};

Segment parse_frame(const Bytes& f) {
  REQUIRE(f.size() >= 54);
  REQUIRE(be16(f, 12) == 0x0800);
  const std::size_t ip = 14;
  REQUIRE(f[ip] == 0x45);
  REQUIRE(be16(f, ip + 2) == f.size() - ip);
  REQUIRE(f[ip + 9] == 6);
  CHECK(ones_sum(f, ip, ip + 20) == 0xffff);
  const std::size_t tcp = ip + 20;
  const std::uint32_t pseudo = ones_sum(f, ip + 12, ip + 20) + 6 + static_cast<std::uint32_t>(f.size() - tcp);
  CHECK(ones_sum(f, tcp, f.size(), pseudo) == 0xffff);
  Segment s;
  s.from_client = f[ip + 12] == 192;
  s.seq = be32(f, tcp + 4);
  s.ack = be32(f, tcp + 8);
  s.flags = f[tcp + 13];
  CHECK((f[tcp + 12] >> 4) == 5);
  s.payload.assign(f.begin() + 54, f.end());
  return s;
}

hl::Transcript run(hl::Scenario scenario) {
  scenario.seed = 5;
  hl::Transcript t = hl::run_scenario(scenario);
  REQUIRE(t.handshake_complete);
  return t;
}

// The bytes each side put on the wire, step after step.
std::map<bool, Bytes> wire_bytes(const hl::Transcript& t) {
  std::map<bool, Bytes> bytes;
  for (const hl::Step& step : t.steps)
    if (step.kind != hl::StepKind::event) {
      Bytes& side = bytes[step.from == hl::Side::client];
      side.insert(side.end(), step.bytes.begin(), step.bytes.end());
    }
  return bytes;
}

// One pcapng block as framed on disk.
struct Block {
  std::uint32_t type = 0;
  Bytes body;
};

// Splits a little-endian pcapng file into blocks, checking the framing the specification
// requires of every block; nullopt (with the reason in `error`) on any violation.
std::optional<std::vector<Block>> parse_blocks(const Bytes& file, std::string& error) {
  std::vector<Block> blocks;
  for (std::size_t at = 0; at < file.size();) {
    if (file.size() - at < 12) return error = "truncated block header", std::nullopt;
    const std::uint32_t total = le32(file, at + 4);
    if (total < 12 || total % 4 != 0) return error = "bad total length", std::nullopt;
    if (total > file.size() - at) return error = "block overruns the file", std::nullopt;
    if (le32(file, at + total - 4) != total) return error = "trailing length differs", std::nullopt;
    blocks.push_back({le32(file, at), Bytes(file.begin() + at + 8, file.begin() + at + total - 4)});
    at += total;
  }
  if (blocks.empty() || blocks[0].type != hl::kPcapngSectionHeader) return error = "no section header", std::nullopt;
  return blocks;
}

// Options of a block body from `at` on: code -> value; checks each is padded to 32 bits.
std::map<std::uint16_t, std::string> parse_options(const Bytes& body, std::size_t at) {
  std::map<std::uint16_t, std::string> options;
  while (at + 4 <= body.size()) {
    const auto code = static_cast<std::uint16_t>(le16(body, at));
    const std::size_t length = le16(body, at + 2);
    if (code == 0) break;
    REQUIRE(at + 4 + length <= body.size());
    options[code] = std::string(body.begin() + at + 4, body.begin() + at + 4 + length);
    at += 4 + ((length + 3) / 4) * 4;
  }
  return options;
}

// The frames another reader finds in a capture file: libpcap reads pcap and pcapng alike
// (and checks pcapng block lengths), so it checks our own pcapng blocks independently.
std::vector<hl::Frame> read_with_libpcap(const Bytes& file) {
  Bytes copy = file;
  FILE* stream = fmemopen(copy.data(), copy.size(), "rb");
  REQUIRE(stream != nullptr);
  char error[PCAP_ERRBUF_SIZE] = {};
  pcap_t* reader = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_MICRO, error);
  INFO(error);
  REQUIRE(reader != nullptr);
  CHECK(pcap_datalink(reader) == DLT_EN10MB);
  std::vector<hl::Frame> frames;
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  int status = 0;
  while ((status = pcap_next_ex(reader, &header, &data)) == 1) {
    CHECK(header->caplen == header->len);
    frames.push_back({std::int64_t{header->ts.tv_sec} * 1000000 + header->ts.tv_usec, Bytes(data, data + header->caplen)});
  }
  CHECK(status == PCAP_ERROR_BREAK);  // the end of the file, not an error
  pcap_close(reader);  // closes the stream too
  return frames;
}

bool same_frames(const std::vector<hl::Frame>& a, const std::vector<hl::Frame>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].micros != b[i].micros || a[i].bytes != b[i].bytes) return false;
  return true;
}

}  // namespace

TEST_CASE("libpcap reads the same frames back from the pcapng and the pcap file") {
  const hl::Transcript t = run(hl::Scenario{});
  const auto frames = hl::synthesize_tcp(t, hl::tcp_options_for_seed(5, 443, 1790000000));
  CHECK(same_frames(read_with_libpcap(hl::pcapng_file(frames, {"comment", t.keylog})), frames));
  CHECK(same_frames(read_with_libpcap(hl::pcap_file(frames)), frames));
}

TEST_CASE("a synthetic connection has valid checksums and continuous sequence numbers") {
  const hl::Transcript t = run(hl::Scenario{});
  const auto options = hl::tcp_options_for_seed(5, 443, 1790000000);
  const std::vector<hl::Frame> frames = hl::synthesize_tcp(t, options);
  std::vector<Segment> segments;
  for (const hl::Frame& f : frames) segments.push_back(parse_frame(f.bytes));
  REQUIRE(segments.size() >= 7);

  // The three-way handshake.
  CHECK(segments[0].flags == 0x02);
  CHECK(segments[0].seq == options.client_isn);
  CHECK(segments[1].flags == 0x12);
  CHECK(segments[1].seq == options.server_isn);
  CHECK(segments[1].ack == options.client_isn + 1);
  CHECK(segments[2].flags == 0x10);

  // Each side's next sequence number follows its bytes; every ACK names what the peer sent so far.
  std::map<bool, std::uint32_t> next{{true, options.client_isn}, {false, options.server_isn}};
  std::map<bool, Bytes> carried;
  for (const Segment& s : segments) {
    CHECK(s.seq == next[s.from_client]);
    if (s.flags & 0x10) CHECK(s.ack == next[!s.from_client]);
    next[s.from_client] += static_cast<std::uint32_t>(s.payload.size()) + ((s.flags & 0x03) ? 1 : 0);
    carried[s.from_client].insert(carried[s.from_client].end(), s.payload.begin(), s.payload.end());
    CHECK(s.payload.size() <= 1460);
  }
  CHECK(carried == wire_bytes(t));

  // FIN from each side, then the last ACK.
  const std::size_t n = segments.size();
  CHECK(segments[n - 3].flags == 0x11);
  CHECK(segments[n - 2].flags == 0x11);
  CHECK(segments[n - 1].flags == 0x10);

  for (std::size_t i = 1; i < frames.size(); ++i) CHECK(frames[i].micros > frames[i - 1].micros);
  CHECK(frames[0].micros == 1790000000LL * 1000000);
}

TEST_CASE("a STARTTLS dialogue is carried whole: plaintext lines, then the TLS records") {
  hl::Scenario scenario;
  scenario.protocol = "smtp";
  scenario.port = 587;
  scenario.mode = hl::PortMode::starttls;
  const hl::Transcript t = run(scenario);
  const std::vector<hl::Frame> frames = hl::synthesize_tcp(t, hl::tcp_options_for_seed(5, 587, 0));
  std::map<bool, Bytes> carried;
  for (const hl::Frame& f : frames) {
    Segment s = parse_frame(f.bytes);
    carried[s.from_client].insert(carried[s.from_client].end(), s.payload.begin(), s.payload.end());
  }
  CHECK(carried == wire_bytes(t));
  const std::string server(carried[false].begin(), carried[false].end());
  CHECK(server.rfind("220 ", 0) == 0);              // the greeting comes first, in the clear
  CHECK(server.find("\x16\x03\x03") != std::string::npos);  // and TLS follows
}

TEST_CASE("a man in the middle's two connections are two TCP streams, each carrying its own bytes") {
  hl::Scenario scenario;
  scenario.attack = hl::Attack::mitm_clickthrough;
  const hl::Transcript t = run(scenario);
  const auto options = hl::tcp_options_for_seed(5, 443, 0);
  const std::vector<hl::Frame> frames = hl::synthesize_tcp(t, options);

  // Each stream is named by its client port; its bytes are those of its connection's steps, in order.
  std::map<std::uint16_t, std::map<bool, Bytes>> carried;
  std::map<std::uint16_t, int> syns;
  for (const hl::Frame& f : frames) {
    const Segment s = parse_frame(f.bytes);
    const std::uint16_t client_port = static_cast<std::uint16_t>(be16(f.bytes, s.from_client ? 34 : 36));
    if (s.flags == 0x02) ++syns[client_port];
    Bytes& side = carried[client_port][s.from_client];
    side.insert(side.end(), s.payload.begin(), s.payload.end());
  }
  std::map<std::uint16_t, std::map<bool, Bytes>> expected;
  for (const hl::Step& step : t.steps) {
    if (step.kind == hl::StepKind::event) continue;
    const auto port = static_cast<std::uint16_t>(options.client_port + step.connection - 1);
    Bytes& side = expected[port][hl::sender_role(step) == hl::Side::client];
    side.insert(side.end(), step.bytes.begin(), step.bytes.end());
  }
  REQUIRE(expected.size() == 2);
  CHECK(carried == expected);
  CHECK(syns == std::map<std::uint16_t, int>{{options.client_port, 1}, {options.client_port + 1, 1}});
  for (std::size_t i = 1; i < frames.size(); ++i) CHECK(frames[i].micros > frames[i - 1].micros);
}

TEST_CASE("a large record is split into segments that still add up") {
  hl::Transcript t;
  hl::Step big;
  big.kind = hl::StepKind::record;
  big.from = hl::Side::server;
  big.bytes.assign(5000, 0xab);
  t.steps.push_back(big);
  const std::vector<hl::Frame> frames = hl::synthesize_tcp(t, hl::tcp_options_for_seed(1, 443, 0));
  REQUIRE(frames.size() == 3 + 4 + 3);  // 1460 * 3 + 620
  CHECK(parse_frame(frames[6].bytes).payload.size() == 620);
}

TEST_CASE("the pcapng file parses back block by block, with the key log in a DSB") {
  const hl::Transcript t = run(hl::Scenario{});
  const auto frames = hl::synthesize_tcp(t, hl::tcp_options_for_seed(5, 443, 1790000000));
  const Bytes file = hl::pcapng_file(frames, {"Handshake Lab lesson https-443, seed 5", t.keylog});
  std::string error;
  const auto blocks = parse_blocks(file, error);
  INFO(error);
  REQUIRE(blocks);
  REQUIRE(blocks->size() == 3 + frames.size());

  const Bytes& shb = (*blocks)[0].body;
  CHECK(le32(shb, 0) == 0x1A2B3C4D);
  CHECK(le16(shb, 4) == 1);
  CHECK(le16(shb, 6) == 0);
  CHECK(parse_options(shb, 16)[1] == "Handshake Lab lesson https-443, seed 5");

  CHECK((*blocks)[1].type == hl::kPcapngInterface);
  CHECK(le16((*blocks)[1].body, 0) == 1);  // LINKTYPE_ETHERNET

  const Block& dsb = (*blocks)[2];
  REQUIRE(dsb.type == hl::kPcapngDecryptionSecrets);
  CHECK(le32(dsb.body, 0) == 0x544c534b);
  const std::size_t length = le32(dsb.body, 4);
  const std::string secrets(dsb.body.begin() + 8, dsb.body.begin() + 8 + static_cast<std::ptrdiff_t>(length));
  CHECK(secrets == hl::keylog_text(t.keylog));
  CHECK(secrets.find("CLIENT_HANDSHAKE_TRAFFIC_SECRET ") != std::string::npos);
  CHECK(dsb.body.size() == ((8 + length + 3) / 4) * 4);

  for (std::size_t i = 0; i < frames.size(); ++i) {
    const Block& epb = (*blocks)[3 + i];
    REQUIRE(epb.type == hl::kPcapngEnhancedPacket);
    const std::uint64_t micros = (std::uint64_t{le32(epb.body, 4)} << 32) | le32(epb.body, 8);
    CHECK(micros == static_cast<std::uint64_t>(frames[i].micros));
    const std::size_t captured = le32(epb.body, 12);
    CHECK(captured == frames[i].bytes.size());
    CHECK(Bytes(epb.body.begin() + 20, epb.body.begin() + 20 + static_cast<std::ptrdiff_t>(captured)) == frames[i].bytes);
  }
}

TEST_CASE("the block parser used above rejects broken framing") {
  const Bytes good = hl::pcapng_file({}, {"c", {"CLIENT_RANDOM 00 11"}});
  std::string error;
  REQUIRE(parse_blocks(good, error));

  Bytes truncated(good.begin(), good.end() - 1);
  CHECK_FALSE(parse_blocks(truncated, error));
  Bytes trailing = good;
  trailing.insert(trailing.end(), {1, 2, 3});
  CHECK_FALSE(parse_blocks(trailing, error));
  Bytes mismatched = good;
  mismatched[good.size() - 4] ^= 4;  // the last block's trailing total length
  CHECK_FALSE(parse_blocks(mismatched, error));
  CHECK(error == "trailing length differs");
}

TEST_CASE("no key log, no DSB; an empty option is left out") {
  const Bytes file = hl::pcapng_file({}, {"", {}});
  std::string error;
  const auto blocks = parse_blocks(file, error);
  REQUIRE(blocks);
  REQUIRE(blocks->size() == 2);
  CHECK(parse_options((*blocks)[0].body, 16).count(1) == 0);
}

TEST_CASE("the classic pcap file has the 2.4 header and one record per frame") {
  const hl::Transcript t = run(hl::Scenario{});
  const auto frames = hl::synthesize_tcp(t, hl::tcp_options_for_seed(5, 443, 1790000000));
  const Bytes file = hl::pcap_file(frames);
  CHECK(le32(file, 0) == 0xa1b2c3d4);
  CHECK(le16(file, 4) == 2);
  CHECK(le16(file, 6) == 4);
  CHECK(le32(file, 20) == 1);
  std::size_t at = 24;
  for (const hl::Frame& frame : frames) {
    REQUIRE(at + 16 <= file.size());
    CHECK(std::int64_t{le32(file, at)} * 1000000 + le32(file, at + 4) == frame.micros);
    const std::size_t length = le32(file, at + 8);
    REQUIRE(length == frame.bytes.size());
    CHECK(Bytes(file.begin() + at + 16, file.begin() + at + 16 + static_cast<std::ptrdiff_t>(length)) == frame.bytes);
    at += 16 + length;
  }
  CHECK(at == file.size());
}

TEST_CASE("a seeded capture file is byte-identical twice, names lesson and seed, and another seed differs") {
  auto file_for = [](std::uint64_t seed, hl::CaptureFormat format) {
    hl::Scenario scenario;
    scenario.seed = seed;
    return hl::capture_file(hl::run_scenario(scenario), scenario, "https-443", format);
  };
  const Bytes first = file_for(9, hl::CaptureFormat::pcapng);
  CHECK(first == file_for(9, hl::CaptureFormat::pcapng));
  CHECK(first != file_for(10, hl::CaptureFormat::pcapng));
  CHECK(file_for(9, hl::CaptureFormat::pcap) == file_for(9, hl::CaptureFormat::pcap));
  std::string error;
  const auto blocks = parse_blocks(first, error);
  REQUIRE(blocks);
  CHECK_THAT(parse_options((*blocks)[0].body, 16)[1], Catch::StartsWith("Handshake Lab lesson https-443, seed 9"));
  CHECK(read_with_libpcap(first).front().micros == hl::Scenario{}.clock * 1000000);
}
