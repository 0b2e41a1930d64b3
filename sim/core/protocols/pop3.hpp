// POP3 (RFC 1939) with CAPA (RFC 2449) and STLS (RFC 2595 §4); 995 is implicit TLS (RFC 8314).
// RFC 2595 gives POP3 no LOGINDISABLED: this server, like many, accepts USER/PASS in the clear,
// so with starttls=off the password simply crosses the wire.
// Step titles: "+OK (greeting)", "CAPA", "+OK (capabilities)", "STLS", "+OK (begin TLS)",
// "USER", "+OK (user)", "PASS", "+OK (logged in)", "STAT", "+OK (STAT)", "QUIT", "+OK (bye)".
#pragma once

#include "core/protocols/peer.hpp"

namespace hl {

/// The POP3 client and server for scenario.mode / starttls.
Dialogue make_pop3_dialogue(const Scenario& scenario);

}  // namespace hl
