// set_scenario_field(): the one place that turns `key=value` text into scenario fields,
// shared by `--set`, lesson front matter and tests.
#include "core/engine/scenario.hpp"

#include <algorithm>
#include <charconv>
#include <functional>
#include <limits>

#include <openssl/ssl.h>

namespace hl {
namespace {

// A key whose values name an enum: the one table of its values, labels and codes.
template <typename Enum>
struct EnumChoice {
  Enum code;
  ScenarioChoice choice;
};

constexpr EnumChoice<TlsVersion> kVersions[] = {
    {TlsVersion::tls12, {"1.2", "TLS 1.2"}},
    {TlsVersion::tls13, {"1.3", "TLS 1.3"}},
};
constexpr EnumChoice<CertFault> kFaults[] = {
    {CertFault::none, {"none", "none"}},
    {CertFault::expired, {"expired", "expired"}},
    {CertFault::not_yet_valid, {"not-yet-valid", "not yet valid"}},
    {CertFault::wrong_host, {"wrong-host", "wrong host"}},
    {CertFault::unknown_ca, {"unknown-ca", "unknown CA"}},
    {CertFault::self_signed_leaf, {"self-signed-leaf", "self-signed leaf"}},
    {CertFault::missing_intermediate, {"missing-intermediate", "missing intermediate"}},
    {CertFault::weak_key, {"weak-key", "weak key (RSA 1024)"}},
    {CertFault::wrong_usage, {"wrong-usage", "wrong usage (clientAuth)"}},
    {CertFault::revoked, {"revoked", "revoked (client has the CRL)"}},
};
constexpr EnumChoice<OcspStaple> kOcspStaples[] = {
    {OcspStaple::off, {"off", "off: no status_request, no staple"}},
    {OcspStaple::good, {"good", "good: the CA says not revoked"}},
    {OcspStaple::revoked, {"revoked", "revoked: the CA says revoked"}},
    {OcspStaple::unknown, {"unknown", "unknown: the CA does not vouch"}},
    {OcspStaple::expired, {"expired", "expired: a stale response"}},
};
constexpr EnumChoice<Attack> kAttacks[] = {
    {Attack::none, {"none", "none"}},
    {Attack::tamper, {"tamper", "tamper: flip one bit"}},
    {Attack::downgrade, {"downgrade", "downgrade: remove supported_versions"}},
    {Attack::strip_starttls, {"strip-starttls", "strip STARTTLS: hide the upgrade, invite the password"}},
    {Attack::starttls_injection, {"starttls-injection", "STARTTLS injection: a command after STARTTLS"}},
    {Attack::steal_server_key, {"steal-server-key", "steal the server's key later: decrypt the recording"}},
    {Attack::mitm, {"mitm", "man in the middle: her own certificate"}},
    {Attack::mitm_clickthrough, {"mitm-clickthrough", "man in the middle, warning clicked through"}},
    {Attack::inject_record, {"inject-record", "inject a record of her own"}},
    {Attack::inject_line, {"inject-line", "inject a command behind STARTTLS"}},
    {Attack::delay_record, {"delay-record", "delay a record: reorder the server's flight"}},
    {Attack::replay_early_data, {"replay-early-data", "replay 0-RTT: the ClientHello and early data again"}},
};
constexpr EnumChoice<Resume> kResumes[] = {
    {Resume::off, {"off", "off: one full handshake"}},
    {Resume::ticket, {"ticket", "ticket: resume with a session ticket"}},
    {Resume::session_id, {"session-id", "session ID (TLS 1.2): the server's session cache"}},
    {Resume::psk_only, {"psk-only", "PSK only (TLS 1.3): psk_ke, no fresh key exchange"}},
};
constexpr EnumChoice<EarlyData> kEarlyData[] = {
    {EarlyData::off, {"off", "off: no 0-RTT"}},
    {EarlyData::on, {"on", "on: the server accepts the early data"}},
    {EarlyData::rejected, {"rejected", "rejected: the server declines it, the client resends"}},
};
constexpr EnumChoice<CloseMode> kCloses[] = {
    {CloseMode::none, {"none", "none: the run stops with the connection open"}},
    {CloseMode::notify, {"notify", "notify: close_notify from the side that finishes, answered by its peer"}},
    {CloseMode::cut, {"cut", "cut: the TCP stream ends without close_notify (truncation)"}},
};

constexpr EnumChoice<ClientCert> kClientCerts[] = {
    {ClientCert::off, {"off", "off: the server asks for none"}},
    {ClientCert::on, {"on", "on: required, the client sends one"}},
    {ClientCert::required_missing, {"required-missing", "required, the client has none"}},
    {ClientCert::post_handshake, {"post-handshake", "post-handshake (TLS 1.3): asked after the handshake"}},
};
constexpr EnumChoice<ClientPolicy> kClientPolicies[] = {
    {ClientPolicy::protocol_default, {"default", "the protocol's usual client"}},
    {ClientPolicy::opportunistic, {"opportunistic", "opportunistic: go on in the clear"}},
    {ClientPolicy::require_tls, {"require-tls", "require TLS: refuse without it"}},
};
constexpr EnumChoice<ServerBug> kServerBugs[] = {
    {ServerBug::none, {"none", "none"}},
    {ServerBug::keep_buffer, {"keep-buffer", "keep-buffer: runs plaintext sent with STARTTLS"}},
};
// The protocol versions a side may allow, as OpenSSL numbers.
constexpr EnumChoice<int> kProtocolVersions[] = {
    {TLS1_VERSION, {"1.0", "TLS 1.0"}},
    {TLS1_1_VERSION, {"1.1", "TLS 1.1"}},
    {TLS1_2_VERSION, {"1.2", "TLS 1.2"}},
    {TLS1_3_VERSION, {"1.3", "TLS 1.3"}},
};
// Common ranges for client-versions / server-versions; any "A-B" of kProtocolVersions is accepted too.
constexpr ScenarioChoice kVersionRanges[] = {
    {"1.0", "TLS 1.0"},          {"1.1", "TLS 1.1"},          {"1.2", "TLS 1.2"},
    {"1.3", "TLS 1.3"},          {"1.2-1.3", "TLS 1.2 to 1.3"}, {"1.0-1.3", "TLS 1.0 to 1.3"},
};
constexpr EnumChoice<KeyType> kKeyTypes[] = {
    {KeyType::ecdsa_p256, {"ecdsa-p256", "ECDSA P-256"}},
    {KeyType::rsa2048, {"rsa-2048", "RSA 2048"}},
    {KeyType::rsa3072, {"rsa-3072", "RSA 3072"}},
    {KeyType::rsa4096, {"rsa-4096", "RSA 4096 (slow to generate)"}},
    {KeyType::ed25519, {"ed25519", "Ed25519"}},
    {KeyType::ed448, {"ed448", "Ed448"}},
    {KeyType::ecdsa_p384, {"ecdsa-p384", "ECDSA P-384"}},
    {KeyType::rsa_pss, {"rsa-pss", "RSA-PSS 2048 (a key for rsa_pss_pss_* only, RFC 8446 §4.2.3)"}},
};
constexpr EnumChoice<PortMode> kModes[] = {
    {PortMode::plaintext, {"plaintext", "plaintext"}},
    {PortMode::implicit_tls, {"implicit-tls", "implicit TLS"}},
    {PortMode::starttls, {"starttls", "STARTTLS"}},
};

// Common picks for the keys that take OpenSSL lists; any other list is still accepted.
constexpr ScenarioChoice kGroups[] = {
    {"X25519:P-256", "X25519, P-256"}, {"X25519", "X25519"}, {"P-256", "P-256"},
    {"P-384", "P-384"},                {"X448", "X448"},     {"ffdhe2048", "ffdhe2048"},
    {"ffdhe3072", "ffdhe3072"},
};
constexpr ScenarioChoice kSuites13[] = {
    {"", "OpenSSL default"},
    {"TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"},
    {"TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"},
    {"TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256"},
};
constexpr ScenarioChoice kSuites12[] = {
    {"", "OpenSSL default"},
    {"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"},
    {"ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-ECDSA-CHACHA20-POLY1305"},
    {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256"},
    {"ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384"},
    {"AES128-SHA256", "AES128-SHA256 (RSA key exchange)"},
    {"DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES128-GCM-SHA256 (finite-field DHE, RSA certificate)"},
    {"DHE-RSA-CHACHA20-POLY1305", "DHE-RSA-CHACHA20-POLY1305 (finite-field DHE, RSA certificate)"},
};

constexpr ScenarioChoice kOnOff[] = {{"on", "on"}, {"off", "off"}};
constexpr ScenarioChoice kCertDays[] = {
    {"90", "90 days"},   {"200", "200 days (the CA/Browser Forum limit from 2026-03-15)"},
    {"398", "398 days (the limit before 2026-03-15)"}, {"825", "825 days"}, {"3650", "3650 days"}};

template <typename Enum, std::size_t N>
bool parse_enum(const EnumChoice<Enum> (&rows)[N], const std::string& text, Enum& out_value) {
  for (const auto& row : rows)
    if (text == row.choice.value) return out_value = row.code, true;
  return false;
}

template <typename Enum, std::size_t N>
std::string enum_value(const EnumChoice<Enum> (&rows)[N], Enum code) {
  for (const auto& row : rows)
    if (row.code == code) return row.choice.value;
  return "";
}

// The choices of one enum table, built once per table.
template <const auto& Rows>
std::span<const ScenarioChoice> enum_choices() {
  static const std::vector<ScenarioChoice> choices = [] {
    std::vector<ScenarioChoice> out;
    for (const auto& row : Rows) out.push_back(row.choice);
    return out;
  }();
  return choices;
}

// "a | b | c", for --help and the error for a bad value.
template <const auto& Rows>
const char* enum_values_text() {
  static const std::string text = [] {
    std::string out;
    for (const auto& row : Rows) out += (out.empty() ? "" : " | ") + std::string(row.choice.value);
    return out;
  }();
  return text.c_str();
}

// "1.0 | 1.1 | ... | 1.0-1.3": exactly the version ranges listed in kVersionRanges.
const char* version_ranges_text() {
  static const std::string text = [] {
    std::string out;
    for (const auto& range : kVersionRanges) out += (out.empty() ? "" : " | ") + std::string(range.value);
    return out;
  }();
  return text.c_str();
}

bool parse_bool(const std::string& text, bool& out_value) {
  if (text == "on" || text == "true" || text == "yes" || text == "1") return out_value = true, true;
  if (text == "off" || text == "false" || text == "no" || text == "0") return out_value = false, true;
  return false;
}

template <typename Int>
bool parse_int(const std::string& text, Int min_value, Int max_value, Int& out_value) {
  Int value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return false;
  if (value < min_value || value > max_value) return false;
  out_value = value;
  return true;
}

// "1.2" or "1.0-1.3" -> a range (min <= max).
bool parse_range(const std::string& text, VersionRange& out_range) {
  const std::size_t dash = text.find('-');
  VersionRange range;
  if (!parse_enum(kProtocolVersions, text.substr(0, dash), range.min)) return false;
  range.max = range.min;
  if (dash != std::string::npos && !parse_enum(kProtocolVersions, text.substr(dash + 1), range.max)) return false;
  if (range.min > range.max) return false;
  out_range = range;
  return true;
}

// The range spelled as parse_range() reads it; empty when it follows `version`.
std::string range_text(const VersionRange& range) {
  if (range.min == 0) return "";
  const std::string low = enum_value(kProtocolVersions, range.min);
  return range.min == range.max ? low : low + "-" + enum_value(kProtocolVersions, range.max);
}

// "STEP:BYTE", the step counted from 1.
bool parse_tamper(const std::string& text, TamperSpot& out_spot) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos) return false;
  TamperSpot spot;
  if (!parse_int<std::size_t>(text.substr(0, colon), 1, 1000000, spot.step)) return false;
  if (!parse_int<std::size_t>(text.substr(colon + 1), 0, std::size_t{1} << 20, spot.byte)) return false;
  out_spot = spot;
  return true;
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

// A setter returns false when the value is not one it accepts; a getter spells the value back.
using Setter = std::function<bool(Scenario&, const std::string&)>;
using Getter = std::function<std::string(const Scenario&)>;

struct KeyRow {
  ScenarioKey key;
  Setter set;
  Getter get;
};

std::string join_commas(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ",") + part;
  return out;
}

const std::vector<KeyRow>& key_rows() {
  static const std::vector<KeyRow> rows = {
      {{"version", enum_values_text<kVersions>(), "TLS version both sides are pinned to"},
       [](Scenario& s, const std::string& v) { return parse_enum(kVersions, v, s.version); },
       [](const Scenario& s) { return enum_value(kVersions, s.version); }},
      {{"ciphers", "OpenSSL cipher list (1.2) or TLS 1.3 suites, ':'-separated", "cipher suites both sides allow"},
       [](Scenario& s, const std::string& v) { return s.ciphers = v, true; },
       [](const Scenario& s) { return s.ciphers; }},
      {{"groups", "e.g. X25519:P-256 (first gets a key share)", "groups the client offers"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.groups = v, true); },
       [](const Scenario& s) { return s.groups; }},
      {{"server-groups", "e.g. P-256", "groups the server accepts"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.server_groups = v, true); },
       [](const Scenario& s) { return s.server_groups; }},
      {{"sigalgs", "OpenSSL signature algorithm list, e.g. ECDSA+SHA256:rsa_pss_rsae_sha256", "signature schemes both sides allow"},
       [](Scenario& s, const std::string& v) { return s.sigalgs = v, true; },
       [](const Scenario& s) { return s.sigalgs; }},
      {{"client-ciphers", "IANA suite names, ':'-separated, e.g. TLS_AES_128_CCM_SHA256:TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "the suites the client alone offers, in its order (the server keeps ciphers); TLS 1.3 suites go to its "
        "TLS 1.3 list, the others to its TLS 1.2 list (left at OpenSSL's default when none is given)"},
       [](Scenario& s, const std::string& v) { return s.client_ciphers = v, true; },
       [](const Scenario& s) { return s.client_ciphers; }},
      {{"client-sigalgs", "signature schemes, ':'-separated, e.g. ecdsa_secp256r1_sha256:rsa_pss_rsae_sha256",
        "the signature schemes the client alone offers (the server keeps sigalgs)"},
       [](Scenario& s, const std::string& v) { return s.client_sigalgs = v, true; },
       [](const Scenario& s) { return s.client_sigalgs; }},
      {{"cert", enum_values_text<kKeyTypes>(),
        "the server certificate's key type, which signs the handshake: ecdsa-p256 the usual ECDSA curve, ecdsa-p384 "
        "a larger one (TLS 1.2: the client's groups must include P-384, RFC 8422 §5.1), ed25519 and ed448 EdDSA keys "
        "(deterministic signatures; ed448 the larger), rsa-* ordinary RSA keys (rsa_pss_rsae_* in TLS 1.3), rsa-pss "
        "an RSA key that may only make PSS signatures (rsa_pss_pss_*)"},
       [](Scenario& s, const std::string& v) { return parse_enum(kKeyTypes, v, s.cert.key); },
       [](const Scenario& s) { return enum_value(kKeyTypes, s.cert.key); }},
      {{"intermediate", "on | off", "whether an intermediate CA sits between root and leaf"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.cert.intermediate); },
       [](const Scenario& s) { return std::string(s.cert.intermediate ? "on" : "off"); }},
      {{"cert-cn", "a host name", "the leaf certificate's subject common name"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.cert.subject_cn = v, true); },
       [](const Scenario& s) { return s.cert.subject_cn; }},
      {{"cert-san", "comma-separated DNS names", "the leaf certificate's subjectAltName DNS entries"},
       [](Scenario& s, const std::string& v) { return s.cert.san = split_commas(v), true; },
       [](const Scenario& s) { return join_commas(s.cert.san); }},
      {{"virtual-hosts", "comma-separated host names, or empty for none",
        "more sites on the server, each with its own certificate; the server picks one by the client's SNI and "
        "falls back to the default certificate (cert-cn) without it"},
       [](Scenario& s, const std::string& v) { return s.cert.virtual_hosts = split_commas(v), true; },
       [](const Scenario& s) { return join_commas(s.cert.virtual_hosts); }},
      {{"cert-days", "1..3650", "how many days the leaf certificate is valid"},
       [](Scenario& s, const std::string& v) { return parse_int(v, 1, 3650, s.cert.valid_days); },
       [](const Scenario& s) { return std::to_string(s.cert.valid_days); }},
      {{"ocsp", enum_values_text<kOcspStaples>(),
        "OCSP stapling (RFC 6066 §8): the client sends status_request and the server staples the CA's signed OCSP "
        "response, which says good, revoked or unknown, or has expired (its nextUpdate before the clock); the "
        "client refuses all but a current good one with bad_certificate_status_response"},
       [](Scenario& s, const std::string& v) { return parse_enum(kOcspStaples, v, s.cert.ocsp); },
       [](const Scenario& s) { return enum_value(kOcspStaples, s.cert.ocsp); }},
      {{"server-name", "a host name, or empty for no SNI", "the server_name the client sends"},
       [](Scenario& s, const std::string& v) { return s.server_name = v, true; },
       [](const Scenario& s) { return s.server_name; }},
      {{"verify-name", "a host name", "the name the client checks the certificate against"},
       [](Scenario& s, const std::string& v) { return !v.empty() && (s.verify_name = v, true); },
       [](const Scenario& s) { return s.verify_name; }},
      {{"alpn", "comma-separated protocol ids such as h2,http/1.1, or empty for none",
        "the ALPN protocols the client offers, in its order of preference"},
       [](Scenario& s, const std::string& v) { return s.alpn = v, true; },
       [](const Scenario& s) { return s.alpn; }},
      {{"server-alpn", "same, comma-separated protocol ids, or empty for none",
        "the ALPN protocols the server speaks (same: http/1.1 for HTTP, else what the client offers); when none is "
        "in common the server ends the handshake with no_application_protocol (RFC 7301 §3.2)"},
       [](Scenario& s, const std::string& v) {
         if (v == "same") return s.server_alpn.reset(), true;
         return s.server_alpn = v, true;
       },
       [](const Scenario& s) { return s.server_alpn.value_or("same"); }},
      {{"tickets", "0..8", "TLS 1.3 session tickets the server sends"},
       [](Scenario& s, const std::string& v) { return parse_int(v, 0, 8, s.tickets); },
       [](const Scenario& s) { return std::to_string(s.tickets); }},
      {{"resume", enum_values_text<kResumes>(),
        "a second connection that resumes the first one's session: ticket (TLS 1.3 PSK with psk_dhe_ke, TLS 1.2 "
        "RFC 5077), session-id (TLS 1.2 server cache), psk-only (TLS 1.3 psk_ke: no fresh key exchange)"},
       [](Scenario& s, const std::string& v) { return parse_enum(kResumes, v, s.resume); },
       [](const Scenario& s) { return enum_value(kResumes, s.resume); }},
      {{"early-data", enum_values_text<kEarlyData>(),
        "TLS 1.3 0-RTT on the resumed connection (sets resume=ticket when resume is off): the client sends its "
        "request as early data with its ClientHello (RFC 8446 §2.3); on = the server accepts it and the client ends "
        "it with EndOfEarlyData; rejected = the server resumes but declines it, and the client sends the request "
        "again after the handshake"},
       [](Scenario& s, const std::string& v) {
         if (!parse_enum(kEarlyData, v, s.early_data)) return false;
         if (s.early_data != EarlyData::off && s.resume == Resume::off) s.resume = Resume::ticket;
         return true;
       },
       [](const Scenario& s) { return enum_value(kEarlyData, s.early_data); }},
      {{"anti-replay", "on | off",
        "with early data: on = OpenSSL's anti-replay (each ticket is single-use: the server keeps it in its session "
        "cache and removes it when used); off = SSL_OP_NO_ANTI_REPLAY, stateless tickets any copy of which is accepted"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.anti_replay); },
       [](const Scenario& s) { return std::string(s.anti_replay ? "on" : "off"); }},
      {{"client-cert", enum_values_text<kClientCerts>(),
        "mutual TLS: on = the server requires a client certificate (CertificateRequest) and the client sends one "
        "issued by the lab's CA (CN service-a.example.com, clientAuth); required-missing = the client has none "
        "(TLS 1.3: certificate_required alert); post-handshake = TLS 1.3 only, the server asks after the handshake"},
       [](Scenario& s, const std::string& v) { return parse_enum(kClientCerts, v, s.client_cert); },
       [](const Scenario& s) { return enum_value(kClientCerts, s.client_cert); }},
      {{"close", enum_values_text<kCloses>(),
        "how the connection ends after the application exchange: notify = the side that finishes sends close_notify "
        "and its peer answers (RFC 8446 §6.1); cut = the stream ends without close_notify and the receiver's OpenSSL "
        "reports an unexpected EOF (a truncation attack looks the same); none = no ending is shown"},
       [](Scenario& s, const std::string& v) { return parse_enum(kCloses, v, s.close); },
       [](const Scenario& s) { return enum_value(kCloses, s.close); }},
      {{"clock", "Unix seconds (negative: before 1970)", "the scenario's time, for certificate validity"},
       [](Scenario& s, const std::string& v) {
         // Any whole number; scenario_refusal() names the range the certificates can encode.
         return parse_int<std::int64_t>(v, std::numeric_limits<std::int64_t>::min(),
                                        std::numeric_limits<std::int64_t>::max(), s.clock);
       },
       [](const Scenario& s) { return std::to_string(s.clock); }},
      {{"encrypt-then-mac", "on | off", "TLS 1.2 CBC suites: off = MAC-then-encrypt (no RFC 7366)"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.encrypt_then_mac); },
       [](const Scenario& s) { return std::string(s.encrypt_then_mac ? "on" : "off"); }},
      {{"starttls", "on | off", "STARTTLS ports: off = the client never upgrades"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.starttls); },
       [](const Scenario& s) { return std::string(s.starttls ? "on" : "off"); }},
      {{"cookie-secure", "on | off", "HTTP: the session cookie's Secure attribute (on: never sent over port 80)"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.cookie_secure); },
       [](const Scenario& s) { return std::string(s.cookie_secure ? "on" : "off"); }},
      {{"hsts", "on | off", "HTTP over TLS: the page carries Strict-Transport-Security (RFC 6797)"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.hsts); },
       [](const Scenario& s) { return std::string(s.hsts ? "on" : "off"); }},
      {{"redirect", "on | off", "HTTP on port 80: on = 301 to https:// (RFC 6797 §7.2), off = the page in the clear"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.redirect); },
       [](const Scenario& s) { return std::string(s.redirect ? "on" : "off"); }},
      {{"cert-fault", enum_values_text<kFaults>(), "what is wrong with the server's certificate"},
       [](Scenario& s, const std::string& v) { return parse_enum(kFaults, v, s.cert.fault); },
       [](const Scenario& s) { return enum_value(kFaults, s.cert.fault); }},
      {{"attack", enum_values_text<kAttacks>(), "what Mallory, the attacker in the middle, does"},
       [](Scenario& s, const std::string& v) { return parse_enum(kAttacks, v, s.attack); },
       [](const Scenario& s) { return enum_value(kAttacks, s.attack); }},
      {{"client-policy", enum_values_text<kClientPolicies>(),
        "STARTTLS ports: what the client does when the upgrade is missing or refused (default: opportunistic on "
        "smtp port 25 and ftp, require-tls elsewhere)"},
       [](Scenario& s, const std::string& v) { return parse_enum(kClientPolicies, v, s.client_policy); },
       [](const Scenario& s) { return enum_value(kClientPolicies, s.client_policy); }},
      {{"server-bug", enum_values_text<kServerBugs>(),
        "a server flaw: keep-buffer runs plaintext that arrived with STARTTLS as if it came inside TLS (CVE-2011-0411)"},
       [](Scenario& s, const std::string& v) { return parse_enum(kServerBugs, v, s.server_bug); },
       [](const Scenario& s) { return enum_value(kServerBugs, s.server_bug); }},
      {{"tamper", "STEP:BYTE (step from 1 as trace numbers it, byte offset in its bytes), or empty for the default",
        "where attack=tamper flips a bit (sets attack=tamper); default: the first application data record"},
       [](Scenario& s, const std::string& v) {
         if (v.empty()) return s.tamper = {}, true;  // back to the default spot
         return parse_tamper(v, s.tamper) && (s.attack = Attack::tamper, true);
       },
       [](const Scenario& s) {
         if (s.tamper.step == 0) return std::string();
         return std::to_string(s.tamper.step) + ":" + std::to_string(s.tamper.byte);
       }},
      {{"key-update", "on | off",
        "TLS 1.3: the server sends KeyUpdate (update_requested) before its first application data; both sides "
        "move to the next application traffic secrets (RFC 8446 §4.6.3, §7.2)"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.key_update); },
       [](const Scenario& s) { return std::string(s.key_update ? "on" : "off"); }},
      {{"ems", "on | off", "TLS 1.2 extended master secret (RFC 7627); off: the client does not offer it"},
       [](Scenario& s, const std::string& v) { return parse_bool(v, s.ems); },
       [](const Scenario& s) { return std::string(s.ems ? "on" : "off"); }},
      {{"client-versions", version_ranges_text(), "the versions the client allows (default: version)"},
       [](Scenario& s, const std::string& v) { return v.empty() ? (s.client_versions = {}, true) : parse_range(v, s.client_versions); },
       [](const Scenario& s) { return range_text(s.client_versions); }},
      {{"server-versions", version_ranges_text(), "the versions the server allows (default: version)"},
       [](Scenario& s, const std::string& v) { return v.empty() ? (s.server_versions = {}, true) : parse_range(v, s.server_versions); },
       [](const Scenario& s) { return range_text(s.server_versions); }},
      {{"port", "1..65535", "the server's port (a lesson's front matter sets it; SMTP on 25 is a relay, elsewhere submission)"},
       [](Scenario& s, const std::string& v) { return parse_int(v, 1, 65535, s.port); },
       [](const Scenario& s) { return std::to_string(s.port); }},
      {{"mode", enum_values_text<kModes>(), "how the protocol meets TLS on this port"},
       [](Scenario& s, const std::string& v) { return parse_enum(kModes, v, s.mode); },
       [](const Scenario& s) { return enum_value(kModes, s.mode); }},
  };
  return rows;
}

