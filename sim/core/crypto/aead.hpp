// One-shot record ciphers through EVP (internal to core/crypto).
#pragma once

#include <optional>
#include <string>

#include "core/crypto/kdf.hpp"
#include "core/crypto/suite.hpp"

namespace hl::crypto {

/// AEAD-decrypts `ciphertext` and checks `tag` (GCM, CCM, ChaCha20-Poly1305); nullopt when the tag fails.
std::optional<Bytes> aead_open(const SuiteCrypto& suite, ByteView key, ByteView nonce, ByteView aad, ByteView ciphertext,
                               ByteView tag);

/// CBC-decrypts whole blocks without removing padding; nullopt when the length is not a block multiple.
std::optional<Bytes> cbc_decrypt(const SuiteCrypto& suite, ByteView key, ByteView iv, ByteView ciphertext);

}  // namespace hl::crypto
