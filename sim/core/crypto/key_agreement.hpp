// (EC)DHE with OpenSSL's EVP layer, one side at a time: that side's private key and the
// peer's public key as it went on the wire give that side's shared secret. Also the
// printable forms of an ephemeral key (its private value, its encoded public half).
#pragma once

#include <string>

#include <openssl/evp.h>

#include "core/crypto/kdf.hpp"

namespace hl::crypto {

/// How a finite-field (DH) shared secret is laid out; no effect on elliptic curves.
enum class DhPadding : std::uint8_t {
  pad_to_prime,         // TLS 1.3 (RFC 8446 §7.4.1): left-padded with zeros to the size of p
  strip_leading_zeros,  // TLS 1.2 (RFC 5246 §8.1.2): leading zero bytes removed
};

/// The shared secret of `own` (a private key) with the peer's encoded public key
/// (X25519/X448 raw, an uncompressed EC point, or a big-endian DH value) through
/// EVP_PKEY_derive. False, with one sentence in out_error, when the peer's key is not a
/// valid point or value of own's group, or OpenSSL refuses.
[[nodiscard]] bool derive_shared_secret(EVP_PKEY* own, ByteView peer_public, DhPadding padding, Bytes& out_secret,
                                        std::string& out_error);

/// The encoded public half of `key`, as TLS sends it (empty when OpenSSL cannot encode it).
Bytes encoded_public_key(EVP_PKEY* key);

/// The DER SubjectPublicKeyInfo of `key` (any key type; empty when OpenSSL cannot encode it).
Bytes subject_public_key_info(EVP_PKEY* key);

/// The private value of `key` for display: the raw X25519/X448 key, the EC scalar padded to
/// the curve's size, or the DH exponent (empty when OpenSSL will not give it).
Bytes private_value(EVP_PKEY* key);

}  // namespace hl::crypto
