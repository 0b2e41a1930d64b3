// Names from the IANA TLS registries, kept as static tables (names.cpp, cipher_suites.cpp).
// Every function returns nullptr for a code with no assigned name.
#pragma once

#include <cstdint>
#include <span>

namespace hl::wire {

/// One row of a registry table.
struct CodeName {
  std::uint32_t code;
  const char* name;
};

/// Linear lookup in a registry table; nullptr when absent.
const char* find_name(std::span<const CodeName> table, std::uint32_t code);

/// RFC 8701: 0x0a0a, 0x1a1a, ... 0xfafa, reserved so that peers must tolerate unknown values.
bool is_grease16(std::uint32_t code);

/// IANA registry names: the name assigned to code, or nullptr when it is unassigned.
const char* content_type_name(std::uint32_t code);
const char* handshake_type_name(std::uint32_t code);
const char* alert_level_name(std::uint32_t code);
const char* alert_description_name(std::uint32_t code);
const char* extension_type_name(std::uint32_t code);   // GREASE included
const char* named_group_name(std::uint32_t code);      // GREASE included
const char* signature_scheme_name(std::uint32_t code); // GREASE included
const char* version_name(std::uint32_t code);          // GREASE included
const char* cipher_suite_name(std::uint32_t code);     // GREASE included
const char* compression_method_name(std::uint32_t code);
const char* ec_point_format_name(std::uint32_t code);
const char* psk_mode_name(std::uint32_t code);
const char* cert_compression_name(std::uint32_t code);
const char* server_name_type_name(std::uint32_t code);
const char* max_fragment_length_name(std::uint32_t code);
const char* status_type_name(std::uint32_t code);
const char* client_certificate_type_name(std::uint32_t code);
const char* key_update_request_name(std::uint32_t code);
const char* ec_curve_type_name(std::uint32_t code);

/// How a cipher suite agrees on keys; read off the IANA name.
enum class KeyExchange : std::uint8_t { unknown, tls13, ecdhe, dhe, rsa, psk, other };
/// How a cipher suite protects records; read off the IANA name.
enum class RecordCipher : std::uint8_t { unknown, aead_explicit_nonce, aead_implicit_nonce, cbc, stream, null };

/// What the decoder needs to know about a suite to decode later messages and records.
struct SuiteTraits {
  KeyExchange kex = KeyExchange::unknown;
  RecordCipher cipher = RecordCipher::unknown;
  std::uint8_t mac_len = 0;  // HMAC length for CBC/stream suites, 0 for AEAD
};

/// Traits of a cipher suite (all unknown for an unassigned code).
SuiteTraits suite_traits(std::uint32_t code);

}  // namespace hl::wire
