// Scenario: everything that decides one run. Plain data, loaded from a lesson's
// front matter or built in code; `--set key=value` edits it through set_scenario_field().
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocols/peer_config.hpp"

namespace hl {

/// The one protocol version both endpoints are pinned to.
enum class TlsVersion : std::uint8_t { tls12, tls13 };
/// The leaf certificate's key algorithm and size.
enum class KeyType : std::uint8_t { ecdsa_p256, rsa2048, rsa3072, rsa4096, ed25519 };

/// How to build the server's certificate chain: root CA -> [intermediate] -> leaf.
struct CertRecipe {
  KeyType key = KeyType::ecdsa_p256;           // the leaf's key; CAs use ECDSA P-256
  bool intermediate = true;
  std::string subject_cn = "www.example.com";
  std::vector<std::string> san = {"www.example.com", "example.com"};
  int valid_days = 90;                          // leaf validity, starting a day before the scenario clock
};

/// Everything that decides one run; the defaults are HTTPS on 443 with TLS 1.3.
struct Scenario {
  std::string id = "https-443";
  TlsVersion version = TlsVersion::tls13;       // both sides are pinned to this version
  std::string ciphers;                          // empty = OpenSSL defaults; else an OpenSSL list (1.2) or suites (1.3)
  std::string groups = "X25519:P-256";          // client's supported_groups, first gets a key share
  std::string server_groups = "X25519:P-256";   // what the server accepts
  std::string sigalgs;                          // empty = defaults
  CertRecipe cert;
  std::string server_name = "www.example.com"; // SNI the client sends (empty: none)
  std::string verify_name = "www.example.com";  // the name the client checks the certificate against
  std::string alpn = "http/1.1";                // empty: no ALPN
  int tickets = 2;                              // TLS 1.3 NewSessionTickets the server sends
  std::optional<std::uint64_t> seed;            // set: byte-identical runs; unset: real randomness
  std::int64_t clock = 1790000000;              // scenario time (Unix seconds) for validity and verification
  bool encrypt_then_mac = true;                 // TLS 1.2 CBC suites: false = the client never offers RFC 7366

  // The application protocol on this port.
  std::string protocol = "http";                // http, smtp, imap, pop3, ftp, ldap
  int port = 443;
  PortMode mode = PortMode::implicit_tls;
  bool starttls = true;                         // STARTTLS ports: false = the client never upgrades
  bool cookie_secure = true;                    // HTTP: the session cookie carries Secure (never sent to http://)
};

/// What the application-protocol peers need from scenario: protocol, port, mode, names.
PeerConfig peer_config(const Scenario& scenario);

/// One `--set` key: its name, the values it accepts, and what it changes.
struct ScenarioKey {
  const char* name;
  const char* values;
  const char* help;
};

/// Every key set_scenario_field() accepts, for --help and for lesson front matter.
const std::vector<ScenarioKey>& scenario_keys();

/// One value a key offers in a list: what --set takes, and how a person reads it.
struct ScenarioChoice {
  const char* value;  // "rsa-2048"
  const char* label;  // "RSA 2048"
};

/// The values a key offers as a list, for a combo box: version, cert and mode (all their
/// values), groups and server-groups, and ciphers for `version` (common picks). Empty for
/// keys that take free text.
std::span<const ScenarioChoice> scenario_choices(std::string_view key, TlsVersion version = TlsVersion::tls13);

/// The spelling of a mode in --set and lesson front matter: "plaintext", "implicit-tls" or "starttls".
const char* port_mode_name(PortMode mode);

/// A key's current value as set_scenario_field() takes it ("1.3", "rsa-2048"); empty for an
/// unknown key.
std::string scenario_value(const Scenario& scenario, std::string_view key);

/// Sets one field from text. Returns an empty string on success, else one clear
/// sentence naming the key and the values it accepts.
std::string set_scenario_field(Scenario& scenario, const std::string& key, const std::string& value);

}  // namespace hl
