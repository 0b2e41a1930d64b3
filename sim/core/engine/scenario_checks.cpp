// scenario_refusal(): the checks behind it, one small function each, tried in order.
#include "core/engine/scenario_checks.hpp"

#include <algorithm>
#include <cctype>
#include <ctime>
#include <functional>
#include <iterator>
#include <vector>

namespace hl {
namespace {

constexpr std::int64_t kOneDay = 24 * 60 * 60;
constexpr std::int64_t kCaValidDays = 3650;             // as in pki.cpp
constexpr std::int64_t kEarliestX509 = -631152000;     // 1950-01-01T00:00:00Z
constexpr std::int64_t kLatestX509 = 253402300799;     // 9999-12-31T23:59:59Z

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string utc_text(std::int64_t seconds) {
  std::time_t time = static_cast<std::time_t>(seconds);
  std::tm parts{};
  gmtime_r(&time, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

std::string mode_refusal(const Scenario& s) {
  if (s.protocol == "http" && s.mode == PortMode::starttls)
    return "mode=starttls: HTTP has no STARTTLS here (RFC 2817's Upgrade was never implemented by browsers); "
           "use mode=plaintext (port 80) or mode=implicit-tls (port 443)";
  return {};
}

// A client may offer anything (a browser offers h2 and http/1.1); what the server agrees to is
// what the lab must then speak, and its peers speak HTTP/1.1 only, never HTTP/2 or HTTP/3.
std::string alpn_refusal(const Scenario& s) {
  for (const auto& [key, list] : {std::pair<const char*, std::string>{"alpn", s.alpn}, {"server-alpn", server_alpn_list(s)}}) {
    if (list.empty()) continue;
    for (const auto& name : split(list, ','))
      if (name.empty() || name.size() > 255)
        return std::string(key) + "=" + list + ": each protocol id must be 1 to 255 bytes, separated by commas";
  }
  const std::string server = server_alpn_list(s);
  if (server.empty()) return {};
  for (const auto& name : split(server, ',')) {
    const bool http2or3 = name == "h2" || name == "h2c" || name.starts_with("h3");
    const bool foreign_to_http = s.protocol == "http" && name != "http/1.1";
    if (http2or3 || foreign_to_http)
      return (s.server_alpn ? "server-alpn=" + server : "alpn=" + s.alpn + " (the server speaks what the client offers)") +
             ": the lab's peers speak only HTTP/1.1 (no HTTP/2 or HTTP/3), so a server "
             "agreeing to '" + name + "' would then not speak it; a client may still offer it (alpn=h2,http/1.1)";
  }
  return {};
}

std::string clock_refusal(const Scenario& s) {
  const ClockRange range = valid_clock_range(s.cert);
  if (s.clock >= range.earliest && s.clock <= range.latest) return {};
  return "clock=" + std::to_string(s.clock) + " cannot hold the certificates' validity (X.509 times run from 1950 to "
         "9999-12-31T23:59:59Z); use a clock from " + std::to_string(range.earliest) + " (" + utc_text(range.earliest) +
         ") to " + std::to_string(range.latest) + " (" + utc_text(range.latest) + ")";
}

// Whether one OpenSSL sigalg list entry can sign with this key in this version. TLS 1.3 binds
// ECDSA schemes to a curve and allows only RSA-PSS for RSA keys (RFC 8446 §4.2.3).
bool sigalg_fits(std::string entry, KeyType key, TlsVersion version) {
  std::transform(entry.begin(), entry.end(), entry.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool tls13 = version == TlsVersion::tls13;
  switch (key) {
    case KeyType::ecdsa_p256:
      if (tls13) return entry == "ecdsa+sha256" || entry == "ecdsa_secp256r1_sha256";
      return entry.starts_with("ecdsa+") || entry.starts_with("ecdsa_");
    case KeyType::ecdsa_p384:
      if (tls13) return entry == "ecdsa+sha384" || entry == "ecdsa_secp384r1_sha384";
      return entry.starts_with("ecdsa+") || entry.starts_with("ecdsa_");
    case KeyType::ed25519:
      return entry == "ed25519";
    case KeyType::ed448:
      return entry == "ed448";
    case KeyType::rsa_pss:  // an RSASSA-PSS key signs only with the _pss_pss schemes (RFC 8446 §4.2.3)
      return entry.starts_with("rsa_pss_pss_");
    default:  // RSA keys
      if (entry.starts_with("rsa-pss+") || entry.starts_with("rsa_pss_rsae_")) return true;
      return !tls13 && (entry.starts_with("rsa+") || entry.starts_with("rsa_pkcs1_"));
  }
}

const char* key_name(KeyType key) {
  switch (key) {
    case KeyType::ecdsa_p256: return "ECDSA P-256";
    case KeyType::ed25519: return "Ed25519";
    case KeyType::ed448: return "Ed448";
    case KeyType::ecdsa_p384: return "ECDSA P-384";
    case KeyType::rsa_pss: return "RSA-PSS";
    default: return "RSA";
  }
}

std::string sigalgs_refusal(const Scenario& s) {
  if (s.sigalgs.empty()) return {};
  const auto entries = split(s.sigalgs, ':');
  if (std::any_of(entries.begin(), entries.end(), [&](const std::string& e) { return sigalg_fits(e, s.cert.key, s.version); }))
    return {};
  return "sigalgs=" + s.sigalgs + ": no offered signature scheme fits the server's " + key_name(s.cert.key) + " key in " +
         (s.version == TlsVersion::tls13 ? "TLS 1.3" : "TLS 1.2") +
         ", so no handshake could succeed (OpenSSL would report it as an unsupported protocol); offer one the key can "
         "make, or change cert=";
}

bool is_rsa(KeyType key) {
  return key != KeyType::ecdsa_p256 && key != KeyType::ecdsa_p384 && key != KeyType::ed25519 && key != KeyType::ed448;
}

bool is_ffdhe(const std::string& group) {
  std::string lower = group;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.starts_with("ffdhe");
}

// OpenSSL's finite-field DHE suites are all DHE-RSA (no DHE-ECDSA exists).
std::string dhe_suites_refusal(const Scenario& s) {
  if (s.version != TlsVersion::tls12 || s.ciphers.empty() || is_rsa(s.cert.key)) return {};
  const auto entries = split(s.ciphers, ':');
  const bool only_dhe = std::all_of(entries.begin(), entries.end(), [](const std::string& e) {
    return e.starts_with("DHE-") || e.starts_with("EDH-");
  });
  if (!only_dhe) return {};
  return "ciphers=" + s.ciphers + ": finite-field DHE suites are signed with RSA (DHE-RSA-...), but the server's key is " +
         key_name(s.cert.key) + ", so no handshake could succeed; use cert=rsa-2048, or an ECDHE suite";
}

// TLS 1.2 in OpenSSL 3.0 picks the DHE group itself (RFC 7919 group negotiation is not
// implemented): ffdhe names in the groups list serve TLS 1.3 only, and ECDHE needs a curve.
std::string tls12_ffdhe_refusal(const Scenario& s) {
  if (s.version != TlsVersion::tls12 || is_rsa(s.cert.key)) return {};
  const auto groups = split(s.groups, ':');
  if (!std::all_of(groups.begin(), groups.end(), is_ffdhe)) return {};
  return "groups=" + s.groups + " with version=1.2: OpenSSL's TLS 1.2 uses these names for nothing (it picks the DHE "
         "group itself), its ECDHE needs a curve and its DHE suites need an RSA key, so with the " + key_name(s.cert.key) +
         " key no handshake could succeed; add a curve (groups=" +
         (s.cert.key == KeyType::ecdsa_p384 ? "P-384" : "P-256") + ":ffdhe2048) or use cert=rsa-2048";
}

// In TLS 1.2 the client's supported_groups also name the curves it accepts in the server's ECDSA
// certificate (RFC 8422 §5.1); OpenSSL's server, with no certificate such a client takes, answers
// handshake_failure "no shared cipher". TLS 1.3 leaves that to signature_algorithms.
std::string tls12_ecdsa_curve_refusal(const Scenario& s) {
  const bool p256 = s.cert.key == KeyType::ecdsa_p256, p384 = s.cert.key == KeyType::ecdsa_p384;
  if (s.version != TlsVersion::tls12 || (!p256 && !p384)) return {};
  std::string groups = s.groups;
  std::transform(groups.begin(), groups.end(), groups.begin(), [](unsigned char c) { return std::tolower(c); });
  const auto entries = split(groups, ':');
  const auto names_curve = [&](const std::string& g) {
    return p256 ? g == "p-256" || g == "secp256r1" || g == "prime256v1" : g == "p-384" || g == "secp384r1";
  };
  if (std::any_of(entries.begin(), entries.end(), names_curve)) return {};
  const std::string curve = p256 ? "P-256" : "P-384";
  return std::string("cert=") + (p256 ? "ecdsa-p256" : "ecdsa-p384") + " with version=1.2 and groups=" + s.groups +
         ": in TLS 1.2 the client's groups also name the curves it accepts in the server's certificate (RFC 8422 "
         "§5.1), and " + curve + " is not among them, so the server has no certificate this client takes (OpenSSL "
         "says 'no shared cipher'); add " + curve + " (groups=" + s.groups + ":" + curve + "), or use version=1.3, "
         "where signature_algorithms alone decides";
}

// Mallory's injection and delay need something to act on: TLS records, or an upgrade command.
std::string attack_refusal(const Scenario& s) {
  const bool upgrades = s.mode == PortMode::starttls && s.starttls;
  const bool tls = s.mode == PortMode::implicit_tls || upgrades;
  if (s.attack == Attack::inject_line && !upgrades)
    return "attack=inject-line: Mallory slips her command in behind the client's STARTTLS, and this run has no "
           "STARTTLS (it is TLS from the first byte, or in the clear throughout); use a STARTTLS lesson such as "
           "submission-587, with starttls=on";
  if ((s.attack == Attack::inject_record || s.attack == Attack::delay_record) && !tls)
    return std::string("attack=") + (s.attack == Attack::inject_record ? "inject-record" : "delay-record") +
           ": this run sends no TLS records for Mallory to inject among or hold back; use a lesson with TLS";
  return {};
}

// Each way of resuming belongs to one version, needs a session to resume, and runs alone.
std::string resume_refusal(const Scenario& s) {
  if (s.resume == Resume::off) return {};
  const bool tls13 = s.version == TlsVersion::tls13;
  if (s.resume == Resume::session_id && tls13)
    return "resume=session-id with version=1.3: TLS 1.3 resumes only with a pre-shared key from a ticket (RFC 8446 "
           "§2.2); use resume=ticket, or version=1.2";
  if (s.resume == Resume::psk_only && !tls13)
    return "resume=psk-only with version=1.2: psk_ke is a TLS 1.3 key exchange mode; use version=1.3, or "
           "resume=ticket or resume=session-id";
  if (tls13 && s.tickets == 0)
    return "resume=" + std::string(s.resume == Resume::ticket ? "ticket" : "psk-only") +
           " with tickets=0: the server sends no ticket, so there is nothing to resume; use tickets=1 or more";
  if (s.mode == PortMode::plaintext) return "resume: a plaintext lesson has no TLS session to resume";
  if (s.attack != Attack::none && s.attack != Attack::replay_early_data)
    return "resume with attack=...: a resumed run and an attack are not combined yet; set one of them only";
  return {};
}

// 0-RTT is TLS 1.3's, rides on a ticket's PSK, and the lab sends only HTTP's GET as early data:
// a safe request (RFC 8470 §2.1), the only kind a server should take before the handshake ends.
std::string early_data_refusal(const Scenario& s) {
  if (s.attack == Attack::replay_early_data && s.early_data != EarlyData::on)
    return "attack=replay-early-data needs early-data=on: Mallory replays the 0-RTT data the server accepted; add "
           "--set early-data=on";
  if (s.early_data == EarlyData::off) return {};
  const char* name = s.early_data == EarlyData::on ? "early-data=on" : "early-data=rejected";
  constexpr int kTls13 = 0x0304;
  const bool tls13 = s.version == TlsVersion::tls13 && client_range(s).max >= kTls13 && server_range(s).max >= kTls13;
  if (!tls13) return std::string(name) + " with TLS 1.2: 0-RTT early data exists only in TLS 1.3 (RFC 8446 §2.3); use version=1.3";
  if (s.resume != Resume::ticket)
    return std::string(name) + " needs resume=ticket: early data is sent under the pre-shared key of a ticket from an "
           "earlier connection (RFC 8446 §2.3)";
  if (s.protocol != "http" || s.mode != PortMode::implicit_tls)
    return std::string(name) + " with protocol=" + s.protocol + " on port " + std::to_string(s.port) +
           ": the lab sends early data only for HTTPS, whose first request (GET) is safe to replay (RFC 8470); use "
           "the https-443 or zero-rtt lesson";
  if (s.client_cert != ClientCert::off || s.key_update)
    return std::string(name) + " with client-cert or key-update: not combined yet; set one of them only";
  return {};
}

// Post-handshake authentication is TLS 1.3's (RFC 8446 §4.6.2); the client's certificate is an
// ECDSA P-256 key, so the signature schemes must leave it one to sign its CertificateVerify with.
std::string client_cert_refusal(const Scenario& s) {
  if (s.client_cert == ClientCert::off) return {};
  constexpr int kTls13 = 0x0304;
  const bool tls13 = s.version == TlsVersion::tls13 && client_range(s).max >= kTls13 && server_range(s).max >= kTls13;
  if (s.client_cert == ClientCert::post_handshake && !tls13)
    return "client-cert=post-handshake with TLS 1.2: post-handshake client authentication exists only in TLS 1.3 "
           "(RFC 8446 §4.6.2; TLS 1.2 would need renegotiation); use version=1.3, or client-cert=on";
  if (s.attack == Attack::mitm || s.attack == Attack::mitm_clickthrough)
    return "client-cert with attack=mitm: Mallory's two connections and a client certificate are not combined yet; "
           "set one of them only";
  const auto entries = split(s.sigalgs, ':');
  const bool ecdsa_fits = s.sigalgs.empty() || std::any_of(entries.begin(), entries.end(), [&](const std::string& e) {
                            return sigalg_fits(e, KeyType::ecdsa_p256, s.version);
                          });
  if (s.client_cert != ClientCert::required_missing && !ecdsa_fits)
    return "sigalgs=" + s.sigalgs + " with client-cert: the client's certificate has an ECDSA P-256 key and no offered "
           "signature scheme fits it, so it could not sign its CertificateVerify; add ecdsa_secp256r1_sha256";
  return {};
}

// KeyUpdate is TLS 1.3's (RFC 8446 §4.6.3): TLS 1.2 changes keys only by renegotiating.
std::string key_update_refusal(const Scenario& s) {
  if (!s.key_update) return {};
  constexpr int kTls13 = 0x0304;
  const bool tls13 = s.version == TlsVersion::tls13 && client_range(s).max >= kTls13 && server_range(s).max >= kTls13;
  if (s.mode == PortMode::plaintext) return "key-update: a plaintext lesson has no TLS keys to update";
  if (!tls13)
    return "key-update=on with TLS 1.2: the KeyUpdate message exists only in TLS 1.3 (RFC 8446 §4.6.3; TLS 1.2 "
           "would need renegotiation); use version=1.3";
  if (s.attack == Attack::mitm || s.attack == Attack::mitm_clickthrough)
    return "key-update with attack=mitm: Mallory's two connections and a key update are not combined yet; set one of them only";
  return {};
}

// Closing is a TLS matter (close_notify is an alert), shown on one plain connection: Mallory's
// attacks and a resumed second connection each end their connections their own way.
std::string close_refusal(const Scenario& s) {
  if (s.close == CloseMode::none) return {};
  if (s.mode == PortMode::plaintext)
    return "close: a plaintext lesson has no TLS to close (no close_notify exists without TLS); use a TLS port";
  if (s.attack != Attack::none) return "close with attack: Mallory's runs end their own way; set one of them only";
  if (s.resume != Resume::off) return "close with resume: the two connections of a resumed run are not closed yet; set one of them only";
  return {};
}

}  // namespace

ClockRange valid_clock_range(const CertRecipe& recipe) {
  // Every certificate starts a day before the clock; the longest-lived one (the CAs) ends last.
  const std::int64_t longest_days = std::max<std::int64_t>(kCaValidDays, recipe.valid_days);
  return {kEarliestX509 + kOneDay, kLatestX509 - (longest_days - 1) * kOneDay};
}

std::string scenario_refusal(const Scenario& scenario) {
  using Check = std::string (*)(const Scenario&);
  static constexpr Check kChecks[] = {mode_refusal,    alpn_refusal,       clock_refusal,
                                      sigalgs_refusal, dhe_suites_refusal, tls12_ffdhe_refusal,
                                      tls12_ecdsa_curve_refusal,
                                      attack_refusal, resume_refusal,     client_cert_refusal,
                                      key_update_refusal, close_refusal, early_data_refusal};
  for (Check check : kChecks)
    if (std::string why = check(scenario); !why.empty()) return why;
  return {};
}

}  // namespace hl
