// What the application-protocol peers know about a run: their own small configuration, so
// the protocols depend on nothing above them. The engine fills it in from the Scenario
// (peer_config() in core/engine/scenario.hpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hl {

/// How the application protocol meets TLS on this port.
enum class PortMode : std::uint8_t { plaintext, implicit_tls, starttls };

/// What a STARTTLS client does when the upgrade is not offered or fails.
enum class TlsPolicy : std::uint8_t { opportunistic, require_tls };

/// The usual client of this protocol and port: require_tls where users configure "STARTTLS"
/// as the connection's security (submission, IMAP, POP3, LDAP), opportunistic where the
/// client only uses TLS when offered (an MTA relaying on port 25, FTP clients' "if available").
TlsPolicy tls_policy_default(std::string_view protocol, int port);

/// The protocol, port and upgrade rules both peers agree on before the first byte.
struct PeerConfig {
  std::string protocol = "http";  // http, smtp, imap, pop3, ftp, ldap
  int port = 443;
  PortMode mode = PortMode::implicit_tls;
  bool starttls = true;           // STARTTLS ports: false = the client never upgrades
  std::string server_name;        // the host the client names; empty: the protocol's default host
  std::string certificate_name;   // the server certificate's name (HTTP's Host when server_name is empty)
  bool cookie_secure = true;      // HTTP: the session cookie carries Secure (never sent to http://)
  TlsPolicy tls_policy = TlsPolicy::require_tls;  // STARTTLS ports: what the client does without the upgrade
  bool server_keeps_buffer = false;  // the server runs plaintext that arrived with STARTTLS inside TLS (a bug)
  bool hsts = true;               // HTTP over TLS: the page carries Strict-Transport-Security
  bool redirect = true;           // HTTP in the clear: 301 to https:// (false: the page itself, in the clear)
};

}  // namespace hl
