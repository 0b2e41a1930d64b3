// The lab CA's own OCSP responder (RFC 6960): the signed response about one leaf that the
// server staples (RFC 6066 §8), made in memory with OpenSSL's OCSP API.
#pragma once

#include <cstdint>
#include <vector>

#include <openssl/x509.h>

#include "core/engine/scenario.hpp"

namespace hl {

/// The DER OCSPResponse (RFC 6960 §4.2.1) in which `issuer` (with `issuer_key`) states `staple`
/// about `leaf` at scenario time `clock`: the issuing CA signs it itself (§4.2.2.2), names itself
/// byName, identifies the leaf by a SHA-1 CertID and adds no nonce (one staple serves every
/// client). Signed from `libctx`, so a seeded chain's response is the same bytes on every run.
/// Empty for OcspStaple::off. Throws std::runtime_error when OpenSSL fails.
std::vector<std::uint8_t> make_ocsp_response(OcspStaple staple, X509* leaf, X509* issuer, EVP_PKEY* issuer_key,
                                             std::int64_t clock, OSSL_LIB_CTX* libctx);

}  // namespace hl
