// The front door for captures made elsewhere: a pcap or pcapng file in, its TCP connections
// and key log out; each connection then becomes a transcript (capture_transcript.hpp).
// Never throws on hostile files: `error` when nothing could be read, warnings for a partial read.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/capture/capture_transcript.hpp"
#include "core/capture/tcp_reassembly.hpp"

namespace hl::capture {

/// Everything read from one capture file.
struct CaptureImport {
  std::string error;                    // set when the file is not a capture at all (nothing else is then)
  std::vector<TcpConnection> connections;
  KeyLogIndex keys;                     // the file's Decryption Secrets Blocks, plus any key log added
  std::vector<std::string> warnings;    // file-wide: where reading or reassembly stopped, DSB problems, skipped frames
  std::uint64_t num_packets = 0;
};

/// Reads packets, reassembles TCP and takes the DSB key log, within `limits`.
CaptureImport import_capture(std::span<const std::uint8_t> file, const ReassemblyLimits& limits = {});

/// The same from a file on disk; `error` says why it could not be read.
CaptureImport import_capture_file(const std::string& path, const ReassemblyLimits& limits = {});

/// The lines of a key log file (SSLKEYLOGFILE format); nullopt with out_error when unreadable.
std::optional<std::vector<std::string>> read_keylog_file(const std::string& path, std::string& out_error);

/// Indexes (from 0) of the connections that carry TLS, in capture order.
std::vector<std::size_t> tls_connections(const CaptureImport& capture);

}  // namespace hl::capture
