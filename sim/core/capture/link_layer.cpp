// Headers read in order, each through the bounded cursor: link layer -> IP -> TCP.
#include "core/capture/link_layer.hpp"

#include <arpa/inet.h>

#include <algorithm>

#include "core/wire/cursor.hpp"

namespace hl::capture {
namespace {

using wire::Cursor;

constexpr std::uint16_t kEtherIpv4 = 0x0800, kEtherIpv6 = 0x86DD, kEtherVlan = 0x8100, kEtherQinQ = 0x88A8;
constexpr std::uint8_t kIpProtoTcp = 6;

// IPv6 extension headers a TCP segment may sit behind (RFC 8200 §4): hop-by-hop, routing, destination options.
constexpr std::uint8_t kIpv6SkippableHeaders[] = {0, 43, 60};
constexpr std::uint8_t kIpv6Fragment = 44;

// BSD loopback address families: AF_INET everywhere; AF_INET6 differs by system (Linux 10,
// NetBSD/OpenBSD 24, FreeBSD 28, macOS 30).
constexpr std::uint32_t kNullIpv4 = 2;
constexpr std::uint32_t kNullIpv6[] = {10, 24, 28, 30};

// Which network protocol a link layer said follows; 0 when it named none the lab reads.
using LinkReader = bool (*)(Cursor& frame, std::uint16_t& out_ethertype);

// Ethernet II: dst(6) src(6) type(2), then 802.1Q / 802.1ad tags: tci(2) type(2).
bool ethernet(Cursor& frame, std::uint16_t& out_ethertype) {
  if (!frame.skip(12) || !frame.u16(out_ethertype)) return false;
  for (int tags = 0; tags < 2 && (out_ethertype == kEtherVlan || out_ethertype == kEtherQinQ); ++tags)
    if (!frame.skip(2) || !frame.u16(out_ethertype)) return false;
  return true;
}

// Linux cooked v1: packet_type(2) arphrd(2) addr_len(2) addr(8) protocol(2).
bool linux_sll(Cursor& frame, std::uint16_t& out_ethertype) { return frame.skip(14) && frame.u16(out_ethertype); }

// Linux cooked v2: protocol(2) reserved(2) ifindex(4) arphrd(2) packet_type(1) addr_len(1) addr(8).
bool linux_sll2(Cursor& frame, std::uint16_t& out_ethertype) { return frame.u16(out_ethertype) && frame.skip(18); }

std::uint16_t ethertype_of_family(std::uint32_t family) {
  if (family == kNullIpv4) return kEtherIpv4;
  return std::find(std::begin(kNullIpv6), std::end(kNullIpv6), family) != std::end(kNullIpv6) ? kEtherIpv6 : 0;
}

// BSD loopback (LINKTYPE_NULL): a 4-byte address family in the capturing host's byte order.
bool null_loopback(Cursor& frame, std::uint16_t& out_ethertype) {
  std::uint32_t family = 0;
  if (!frame.u32(family)) return false;
  out_ethertype = ethertype_of_family(family);
  if (out_ethertype == 0) out_ethertype = ethertype_of_family(__builtin_bswap32(family));
  return true;
}

// OpenBSD loopback (LINKTYPE_LOOP): the same family, always big-endian.
bool loop_loopback(Cursor& frame, std::uint16_t& out_ethertype) {
  std::uint32_t family = 0;
  if (!frame.u32(family)) return false;
  out_ethertype = ethertype_of_family(family);
  return true;
}

// Raw IP: the version nibble says which.
bool raw_ip(Cursor& frame, std::uint16_t& out_ethertype) {
  if (frame.empty()) return false;
  const std::uint8_t version = frame.rest()[0] >> 4;
  out_ethertype = version == 4 ? kEtherIpv4 : version == 6 ? kEtherIpv6 : 0;
  return true;
}

struct LinkRow {
  int link_type;
  LinkReader read;
};

// LINKTYPE_ values (tcpdump.org/linktypes.html).
constexpr LinkRow kLinkTypes[] = {
    {0, null_loopback},  {1, ethernet},  {12, raw_ip},       {14, raw_ip},  {101, raw_ip},
    {108, loop_loopback}, {113, linux_sll}, {228, raw_ip}, {229, raw_ip}, {276, linux_sll2},
};

const LinkRow* link_row(int link_type) {
  auto row = std::find_if(std::begin(kLinkTypes), std::end(kLinkTypes), [&](const LinkRow& r) { return r.link_type == link_type; });
  return row == std::end(kLinkTypes) ? nullptr : row;
}

// IPv4 (RFC 791): version/IHL, tos, total length, id, flags/fragment offset, ttl, protocol,
// checksum, source, destination, options. Leaves `frame` on the TCP header, cut to the total length.
bool ipv4(Cursor& frame, TcpSegment& out, FrameSkip& out_skip) {
  std::uint8_t version_ihl = 0, protocol = 0;
  std::uint16_t total_len = 0, fragment = 0;
  std::span<const std::uint8_t> source, destination;
  const std::size_t available = frame.remaining();
  if (!frame.u8(version_ihl) || !frame.skip(1) || !frame.u16(total_len) || !frame.skip(2) || !frame.u16(fragment) ||
      !frame.skip(1) || !frame.u8(protocol) || !frame.skip(2) || !frame.bytes(4, source) || !frame.bytes(4, destination))
    return false;
  const std::size_t header_len = std::size_t{version_ihl & 0x0fu} * 4;
  if ((version_ihl >> 4) != 4 || header_len < 20 || !frame.skip(header_len - 20)) return false;
  if (protocol != kIpProtoTcp) {
    out_skip = FrameSkip::not_tcp;
    return false;
  }
  if ((fragment & 0x3fff) != 0) {  // more-fragments bit or a fragment offset
    out_skip = FrameSkip::fragment;
    return false;
  }
  // A total length of 0 is TCP segmentation offload: the frame is the packet.
  if (total_len != 0 && total_len >= header_len && total_len - header_len < frame.remaining()) {
    Cursor cut;
    if (!frame.sub(total_len - header_len, cut)) return false;
    frame = cut;
  }
  if (total_len > available) out.payload_cut = true;
  out.source.family = out.destination.family = 4;
  std::copy(source.begin(), source.end(), out.source.address.begin());
  std::copy(destination.begin(), destination.end(), out.destination.address.begin());
  return true;
}

// IPv6 (RFC 8200): version/class/flow(4) payload length(2) next header(1) hop limit(1) source(16)
// destination(16), then any extension headers before TCP.
bool ipv6(Cursor& frame, TcpSegment& out, FrameSkip& out_skip) {
  std::uint32_t first_word = 0;
  std::uint16_t payload_len = 0;
  std::uint8_t next = 0;
  std::span<const std::uint8_t> source, destination;
  if (!frame.u32(first_word) || (first_word >> 28) != 6 || !frame.u16(payload_len) || !frame.u8(next) || !frame.skip(1) ||
      !frame.bytes(16, source) || !frame.bytes(16, destination))
    return false;
  if (payload_len != 0 && payload_len < frame.remaining()) {
    Cursor cut;
    if (!frame.sub(payload_len, cut)) return false;
    frame = cut;
  }
  if (payload_len > frame.remaining()) out.payload_cut = true;
  for (int headers = 0; next != kIpProtoTcp; ++headers) {
    if (next == kIpv6Fragment) {
      out_skip = FrameSkip::fragment;
      return false;
    }
    const bool skippable = std::find(std::begin(kIpv6SkippableHeaders), std::end(kIpv6SkippableHeaders), next) !=
                           std::end(kIpv6SkippableHeaders);
    if (!skippable || headers >= 8) {
      out_skip = FrameSkip::not_tcp;
      return false;
    }
    std::uint8_t ext_len = 0;  // in 8-octet units, not counting the first 8 octets
    if (!frame.u8(next) || !frame.u8(ext_len) || !frame.skip(std::size_t{ext_len} * 8 + 6)) return false;
  }
  out.source.family = out.destination.family = 6;
  std::copy(source.begin(), source.end(), out.source.address.begin());
  std::copy(destination.begin(), destination.end(), out.destination.address.begin());
  return true;
}

// TCP (RFC 9293 §3.1): ports, seq, ack, data offset/flags, window, checksum, urgent, options.
bool tcp(Cursor& frame, TcpSegment& out) {
  std::uint8_t data_offset = 0;
  if (!frame.u16(out.source.port) || !frame.u16(out.destination.port) || !frame.u32(out.seq) || !frame.u32(out.ack) ||
      !frame.u8(data_offset) || !frame.u8(out.flags) || !frame.skip(6))
    return false;
  const std::size_t header_len = static_cast<std::size_t>(data_offset >> 4) * 4;
  if (header_len < 20 || !frame.skip(header_len - 20)) return false;
  out.payload = frame.take_rest();
  return true;
}

}  // namespace

std::string endpoint_text(const Endpoint& endpoint) {
  char text[INET6_ADDRSTRLEN] = {};
  const bool v4 = endpoint.family == 4;
  if (inet_ntop(v4 ? AF_INET : AF_INET6, endpoint.address.data(), text, sizeof text) == nullptr) return "?";
  const std::string port = std::to_string(endpoint.port);
  return v4 ? std::string(text) + ":" + port : "[" + std::string(text) + "]:" + port;
}

bool link_type_supported(int link_type) { return link_row(link_type) != nullptr; }

std::optional<TcpSegment> tcp_segment(int link_type, std::span<const std::uint8_t> bytes, FrameSkip& out_skip) {
  out_skip = FrameSkip::malformed;
  const LinkRow* row = link_row(link_type);
  if (row == nullptr) {
    out_skip = FrameSkip::unknown_link;
    return std::nullopt;
  }
  Cursor frame(bytes);
  std::uint16_t ethertype = 0;
  if (!row->read(frame, ethertype)) return std::nullopt;
  if (ethertype != kEtherIpv4 && ethertype != kEtherIpv6) {
    out_skip = FrameSkip::not_tcp;
    return std::nullopt;
  }
  TcpSegment segment;
  const bool ip_ok = ethertype == kEtherIpv4 ? ipv4(frame, segment, out_skip) : ipv6(frame, segment, out_skip);
  if (!ip_ok || !tcp(frame, segment)) return std::nullopt;
  return segment;
}

}  // namespace hl::capture
