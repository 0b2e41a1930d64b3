// The key exchange of a run, recomputed by the lab: each side's public key as the handshake
// carries it (with its byte range), each side's ephemeral private key as OpenSSL gave it to
// the engine, and the shared secret each side computes on its own with EVP_PKEY_derive, shown
// to be equal; for TLS 1.2 RSA key exchange, the encrypted premaster opened with the lab's own
// server key; for TLS 1.2 ECDHE/DHE, the ServerKeyExchange signature, verified. What OpenSSL
// does not give is marked unavailable with the reason, never invented.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/key_schedule.hpp"

namespace hl::crypto {

/// One value of the key exchange.
struct KeyExchangeValue {
  std::string name;          // "client_public", "server_private", "client_shared_secret", "premaster", ...
  Bytes value;               // empty when unavailable
  std::string unavailable;   // why, when empty
  std::size_t step = 0;      // the step (from 1) whose message carries it (private keys: whose message carries their public half), 0 if none
  std::size_t offset = 0;    // where it sits in that step's bytes (record header included) ...
  std::size_t length = 0;    // ... and how long; 0 when it is not on the wire (a private key, a derived secret)
  std::string note;          // one sentence: how the lab got it
};

/// The key exchange of one connection.
struct KeyExchange {
  int connection = 1;        // the connection of the run it belongs to
  std::uint16_t version = 0; // 0x0304 or 0x0303; 0 when no ServerHello was seen
  std::string kind;          // "ecdhe", "dhe", "rsa", or "" when no ServerHello was seen
  std::string group;         // IANA group name ("x25519", "ffdhe2048"), empty for RSA and TLS 1.2 DHE
  std::vector<KeyExchangeValue> values;
  std::vector<ScheduleCheck> checks;  // private key fits public key, both sides agree, signature, key log

  /// The value called `name`, or nullptr.
  const KeyExchangeValue* find(std::string_view name) const;
  /// What feeds the key schedule: the shared secret (TLS 1.3) or the premaster (TLS 1.2), when
  /// the lab has it and nothing disagrees.
  KeyExchangeSecrets secrets() const;
  /// True when every check passed (also when there were none).
  bool all_checks_pass() const;
};

/// Reads and recomputes the key exchange of `transcript`'s first connection. Never throws.
KeyExchange key_exchange(const Transcript& transcript);

/// The same for `connection` of the run (a man in the middle's connection 2 is Mallory's own
/// handshake with the server), from the keys its endpoints gave. Never throws.
KeyExchange key_exchange(const Transcript& transcript, int connection);

/// One connection's key exchange and the schedule recomputed from it.
struct ConnectionCrypto {
  KeyExchange exchange;
  KeySchedule schedule;
};

/// Every connection of the run, connection 1 first, each schedule from its own connection's key
/// exchange (and a resumed one also from connection 1's resumption_master_secret).
std::vector<ConnectionCrypto> connection_crypto(const Transcript& transcript);

}  // namespace hl::crypto
