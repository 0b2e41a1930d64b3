// Mallory's attacks on a STARTTLS upgrade, one cleartext application line at a time:
//   strip-starttls:     she removes the upgrade offer from the server's capability reply (SMTP,
//                       IMAP, POP3) or makes the upgrade command fail (FTP's AUTH TLS, LDAP's
//                       StartTLS, where there is no offer to remove), and adds the login offer
//                       a server that wants TLS first leaves out, to invite the password;
//   starttls-injection: she appends a command of her own behind the client's upgrade command,
//                       in the same segment (CVE-2011-0411).
#pragma once

#include <string>

#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// Applies scenario.attack (strip-starttls or starttls-injection) to one application line in
/// the clear: rewrites step.bytes and its display title, and returns what she changed in one
/// sentence; "" when the step is not one she rewrites (nothing changed).
std::string starttls_attack(const Scenario& scenario, Step& step);

/// The command Mallory slips in behind the client's upgrade command (SMTP RSET, IMAP CAPABILITY,
/// POP3 STAT, FTP USER, an LDAP anonymous bind) when `step` is that command; "" otherwise.
std::string command_behind_upgrade(const Scenario& scenario, const Step& step);

/// What a cleartext SMTP AUTH PLAIN line gives away, decoded ("user alice, password ..."); ""
/// for any other step. (Every other protocol's login is readable as it stands.)
std::string decoded_credentials(const Step& step);

}  // namespace hl
