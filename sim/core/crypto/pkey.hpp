// Owning EVP_PKEY pointers and the plain forms the transcript carries keys in, so the model
// stays plain data: an ephemeral key as its group's name and raw private value, the server's
// RSA key as PKCS #8 DER. The ephemeral form loads through EVP_PKEY_fromdata, not OpenSSL
// 3.0's generic DER decoder, which costs about a millisecond a key.
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

/// OpenSSL's name for the group of an ephemeral key ("X25519", "prime256v1", "ffdhe2048");
/// empty when the key has none.
std::string group_name(EVP_PKEY* key);

/// Loads an ephemeral private key from its group's name and its private value (as
/// private_value() gives it), with the public half computed from the private value, never
/// taken on trust; nullptr, with one sentence in out_error, when the value is not a private
/// key of that group or the group is unknown.
PkeyPtr load_group_private_key(const std::string& group, ByteView private_value, std::string& out_error);

}  // namespace hl::crypto
