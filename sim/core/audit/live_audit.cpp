#include "core/audit/live_audit.hpp"

#include <openssl/ssl.h>

#include <functional>

#include "core/audit/evidence.hpp"
#include "core/audit/suites.hpp"
#include "core/live/connector.hpp"
#include "core/live/lab_tls.hpp"
#include "core/model/record_layer.hpp"

namespace hl::audit {
namespace {

// A probe: a name, what its client does, and how it changes the standard client.
struct Probe {
  const char* name;
  const char* description;
  int min_version;
  int max_version;
  std::function<std::string()> ciphers;  // a TLS 1.2 list; "" for OpenSSL's default
  bool offer_etm = true;                   // false: no encrypt_then_mac in the ClientHello, as old clients
};

// OpenSSL 3.0 allows TLS 1.0/1.1 (SHA-1 signatures) and the oldest suites only at level 0.
constexpr const char* kEverySuite = "ALL:!aNULL:!eNULL:@SECLEVEL=0";

const std::vector<Probe>& probes() {
  static const std::vector<Probe> table = {
      {"tls12", "a client offering only TLS 1.2", TLS1_2_VERSION, TLS1_2_VERSION, [] { return std::string(); }},
      {"legacy", "an old client offering only TLS 1.0 and 1.1", TLS1_VERSION, TLS1_1_VERSION,
       [] { return std::string("DEFAULT:@SECLEVEL=0"); }},
      {"cbc", kCbcProbeDescription, TLS1_2_VERSION, TLS1_2_VERSION,
       [] { return tls12_suites_where(kEverySuite, [](const SSL_CIPHER* c) { return is_cbc(c) && !is_static_rsa(c); }) + ":@SECLEVEL=0"; },
       false},
      {"static-rsa", "a TLS 1.2 client offering only RSA key transport", TLS1_2_VERSION, TLS1_2_VERSION,
       [] { return tls12_suites_where(kEverySuite, is_static_rsa) + ":@SECLEVEL=0"; }},
  };
  return table;
}

Scenario probe_scenario(const Scenario& main, const Probe& probe) {
  Scenario s = main;
  s.protocol = "tls";  // shake hands, say nothing, hang up
  s.alpn.clear();
  s.version = TlsVersion::tls12;  // so `ciphers` is read as a TLS 1.2 list
  s.client_versions = {probe.min_version, probe.max_version};
  s.ciphers = probe.ciphers();
  s.encrypt_then_mac = probe.offer_etm;
  return s;
}

// True when the server sent anything a TLS implementation sends: a ServerHello or an alert record.
bool spoke_tls(const Transcript& transcript) {
  if (server_hello(transcript)) return true;
  for (const Step& step : transcript.steps)
    if (step.kind == StepKind::record && step.from == Side::server && step.content_type == record::kAlert &&
        step.bytes.size() >= 7 && step.bytes[1] == 3)
      return true;
  return false;
}

std::string first_line(std::string text) {
  const std::size_t end = text.find('\n');
  if (end != std::string::npos) text.resize(end);
  return text;
}

std::string target_text(const live::HostPort& where) {
  const bool v6 = where.host.find(':') != std::string::npos;
  return (v6 ? "[" + where.host + "]" : where.host) + ":" + std::to_string(where.port);
}

// One probe's connection; false with out_error when none could be made or OpenSSL refused the client.
bool probe(const LiveTarget& target, const Scenario& scenario, const std::atomic<bool>& stop, Transcript& out,
           std::string& out_error) {
  std::shared_ptr<const ContextPair> contexts;
  if (!live::live_contexts(scenario, target.ca_file, contexts, out_error)) return false;
  live::Limits limits;
  limits.handshake_timeout_ms = limits.idle_timeout_ms = target.timeout_ms;
  live::ConnectionResult result;
  if (!live::connect_and_record(target.where, scenario, std::move(contexts), limits, stop, result, out_error)) return false;
  out = std::move(result.transcript);
  return true;
}

}  // namespace

std::vector<AuditRun> live_probe_plan(const LiveTarget& target, std::vector<Scenario>& out_scenarios) {
  Scenario main = live::live_scenario(target.lesson, {});
  live::aim_client_at(main, target.where.host);
  main.client_versions = {TLS1_2_VERSION, TLS1_3_VERSION};
  main.attack = Attack::none;
  main.ems = true;
  main.client_status_request = true;  // asks for a staple and checks it, as the scenario audit's client does
  std::vector<AuditRun> runs{{"main", "a client offering TLS 1.2 and 1.3 with OpenSSL's default suites", {}}};
  out_scenarios = {main};
  for (const Probe& p : probes()) {
    runs.push_back({p.name, p.description, {}});
    out_scenarios.push_back(probe_scenario(main, p));
  }
  return runs;
}

bool audit_live(const LiveTarget& target, const std::atomic<bool>& stop, AuditReport& out, std::string& out_error) {
  std::vector<Scenario> scenarios;
  std::vector<AuditRun> runs = live_probe_plan(target, scenarios);
  const std::string where = target_text(target.where);
  for (std::size_t i = 0; i < runs.size() && !stop.load(); ++i) {
    std::string why;
    if (!probe(target, scenarios[i], stop, runs[i].transcript, why)) {
      if (i == 0) return out_error = first_line(why), false;
      runs[i].transcript.failure = why;  // a later probe that cannot connect proves nothing
      continue;
    }
    if (i == 0 && !spoke_tls(runs[0].transcript))
      return out_error = where + " did not answer with TLS: " + first_line(runs[0].transcript.failure.empty() ? "no TLS record arrived" : runs[0].transcript.failure), false;
  }
  std::vector<std::string> not_graded = {
      "client certificates: reported (client-auth), not graded; the lab's client has none, so a server that requires "
      "one refuses it",
      "the 80->443 redirect: not probed live (audit --connect reaches one port)"};
  if (target.lesson.protocol == "http" && !http_response(runs[0].transcript, false))
    not_graded.push_back("HSTS and cookies: the server sent no HTTP response to the lab's GET /");
  out = grade_runs(std::move(runs), std::move(not_graded));
  return true;
}

}  // namespace hl::audit
