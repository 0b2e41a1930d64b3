// TLS 1.2 RSA key exchange (RFC 5246 §7.4.7.1): the client encrypts a 48-byte premaster
// (client_version, then 46 random bytes) to the server's RSA key with PKCS #1 v1.5; whoever
// holds that key can decrypt it, today or from a recording years later (no forward secrecy).
#pragma once

#include <string>

#include <openssl/evp.h>

#include "core/crypto/kdf.hpp"

namespace hl::crypto {

/// A premaster secret is always this long.
inline constexpr std::size_t kPremasterLen = 48;

/// Reads EncryptedPreMasterSecret (opaque<0..2^16-1>) from a whole ClientKeyExchange message
/// (4-byte header included) into out_encrypted. False, with one sentence in out_error, when the
/// message is not a ClientKeyExchange, is truncated, overlong or has bytes after the vector.
[[nodiscard]] bool read_encrypted_premaster(ByteView client_key_exchange, Bytes& out_encrypted, std::string& out_error);

/// Decrypts `encrypted` with `server_key` (the RSA private key of the server's certificate)
/// into the 48-byte premaster. False, with one sentence in out_error, when the key is not
/// RSA, the PKCS #1 padding is wrong or the plaintext is not 48 bytes. No implicit-rejection
/// trick: a bad ciphertext is reported, because the lab explains rather than defends.
[[nodiscard]] bool decrypt_rsa_premaster(EVP_PKEY* server_key, ByteView encrypted, Bytes& out_premaster,
                                         std::string& out_error);

}  // namespace hl::crypto
