// The key exchange of a run as far as the transcript and key log show it: each side's
// public key share (TLS 1.3 key_share, TLS 1.2 ServerKeyExchange / ClientKeyExchange) and,
// for RSA key exchange, the encrypted premaster and the premaster from the key log. What
// the lab does not capture (ephemeral private keys, the (EC)DHE shared secret) is marked
// unavailable with the reason, never invented.
#pragma once

#include <string>
#include <vector>

#include "core/crypto/key_schedule.hpp"

namespace hl::crypto {

/// One value of the key exchange.
struct KeyExchangeValue {
  std::string name;          // "client_public", "server_private", "shared_secret", "premaster", "encrypted_premaster"
  Bytes value;               // empty when unavailable
  std::string unavailable;   // why, when empty
  std::size_t step = 0;      // the step (from 1) whose message carries it, 0 if none
};

/// The key exchange of the first connection.
struct KeyExchange {
  std::string kind;          // "ecdhe", "dhe", "rsa", or "" when no ServerHello was seen
  std::string group;         // IANA group name ("x25519"), empty for RSA and DHE without a named group
  std::vector<KeyExchangeValue> values;
};

/// Reads the key exchange off `transcript`; `schedule` gives the suite and any logged premaster.
KeyExchange key_exchange(const Transcript& transcript, const KeySchedule& schedule);

}  // namespace hl::crypto
