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
enum class KeyType : std::uint8_t { ecdsa_p256, rsa2048, rsa3072, rsa4096, ed25519, rsa1024, ed448, ecdsa_p384, rsa_pss };

/// One thing wrong with the server's certificate, for the certificate-failure lessons.
enum class CertFault : std::uint8_t {
  none,
  expired,               // the leaf's notAfter lies before the scenario clock
  not_yet_valid,         // the leaf's notBefore lies after it
  wrong_host,            // the leaf names another host
  unknown_ca,            // the chain ends at a self-signed root the client does not trust
  self_signed_leaf,      // the leaf signs itself; no CA at all
  missing_intermediate,  // the server leaves the intermediate out of its Certificate message
  weak_key,              // an RSA-1024 leaf: the server runs at security level 1, the client checks at level 2
  wrong_usage,           // extendedKeyUsage has clientAuth only, not serverAuth
  revoked,               // the client holds the issuer's CRL, which lists the leaf
};

/// What the CA's OCSP responder says about the leaf, in the response the server staples
/// (RFC 6066 §8, RFC 6960); off: the client asks for none and the server staples none.
enum class OcspStaple : std::uint8_t {
  off,
  good,     // certStatus good, current at the scenario clock
  revoked,  // certStatus revoked (keyCompromise), current at the scenario clock
  unknown,  // certStatus unknown: the responder does not vouch for the certificate
  expired,  // certStatus good, but its nextUpdate lies before the scenario clock: a stale staple
};

/// What Mallory, the attacker in the middle, does to the traffic.
enum class Attack : std::uint8_t {
  none,
  tamper,     // flips one bit of one record (or app line)
  downgrade,  // removes supported_versions from the ClientHello
  strip_starttls,      // STARTTLS ports: removes the upgrade offer (or makes the upgrade fail), offers login in the clear
  starttls_injection,  // STARTTLS ports: appends a command after STARTTLS in the same segment (CVE-2011-0411)
  steal_server_key,    // records the run, then decrypts it with the server's private key as if it leaked later
  mitm,                // terminates TLS both ways with her own certificate for the host (her own CA)
  mitm_clickthrough,   // the same, and the client does not verify: the user clicked through the warning
  inject_record,       // sends a record of her own (no key, so no valid tag) behind the client's first application data
  inject_line,         // STARTTLS ports: sends a command of her own right behind the client's upgrade command
  delay_record,        // holds the server's first handshake record after ServerHello and delivers it after the next one
  replay_early_data,   // early-data=on: copies connection 2's ClientHello and 0-RTT records, replays them to the server
};

/// Whether the run connects a second time and resumes the first connection's session there.
enum class Resume : std::uint8_t {
  off,
  ticket,      // TLS 1.3: a ticket PSK with psk_dhe_ke; TLS 1.2: a session ticket (RFC 5077)
  session_id,  // TLS 1.2: the server keeps the session in its cache and finds it by session ID
  psk_only,    // TLS 1.3: psk_ke allowed, and a resumed ClientHello whose key share the server cannot use
};

/// 0-RTT (RFC 8446 §2.3, §4.2.10) on the resumed connection: the client sends its first request as
/// early data under client_early_traffic_secret, before the handshake ends.
enum class EarlyData : std::uint8_t {
  off,       // the server's tickets allow no early data; the client sends none
  on,        // the server accepts it (max_early_data), EndOfEarlyData closes it
  rejected,  // the server resumes but declines it (its allow-early-data callback says no); the client resends
};

/// Whether the server asks the client for a certificate (mutual TLS), and when.
enum class ClientCert : std::uint8_t {
  off,               // the server asks for none
  on,                // the server requires one in the handshake; the client has one from the lab's CA
  required_missing,  // the server requires one and the client has none
  post_handshake,    // TLS 1.3: the server asks after the handshake (RFC 8446 §4.6.2)
};

/// What a STARTTLS client does when the upgrade is not offered or fails.
enum class ClientPolicy : std::uint8_t {
  protocol_default,  // the protocol's usual client (tls_policy_default() in core/protocols/peer_config.hpp)
  opportunistic,     // carries on in the clear
  require_tls,       // refuses to go on without TLS, and says why
};

/// A server flaw to switch on, for the attacks that need one.
enum class ServerBug : std::uint8_t {
  none,
  keep_buffer,  // keeps plaintext that arrived with STARTTLS and runs it as if it came inside TLS
};

/// Where `attack=tamper` flips its bit: step number (from 1) and byte offset in that step's bytes.
struct TamperSpot {
  std::size_t step = 0;  // 0: the first record that carries application data
  std::size_t byte = 0;
};

/// A TLS version range as OpenSSL numbers (TLS1_VERSION .. TLS1_3_VERSION); 0 = follow `version`.
struct VersionRange {
  int min = 0;
  int max = 0;
};

/// How the connection ends once the application exchange is over (RFC 8446 §6.1, RFC 5246 §7.2.1).
enum class CloseMode : std::uint8_t {
  none,    // the run stops with the connection still open: nothing is sent (the runs before close existed)
  notify,  // the side that finishes sends close_notify (SSL_shutdown) and its peer answers with its own
  cut,     // the TCP stream ends with no close_notify: the receiver's OpenSSL reports an unexpected EOF
};

