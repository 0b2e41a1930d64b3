// The TLS key log a pcapng file carries in its Decryption Secrets Blocks. libpcap skips
// these blocks, so this walks the file's blocks itself (pcapng specification §3.1, §4.7),
// every length checked through the bounded cursor; bytes it cannot trust stop the walk.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hl::capture {

/// What the walk found: every key log line of every TLS DSB, in file order.
struct PcapngSecrets {
  std::vector<std::string> keylog;  // NSS key log lines, without line endings; blank lines dropped
  std::string problem;              // empty, or why the walk stopped early and at which byte offset
};

/// Reads the DSBs of a pcapng file. A classic pcap file (or anything else that does not start
/// with a Section Header Block) gives no lines and no problem: it cannot carry secrets.
PcapngSecrets read_pcapng_secrets(std::span<const std::uint8_t> file);

}  // namespace hl::capture
