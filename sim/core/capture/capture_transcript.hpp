// One reassembled TCP connection as a Transcript, the way a lesson run reads: its TLS records
// and plaintext application units in capture order, decrypted where the key log allows,
// with the same typed identities (messages, inner types, protection) the views and the
// JSON use. A capture has no endpoint events; Transcript::capture says where it came from.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/capture/tcp_reassembly.hpp"
#include "core/model/transcript.hpp"

namespace hl::capture {

/// NSS key log lines by the client random they belong to (lower-case hex), read once per capture.
struct KeyLogIndex {
  std::unordered_map<std::string, std::vector<std::string>> by_client_random;
  std::vector<std::string> rsa;  // "RSA" lines (TLS 1.2 RSA key exchange) name no client random
  std::size_t num_lines = 0;

  /// Adds lines (comments, blanks and malformed lines are skipped).
  void add(const std::vector<std::string>& lines);
  /// The lines for one connection's ClientHello random, then every RSA line.
  std::vector<std::string> lines_for(const Bytes& client_random) const;
};

/// Where the connection came from, for Transcript::capture.
struct ConnectionSource {
  std::string file;
  std::size_t stream = 0;  // from 1
};

/// The transcript of `connection`, decrypted with `keys` where they have its lines.
Transcript connection_transcript(const TcpConnection& connection, const KeyLogIndex& keys, const ConnectionSource& source);

/// True when the connection carried a TLS record in either direction.
bool carries_tls(const TcpConnection& connection);

}  // namespace hl::capture
