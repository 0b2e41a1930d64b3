// OpenSSL 3 algorithm objects fetched once per process. EVP_get_digestbyname and friends return
// legacy objects that OpenSSL re-fetches from the provider on every use, and EVP_KDF_fetch /
// EVP_MAC_fetch walk the provider's tables each call: the recomputation of one run makes a
// hundred such calls, so caching them is a tenth of its cost.
#pragma once

#include <string>

#include <openssl/evp.h>
#include <openssl/kdf.h>

namespace hl::crypto {

/// The digest named `name` ("SHA256", "SHA384", ...), fetched once; nullptr when unknown. Thread-safe.
const EVP_MD* fetched_digest(const std::string& name);

/// The cipher named `name` ("AES-128-GCM", "ChaCha20-Poly1305", ...), fetched once; nullptr when unknown. Thread-safe.
const EVP_CIPHER* fetched_cipher(const std::string& name);

/// The KDF named `name` ("HKDF", "TLS1-PRF"), fetched once; nullptr when unknown. Thread-safe.
EVP_KDF* fetched_kdf(const std::string& name);

/// The MAC named `name` ("HMAC"), fetched once; nullptr when unknown. Thread-safe.
EVP_MAC* fetched_mac(const std::string& name);

}  // namespace hl::crypto
