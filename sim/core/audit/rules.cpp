// The rule table: id, severity, the rule after RFC 9325 (BCP 195) or the web rule it comes
// from, and the check that returns the evidence of a breach. A check that finds nothing to
// judge (no such run, no HTTP response) returns nullopt: the audit never guesses.
#include <openssl/x509.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <ctime>
#include <iterator>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

#include "core/audit/audit.hpp"
#include "core/audit/evidence.hpp"
#include "core/audit/staple_evidence.hpp"
#include "core/model/record_layer.hpp"
#include "core/wire/names.hpp"
#include "core/wire/x509.hpp"

namespace hl::audit {
namespace {

using Runs = std::vector<AuditRun>;
using Check = std::function<std::optional<Evidence>(const Runs&)>;

struct Rule {
  RuleInfo info;
  Check check;
};

constexpr std::uint16_t kEncryptThenMac = 22;
constexpr std::uint16_t kExtendedMasterSecret = 23;
constexpr int kMinRsaBits = 2048;
constexpr int kMinEcBits = 224;

// The longest validity a publicly trusted TLS leaf may have, by the date it was issued
// (CA/Browser Forum Baseline Requirements §6.3.2, as changed by ballot SC-081 in 2025).
struct LifetimeLimit {
  std::int64_t issued_from;  // Unix seconds, 00:00 UTC
  int max_days;
};
constexpr LifetimeLimit kLifetimeLimits[] = {
    {1868227200, 47},   // from 2029-03-15
    {1805068800, 100},  // from 2027-03-15
    {1773532800, 200},  // from 2026-03-15
    {INT64_MIN, 398},   // before
};

// The limit for a leaf whose notBefore is `issued` (newest rule first).
const LifetimeLimit& lifetime_limit(std::int64_t issued) {
  return *std::find_if(std::begin(kLifetimeLimits), std::end(kLifetimeLimits),
                       [issued](const LifetimeLimit& limit) { return issued >= limit.issued_from; });
}

std::string utc_date(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

const AuditRun* find_run(const Runs& runs, const std::string& name) {
  auto run = std::find_if(runs.begin(), runs.end(), [&](const AuditRun& r) { return r.name == name; });
  return run == runs.end() ? nullptr : &*run;
}

std::string hex16(std::uint16_t value) {
  char text[8];
  std::snprintf(text, sizeof text, "0x%04X", value);
  return text;
}

std::string version_text(std::uint16_t version) { return hex16(version) + " (" + wire::version_name(version) + ")"; }
std::string suite_text(std::uint16_t suite) { return hex16(suite) + " (" + wire::cipher_suite_name(suite) + ")"; }

// ---- versions -----------------------------------------------------------------------------

std::optional<Evidence> legacy_version(const Runs& runs) {
  const AuditRun* run = find_run(runs, "legacy");
  if (run == nullptr) return std::nullopt;
  const auto hello = server_hello(run->transcript);
  if (!hello || hello->version >= record::kTls12) return std::nullopt;
  return range_evidence(*run, hello->step_index, false, hello->chosen_version_offset, 2,
                        "ServerHello.version " + version_text(hello->version) + ": the server agreed to it");
}

std::optional<Evidence> no_tls13(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto hello = server_hello(run.transcript);
  if (!hello || hello->version >= record::kTls13) return std::nullopt;
  return range_evidence(run, hello->step_index, false, hello->chosen_version_offset, 2,
                        "ServerHello.version " + version_text(hello->version) +
                            " although the client offered TLS 1.3 (no supported_versions in the answer)");
}

// ---- cipher suites ------------------------------------------------------------------------

// The first ServerHello among the main run and these probes whose suite matches; its evidence.
std::optional<Evidence> suite_evidence(const Runs& runs, std::initializer_list<const char*> probes,
                                       const std::function<bool(const ServerHelloSpots&)>& bad, const std::string& what) {
  std::vector<std::string> names{runs.front().name};
  names.insert(names.end(), probes.begin(), probes.end());
  for (const std::string& name : names) {
    const AuditRun* run = find_run(runs, name);
    if (run == nullptr) continue;
    const auto hello = server_hello(run->transcript);
    if (!hello || !bad(*hello)) continue;
    return range_evidence(*run, hello->step_index, false, hello->suite_offset, 2,
                          "ServerHello.cipher_suite " + suite_text(hello->suite) + ": " + what +
                              (name == runs.front().name ? "" : " (" + run->description + ")"));
  }
  return std::nullopt;
}

// CBC with encrypt_then_mac is what RFC 9325 §4.2 allows, so only a ServerHello without it counts.
std::optional<Evidence> cbc_suite(const Runs& runs) {
  return suite_evidence(
      runs, {"cbc", "static-rsa"},
      [](const ServerHelloSpots& hello) {
        return wire::suite_traits(hello.suite).cipher == wire::RecordCipher::cbc && !has_extension(hello, kEncryptThenMac);
      },
      "CBC with HMAC, MAC-then-encrypt: the ServerHello has no encrypt_then_mac");
}

std::optional<Evidence> static_rsa(const Runs& runs) {
  return suite_evidence(runs, {"static-rsa"}, [](const ServerHelloSpots& hello) { return wire::suite_traits(hello.suite).kex == wire::KeyExchange::rsa; },
                        "RSA key transport, no forward secrecy");
}

std::optional<Evidence> no_ems(const Runs& runs) {
  const AuditRun* run = find_run(runs, "tls12");
  if (run == nullptr) return std::nullopt;
  const auto hello = server_hello(run->transcript);
  if (!hello || hello->version != record::kTls12 || has_extension(*hello, kExtendedMasterSecret)) return std::nullopt;
  return range_evidence(*run, hello->step_index, false, hello->version_offset, 2,
                        "a TLS 1.2 ServerHello without extended_master_secret (23), which the client offered");
}

// ---- the certificate ----------------------------------------------------------------------

struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

// The server's leaf: parsed, and where its DER lies in the run.
struct Leaf {
  X509Ptr cert;
  Bytes der;
  BytesSpot spot;
};

std::optional<Leaf> leaf_of(const AuditRun& run) {
  const std::vector<Bytes> chain = wire::certificate_chain(run.transcript, Side::server);
  if (chain.empty()) return std::nullopt;
  const unsigned char* p = chain.front().data();
  X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(chain.front().size())));
  const auto spot = find_server_bytes(run.transcript, chain.front());
  if (!cert || !spot) return std::nullopt;
  return Leaf{std::move(cert), chain.front(), *spot};
}

// Evidence over a DER piece of the leaf (found by its own encoding), else over the whole leaf.
Evidence leaf_part(const AuditRun& run, const Leaf& leaf, const Bytes& part, std::string text) {
  auto at = std::search(leaf.der.begin(), leaf.der.end(), part.begin(), part.end());
  const bool found = !part.empty() && at != leaf.der.end();
  const std::size_t offset = leaf.spot.offset + (found ? static_cast<std::size_t>(at - leaf.der.begin()) : 0);
  return range_evidence(run, leaf.spot.step_index, leaf.spot.in_plaintext, offset, found ? part.size() : leaf.der.size(),
                        std::move(text));
}

template <typename T, typename Encode>
Bytes der_of(const T* object, Encode encode) {
  const int len = encode(object, nullptr);
  if (len <= 0) return {};
  Bytes out(static_cast<std::size_t>(len));
  unsigned char* p = out.data();
  encode(object, &p);
  return out;
}

// The validity SEQUENCE: notBefore and notAfter, each found by its DER.
Bytes validity_der(const X509* cert) {
  Bytes before = der_of(X509_get0_notBefore(cert), [](const ASN1_TIME* t, unsigned char** p) { return i2d_ASN1_TIME(t, p); });
  Bytes after = der_of(X509_get0_notAfter(cert), [](const ASN1_TIME* t, unsigned char** p) { return i2d_ASN1_TIME(t, p); });
  before.insert(before.end(), after.begin(), after.end());
  return before;
}

std::optional<Evidence> weak_key(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto leaf = leaf_of(run);
  if (!leaf) return std::nullopt;
  EVP_PKEY* key = X509_get0_pubkey(leaf->cert.get());
  if (key == nullptr) return std::nullopt;
  const int bits = EVP_PKEY_get_bits(key);
  const bool rsa = EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA;
  const bool ec = EVP_PKEY_get_base_id(key) == EVP_PKEY_EC;
  if (!(rsa && bits < kMinRsaBits) && !(ec && bits < kMinEcBits)) return std::nullopt;
  const Bytes spki = der_of(X509_get_X509_PUBKEY(leaf->cert.get()),
                            [](const X509_PUBKEY* k, unsigned char** p) { return i2d_X509_PUBKEY(k, p); });
  return leaf_part(run, *leaf, spki,
                   "the leaf certificate's subjectPublicKeyInfo: " + std::string(rsa ? "RSA " : "EC ") + std::to_string(bits) + " bits");
}

std::optional<Evidence> cert_lifetime(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto leaf = leaf_of(run);
  if (!leaf) return std::nullopt;
  int days = 0, seconds = 0;
  if (!ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(leaf->cert.get()), X509_get0_notAfter(leaf->cert.get())))
    return std::nullopt;
  std::tm issued_tm{};
  if (!ASN1_TIME_to_tm(X509_get0_notBefore(leaf->cert.get()), &issued_tm)) return std::nullopt;
  const LifetimeLimit& limit = lifetime_limit(static_cast<std::int64_t>(timegm(&issued_tm)));
  if (days <= limit.max_days) return std::nullopt;
  const std::string since = limit.issued_from == INT64_MIN ? "" : " for one issued from " + utc_date(limit.issued_from);
  return leaf_part(run, *leaf, validity_der(leaf->cert.get()),
                   "the leaf certificate's validity (notBefore, notAfter) spans " + std::to_string(days) +
                       " days; the limit" + since + " is " + std::to_string(limit.max_days) + " days");
}

