// IANA "Transport Layer Security (TLS) Parameters" and "TLS ExtensionType Values" registries,
// as static tables. Cipher suites live in cipher_suites.cpp.
#include "core/wire/names.hpp"
#include "core/wire/registry.hpp"

#include <algorithm>

namespace hl::wire {

const char* find_name(std::span<const CodeName> table, std::uint32_t code) {
  for (const auto& row : table) {
    if (row.code == code) return row.name;
  }
  return nullptr;
}

bool is_grease16(std::uint32_t code) { return (code & 0x0f0f) == 0x0a0a && (code >> 8) == (code & 0xff); }

namespace {

const char* grease_or(std::span<const CodeName> table, std::uint32_t code) {
  if (is_grease16(code)) return "GREASE";
  return find_name(table, code);
}

const CodeName kContentTypes[] = {
    {20, "change_cipher_spec"}, {21, "alert"}, {22, "handshake"}, {23, "application_data"},
    {24, "heartbeat"},          {25, "tls12_cid"}, {26, "ACK"},
};

// The one HandshakeType table: IANA name (JSON, decoder) and display title (steps, tree nodes).
struct HandshakeTypeRow {
  std::uint32_t code;
  const char* name;
  const char* title;
};
const HandshakeTypeRow kHandshakeTypes[] = {
    {0, "hello_request", "HelloRequest"},
    {1, "client_hello", "ClientHello"},
    {2, "server_hello", "ServerHello"},
    {3, "hello_verify_request", "HelloVerifyRequest"},
    {4, "new_session_ticket", "NewSessionTicket"},
    {5, "end_of_early_data", "EndOfEarlyData"},
    {6, "hello_retry_request", "HelloRetryRequest"},
    {8, "encrypted_extensions", "EncryptedExtensions"},
    {9, "request_connection_id", "RequestConnectionId"},
    {10, "new_connection_id", "NewConnectionId"},
    {11, "certificate", "Certificate"},
    {12, "server_key_exchange", "ServerKeyExchange"},
    {13, "certificate_request", "CertificateRequest"},
    {14, "server_hello_done", "ServerHelloDone"},
    {15, "certificate_verify", "CertificateVerify"},
    {16, "client_key_exchange", "ClientKeyExchange"},
    {17, "client_certificate_request", "ClientCertificateRequest"},
    {20, "finished", "Finished"},
    {21, "certificate_url", "CertificateURL"},
    {22, "certificate_status", "CertificateStatus"},
    {23, "supplemental_data", "SupplementalData"},
    {24, "key_update", "KeyUpdate"},
    {25, "compressed_certificate", "CompressedCertificate"},
    {26, "ekt_key", "EktKey"},
    {254, "message_hash", "message_hash"},  // RFC 8446 §4.4.1 gives it no struct name
};

const HandshakeTypeRow* find_handshake_type(std::uint32_t code) {
  for (const auto& row : kHandshakeTypes) {
    if (row.code == code) return &row;
  }
  return nullptr;
}

const CodeName kAlertLevels[] = {{1, "warning"}, {2, "fatal"}};

const CodeName kAlertDescriptions[] = {
    {0, "close_notify"},
    {10, "unexpected_message"},
    {20, "bad_record_mac"},
    {21, "decryption_failed"},
    {22, "record_overflow"},
    {30, "decompression_failure"},
    {40, "handshake_failure"},
    {41, "no_certificate"},
    {42, "bad_certificate"},
    {43, "unsupported_certificate"},
    {44, "certificate_revoked"},
    {45, "certificate_expired"},
    {46, "certificate_unknown"},
    {47, "illegal_parameter"},
    {48, "unknown_ca"},
    {49, "access_denied"},
    {50, "decode_error"},
    {51, "decrypt_error"},
    {52, "too_many_cids_requested"},
    {60, "export_restriction"},
    {70, "protocol_version"},
    {71, "insufficient_security"},
    {80, "internal_error"},
    {86, "inappropriate_fallback"},
    {90, "user_canceled"},
    {100, "no_renegotiation"},
    {109, "missing_extension"},
    {110, "unsupported_extension"},
    {111, "certificate_unobtainable"},
    {112, "unrecognized_name"},
    {113, "bad_certificate_status_response"},
    {114, "bad_certificate_hash_value"},
    {115, "unknown_psk_identity"},
    {116, "certificate_required"},
    {120, "no_application_protocol"},
    {121, "ech_required"},
};

const CodeName kExtensionTypes[] = {
    {0, "server_name"},
    {1, "max_fragment_length"},
    {2, "client_certificate_url"},
    {3, "trusted_ca_keys"},
    {4, "truncated_hmac"},
    {5, "status_request"},
    {6, "user_mapping"},
    {7, "client_authz"},
    {8, "server_authz"},
    {9, "cert_type"},
    {10, "supported_groups"},
    {11, "ec_point_formats"},
    {12, "srp"},
    {13, "signature_algorithms"},
    {14, "use_srtp"},
    {15, "heartbeat"},
    {16, "application_layer_protocol_negotiation"},
    {17, "status_request_v2"},
    {18, "signed_certificate_timestamp"},
    {19, "client_certificate_type"},
    {20, "server_certificate_type"},
    {21, "padding"},
    {22, "encrypt_then_mac"},
    {23, "extended_master_secret"},
    {24, "token_binding"},
    {25, "cached_info"},
    {26, "tls_lts"},
    {27, "compress_certificate"},
    {28, "record_size_limit"},
    {29, "pwd_protect"},
    {30, "pwd_clear"},
    {31, "password_salt"},
    {32, "ticket_pinning"},
    {33, "tls_cert_with_extern_psk"},
    {34, "delegated_credential"},
    {35, "session_ticket"},
    {36, "TLMSP"},
    {37, "TLMSP_proxying"},
    {38, "TLMSP_delegate"},
    {39, "supported_ekt_ciphers"},
    {41, "pre_shared_key"},
    {42, "early_data"},
    {43, "supported_versions"},
    {44, "cookie"},
    {45, "psk_key_exchange_modes"},
    {47, "certificate_authorities"},
    {48, "oid_filters"},
    {49, "post_handshake_auth"},
    {50, "signature_algorithms_cert"},
    {51, "key_share"},
    {52, "transparency_info"},
    {53, "connection_id_deprecated"},
    {54, "connection_id"},
    {55, "external_id_hash"},
    {56, "external_session_id"},
    {57, "quic_transport_parameters"},
    {58, "ticket_request"},
    {59, "dnssec_chain"},
    {60, "sequence_number_encryption_algorithms"},
    {61, "rrc"},
    {17513, "application_settings"},
    {65037, "encrypted_client_hello"},
    {65281, "renegotiation_info"},
};

const CodeName kNamedGroups[] = {
    {1, "sect163k1"},   {2, "sect163r1"},   {3, "sect163r2"},   {4, "sect193r1"},   {5, "sect193r2"},
    {6, "sect233k1"},   {7, "sect233r1"},   {8, "sect239k1"},   {9, "sect283k1"},   {10, "sect283r1"},
    {11, "sect409k1"},  {12, "sect409r1"},  {13, "sect571k1"},  {14, "sect571r1"},  {15, "secp160k1"},
    {16, "secp160r1"},  {17, "secp160r2"},  {18, "secp192k1"},  {19, "secp192r1"},  {20, "secp224k1"},
    {21, "secp224r1"},  {22, "secp256k1"},  {23, "secp256r1"},  {24, "secp384r1"},  {25, "secp521r1"},
    {26, "brainpoolP256r1"}, {27, "brainpoolP384r1"}, {28, "brainpoolP512r1"}, {29, "x25519"},
    {30, "x448"},       {31, "brainpoolP256r1tls13"}, {32, "brainpoolP384r1tls13"},
    {33, "brainpoolP512r1tls13"}, {34, "GC256A"}, {35, "GC256B"}, {36, "GC256C"}, {37, "GC256D"},
    {38, "GC512A"},     {39, "GC512B"},     {40, "GC512C"},     {41, "curveSM2"},
    {256, "ffdhe2048"}, {257, "ffdhe3072"}, {258, "ffdhe4096"}, {259, "ffdhe6144"}, {260, "ffdhe8192"},
    {512, "MLKEM512"},  {513, "MLKEM768"},  {514, "MLKEM1024"},
    {4587, "SecP256r1MLKEM768"}, {4588, "X25519MLKEM768"}, {4589, "SecP384r1MLKEM1024"},
    {25497, "X25519Kyber768Draft00"}, {25498, "SecP256r1Kyber768Draft00"},
    {0xff01, "arbitrary_explicit_prime_curves"}, {0xff02, "arbitrary_explicit_char2_curves"},
};

const CodeName kSignatureSchemes[] = {
    {0x0201, "rsa_pkcs1_sha1"},
    {0x0202, "dsa_sha1 (legacy)"},
    {0x0203, "ecdsa_sha1"},
    {0x0301, "rsa_pkcs1_sha224 (legacy)"},
    {0x0302, "dsa_sha224 (legacy)"},
    {0x0303, "ecdsa_sha224 (legacy)"},
    {0x0401, "rsa_pkcs1_sha256"},
    {0x0402, "dsa_sha256 (legacy)"},
    {0x0403, "ecdsa_secp256r1_sha256"},
    {0x0420, "rsa_pkcs1_sha256_legacy"},
    {0x0501, "rsa_pkcs1_sha384"},
    {0x0502, "dsa_sha384 (legacy)"},
    {0x0503, "ecdsa_secp384r1_sha384"},
    {0x0520, "rsa_pkcs1_sha384_legacy"},
    {0x0601, "rsa_pkcs1_sha512"},
    {0x0602, "dsa_sha512 (legacy)"},
    {0x0603, "ecdsa_secp521r1_sha512"},
    {0x0620, "rsa_pkcs1_sha512_legacy"},
    {0x0704, "eccsi_sha256"},
    {0x0705, "iso_ibs1"},
    {0x0706, "iso_ibs2"},
    {0x0707, "iso_chinese_ibs"},
    {0x0708, "sm2sig_sm3"},
    {0x0709, "gostr34102012_256a"},
    {0x070a, "gostr34102012_256b"},
    {0x070b, "gostr34102012_256c"},
    {0x070c, "gostr34102012_256d"},
    {0x070d, "gostr34102012_512a"},
    {0x070e, "gostr34102012_512b"},
    {0x070f, "gostr34102012_512c"},
    {0x0804, "rsa_pss_rsae_sha256"},
    {0x0805, "rsa_pss_rsae_sha384"},
    {0x0806, "rsa_pss_rsae_sha512"},
    {0x0807, "ed25519"},
    {0x0808, "ed448"},
    {0x0809, "rsa_pss_pss_sha256"},
    {0x080a, "rsa_pss_pss_sha384"},
    {0x080b, "rsa_pss_pss_sha512"},
    {0x081a, "ecdsa_brainpoolP256r1tls13_sha256"},
    {0x081b, "ecdsa_brainpoolP384r1tls13_sha384"},
    {0x081c, "ecdsa_brainpoolP512r1tls13_sha512"},
    {0x0904, "mldsa44"},
    {0x0905, "mldsa65"},
    {0x0906, "mldsa87"},
};

const CodeName kVersions[] = {
    {0x0002, "SSL 2.0"}, {0x0300, "SSL 3.0"}, {0x0301, "TLS 1.0"}, {0x0302, "TLS 1.1"},
    {0x0303, "TLS 1.2"}, {0x0304, "TLS 1.3"}, {0xfeff, "DTLS 1.0"}, {0xfefd, "DTLS 1.2"}, {0xfefc, "DTLS 1.3"},
};

const CodeName kCompressionMethods[] = {{0, "null"}, {1, "DEFLATE"}, {64, "LZS"}};
const CodeName kEcPointFormats[] = {
    {0, "uncompressed"}, {1, "ansiX962_compressed_prime"}, {2, "ansiX962_compressed_char2"}};
const CodeName kPskModes[] = {{0, "psk_ke"}, {1, "psk_dhe_ke"}};
const CodeName kCertCompression[] = {{1, "zlib"}, {2, "brotli"}, {3, "zstd"}};
const CodeName kServerNameTypes[] = {{0, "host_name"}};
const CodeName kMaxFragmentLengths[] = {{1, "2^9 (512)"}, {2, "2^10 (1024)"}, {3, "2^11 (2048)"}, {4, "2^12 (4096)"}};
const CodeName kStatusTypes[] = {{1, "ocsp"}, {2, "ocsp_multi"}};
const CodeName kClientCertificateTypes[] = {
    {1, "rsa_sign"},          {2, "dss_sign"},         {3, "rsa_fixed_dh"},  {4, "dss_fixed_dh"},
    {5, "rsa_ephemeral_dh"},  {6, "dss_ephemeral_dh"}, {20, "fortezza_dms"}, {64, "ecdsa_sign"},
    {65, "rsa_fixed_ecdh"},   {66, "ecdsa_fixed_ecdh"}, {67, "gost_sign256"}, {68, "gost_sign512"},
};
const CodeName kKeyUpdateRequests[] = {{0, "update_not_requested"}, {1, "update_requested"}};
const CodeName kEcCurveTypes[] = {{1, "explicit_prime"}, {2, "explicit_char2"}, {3, "named_curve"}};

}  // namespace

const char* content_type_name(std::uint32_t code) { return find_name(kContentTypes, code); }
const char* handshake_type_name(std::uint32_t code) {
  const auto* row = find_handshake_type(code);
  return row ? row->name : nullptr;
}
const char* handshake_type_title(std::uint32_t code) {
  const auto* row = find_handshake_type(code);
  return row ? row->title : nullptr;
}

std::optional<HandshakeType> handshake_type_named(std::string_view name) {
  for (const auto& row : kHandshakeTypes) {
    if (name == row.title || name == row.name) return static_cast<HandshakeType>(row.code);
  }
  return std::nullopt;
}

bool is_hello_retry_random(std::span<const std::uint8_t> random) {
  return random.size() == kHelloRetryRandom.size() &&
         std::equal(kHelloRetryRandom.begin(), kHelloRetryRandom.end(), random.begin());
}

HandshakeType handshake_type_of(std::span<const std::uint8_t> message) {
  const auto type = static_cast<HandshakeType>(message.empty() ? 0 : message[0]);
  constexpr std::size_t random_at = 4 + 2;  // msg_type, length (3), legacy_version (2)
  if (type == HandshakeType::server_hello && message.size() >= random_at + kHelloRetryRandom.size() &&
      is_hello_retry_random(message.subspan(random_at, kHelloRetryRandom.size())))
    return HandshakeType::hello_retry_request;
  return type;
}
std::span<const CodeName> registry_table(Registry registry) {
  struct Row {
    Registry registry;
    std::span<const CodeName> table;
  };
  const Row rows[] = {
      {Registry::content_type, kContentTypes},         {Registry::cipher_suite, cipher_suite_table()},
      {Registry::version, kVersions},                  {Registry::named_group, kNamedGroups},
      {Registry::signature_scheme, kSignatureSchemes}, {Registry::extension_type, kExtensionTypes},
      {Registry::compression_method, kCompressionMethods}, {Registry::alert_description, kAlertDescriptions},
      {Registry::ec_point_format, kEcPointFormats},    {Registry::psk_mode, kPskModes},
      {Registry::server_name_type, kServerNameTypes},  {Registry::key_update_request, kKeyUpdateRequests},
  };
  for (const Row& row : rows)
    if (row.registry == registry) return row.table;
  return {};
}

const char* alert_level_name(std::uint32_t code) { return find_name(kAlertLevels, code); }
const char* alert_description_name(std::uint32_t code) { return find_name(kAlertDescriptions, code); }
const char* extension_type_name(std::uint32_t code) { return grease_or(kExtensionTypes, code); }
const char* named_group_name(std::uint32_t code) { return grease_or(kNamedGroups, code); }
const char* signature_scheme_name(std::uint32_t code) { return grease_or(kSignatureSchemes, code); }
const char* version_name(std::uint32_t code) { return grease_or(kVersions, code); }
const char* compression_method_name(std::uint32_t code) { return find_name(kCompressionMethods, code); }
const char* ec_point_format_name(std::uint32_t code) { return find_name(kEcPointFormats, code); }
const char* psk_mode_name(std::uint32_t code) {
  // RFC 8701 GREASE for one-byte psk modes: 0x0B, 0x2A, 0x49, ... 0xFA.
  if (code % 0x1f == 0x0b) return "GREASE";
  return find_name(kPskModes, code);
}
const char* cert_compression_name(std::uint32_t code) { return find_name(kCertCompression, code); }
const char* server_name_type_name(std::uint32_t code) { return find_name(kServerNameTypes, code); }
const char* max_fragment_length_name(std::uint32_t code) { return find_name(kMaxFragmentLengths, code); }
const char* status_type_name(std::uint32_t code) { return find_name(kStatusTypes, code); }
const char* client_certificate_type_name(std::uint32_t code) { return find_name(kClientCertificateTypes, code); }
const char* key_update_request_name(std::uint32_t code) { return find_name(kKeyUpdateRequests, code); }
const char* ec_curve_type_name(std::uint32_t code) { return find_name(kEcCurveTypes, code); }

}  // namespace hl::wire
