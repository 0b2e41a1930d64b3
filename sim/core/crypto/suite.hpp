// What the key schedule and the record layer need to know about a cipher suite: its hash,
// its bulk cipher as OpenSSL names it, key and IV lengths, tag or MAC length. Read off the
// IANA name through one table of bulk ciphers (RFC 5246 Appendix C, RFC 5288, RFC 6655,
// RFC 7905, RFC 8446 Appendix B.4).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace hl::crypto {

/// How a suite protects records.
enum class RecordMode : std::uint8_t { gcm, ccm, chacha20_poly1305, cbc };

/// A cipher suite's cryptographic parameters.
struct SuiteCrypto {
  std::uint16_t id = 0;
  std::string name;          // IANA name
  bool tls13 = false;
  std::string digest;        // HKDF / PRF hash: "SHA256" or "SHA384"
  std::string mac_digest;    // CBC suites: the HMAC hash ("SHA1", "SHA256", "SHA384"); empty for AEAD
  std::string evp_cipher;    // "AES-128-GCM", "ChaCha20-Poly1305", "AES-256-CBC", ...
  RecordMode mode = RecordMode::gcm;
  std::size_t key_len = 0;
  std::size_t fixed_iv_len = 0;     // iv from the key schedule: 12 (TLS 1.3, ChaCha20), 4 (TLS 1.2 GCM/CCM), 0 (CBC)
  std::size_t explicit_nonce_len = 0;  // per record: 8 (TLS 1.2 GCM/CCM), 16 (CBC explicit IV), else 0
  std::size_t tag_len = 0;          // AEAD tag: 16, or 8 for CCM_8; 0 for CBC
  std::size_t mac_len = 0;          // CBC HMAC length, 0 for AEAD
};

/// The parameters of suite `id`, or nullopt for a suite the lab cannot open (unknown,
/// NULL, RC4, export, GOST, ...).
std::optional<SuiteCrypto> suite_crypto(std::uint16_t id);

}  // namespace hl::crypto