bool is_time_error(int error) { return error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID; }

std::optional<Evidence> cert_time(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto check = failed_check(run.transcript);
  if (!check || check->verify.depth != 0 || !is_time_error(check->verify.error)) return std::nullopt;
  const std::string why = "the client's check at step " + std::to_string(check->step_index + 1) + " failed: " +
                          check->verify.error_name + " (" + check->verify.error_text + ")";
  const auto leaf = leaf_of(run);
  if (!leaf) return range_evidence(run, check->step_index, false, 0, 0, why);
  return leaf_part(run, *leaf, validity_der(leaf->cert.get()), "the leaf certificate's validity; " + why);
}

std::optional<Evidence> cert_rejected(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto check = failed_check(run.transcript);
  if (!check || (check->verify.depth == 0 && is_time_error(check->verify.error))) return std::nullopt;
  return range_evidence(run, check->step_index, false, 0, 0,
                        "the client's certificate check at depth " + std::to_string(check->verify.depth) + " failed: " +
                            check->verify.error_name + " (" + check->verify.error_text + "); subject " + check->verify.subject);
}

// ---- HTTP ---------------------------------------------------------------------------------

// The header block of a response: from the status line to the blank line.
std::size_t header_len(const std::string& text) {
  const std::size_t blank = text.find("\r\n\r\n");
  return blank == std::string::npos ? text.size() : blank + 4;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::optional<Evidence> no_hsts(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto response = http_response(run.transcript, false);
  if (!response) return std::nullopt;
  const std::string head = response->text.substr(0, header_len(response->text));
  if (lower(head).find("\r\nstrict-transport-security:") != std::string::npos) return std::nullopt;
  return range_evidence(run, response->step_index, response->in_plaintext, response->offset, head.size(),
                        "the HTTPS response's header block has no Strict-Transport-Security header");
}

std::optional<Evidence> cookie_not_secure(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto response = http_response(run.transcript, false);
  if (!response) return std::nullopt;
  const std::string head = lower(response->text.substr(0, header_len(response->text)));
  for (std::size_t at = head.find("\r\nset-cookie:"); at != std::string::npos; at = head.find("\r\nset-cookie:", at + 2)) {
    const std::size_t end = head.find("\r\n", at + 2);
    const std::string line = head.substr(at + 2, end - at - 2);
    if (line.find("; secure") != std::string::npos || line.find(";secure") != std::string::npos) continue;
    return range_evidence(run, response->step_index, response->in_plaintext, response->offset + at + 2, line.size(),
                          "Set-Cookie without the Secure attribute: the browser also sends it over http://");
  }
  return std::nullopt;
}

std::optional<Evidence> no_redirect(const Runs& runs) {
  const AuditRun* run = find_run(runs, "port-80");
  if (run == nullptr) return std::nullopt;
  const auto response = http_response(run->transcript, true);
  if (!response) return std::nullopt;
  const std::string head = lower(response->text.substr(0, header_len(response->text)));
  const bool permanent = head.rfind("http/1.1 301", 0) == 0 || head.rfind("http/1.1 308", 0) == 0;
  if (permanent && head.find("\r\nlocation: https://") != std::string::npos) return std::nullopt;
  const std::size_t status_len = response->text.find("\r\n");
  return range_evidence(*run, response->step_index, false, response->offset,
                        status_len == std::string::npos ? response->text.size() : status_len,
                        "on port 80 the server answers '" + response->text.substr(0, status_len) +
                            "' in the clear instead of a permanent redirect to https://");
}

// ---- client authentication ------------------------------------------------------------------

// The alert a server sends when it wanted a certificate and got none: TLS 1.3's
// certificate_required (116, RFC 8446 §4.4.2.4), or what a TLS 1.2 server sends instead.
std::string refusal_text(const AuditRun& run) {
  const auto alert = server_alert(run.transcript);
  if (!alert || run.transcript.handshake_complete) return "";
  const char* name = wire::alert_description_name(alert->alert);
  return "; it then ended the handshake with the alert " + std::string(name ? name : "unknown") + " (" +
         std::to_string(alert->alert) + ")" +
         " because the audit's client has no certificate to send, so only clients holding one from its CA get in";
}

// Reported, not graded: whether a server should ask depends on who its clients are.
std::optional<Evidence> client_auth(const Runs& runs) {
  const AuditRun& run = runs.front();
  const auto request = server_message(run.transcript, HandshakeType::certificate_request);
  if (!request) return std::nullopt;
  // Post-handshake: the request comes in a later record than the server's Finished.
  const auto finished = server_message(run.transcript, HandshakeType::finished);
  const bool after = finished && finished->step_index < request->step_index;
  return range_evidence(run, request->step_index, request->in_plaintext, request->offset, request->length,
                        std::string("CertificateRequest: the server asks the client for a certificate") +
                            (after ? " after the handshake (post-handshake authentication)" : " in the handshake") +
                            refusal_text(run));
}

const std::vector<Rule>& rules() {
  static const std::vector<Rule> table = {
      {{"legacy-version", Severity::critical, "RFC 9325 §3.1.1 (and RFC 8996): TLS 1.0 and TLS 1.1 MUST NOT be negotiated"},
       legacy_version},
      {{"weak-key", Severity::critical, "RFC 9325 §4.5: servers MUST authenticate with an RSA modulus of at least 2048 bits; "
                                        "curves of less than 224 bits MUST NOT be used"},
       weak_key},
      {{"cert-time", Severity::critical, "RFC 5280 §4.1.2.5, §6.1.3: the certificate must be valid now (not expired, not before its notBefore)"},
       cert_time},
      {{"cert-rejected", Severity::critical, "RFC 9325 §7.1 (RFC 9525, RFC 5280 §6): the client must be able to verify the chain and the name"},
       cert_rejected},
      {{"static-rsa", Severity::high, "RFC 9325 §4.1: SHOULD NOT negotiate RSA key transport; §7.3: prefer forward secrecy"},
       static_rsa},
      {{"no-hsts", Severity::high, "RFC 9325 §3.2 (RFC 6797): HTTPS servers send Strict-Transport-Security against SSL stripping"},
       no_hsts},
      {{"cbc-suite", Severity::medium, "RFC 9325 §4.2: a CBC suite SHOULD NOT be used unless encrypt_then_mac (RFC 7366) is negotiated; "
                                       "the recommended TLS 1.2 suites are ECDHE with AES-GCM"},
       cbc_suite},
      {{"no-ems", Severity::medium, "RFC 9325 §3.5 (RFC 7627): TLS 1.2 MUST support the extended master secret"}, no_ems},
      {{"no-redirect", Severity::medium, "RFC 6797 §7.2: a request over plain HTTP gets a permanent redirect to https://"},
       no_redirect},
      {{"cookie-not-secure", Severity::medium, "RFC 6265 §4.1.2.5: a session cookie set over HTTPS carries Secure"},
       cookie_not_secure},
      {{"cert-lifetime", Severity::medium,
        "CA/Browser Forum Baseline Requirements §6.3.2: a TLS leaf certificate issued from 2026-03-15 is valid for "
        "at most 200 days (398 before; 100 from 2027-03-15, 47 from 2029-03-15)"},
       cert_lifetime},
      {{"bad-ocsp-staple", Severity::high,
        "RFC 6066 §8: a client that asked MUST abort the handshake when the stapled OCSP response is not satisfactory "
        "(revoked, unknown, or past its nextUpdate, RFC 6960 §3.2); RFC 9325 §7.5: TLS implementations MUST implement "
        "a strategy to distrust revoked certificates"},
       [](const Runs& runs) { return refused_staple(runs.front()); }},
      {{"no-tls13", Severity::low, "RFC 9325 §3.1.1: implementations SHOULD support TLS 1.3 and, if they do, MUST prefer it"}, no_tls13},
      {{"no-ocsp-staple", Severity::low,
        "RFC 9325 §7.5: servers SHOULD support OCSP stapling, the status_request extension of RFC 6066 §8"},
       [](const Runs& runs) { return missing_staple(runs.front()); }},
      {{"client-auth", Severity::info,
        "RFC 8446 §4.3.2, RFC 5246 §7.4.4: the server requests client authentication (mutual TLS). Not a rule of "
        "RFC 9325: service-to-service APIs should require it, a public web site cannot (browsers hold no client "
        "certificate); reported, not graded"},
       client_auth},
  };
  return table;
}

}  // namespace

