// Names from the IANA TLS registries, kept as static tables (names.cpp, cipher_suites.cpp).
// Every function returns nullptr for a code with no assigned name.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/model/handshake_type.hpp"

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
/// Display title of a handshake type ("ClientHello", "HelloRetryRequest" for 6); nullptr when unassigned.
const char* handshake_type_title(std::uint32_t code);
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

/// The handshake type with this display title ("ClientHello") or IANA name ("client_hello").
std::optional<HandshakeType> handshake_type_named(std::string_view name);

/// SHA-256("HelloRetryRequest"): a ServerHello with this random is a HelloRetryRequest (RFC 8446 §4.1.3).
inline constexpr std::array<std::uint8_t, 32> kHelloRetryRandom = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

/// True when 32 bytes are the HelloRetryRequest random.
bool is_hello_retry_random(std::span<const std::uint8_t> random);

/// The type of one whole handshake message (4-byte header first): its msg_type, or
/// hello_retry_request for a ServerHello that carries the HelloRetryRequest random.
HandshakeType handshake_type_of(std::span<const std::uint8_t> message);

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
