// Packets out of a pcap or pcapng file held in memory, read by libpcap (pcap_fopen_offline
// over fmemopen), so the file on disk and a fuzzer's input take the same path.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace hl::capture {

/// One captured packet: its link-layer bytes (the captured part only) and where it sits.
struct Packet {
  int link_type = 0;                          // LINKTYPE_* of its interface (pcap_datalink)
  std::span<const std::uint8_t> bytes;        // valid only during the callback
  std::uint32_t original_len = 0;             // its length on the wire (more than bytes.size() when cut by the snaplen)
  std::uint64_t number = 0;                   // from 1, in file order
};

/// Receives each packet; returns false to stop reading.
using PacketSink = std::function<bool(const Packet&)>;

/// How reading ended.
struct ReadOutcome {
  std::string error;    // the file could not be opened as a capture at all (nothing was read)
  std::string stopped;  // packets were read, then libpcap gave up: why and after which packet
  std::uint64_t num_packets = 0;
};

/// Reads every packet of `file` in order into `sink`. Never throws; bad bytes end in
/// `error` or `stopped`, each one sentence.
ReadOutcome read_packets(std::span<const std::uint8_t> file, const PacketSink& sink);

}  // namespace hl::capture
