// From one captured frame to its TCP segment: the link layer (Ethernet with VLAN tags, Linux
// cooked SLL and SLL2, BSD loopback/NULL, raw IP), IPv4 or IPv6, then the TCP header.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace hl::capture {

/// One side of a TCP connection.
struct Endpoint {
  std::uint8_t family = 4;              // 4 or 6
  std::array<std::uint8_t, 16> address{};  // IPv4 uses the first 4 bytes
  std::uint16_t port = 0;
  bool operator==(const Endpoint&) const = default;
};

/// "192.0.2.1:443" or "[2001:db8::1]:443".
std::string endpoint_text(const Endpoint& endpoint);

/// TCP flag bits (RFC 9293 §3.1).
inline constexpr std::uint8_t kTcpFin = 0x01, kTcpSyn = 0x02, kTcpRst = 0x04, kTcpAck = 0x10;

/// A TCP segment found in a frame; `payload` points into the frame.
struct TcpSegment {
  Endpoint source, destination;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::span<const std::uint8_t> payload;  // what was captured of it
  bool payload_cut = false;               // the snaplen cut the payload short (the rest is missing)
};

/// Why a frame gave no segment: not TCP at all (ARP, UDP: quietly skipped), or a frame the
/// lab cannot place in a stream (an IP fragment, an unknown link type, a broken header).
enum class FrameSkip : std::uint8_t { not_tcp, fragment, unknown_link, malformed };

/// The TCP segment in `frame` of link type `link_type` (LINKTYPE_* numbers), or why there is none.
std::optional<TcpSegment> tcp_segment(int link_type, std::span<const std::uint8_t> frame, FrameSkip& out_skip);

/// True when the link type is one tcp_segment() reads.
bool link_type_supported(int link_type);

}  // namespace hl::capture
