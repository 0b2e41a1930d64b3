// The public halves of a key exchange as the handshake messages carry them, read strictly
// through the bounded cursor: the TLS 1.3 key_share entries (RFC 8446 §4.2.8), the TLS 1.2
// ServerKeyExchange (RFC 8422 §5.4, RFC 5246 §7.4.3) and ClientKeyExchange (RFC 8422 §5.7,
// RFC 5246 §7.4.7.2). Offsets count from the message's first byte (its header included).
#pragma once

#include <string>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/kdf.hpp"

namespace hl::crypto {

/// Some bytes of a handshake message and where they start in it.
struct WireBytes {
  Bytes bytes;
  std::size_t offset = 0;
};

/// One TLS 1.3 KeyShareEntry: the group and its key_exchange bytes.
struct KeyShareEntry {
  std::uint16_t group = 0;
  WireBytes key;
};

/// The ServerKeyExchange of an ECDHE or DHE suite.
struct ServerKeyExchangeParams {
  std::uint16_t group = 0;  // ECDHE: the named curve; DHE: 0 (the group is sent as p and g)
  WireBytes dh_p, dh_g;     // DHE only
  WireBytes public_key;     // ECPoint public, or dh_Ys
  WireBytes params;         // ServerECDHParams / ServerDHParams whole: what the signature covers after the randoms
  std::uint16_t scheme = 0; // SignatureAndHashAlgorithm (RFC 5246 §7.4.1.4.1)
  WireBytes signature;
};

/// The ServerHello's KeyShareEntry. False, with one sentence in out_error, when it has none or it is malformed.
[[nodiscard]] bool read_server_key_share(const HandshakeMessage& server_hello, KeyShareEntry& out, std::string& out_error);

/// The ClientHello's KeyShareEntry for `group`. False, with a sentence, when it offered none or the extension is malformed.
[[nodiscard]] bool read_client_key_share(const HandshakeMessage& client_hello, std::uint16_t group, KeyShareEntry& out,
                                         std::string& out_error);

/// Reads a whole ServerKeyExchange message (`dhe`: ServerDHParams, else ServerECDHParams with a
/// named curve). False, with a sentence, when truncated, overlong or followed by stray bytes.
[[nodiscard]] bool read_server_key_exchange(ByteView message, bool dhe, ServerKeyExchangeParams& out,
                                            std::string& out_error);

/// Reads the client's public value from a whole ClientKeyExchange message (`dhe`: dh_Yc<1..2^16-1>,
/// else an ECPoint<1..2^8-1>). False, with a sentence, when malformed.
[[nodiscard]] bool read_client_public(ByteView message, bool dhe, WireBytes& out, std::string& out_error);

}  // namespace hl::crypto