const KeyRow* find_row(std::string_view key) {
  const auto& rows = key_rows();
  auto row = std::find_if(rows.begin(), rows.end(), [&](const KeyRow& r) { return key == r.key.name; });
  return row == rows.end() ? nullptr : &*row;
}

// A downgrade needs both sides able to speak 1.2 and 1.3: the attack removes the offer of 1.3.
VersionRange range_or_default(const Scenario& s, const VersionRange& override_range) {
  if (override_range.min != 0) return override_range;
  if (s.attack == Attack::downgrade) return {TLS1_2_VERSION, TLS1_3_VERSION};
  const int pinned = s.version == TlsVersion::tls13 ? TLS1_3_VERSION : TLS1_2_VERSION;
  return {pinned, pinned};
}

}  // namespace

std::string server_alpn_list(const Scenario& scenario) {
  if (scenario.server_alpn) return *scenario.server_alpn;
  return scenario.protocol == "http" && !scenario.alpn.empty() ? "http/1.1" : scenario.alpn;
}

bool client_requests_ocsp(const Scenario& scenario) {
  return scenario.cert.ocsp != OcspStaple::off || scenario.client_status_request;
}

VersionRange client_range(const Scenario& scenario) { return range_or_default(scenario, scenario.client_versions); }
VersionRange server_range(const Scenario& scenario) { return range_or_default(scenario, scenario.server_versions); }

