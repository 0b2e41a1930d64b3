// Per direction: in-order bytes plus a map of non-overlapping pieces waiting behind a gap.
// A new segment only fills what is not yet known (first seen wins); the part it shares with
// known bytes is compared, and a difference becomes a warning with its stream offset.
#include "core/capture/tcp_reassembly.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <string_view>
#include <unordered_map>

namespace hl::capture {
namespace {

constexpr std::size_t kMaxWarningsPerConnection = 8;
constexpr std::size_t kPieceOverhead = 64;  // bytes charged per waiting piece (map node), so tiny pieces count too

std::string mib(std::size_t bytes) {
  return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB" : std::to_string(bytes) + " bytes";
}

// The 4-tuple with the smaller endpoint first, so both directions find the same connection.
using ConnectionKey = std::array<std::uint8_t, 37>;

void put_endpoint(ConnectionKey& key, std::size_t at, const Endpoint& e) {
  std::copy(e.address.begin(), e.address.end(), key.begin() + static_cast<std::ptrdiff_t>(at));
  key[at + 16] = static_cast<std::uint8_t>(e.port >> 8);
  key[at + 17] = static_cast<std::uint8_t>(e.port);
}

ConnectionKey key_of(const Endpoint& a, const Endpoint& b) {
  ConnectionKey ka{}, kb{};
  put_endpoint(ka, 1, a);
  put_endpoint(kb, 1, b);
  const bool a_first = std::lexicographical_compare(ka.begin(), ka.end(), kb.begin(), kb.end());
  ConnectionKey key{};
  key[0] = a.family;
  put_endpoint(key, 1, a_first ? a : b);
  put_endpoint(key, 19, a_first ? b : a);
  return key;
}

struct KeyHash {
  std::size_t operator()(const ConnectionKey& key) const {
    return std::hash<std::string_view>{}(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  }
};

// One direction while it is being built.
struct DirectionState {
  StreamDirection out;
  std::uint32_t base = 0;  // sequence number of stream byte 0
  bool has_base = false;
  std::map<std::uint64_t, Bytes> waiting;  // non-overlapping pieces after a gap, by stream offset
  std::size_t stored = 0;                  // bytes charged to this direction
};

struct ConnectionState {
  TcpConnection out;
  DirectionState to_server, to_client;
  std::size_t num_warnings = 0;

  void warn(std::string text) {
    if (++num_warnings <= kMaxWarningsPerConnection) out.warnings.push_back(std::move(text));
  }
};

}  // namespace

struct TcpReassembler::State {
  ReassemblyLimits limits;
  std::vector<ConnectionState> connections;
  std::unordered_map<ConnectionKey, std::size_t, KeyHash> by_key;
  std::size_t total_stored = 0;
  std::size_t num_untracked = 0;
  std::uint64_t first_untracked_packet = 0;
  std::size_t num_fragments = 0, num_malformed = 0;
  std::string stopped;