/// How to build the server's certificate chain: root CA -> [intermediate] -> leaf.
struct CertRecipe {
  KeyType key = KeyType::ecdsa_p256;           // the leaf's key; CAs use ECDSA P-256
  bool intermediate = true;
  std::string subject_cn = "www.example.com";
  std::vector<std::string> san = {"www.example.com", "example.com"};
  int valid_days = 90;                          // leaf validity, starting a day before the scenario clock
  std::vector<std::string> virtual_hosts;       // more sites on the same server, one leaf each; SNI picks among them
  CertFault fault = CertFault::none;            // what to break on purpose
  OcspStaple ocsp = OcspStaple::off;            // the OCSP response the CA signs for the leaf, which the server staples
};

/// Everything that decides one run; the defaults are HTTPS on 443 with TLS 1.3.
struct Scenario {
  std::string id = "https-443";
  TlsVersion version = TlsVersion::tls13;       // both sides are pinned to this version
  std::string ciphers;                          // empty = OpenSSL defaults; else an OpenSSL list (1.2) or suites (1.3)
  std::string groups = "X25519:P-256";          // client's supported_groups, first gets a key share
  std::string server_groups = "X25519:P-256";   // what the server accepts
  std::string sigalgs;                          // empty = defaults
  std::string client_ciphers;                   // set: the client's own offer instead of `ciphers`, IANA suite names
                                                // ':'-separated (TLS 1.3 suites go to its TLS 1.3 list, the rest to its 1.2 list)
  std::string client_sigalgs;                   // set: the client's own signature schemes instead of `sigalgs`
  CertRecipe cert;
  std::string server_name = "www.example.com"; // SNI the client sends (empty: none)
  std::string verify_name = "www.example.com";  // the name the client checks the certificate against
  std::string alpn = "http/1.1";                // the ALPN protocols the client offers, comma-separated; empty: no ALPN
  std::optional<std::string> server_alpn;       // the ALPN protocols the server speaks; unset: server_alpn_list()
  int tickets = 2;                              // TLS 1.3 NewSessionTickets the server sends
  Resume resume = Resume::off;                  // on: a second connection resumes the first one's session
  EarlyData early_data = EarlyData::off;        // 0-RTT on the resumed connection (setting it sets resume=ticket)
  bool anti_replay = true;                      // with early data: OpenSSL's single-use tickets (off: SSL_OP_NO_ANTI_REPLAY)
  std::optional<std::uint64_t> seed;            // set: byte-identical runs; unset: real randomness
  std::int64_t clock = 1790000000;              // scenario time (Unix seconds) for validity and verification
  bool encrypt_then_mac = true;                 // TLS 1.2 CBC suites: false = the client never offers RFC 7366
  ClientCert client_cert = ClientCert::off;     // mutual TLS: does the server ask for a client certificate
  bool key_update = false;                      // TLS 1.3: the server updates its keys (RFC 8446 §4.6.3) before its
                                                // first application data, and asks the client to update too
  CloseMode close = CloseMode::none;            // how the connection ends after the application exchange
  bool client_status_request = false;           // the client sends status_request even with cert.ocsp off (the
                                                // audit's standard client, which asks every server for a staple)

  // The application protocol on this port.
  std::string protocol = "http";                // http, smtp, imap, pop3, ftp, ldap
  int port = 443;
  PortMode mode = PortMode::implicit_tls;
  bool starttls = true;                         // STARTTLS ports: false = the client never upgrades
  bool cookie_secure = true;                    // HTTP: the session cookie carries Secure (never sent to http://)
  bool hsts = true;                             // HTTP over TLS: the page carries Strict-Transport-Security (RFC 6797)
  bool redirect = true;                         // HTTP on a plaintext port: 301 to https:// (off: the page in the clear)

  // Versions beyond `version`, and the attacker.
  VersionRange client_versions;                 // overrides `version` for the client when set
  VersionRange server_versions;                 // overrides `version` for the server when set
  bool ems = true;                              // TLS 1.2 extended master secret (RFC 7627); off: the client refuses it
  Attack attack = Attack::none;
  TamperSpot tamper;
  ClientPolicy client_policy = ClientPolicy::protocol_default;
  ServerBug server_bug = ServerBug::none;
};

/// What the application-protocol peers need from scenario: protocol, port, mode, names.
PeerConfig peer_config(const Scenario& scenario);
/// The ALPN protocols the server speaks, comma-separated (empty: it ignores ALPN): server_alpn when set,
/// else its own protocol's, which for HTTP is http/1.1 (the lab speaks no HTTP/2) and otherwise the client's list.
std::string server_alpn_list(const Scenario& scenario);
/// True when the client sends status_request (RFC 6066 §8): cert.ocsp set, or client_status_request.
bool client_requests_ocsp(const Scenario& scenario);
/// The version range one side runs with: its override, else `version` pinned (min = max).
VersionRange client_range(const Scenario& scenario);
VersionRange server_range(const Scenario& scenario);

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
