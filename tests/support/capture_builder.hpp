// Hand-built capture files for the capture-import tests: IPv4/IPv6 TCP segments under any
// link layer the reader knows, written as classic pcap (pcapng and DSBs come from the
// exporter or are built block by block in the tests that need them).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::test {

inline void put16(Bytes& out, std::uint32_t v) {
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}
inline void put32(Bytes& out, std::uint32_t v) {
  put16(out, v >> 16);
  put16(out, v & 0xffff);
}
inline void put32le(Bytes& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
inline Bytes text_bytes(const std::string& text) { return Bytes(text.begin(), text.end()); }

/// Link types as pcap numbers them.
enum LinkType : int { kNull = 0, kEthernet = 1, kRaw = 101, kLoop = 108, kSll = 113, kSll2 = 276 };

/// A TCP segment between host `from` and host `to` (addresses 10.0.0.N or fd00::N).
struct TestSegment {
  int from_host = 1, to_host = 2;
  std::uint16_t from_port = 50000, to_port = 443;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t flags = 0x18;  // PSH, ACK
  Bytes payload;
};

/// The IP packet (IPv4 or IPv6) carrying one segment.
inline Bytes ip_packet(const TestSegment& s, bool v6) {
  Bytes tcp;
  put16(tcp, s.from_port);
  put16(tcp, s.to_port);
  put32(tcp, s.seq);
  put32(tcp, s.ack);
  tcp.push_back(0x50);  // data offset 5 words
  tcp.push_back(s.flags);
  put16(tcp, 65535);
  put32(tcp, 0);  // checksum, urgent pointer
  tcp.insert(tcp.end(), s.payload.begin(), s.payload.end());
  Bytes ip;
  if (v6) {
    put32(ip, 0x60000000);
    put16(ip, static_cast<std::uint32_t>(tcp.size()));
    ip.push_back(6);
    ip.push_back(64);
    for (int host : {s.from_host, s.to_host}) {
      ip.push_back(0xfd);
      ip.insert(ip.end(), 14, 0);
      ip.push_back(static_cast<std::uint8_t>(host));
    }
  } else {
    ip.push_back(0x45);
    ip.push_back(0);
    put16(ip, static_cast<std::uint32_t>(20 + tcp.size()));
    put32(ip, 0x00004000);  // id 0, don't fragment
    ip.push_back(64);
    ip.push_back(6);
    put16(ip, 0);
    for (int host : {s.from_host, s.to_host}) ip.insert(ip.end(), {10, 0, 0, static_cast<std::uint8_t>(host)});
  }
  ip.insert(ip.end(), tcp.begin(), tcp.end());
  return ip;
}

/// The link-layer header of `link` in front of an IP packet.
inline Bytes framed(int link, const Bytes& ip, bool v6) {
  Bytes f;
  const std::uint16_t ethertype = v6 ? 0x86DD : 0x0800;
  if (link == kEthernet) {
    f.insert(f.end(), 12, 0x02);
    put16(f, ethertype);
  } else if (link == kSll) {
    put16(f, 0);       // packet type: to us
    put16(f, 772);     // ARPHRD_LOOPBACK
    put16(f, 6);
    f.insert(f.end(), 8, 0);
    put16(f, ethertype);
  } else if (link == kSll2) {
    put16(f, ethertype);
    put16(f, 0);
    put32(f, 1);       // interface index
    put16(f, 772);
    f.push_back(0);
    f.push_back(6);
    f.insert(f.end(), 8, 0);
  } else if (link == kNull) {
    put32le(f, v6 ? 10 : 2);  // AF_INET / AF_INET6, little-endian host order
  } else if (link == kLoop) {
    put32(f, v6 ? 24 : 2);    // always big-endian
  }
  f.insert(f.end(), ip.begin(), ip.end());
  return f;
}

/// A classic pcap file (little-endian, microseconds) of `frames` on link type `link`.
inline Bytes pcap_file(int link, const std::vector<Bytes>& frames, std::uint32_t snaplen = 262144) {
  Bytes out;
  put32le(out, 0xa1b2c3d4);
  put32le(out, 0x00040002);  // version 2.4
  put32le(out, 0);
  put32le(out, 0);
  put32le(out, snaplen);
  put32le(out, static_cast<std::uint32_t>(link));
  std::uint32_t second = 1'700'000'000;
  for (const Bytes& frame : frames) {
    put32le(out, second++);
    put32le(out, 0);
    put32le(out, static_cast<std::uint32_t>(frame.size()));
    put32le(out, static_cast<std::uint32_t>(frame.size()));
    out.insert(out.end(), frame.begin(), frame.end());
  }
  return out;
}

/// A pcap of segments on one link type.
inline Bytes segments_file(const std::vector<TestSegment>& segments, int link = kEthernet, bool v6 = false) {
  std::vector<Bytes> frames;
  for (const auto& s : segments) frames.push_back(framed(link, ip_packet(s, v6), v6));
  return pcap_file(link, frames);
}

}  // namespace hl::test
