#include "core/crypto/suite.hpp"

#include <array>
#include <string_view>

#include "core/crypto/kdf.hpp"
#include "core/wire/names.hpp"

namespace hl::crypto {
namespace {

// One row per bulk cipher as it appears in IANA names, after "_WITH_" (TLS 1.2) or "TLS_" (TLS 1.3).
struct BulkCipher {
  std::string_view iana;      // "AES_128_GCM"
  const char* evp;            // OpenSSL's name
  RecordMode mode;
  std::size_t key_len;
  std::size_t tag_len;
};

constexpr std::array<BulkCipher, 10> kBulkCiphers = {{
    {"AES_128_GCM", "AES-128-GCM", RecordMode::gcm, 16, 16},
    {"AES_256_GCM", "AES-256-GCM", RecordMode::gcm, 32, 16},
    {"AES_128_CCM_8", "AES-128-CCM", RecordMode::ccm, 16, 8},
    {"AES_256_CCM_8", "AES-256-CCM", RecordMode::ccm, 32, 8},
    {"AES_128_CCM", "AES-128-CCM", RecordMode::ccm, 16, 16},
    {"AES_256_CCM", "AES-256-CCM", RecordMode::ccm, 32, 16},
    {"CHACHA20_POLY1305", "ChaCha20-Poly1305", RecordMode::chacha20_poly1305, 32, 16},
    {"AES_128_CBC", "AES-128-CBC", RecordMode::cbc, 16, 0},
    {"AES_256_CBC", "AES-256-CBC", RecordMode::cbc, 32, 0},
    {"CAMELLIA_128_CBC", "CAMELLIA-128-CBC", RecordMode::cbc, 16, 0},
}};

// The name's tail after the bulk cipher: "_SHA256", "_SHA384" or "_SHA".
struct MacRow {
  std::string_view suffix;
  const char* prf_digest;  // TLS 1.2 PRF and TLS 1.3 HKDF hash
  const char* mac_digest;  // CBC HMAC
};

constexpr std::array<MacRow, 3> kMacs = {{
    {"_SHA384", "SHA384", "SHA384"},
    {"_SHA256", "SHA256", "SHA256"},
    {"_SHA", "SHA256", "SHA1"},  // TLS 1.2 suites named _SHA use the default PRF hash, SHA-256
}};

const BulkCipher* bulk_of(std::string_view cipher_part) {
  for (const auto& bulk : kBulkCiphers)
    if (cipher_part.starts_with(bulk.iana)) return &bulk;  // the table lists CCM_8 before CCM
  return nullptr;
}

const MacRow* mac_of(std::string_view name) {
  for (const auto& mac : kMacs)
    if (name.ends_with(mac.suffix)) return &mac;
  return nullptr;
}

}  // namespace

std::optional<SuiteCrypto> suite_crypto(std::uint16_t id) {
  const char* iana = wire::cipher_suite_name(id);
  if (iana == nullptr) return std::nullopt;
  const std::string_view name = iana;
  const std::size_t with = name.find("_WITH_");
  const bool tls13 = with == std::string_view::npos;
  const std::string_view cipher_part = tls13 ? name.substr(4) : name.substr(with + 6);
  const BulkCipher* bulk = bulk_of(cipher_part);
  // RFC 6655's CCM suites name no hash: their PRF is SHA-256 and they have no HMAC.
  static constexpr MacRow kCcmDefault = {"", "SHA256", ""};
  const MacRow* mac = mac_of(name);
  if (mac == nullptr && bulk != nullptr && bulk->mode == RecordMode::ccm) mac = &kCcmDefault;
  if (bulk == nullptr || mac == nullptr || !name.starts_with("TLS_")) return std::nullopt;
  SuiteCrypto suite;
  suite.id = id;
  suite.name = iana;
  suite.tls13 = tls13;
  suite.digest = mac->prf_digest;
  suite.evp_cipher = bulk->evp;
  suite.mode = bulk->mode;
  suite.key_len = bulk->key_len;
  suite.tag_len = bulk->tag_len;
  const bool implicit_nonce = tls13 || bulk->mode == RecordMode::chacha20_poly1305;
  if (bulk->mode == RecordMode::cbc) {
    suite.mac_digest = mac->mac_digest;
    suite.mac_len = hash_len(suite.mac_digest);
    suite.explicit_nonce_len = 16;  // TLS 1.1+: a fresh IV in front of every record (RFC 5246 §6.2.3.2)
    return tls13 ? std::nullopt : std::optional(suite);
  }
  suite.fixed_iv_len = implicit_nonce ? 12 : 4;
  suite.explicit_nonce_len = implicit_nonce ? 0 : 8;
  return suite;
}

}  // namespace hl::crypto