const std::vector<ScenarioKey>& scenario_keys() {
  static const std::vector<ScenarioKey> keys = [] {
    std::vector<ScenarioKey> out;
    for (const auto& row : key_rows()) out.push_back(row.key);
    return out;
  }();
  return keys;
}

std::span<const ScenarioChoice> scenario_choices(std::string_view key, TlsVersion version) {
  if (key == "version") return enum_choices<kVersions>();
  if (key == "cert") return enum_choices<kKeyTypes>();
  if (key == "mode") return enum_choices<kModes>();
  if (key == "cert-fault") return enum_choices<kFaults>();
  if (key == "ocsp") return enum_choices<kOcspStaples>();
  if (key == "attack") return enum_choices<kAttacks>();
  if (key == "client-policy") return enum_choices<kClientPolicies>();
  if (key == "client-cert") return enum_choices<kClientCerts>();
  if (key == "close") return enum_choices<kCloses>();
  if (key == "resume") return enum_choices<kResumes>();
  if (key == "early-data") return enum_choices<kEarlyData>();
  if (key == "server-bug") return enum_choices<kServerBugs>();
  if (key == "client-versions" || key == "server-versions") return kVersionRanges;
  if (key == "groups" || key == "server-groups") return kGroups;
  if (key == "hsts" || key == "redirect" || key == "cookie-secure" || key == "key-update" || key == "anti-replay") return kOnOff;
  if (key == "cert-days") return kCertDays;
  if (key == "ciphers") return version == TlsVersion::tls13 ? std::span<const ScenarioChoice>(kSuites13) : kSuites12;
  return {};
}

