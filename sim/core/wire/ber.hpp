// LDAP messages in BER (RFC 4511 §4, §5.1), decoded field by field with byte ranges, the way
// the TLS decoders show a record: every element's tag, length and value, named after the
// ASN.1 in RFC 4511 (LDAPMessage, messageID, BindRequest, name, simple, ...).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "core/model/field.hpp"
#include "core/wire/cursor.hpp"

namespace hl::wire {

/// Decodes one LDAPMessage at c (consuming it) and appends its node to out. Unknown
/// operations are shown as generic elements; bad BER (truncated, indefinite length,
/// lengths past the enclosing element, multi-byte tags) becomes malformed fields. Never throws.
void decode_ldap_message(Cursor& c, std::vector<Field>& out);

/// Decodes bytes as exactly one LDAPMessage; anything after it is a malformed
/// "trailing bytes" field. Offsets index bytes.
std::vector<Field> decode_ldap_message(std::span<const std::uint8_t> bytes);

/// The app-line decoder's entry for protocol "ldap" (app_line.cpp): decode_ldap_message(bytes).
std::vector<Field> decode_ber_message(std::span<const std::uint8_t> bytes);

}  // namespace hl::wire
