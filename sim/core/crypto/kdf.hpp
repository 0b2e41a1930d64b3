// The primitives of the TLS key schedules, each one call into OpenSSL 3's EVP layer:
// hashes, HMAC, HKDF-Extract / HKDF-Expand-Label (RFC 8446 §7.1) and the TLS 1.2 PRF
// (RFC 5246 §5). Digests are named as OpenSSL names them ("SHA256", "SHA384").
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::crypto {

using ByteView = std::span<const std::uint8_t>;

/// The digest of `data`; empty when OpenSSL does not know `digest`.
Bytes hash(const std::string& digest, ByteView data);

/// The digest of every prefix of `parts`: out[i] = Hash(parts[0] || ... || parts[i]). Each part
/// is hashed once (one running digest, copied at each boundary); empty when `digest` is unknown.
std::vector<Bytes> prefix_hashes(const std::string& digest, std::span<const ByteView> parts);

/// The digest's output length in bytes (0 when unknown).
std::size_t hash_len(const std::string& digest);

/// HMAC(key, data) with `digest`.
Bytes hmac(const std::string& digest, ByteView key, ByteView data);

/// RFC 5869 HKDF-Extract(salt, ikm) through EVP_KDF "HKDF" in extract-only mode.
Bytes hkdf_extract(const std::string& digest, ByteView salt, ByteView ikm);

/// RFC 8446 §7.1 HKDF-Expand-Label(secret, label, context, length); `label` without "tls13 ".
Bytes hkdf_expand_label(const std::string& digest, ByteView secret, const std::string& label, ByteView context,
                        std::size_t length);

/// RFC 5246 §5 PRF(secret, label, seed) through EVP_KDF "TLS1-PRF", `length` bytes.
Bytes tls12_prf(const std::string& digest, ByteView secret, const std::string& label, ByteView seed,
                std::size_t length);

/// a XOR b over the length of `a` (b shorter: right-aligned, as TLS pads the sequence number).
Bytes xor_right_aligned(ByteView a, ByteView b);

/// The 8-byte big-endian encoding of a record sequence number.
Bytes seq_bytes(std::uint64_t seq);

}  // namespace hl::crypto
