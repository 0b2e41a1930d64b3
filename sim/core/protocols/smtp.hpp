// SMTP (RFC 5321) with STARTTLS (RFC 3207) and AUTH PLAIN (RFC 4954, 4616).
//   port 25:  MTA-to-MTA relay; STARTTLS is opportunistic and there is no AUTH.
//   port 587: submission (RFC 6409): STARTTLS first, AUTH only offered inside TLS.
//   port 465: submission over implicit TLS (RFC 8314): the whole dialogue runs inside TLS.
// Step titles (a contract for lesson anchors): "220 (greeting)", "EHLO", "250-STARTTLS" or
// "250 (EHLO reply)", "STARTTLS", "220 (ready for TLS)", "AUTH PLAIN", "235 (authenticated)",
// "530 (STARTTLS first)", "MAIL FROM", "250 (sender ok)", "RCPT TO", "250 (recipient ok)",
// "DATA", "354 (send message)", "message", "250 (queued)", "QUIT", "221 (bye)".
#pragma once

#include "core/protocols/peer.hpp"

namespace hl {

/// The SMTP client and server for config.port / mode / starttls.
Dialogue make_smtp_dialogue(const PeerConfig& config);

}  // namespace hl
