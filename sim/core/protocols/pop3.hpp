// POP3 (RFC 1939) with CAPA (RFC 2449) and STLS (RFC 2595 §4); 995 is implicit TLS (RFC 8314).
// Before STLS the server's CAPA leaves out USER and SASL PLAIN (RFC 2595 §2.3, RFC 2449 §6.2),
// but like many servers it still accepts USER/PASS in the clear, and the lab's client sends them
// with starttls=off although they were not offered, so the password crosses the wire.
// Step titles: "+OK (greeting)", "CAPA", "+OK (capabilities)", "STLS", "+OK (begin TLS)",
// "USER", "+OK (user)", "PASS", "+OK (logged in)", "STAT", "+OK (STAT)", "QUIT", "+OK (bye)".
#pragma once

#include "core/protocols/peer.hpp"

namespace hl {

/// The POP3 client and server for config.mode / starttls.
Dialogue make_pop3_dialogue(const PeerConfig& config);

}  // namespace hl
