// Owning EVP_PKEY pointers and the DER form the transcript carries keys in (the engine
// stores keys in the transcript as PKCS #8 DER so the model stays plain data).
#pragma once

#include <memory>
#include <string>

#include <openssl/evp.h>

#include "core/crypto/kdf.hpp"

namespace hl::crypto {

/// unique_ptr that frees its key with EVP_PKEY_free.
struct PkeyFree {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

/// unique_ptr that frees its context with EVP_PKEY_CTX_free.
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* ctx) const { EVP_PKEY_CTX_free(ctx); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree>;

/// Clears OpenSSL's error queue, puts `sentence` in out_error and returns false: the one way
/// the EVP helpers here report a refusal.
bool refused(std::string& out_error, std::string sentence);

/// Loads a PKCS #8 DER private key; nullptr, with one sentence in out_error, when it cannot.
PkeyPtr load_private_key(ByteView der, std::string& out_error);

}  // namespace hl::crypto
