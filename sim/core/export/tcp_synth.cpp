// Frames for a synthetic TCP connection: RFC 791 IPv4 and RFC 9293 TCP headers, no options.
#include "core/export/tcp_synth.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "core/engine/pump.hpp"
#include "core/model/flows.hpp"

namespace hl {
namespace {

constexpr std::size_t kMaxSegment = 1460;  // an Ethernet MTU's worth of TCP payload
constexpr std::int64_t kFrameGapMicros = 1000;

enum TcpFlag : std::uint8_t { kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10 };

// Locally administered MAC addresses, so they name no real vendor.
constexpr std::uint8_t kClientMac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
constexpr std::uint8_t kServerMac[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};

void put16(Bytes& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

void put32(Bytes& out, std::uint32_t value) {
  put16(out, static_cast<std::uint16_t>(value >> 16));
  put16(out, static_cast<std::uint16_t>(value));
}

void set16(Bytes& out, std::size_t at, std::uint16_t value) {
  out[at] = static_cast<std::uint8_t>(value >> 8);
  out[at + 1] = static_cast<std::uint8_t>(value);
}

// One direction's running state: its next sequence number and IP identification.
struct Direction {
  bool from_client = true;
  std::uint32_t next_seq = 0;
  std::uint16_t ip_id = 1;
  bool fin_sent = false;
};

// The state of one connection while its frames are appended to the capture's shared list, so
// frames of several connections interleave in step order on one clock.
class Connection {
 public:
  Connection(const TcpSynthOptions& options, std::vector<Frame>& frames) : options_(options), frames_(frames) {
    client_.next_seq = options.client_isn;
    server_.from_client = false;
    server_.next_seq = options.server_isn;
  }

  void handshake() {
    segment(client_, kSyn, {}, 0);
    segment(server_, kSyn | kAck, {}, client_.next_seq);
    segment(client_, kAck, {}, server_.next_seq);
  }

  void payload(Side from, const Bytes& bytes) {
    Direction& sender = from == Side::client ? client_ : server_;
    const Direction& peer = from == Side::client ? server_ : client_;
    for (std::size_t at = 0; at < bytes.size(); at += kMaxSegment) {
      const std::size_t size = std::min(kMaxSegment, bytes.size() - at);
      segment(sender, kPsh | kAck, {bytes.data() + at, size}, peer.next_seq);
    }
  }

  // One side closes its write side (a FIN), once: after its close_notify, or where its stream was cut.
  void fin(Side from) {
    Direction& sender = from == Side::client ? client_ : server_;
    if (sender.fin_sent) return;
    sender.fin_sent = true;
    last_fin_from_client_ = sender.from_client;
    segment(sender, kFin | kAck, {}, (from == Side::client ? server_ : client_).next_seq);
  }

  // The end of the capture: whoever has not closed yet does (the client first), and the side
  // that did not send the last FIN acknowledges it.
  void close() {
    fin(Side::client);
    fin(Side::server);
    Direction& acker = last_fin_from_client_ ? server_ : client_;
    segment(acker, kAck, {}, (last_fin_from_client_ ? client_ : server_).next_seq);
  }

 private:
  struct Span {
    const std::uint8_t* data = nullptr;
    std::size_t size = 0;
  };

  void segment(Direction& sender, std::uint8_t flags, Span data, std::uint32_t ack) {
    Frame frame;
    frame.micros = options_.start_micros + static_cast<std::int64_t>(frames_.size()) * kFrameGapMicros;
    Bytes& out = frame.bytes;
    out.reserve(54 + data.size);
    ethernet(out, sender.from_client);
    const std::size_t ip_at = out.size();
    ipv4(out, sender, static_cast<std::uint16_t>(20 + 20 + data.size));
    const std::size_t tcp_at = out.size();
    tcp(out, sender, flags, ack);
    out.insert(out.end(), data.data, data.data + data.size);
    set16(out, ip_at + 10, internet_checksum(&out[ip_at], 20));
    set16(out, tcp_at + 16, tcp_checksum(out, ip_at, tcp_at));
    // SYN and FIN each take one sequence number (RFC 9293 §3.4).
    sender.next_seq += static_cast<std::uint32_t>(data.size) + ((flags & (kSyn | kFin)) ? 1 : 0);
    ++sender.ip_id;
    frames_.push_back(std::move(frame));
  }

  static void ethernet(Bytes& out, bool from_client) {
    const std::uint8_t* dst = from_client ? kServerMac : kClientMac;
    const std::uint8_t* src = from_client ? kClientMac : kServerMac;
    out.insert(out.end(), dst, dst + 6);
    out.insert(out.end(), src, src + 6);
    put16(out, 0x0800);  // IPv4
  }

  static void ipv4(Bytes& out, const Direction& sender, std::uint16_t total_length) {
    const std::uint8_t* src = sender.from_client ? kClientAddress : kServerAddress;
    const std::uint8_t* dst = sender.from_client ? kServerAddress : kClientAddress;
    out.push_back(0x45);  // version 4, header length 5 words
    out.push_back(0);     // DSCP/ECN
    put16(out, total_length);
    put16(out, sender.ip_id);
    put16(out, 0x4000);   // don't fragment
    out.push_back(64);    // TTL
    out.push_back(6);     // TCP
    put16(out, 0);        // checksum, filled in once the header is complete
    out.insert(out.end(), src, src + 4);
    out.insert(out.end(), dst, dst + 4);
  }

  void tcp(Bytes& out, const Direction& sender, std::uint8_t flags, std::uint32_t ack) const {
    put16(out, sender.from_client ? options_.client_port : options_.server_port);
    put16(out, sender.from_client ? options_.server_port : options_.client_port);
    put32(out, sender.next_seq);
    put32(out, (flags & kAck) ? ack : 0);
    out.push_back(5 << 4);  // data offset: 5 words, no options
    out.push_back(flags);
    put16(out, 65535);      // window
    put16(out, 0);          // checksum, filled in once the payload is there
    put16(out, 0);          // urgent pointer
  }

  // TCP's checksum covers a pseudo-header of addresses, protocol and length (RFC 9293 §3.1).
  static std::uint16_t tcp_checksum(const Bytes& out, std::size_t ip_at, std::size_t tcp_at) {
    const std::size_t tcp_length = out.size() - tcp_at;
    std::uint32_t sum = 0;
    for (std::size_t i = 12; i < 20; i += 2) sum += (out[ip_at + i] << 8) | out[ip_at + i + 1];
    sum += 6;
    sum += static_cast<std::uint32_t>(tcp_length);
    return internet_checksum(&out[tcp_at], tcp_length, sum);
  }

  TcpSynthOptions options_;
  std::vector<Frame>& frames_;
  Direction client_;
  Direction server_;
  bool last_fin_from_client_ = false;
};

// SplitMix64: spreads a small seed over all 64 bits.
std::uint64_t mix(std::uint64_t value) {
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

// close=cut: the note the pump leaves where a side's stream ended without close_notify.
bool is_stream_cut(const Step& step) {
  if (step.kind != StepKind::event) return false;
  for (const EventPart& part : step.parts)
    if (part.kind == EventKind::note && part.title == kStreamCutTitle) return true;
  return false;
}

}  // namespace

std::uint16_t internet_checksum(const std::uint8_t* bytes, std::size_t size, std::uint32_t initial) {
  std::uint64_t sum = initial;
  for (std::size_t i = 0; i + 1 < size; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (size % 2 == 1) sum += bytes[size - 1] << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

TcpSynthOptions tcp_options_for_seed(std::uint64_t seed, std::uint16_t server_port, std::int64_t start_seconds) {
  const std::uint64_t bits = mix(seed);
  TcpSynthOptions options;
  options.server_port = server_port;
  options.client_port = static_cast<std::uint16_t>(49152 + (bits % 16384));  // the IANA ephemeral range
  options.client_isn = static_cast<std::uint32_t>(bits >> 16);
  options.server_isn = static_cast<std::uint32_t>(mix(bits) >> 16);
  options.start_micros = start_seconds * 1000000;
  return options;
}

std::vector<Frame> synthesize_tcp(const Transcript& transcript, const TcpSynthOptions& options) {
  std::vector<Frame> frames;
  // Connection n (Mallory's link to the server is 2) is its own TCP stream: the next client
  // port and fresh sequence numbers, opened just before its first byte.
  std::map<int, Connection> connections;
  auto open = [&](int number) -> Connection& {
    auto found = connections.find(number);
    if (found != connections.end()) return found->second;
    TcpSynthOptions own = options;
    own.client_port = static_cast<std::uint16_t>(options.client_port + (number - 1));
    if (number > 1) {
      own.client_isn = static_cast<std::uint32_t>(mix(options.client_isn + number));
      own.server_isn = static_cast<std::uint32_t>(mix(options.server_isn + number));
    }
    Connection& connection = connections.try_emplace(number, own, frames).first->second;
    connection.handshake();
    return connection;
  };
  open(1);
  for (const Step& step : transcript.steps) {
    if (is_stream_cut(step)) open(step.connection).fin(sender_role(step));
    if (step.kind == StepKind::event || step.bytes.empty()) continue;
    open(step.connection).payload(sender_role(step), step.bytes);
    // A side that sent close_notify closes its write side right behind it (RFC 8446 §6.1).
    if (step.kind == StepKind::record && flows::carries_close_notify(step)) open(step.connection).fin(sender_role(step));
  }
  for (auto& [number, connection] : connections) connection.close();
  return frames;
}

}  // namespace hl
