#include "core/audit/scenario_audit.hpp"

#include <openssl/ssl.h>

#include <functional>

#include "core/audit/suites.hpp"
#include "core/engine/engine.hpp"

namespace hl::audit {
namespace {

// OpenSSL 3.0 signs TLS 1.0 and 1.1 handshakes with SHA-1, which it allows only at security
// level 0: a server that really enables those versions has to run there, so the probe does too.
constexpr const char* kLegacyLevel = ":@SECLEVEL=0";

bool speaks(const VersionRange& range, int version) { return range.min <= version && version <= range.max; }

// The scenario as the standard client meets it: the server's range spelled out (so changing
// `version` for the 1.2 cipher list keeps it), the client's own settings back to defaults.
Scenario standard_client(const Scenario& scenario) {
  Scenario s = scenario;
  s.server_versions = server_range(scenario);
  s.client_versions = {TLS1_2_VERSION, TLS1_3_VERSION};
  s.attack = Attack::none;
  s.tamper = {};
  s.ems = true;
  s.encrypt_then_mac = true;
  s.client_policy = ClientPolicy::protocol_default;
  s.resume = Resume::off;
  s.client_status_request = true;  // asks every server for a staple, as browsers do
  return s;
}

// The server's TLS 1.2 suites that match `keep`, joined as an OpenSSL list ("" when none).
std::string suites_where(const Scenario& scenario, const std::function<bool(const SSL_CIPHER*)>& keep) {
  const std::string list = scenario.version == TlsVersion::tls12 && !scenario.ciphers.empty() ? scenario.ciphers : "DEFAULT";
  return tls12_suites_where(list, keep);
}

AuditRun run(std::string name, std::string description, const Scenario& scenario) {
  return AuditRun{std::move(name), std::move(description), run_scenario(scenario)};
}

// A probe that speaks TLS 1.2 or older: post-handshake authentication is TLS 1.3's (the engine
// refuses it with 1.2), so such a probe meets the server asking in the handshake, as with
// client-cert=on, and the lab's client answers with its certificate.
Scenario older_than_tls13(Scenario s) {
  if (s.client_cert == ClientCert::post_handshake) s.client_cert = ClientCert::on;
  return s;
}

// A TLS 1.2 client offering only `suites` (the server's own, so both sides agree on the list).
void add_suite_probe(std::vector<AuditRun>& runs, const Scenario& base, const char* name, const char* description,
                     const std::string& suites, bool offer_etm = true) {
  if (suites.empty()) return;
  Scenario s = older_than_tls13(base);
  s.encrypt_then_mac = offer_etm;
  s.version = TlsVersion::tls12;
  s.client_versions = {TLS1_2_VERSION, TLS1_2_VERSION};
  s.ciphers = suites;
  runs.push_back(run(name, description, s));
}

}  // namespace

std::vector<AuditRun> scenario_runs(const Scenario& scenario) {
  const Scenario base = standard_client(scenario);
  std::vector<AuditRun> runs;
  runs.push_back(run("main", "a client offering TLS 1.2 and 1.3 with OpenSSL's default suites", base));
  const VersionRange server = base.server_versions;
  if (server.min < TLS1_2_VERSION) {
    Scenario s = older_than_tls13(base);
    s.version = TlsVersion::tls12;
    s.client_versions = {server.min, TLS1_1_VERSION};
    s.ciphers = (scenario.version == TlsVersion::tls12 && !scenario.ciphers.empty() ? scenario.ciphers : "DEFAULT") + kLegacyLevel;
    runs.push_back(run("legacy", "an old client offering only TLS 1.0 and 1.1", s));
  }
  if (speaks(server, TLS1_2_VERSION)) {
    Scenario s = older_than_tls13(base);
    s.client_versions = {TLS1_2_VERSION, TLS1_2_VERSION};
    runs.push_back(run("tls12", "a client offering only TLS 1.2", s));
    add_suite_probe(runs, base, "cbc", kCbcProbeDescription,
                    suites_where(scenario, [](const SSL_CIPHER* c) { return is_cbc(c) && !is_static_rsa(c); }), false);
    add_suite_probe(runs, base, "static-rsa", "a TLS 1.2 client offering only RSA key transport",
                    suites_where(scenario, is_static_rsa));
  }
  if (scenario.protocol == "http") {
    Scenario s = base;
    s.mode = PortMode::plaintext;
    s.port = 80;
    runs.push_back(run("port-80", "a browser typing the bare host name: http:// on port 80", s));
  }
  return runs;
}

std::vector<std::string> scenario_not_graded(const Scenario& scenario) {
  std::vector<std::string> out;
  if (scenario.client_cert == ClientCert::required_missing && scenario.protocol == "http")
    out.push_back("HSTS and cookies: the server refused the audit's client, which has no client certificate, before "
                  "any HTTP was spoken");
  return out;
}

AuditReport audit_scenario(const Scenario& scenario) {
  return grade_runs(scenario_runs(scenario), scenario_not_graded(scenario));
}

}  // namespace hl::audit