const char* port_mode_name(PortMode mode) {
  for (const auto& row : kModes)
    if (row.code == mode) return row.choice.value;
  return "unknown";
}

std::string scenario_value(const Scenario& scenario, std::string_view key) {
  const KeyRow* row = find_row(key);
  return row ? row->get(scenario) : "";
}

std::string set_scenario_field(Scenario& scenario, const std::string& key, const std::string& value) {
  const KeyRow* row = find_row(key);
  if (!row) return "unknown scenario key '" + key + "' (see --help for the keys)";
  if (!row->set(scenario, value))
    return "bad value '" + value + "' for " + key + " (expected " + row->key.values + ")";
  return {};
}

PeerConfig peer_config(const Scenario& scenario) {
  PeerConfig config{scenario.protocol,    scenario.port,        scenario.mode,
                    scenario.starttls,   scenario.server_name, scenario.cert.subject_cn,
                    scenario.cookie_secure};
  config.tls_policy = scenario.client_policy == ClientPolicy::opportunistic ? TlsPolicy::opportunistic
                      : scenario.client_policy == ClientPolicy::require_tls ? TlsPolicy::require_tls
                                                                            : tls_policy_default(scenario.protocol, scenario.port);
  config.server_keeps_buffer = scenario.server_bug == ServerBug::keep_buffer;
  config.hsts = scenario.hsts;
  config.redirect = scenario.redirect;
  return config;
}

}  // namespace hl
