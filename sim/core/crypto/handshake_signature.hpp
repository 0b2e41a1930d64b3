// The TLS 1.2 ServerKeyExchange signature (RFC 5246 §7.4.3, RFC 8422 §5.4): made with the
// key of the server's certificate over client_random + server_random + the params, checked
// here with EVP_DigestVerify against the leaf's public key from the Certificate message.
#pragma once

#include <string>

#include "core/crypto/kdf.hpp"
#include "core/crypto/pkey.hpp"

namespace hl::crypto {

/// The public key of the first certificate of a whole TLS 1.2 Certificate message
/// (certificate_list<0..2^24-1> of ASN.1Cert<1..2^24-1>). False, with a sentence, when the
/// message is malformed, empty or its first certificate does not parse.
[[nodiscard]] bool leaf_public_key(ByteView certificate_message, PkeyPtr& out_key, std::string& out_error);

/// Verifies `signature` over `data` with `key` under the SignatureScheme `scheme` (rsa_pkcs1_*,
/// rsa_pss_rsae_*, ecdsa_*, ed25519, ed448). False, with a sentence, when the scheme is unknown,
/// does not fit the key, or the signature does not verify.
[[nodiscard]] bool verify_signature(EVP_PKEY* key, std::uint16_t scheme, ByteView data, ByteView signature,
                                    std::string& out_error);

}  // namespace hl::crypto
