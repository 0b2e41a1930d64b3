// BER-encoded application messages (LDAP, RFC 4511) for cleartext steps. The generic
// version here shows the TLV tree; protocol-specific naming can be layered on top.
#pragma once

#include <span>
#include <vector>

#include "core/model/field.hpp"

namespace hl::wire {

/// Decodes one or more BER TLVs (definite lengths) covering every byte of `bytes`.
std::vector<Field> decode_ber_message(std::span<const std::uint8_t> bytes);

}  // namespace hl::wire
