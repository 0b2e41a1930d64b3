// A synthetic TCP connection around a transcript: Ethernet, IPv4 and TCP frames carrying every
// record and application line in order, so a capture tool sees what the lab's wire carried.
// Nothing is sent anywhere; the frames only go into capture files (pcapng_writer.hpp).
#pragma once

#include <cstdint>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl {

/// One captured frame and when it was "seen", in microseconds since the Unix epoch.
struct Frame {
  std::int64_t micros = 0;
  Bytes bytes;  // Ethernet II header onwards
};

/// Where the synthetic connection runs and when it starts.
struct TcpSynthOptions {
  std::uint16_t server_port = 443;
  std::uint16_t client_port = 49152;
  std::uint32_t client_isn = 0;       // initial sequence numbers
  std::uint32_t server_isn = 0;
  std::int64_t start_micros = 0;      // the SYN's timestamp; each later frame is 1 ms after the one before
};

/// Options derived from a seed alone (port, ISNs), starting at `start_seconds`; the same seed gives the same options.
TcpSynthOptions tcp_options_for_seed(std::uint64_t seed, std::uint16_t server_port, std::int64_t start_seconds);

/// The documentation addresses the synthetic endpoints use (RFC 5737).
inline constexpr std::uint8_t kClientAddress[4] = {192, 0, 2, 2};
inline constexpr std::uint8_t kServerAddress[4] = {198, 51, 100, 1};

/// The frames of the run's connections, one TCP stream per Step::connection (the next client port
/// for each after the first): three-way handshake, the record and app-line steps as payload
/// (split at 1460 bytes) in step order, then FIN from each side and the last ACK. Events are not on the wire.
std::vector<Frame> synthesize_tcp(const Transcript& transcript, const TcpSynthOptions& options);

/// The Internet checksum (RFC 1071) of `bytes`, continuing from a partial sum `initial`.
std::uint16_t internet_checksum(const std::uint8_t* bytes, std::size_t size, std::uint32_t initial = 0);

}  // namespace hl
