// Capture files from synthetic frames: pcapng with the NSS key log in a Decryption Secrets Block
// (so Wireshark decrypts with no setting), and classic pcap for tools that want the old format.
// One Ethernet interface, microsecond timestamps; pcapng little-endian, pcap in host order (libpcap).
#pragma once

#include <string>
#include <vector>

#include "core/export/tcp_synth.hpp"

namespace hl {

/// What goes into a pcapng file besides the frames.
struct PcapngContents {
  std::string comment;                // the Section Header Block's opt_comment
  std::vector<std::string> keylog;    // NSS key log lines (no newline), stored in a DSB when not empty
};

/// A whole pcapng file: SHB (with comment), IDB (Ethernet), DSB (TLS key log), one EPB per frame.
Bytes pcapng_file(const std::vector<Frame>& frames, const PcapngContents& contents);

/// A whole classic pcap file (version 2.4, Ethernet, microseconds), written by libpcap; throws std::runtime_error if libpcap cannot.
Bytes pcap_file(const std::vector<Frame>& frames);

/// The key log as a file: each line followed by a newline.
std::string keylog_text(const std::vector<std::string>& lines);

/// pcapng block types and the DSB secrets type this writer uses (pcapng specification §4).
inline constexpr std::uint32_t kPcapngSectionHeader = 0x0A0D0D0A;
inline constexpr std::uint32_t kPcapngInterface = 0x00000001;
inline constexpr std::uint32_t kPcapngEnhancedPacket = 0x00000006;
inline constexpr std::uint32_t kPcapngDecryptionSecrets = 0x0000000A;
inline constexpr std::uint32_t kSecretsTlsKeyLog = 0x544c534b;  // "TLSK"

}  // namespace hl
