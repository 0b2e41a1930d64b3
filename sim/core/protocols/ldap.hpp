// LDAP (RFC 4511) with the StartTLS extended operation (RFC 4511 §4.14, RFC 4513 §3) and a
// simple bind (RFC 4513 §5.1.3), every message in real BER. 636 is LDAPS: implicit TLS.
// Step titles: "LDAP StartTLS request", "LDAP StartTLS response (success)",
// "LDAP bind request", "LDAP bind response (success)", "LDAP unbind request".
#pragma once

#include "core/protocols/peer.hpp"

namespace hl {

/// The LDAP client and server for config.mode / starttls.
Dialogue make_ldap_dialogue(const PeerConfig& config);

/// The BER of one LDAPMessage: SEQUENCE { messageID INTEGER, protocolOp }.
Bytes ldap_message(int message_id, const Bytes& protocol_op);

}  // namespace hl
