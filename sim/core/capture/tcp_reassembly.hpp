// TCP stream reassembly for imported captures: connections keyed by their 4-tuple, each
// direction put back in sequence order from out-of-order, retransmitted and overlapping
// segments. The first bytes seen for a sequence number win (as the receiving stack kept
// them); a later segment that disagrees is reported, never silently merged.
//
// Memory is bounded by ReassemblyLimits; past a cap the result is partial and says where it
// stopped. Defaults: 16 MiB per direction, 256 MiB over all connections, 10,000 connections,
// 1,024 out-of-order segments waiting per direction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/capture/link_layer.hpp"
#include "core/model/transcript.hpp"

namespace hl::capture {

/// The caps that bound reassembly's memory and time.
struct ReassemblyLimits {
  std::size_t max_connections = 10'000;              // connections after this many are not tracked
  std::size_t max_bytes_per_direction = 16u << 20;   // in-order plus waiting bytes of one direction
  std::size_t max_total_bytes = 256u << 20;          // over every direction of every connection: reading stops
  std::size_t max_pending_segments = 1'024;          // out-of-order pieces waiting for a gap, per direction
};

/// The in-order byte count of a direction once a packet had been read: the capture order of
/// what each side sent, so the two directions can be interleaved as they happened.
struct Arrival {
  std::uint64_t end = 0;     // stream bytes [0, end) were in order ...
  std::uint64_t packet = 0;  // ... after this packet (numbered from 1)
};

/// One direction of a connection.
struct StreamDirection {
  Bytes data;                     // the bytes in order, from the first after the SYN (or the first captured)
  std::vector<Arrival> arrivals;  // increasing in both members
  bool syn = false, fin = false, rst = false;
  bool from_start = false;        // the SYN was captured: data starts at the first byte sent
  std::string stopped;            // empty when every byte up to the end of data is all that arrived in order; else why data ends early
};

/// One TCP connection of the capture.
struct TcpConnection {
  Endpoint client, server;           // the SYN's sender is the client; without a SYN, the side with the higher port
  std::uint64_t first_packet = 0;    // the packet that opened it (from 1)
  StreamDirection to_server, to_client;
  std::vector<std::string> warnings; // overlaps that disagree, gaps, caps: each with the stream byte it happened at
};

/// Everything reassembled, in the order the connections first appeared.
struct Reassembly {
  std::vector<TcpConnection> connections;
  std::vector<std::string> warnings;  // capture-wide: connections not tracked, fragments skipped
  std::string stopped;                // non-empty when reassembly gave up before the end of the capture: where and why
};

/// Feeds segments in capture order; finish() hands back the connections.
class TcpReassembler {
 public:
  explicit TcpReassembler(ReassemblyLimits limits = {});
  ~TcpReassembler();
  TcpReassembler(const TcpReassembler&) = delete;
  TcpReassembler& operator=(const TcpReassembler&) = delete;

  /// Adds one segment read from packet `packet` (from 1). Returns false once a capture-wide cap
  /// has stopped reassembly: the caller should stop reading.
  bool add(const TcpSegment& segment, std::uint64_t packet);
  /// Counts a frame that carried no usable segment (an IP fragment, a broken header).
  void skipped(FrameSkip why);
  /// Ends reassembly: reports what waits behind gaps and returns everything read.
  Reassembly finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace hl::capture
