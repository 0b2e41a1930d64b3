// FTP (RFC 959) with AUTH TLS, PBSZ and PROT (RFC 4217). Port 990 is implicit FTPS, the older
// style RFC 4217 does not define; port 21 upgrades the control connection with AUTH TLS.
// PBSZ 0 and PROT P come after the security exchange (RFC 4217 §8-9): they ask for the data
// connections to be protected too. Without TLS they are not sent.
// Step titles: "220 (greeting)", "AUTH TLS", "234 (begin TLS)", "PBSZ 0", "200 (PBSZ)",
// "PROT P", "200 (PROT)", "USER", "331 (password please)", "PASS", "230 (logged in)",
// "QUIT", "221 (bye)".
#pragma once

#include "core/protocols/peer.hpp"

namespace hl {

/// The FTP client and server (control connection) for config.mode / starttls.
Dialogue make_ftp_dialogue(const PeerConfig& config);

}  // namespace hl
