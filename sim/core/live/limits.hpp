// The bounds live mode puts on a real peer, so that no peer can take the process down or keep
// it from serving others: how big a record may be, how long a handshake and a silence may last,
// how many connections may be open at once. Each has a flag on `handshake-lab live`.
#pragma once

#include <cstddef>

namespace hl::live {

/// Bounds on every live connection; the defaults are documented in the README and --help.
struct Limits {
  /// Longest TLS record payload accepted, and longest cleartext unit (a line, an LDAP message):
  /// 2^14 + 256, the largest TLSCiphertext RFC 8446 §5.2 allows.
  std::size_t max_record_len = 16384 + 256;
  /// From accepting (or connecting) until the lab's side has finished the TLS handshake
  /// (the STARTTLS dialogue before it included; a plaintext lesson has none).
  int handshake_timeout_ms = 10'000;
  /// Longest silence from the peer at any point.
  int idle_timeout_ms = 30'000;
  /// Connections served at once; one more is accepted and closed at once, with a line on stderr.
  std::size_t max_connections = 64;
};

}  // namespace hl::live