const char* severity_name(Severity severity) {
  static const char* const names[] = {"info", "low", "medium", "high", "critical"};
  return names[static_cast<int>(severity)];
}

const std::vector<RuleInfo>& audit_rules() {
  static const std::vector<RuleInfo> infos = [] {
    std::vector<RuleInfo> out;
    for (const Rule& rule : rules()) out.push_back(rule.info);
    return out;
  }();
  return infos;
}

char grade_for(const std::vector<Finding>& findings) {
  Severity worst = Severity::info;
  for (const Finding& finding : findings) worst = std::max(worst, finding.severity);
  static const char grades[] = {'A', 'B', 'C', 'D', 'F'};
  return grades[static_cast<int>(worst)];
}

AuditReport grade_runs(std::vector<AuditRun> runs, std::vector<std::string> not_graded) {
  AuditReport report;
  report.not_graded = std::move(not_graded);
  if (!runs.empty())
    for (const Rule& rule : rules())
      if (auto evidence = rule.check(runs)) report.findings.push_back({rule.info.id, rule.info.severity, rule.info.rule, *evidence});
  std::stable_sort(report.findings.begin(), report.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity > b.severity; });
  report.grade = grade_for(report.findings);
  report.runs = std::move(runs);
  return report;
}

}  // namespace hl::audit
