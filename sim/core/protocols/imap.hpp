// IMAP (RFC 3501) with STARTTLS (RFC 2595 §3, RFC 3501 §6.2.1); 993 is implicit TLS (RFC 8314).
// Before TLS a careful server advertises LOGINDISABLED; after the upgrade the client asks for
// CAPABILITY again because what it learnt in the clear may have been tampered with.
// Step titles (a contract for lesson anchors): "* OK (greeting)", "a1 CAPABILITY",
// "a1 OK (CAPABILITY)", "a2 STARTTLS", "a2 OK (STARTTLS)", "a4 LOGIN", "a4 OK (LOGIN)" or
// "a2 NO (LOGIN disabled)", "a5 SELECT", "a5 OK (SELECT)", "a6 LOGOUT", "a6 OK (LOGOUT)";
// the tag numbers count the client's commands, so they depend on the path taken.
#pragma once

#include "core/protocols/peer.hpp"

namespace hl {

/// The IMAP client and server for config.mode / starttls.
Dialogue make_imap_dialogue(const PeerConfig& config);

}  // namespace hl
