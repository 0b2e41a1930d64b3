// The demo account every application dialogue logs in with. Fixed and fake on purpose:
// the point of the lessons is to watch where this password becomes visible on the wire.
#pragma once

namespace hl::account {

/// The user name the clients log in with (IMAP LOGIN, POP3/FTP USER, SMTP AUTH PLAIN).
inline constexpr const char* kUser = "alice";
/// The password every client sends and every server checks.
inline constexpr const char* kPassword = "Tr0ub4dor&3";
/// Alice's mail address (SMTP envelope sender and message From).
inline constexpr const char* kMailbox = "alice@example.com";
/// Alice's LDAP distinguished name (the simple bind's name).
inline constexpr const char* kLdapDn = "uid=alice,ou=people,dc=example,dc=com";

}  // namespace hl::account