  ConnectionState* connection_for(const TcpSegment& s, std::uint64_t packet);
  void open(const TcpSegment& s, std::uint64_t packet, const ConnectionKey& key);
  void add_payload(ConnectionState& c, DirectionState& d, const char* name, const TcpSegment& s, std::uint64_t packet);
  void insert(ConnectionState& c, DirectionState& d, const char* name, std::uint64_t offset,
              std::span<const std::uint8_t> bytes, std::uint64_t packet);
  bool charge(ConnectionState& c, DirectionState& d, const char* name, std::size_t bytes, std::uint64_t packet);
  void compare(ConnectionState& c, const char* name, std::uint64_t offset, std::span<const std::uint8_t> known,
               std::span<const std::uint8_t> again, std::uint64_t packet);
  void drain(DirectionState& d, std::uint64_t packet);
};

TcpReassembler::TcpReassembler(ReassemblyLimits limits) : state_(std::make_unique<State>()) { state_->limits = limits; }
TcpReassembler::~TcpReassembler() = default;

void TcpReassembler::State::open(const TcpSegment& s, std::uint64_t packet, const ConnectionKey& key) {
  ConnectionState c;
  const bool syn_only = (s.flags & kTcpSyn) && !(s.flags & kTcpAck);
  const bool syn_ack = (s.flags & kTcpSyn) && (s.flags & kTcpAck);
  // Without a handshake, guess as people do: the server sits on the lower (well-known) port.
  const bool source_is_client = syn_only || (!syn_ack && s.source.port >= s.destination.port);
  c.out.client = source_is_client ? s.source : s.destination;
  c.out.server = source_is_client ? s.destination : s.source;
  c.out.first_packet = packet;
  by_key[key] = connections.size();
  connections.push_back(std::move(c));
}

ConnectionState* TcpReassembler::State::connection_for(const TcpSegment& s, std::uint64_t packet) {
  const ConnectionKey key = key_of(s.source, s.destination);
  auto found = by_key.find(key);
  const bool new_syn = (s.flags & kTcpSyn) && !(s.flags & kTcpAck);
  if (found != by_key.end()) {
    ConnectionState& c = connections[found->second];
    // A fresh SYN on a 4-tuple whose connection already carried data or ended is a new connection.
    const DirectionState& d = c.to_server;
    const bool reused = new_syn && (d.out.fin || d.out.rst || !d.out.data.empty() || !d.waiting.empty()) &&
                        !(d.has_base && d.base == s.seq + 1);
    if (!reused) return &c;
  }
  if (connections.size() >= limits.max_connections) {
    if (num_untracked++ == 0) first_untracked_packet = packet;
    return nullptr;
  }
  open(s, packet, key);
  return &connections.back();
}

bool TcpReassembler::State::charge(ConnectionState& c, DirectionState& d, const char* name, std::size_t bytes,
                                   std::uint64_t packet) {
  if (d.stored + bytes > limits.max_bytes_per_direction) {
    d.out.stopped = "stopped at stream byte " + std::to_string(d.out.data.size()) + " (packet " + std::to_string(packet) +
                    "): more than " + mib(limits.max_bytes_per_direction) + " in one direction, the cap per direction";
    c.warn(std::string(name) + ": " + d.out.stopped);
    return false;
  }
  if (total_stored + bytes > limits.max_total_bytes) {
    stopped = "stopped at packet " + std::to_string(packet) + ": more than " + mib(limits.max_total_bytes) +
              " of TCP payload in the capture, the cap over all connections; later packets were not read";
    return false;
  }
  d.stored += bytes;
  total_stored += bytes;
  return true;
}

void TcpReassembler::State::compare(ConnectionState& c, const char* name, std::uint64_t offset,
                                    std::span<const std::uint8_t> known, std::span<const std::uint8_t> again,
                                    std::uint64_t packet) {
  const auto diff = std::mismatch(known.begin(), known.end(), again.begin());
  if (diff.first == known.end()) return;
  const auto at = offset + static_cast<std::uint64_t>(diff.first - known.begin());
  c.warn(std::string(name) + ": packet " + std::to_string(packet) + " resends stream byte " + std::to_string(at) +
         " with different content; the first bytes seen were kept");
}

void TcpReassembler::State::drain(DirectionState& d, std::uint64_t packet) {
  while (!d.waiting.empty() && d.waiting.begin()->first == d.out.data.size()) {
    Bytes& piece = d.waiting.begin()->second;
    d.out.data.insert(d.out.data.end(), piece.begin(), piece.end());
    d.stored -= kPieceOverhead;
    total_stored -= kPieceOverhead;
    d.waiting.erase(d.waiting.begin());
  }
  const std::uint64_t end = d.out.data.size();
  if (end == (d.out.arrivals.empty() ? 0 : d.out.arrivals.back().end)) return;  // nothing new in order
  if (!d.out.arrivals.empty() && d.out.arrivals.back().packet == packet) d.out.arrivals.back().end = end;
  else d.out.arrivals.push_back({end, packet});
}

// Fills the unknown parts of [offset, offset + bytes.size()) and compares the known ones.
void TcpReassembler::State::insert(ConnectionState& c, DirectionState& d, const char* name, std::uint64_t offset,
                                   std::span<const std::uint8_t> bytes, std::uint64_t packet) {
  const std::uint64_t in_order = d.out.data.size();
  if (offset < in_order) {
    const std::size_t shared = static_cast<std::size_t>(std::min<std::uint64_t>(bytes.size(), in_order - offset));
    compare(c, name, offset, std::span(d.out.data).subspan(static_cast<std::size_t>(offset), shared), bytes.first(shared), packet);
    bytes = bytes.subspan(shared);
    offset += shared;
  }
  std::uint64_t at = offset;
  const std::uint64_t end = offset + bytes.size();
  auto piece = d.waiting.upper_bound(at);
  if (piece != d.waiting.begin() && std::prev(piece)->first + std::prev(piece)->second.size() > at) --piece;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> gaps;  // [from, to) not known yet
  for (; piece != d.waiting.end() && piece->first < end; ++piece) {
    const std::uint64_t piece_end = piece->first + piece->second.size();
    if (piece->first > at) gaps.emplace_back(at, piece->first);
    const std::uint64_t from = std::max(at, piece->first), to = std::min(end, piece_end);
    if (from < to)
      compare(c, name, from, std::span(piece->second).subspan(from - piece->first, to - from),
              bytes.subspan(from - offset, to - from), packet);
    at = std::max(at, piece_end);
  }
  if (at < end) gaps.emplace_back(at, end);
  for (const auto& [from, to] : gaps) {
    if (d.waiting.size() >= limits.max_pending_segments && from != d.out.data.size()) {
      d.out.stopped = "stopped at stream byte " + std::to_string(d.out.data.size()) + " (packet " + std::to_string(packet) +
                      "): more than " + std::to_string(limits.max_pending_segments) + " out-of-order segments wait for a gap";
      c.warn(std::string(name) + ": " + d.out.stopped);
      break;
    }
    const bool next_in_order = from == d.out.data.size();  // the usual case: straight onto the stream
    if (!charge(c, d, name, static_cast<std::size_t>(to - from) + (next_in_order ? 0 : kPieceOverhead), packet)) break;
    auto sub = bytes.subspan(static_cast<std::size_t>(from - offset), static_cast<std::size_t>(to - from));
    if (next_in_order) d.out.data.insert(d.out.data.end(), sub.begin(), sub.end());
    else d.waiting.emplace(from, Bytes(sub.begin(), sub.end()));
  }
  drain(d, packet);
}

void TcpReassembler::State::add_payload(ConnectionState& c, DirectionState& d, const char* name, const TcpSegment& s,
                                        std::uint64_t packet) {
  if (s.flags & kTcpSyn) {
    d.out.syn = true;
    if (!d.has_base || d.out.data.empty()) {
      d.base = s.seq + 1;  // the SYN takes one sequence number
      d.has_base = true;
      d.out.from_start = true;
    }
  }
  if (s.flags & kTcpRst) d.out.rst = true;
  if (s.flags & kTcpFin) d.out.fin = true;
  if (s.payload.empty() || !d.out.stopped.empty()) return;
  if (!d.has_base) {  // the capture began after the handshake: start at the first byte captured
    d.base = s.seq;
    d.has_base = true;
  }
  // Offsets are taken modulo 2^32 around the base: a direction never holds 2 GiB (the caps).
  const auto delta = static_cast<std::int32_t>(s.seq - d.base);
  auto payload = s.payload;
  std::uint64_t offset = 0;
  if (delta < 0) {  // starts before byte 0: keep only what follows it
    const auto before = static_cast<std::uint64_t>(-static_cast<std::int64_t>(delta));
    if (before >= payload.size()) return;
    payload = payload.subspan(static_cast<std::size_t>(before));
  } else {
    offset = static_cast<std::uint64_t>(delta);
  }
  if (s.payload_cut) c.warn(std::string(name) + ": packet " + std::to_string(packet) + " was cut short by the capture's snapshot length");
  insert(c, d, name, offset, payload, packet);
}

bool TcpReassembler::add(const TcpSegment& segment, std::uint64_t packet) {
  State& s = *state_;
  if (!s.stopped.empty()) return false;
  ConnectionState* c = s.connection_for(segment, packet);
  if (c == nullptr) return true;
  const bool to_server = segment.source == c->out.client && segment.destination == c->out.server;
  DirectionState& d = to_server ? c->to_server : c->to_client;
  s.add_payload(*c, d, to_server ? "client to server" : "server to client", segment, packet);
  return s.stopped.empty();
}

void TcpReassembler::skipped(FrameSkip why) {
  if (why == FrameSkip::fragment) ++state_->num_fragments;
  if (why == FrameSkip::malformed) ++state_->num_malformed;
}

namespace {

void report_gap(ConnectionState& c, DirectionState& d, const char* name) {
  if (d.waiting.empty()) return;
  std::size_t after = 0;
  for (const auto& [offset, piece] : d.waiting) after += piece.size();
  const std::uint64_t missing = d.waiting.begin()->first - d.out.data.size();
  if (d.out.stopped.empty())
    d.out.stopped = "stopped at stream byte " + std::to_string(d.out.data.size()) + ": " + std::to_string(missing) +
                    " bytes were never captured; the " + std::to_string(after) + " bytes received after the gap are left out";
  c.warn(std::string(name) + ": " + d.out.stopped);
}

}  // namespace

Reassembly TcpReassembler::finish() {
  State& s = *state_;
  Reassembly out;
  out.stopped = s.stopped;
  if (s.num_untracked > 0)
    out.warnings.push_back(std::to_string(s.num_untracked) + " segments from packet " + std::to_string(s.first_untracked_packet) +
                           " on belong to connections beyond the first " + std::to_string(s.limits.max_connections) +
                           " (the cap on connections) and were not reassembled");
  if (s.num_fragments > 0)
    out.warnings.push_back(std::to_string(s.num_fragments) + " IP fragments were skipped (the lab does not reassemble IP fragments)");
  if (s.num_malformed > 0) out.warnings.push_back(std::to_string(s.num_malformed) + " frames had broken or cut-off headers and were skipped");
  for (ConnectionState& c : s.connections) {
    report_gap(c, c.to_server, "client to server");
    report_gap(c, c.to_client, "server to client");
    if (c.num_warnings > kMaxWarningsPerConnection)
      c.out.warnings.push_back("... and " + std::to_string(c.num_warnings - kMaxWarningsPerConnection) + " more warnings");
    c.out.to_server = std::move(c.to_server.out);
    c.out.to_client = std::move(c.to_client.out);
    out.connections.push_back(std::move(c.out));
  }
  s.connections.clear();
  s.by_key.clear();
  return out;
}

}  // namespace hl::capture
