// The audit's rules, grade and JSON: each rule with a scenario that triggers it and one that
// does not, the evidence bytes it names, and the ServerHello reader's bad inputs.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/audit/audit.hpp"
#include "core/audit/audit_format.hpp"
#include "core/audit/evidence.hpp"
#include "core/audit/scenario_audit.hpp"
#include "core/engine/engine.hpp"
#include "core/wire/names.hpp"

using namespace hl;
using namespace hl::audit;

namespace {

// A server that staples a good OCSP response, so each case sees only the findings it is about;
// the stapling rules' own cases set ocsp.
Scenario scenario_with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  Scenario s;
  s.seed = 7;
  s.cert.ocsp = OcspStaple::good;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(s, key, value).empty());
  return s;
}

const Finding* finding(const AuditReport& report, const std::string& id) {
  auto it = std::find_if(report.findings.begin(), report.findings.end(), [&](const Finding& f) { return f.id == id; });
  return it == report.findings.end() ? nullptr : &*it;
}

std::vector<std::string> ids(const AuditReport& report) {
  std::vector<std::string> out;
  for (const Finding& f : report.findings) out.push_back(f.id);
  return out;
}

// The evidence's step exists in its run and its bytes are the range it names.
void check_evidence(const AuditReport& report, const Evidence& e) {
  auto run = std::find_if(report.runs.begin(), report.runs.end(), [&](const AuditRun& r) { return r.name == e.run; });
  REQUIRE(run != report.runs.end());
  REQUIRE(e.step >= 1);
  REQUIRE(e.step <= run->transcript.steps.size());
  const Step& step = run->transcript.steps[e.step - 1];
  const Bytes& bytes = e.in_plaintext ? step.plaintext : step.bytes;
  REQUIRE(e.offset + e.length <= bytes.size());
  CHECK(Bytes(bytes.begin() + static_cast<long>(e.offset), bytes.begin() + static_cast<long>(e.offset + e.length)) == e.bytes);
  CHECK_FALSE(e.text.empty());
}

}  // namespace

TEST_CASE("the default HTTPS server, stapling a good OCSP response, gets an A with no findings") {
  const AuditReport report = audit_scenario(scenario_with({}));
  CHECK(report.findings.empty());
  CHECK(report.grade == 'A');
  REQUIRE(report.runs.size() == 2);  // TLS 1.3 only: no TLS 1.2 probes; HTTP: the port-80 visit
  CHECK(report.runs[0].name == "main");
  CHECK(report.runs[0].transcript.handshake_complete);
  CHECK(report.runs[1].name == "port-80");
  CHECK(report.not_graded.empty());  // OCSP stapling is graded; client certificates are reported as client-auth
}

TEST_CASE("no-ocsp-staple: the client asks, the server staples nothing: low, over where the staple would be") {
  const AuditReport tls13 = audit_scenario(scenario_with({{"ocsp", "off"}}));
  CHECK(ids(tls13) == std::vector<std::string>{"no-ocsp-staple"});
  CHECK(tls13.grade == 'B');
  const Finding* f = finding(tls13, "no-ocsp-staple");
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::low);
  CHECK(f->rule.rfind("RFC 9325 §7.5:", 0) == 0);
  CHECK(f->evidence.run == "main");
  CHECK(f->evidence.in_plaintext);                   // the decrypted Certificate message
  CHECK(f->evidence.bytes == Bytes{0x00, 0x00});     // the leaf's CertificateEntry: no extensions at all
  CHECK_THAT(f->evidence.text, Catch::Contains("status_request in its ClientHello (step 1)"));
  check_evidence(tls13, f->evidence);

  const AuditReport tls12 = audit_scenario(scenario_with({{"ocsp", "off"}, {"version", "1.2"}, {"ciphers", "ECDHE+AESGCM"}}));
  const Finding* g = finding(tls12, "no-ocsp-staple");
  REQUIRE(g != nullptr);
  CHECK_FALSE(g->evidence.in_plaintext);  // the ServerHello's extensions, in the clear
  CHECK_THAT(g->evidence.text, Catch::Contains("no CertificateStatus"));
  check_evidence(tls12, g->evidence);
}

TEST_CASE("bad-ocsp-staple: a revoked, unknown or expired staple is high, over the field the client refused") {
  struct Case {
    const char* value;
    std::uint8_t first_byte;  // certStatus revoked [1] / unknown [2]; nextUpdate [0] EXPLICIT
  };
  for (const Case& c : {Case{"revoked", 0xa1}, Case{"unknown", 0x82}, Case{"expired", 0xa0}}) {
    INFO(c.value);
    const AuditReport report = audit_scenario(scenario_with({{"ocsp", c.value}}));
    const Finding* f = finding(report, "bad-ocsp-staple");
    REQUIRE(f != nullptr);
    CHECK(f->severity == Severity::high);
    CHECK(report.grade == 'D');
    CHECK(finding(report, "no-ocsp-staple") == nullptr);  // a staple came; the client refused it
    REQUIRE_FALSE(f->evidence.bytes.empty());
    CHECK(f->evidence.bytes[0] == c.first_byte);
    CHECK_THAT(f->evidence.text, Catch::Contains(std::string("the client found it ") + c.value));
    check_evidence(report, f->evidence);
  }
  CHECK(finding(audit_scenario(scenario_with({})), "bad-ocsp-staple") == nullptr);
}

TEST_CASE("grade: F any critical, D/C/B by the worst severity, A none") {
  auto with = [](std::initializer_list<Severity> severities) {
    std::vector<Finding> findings;
    for (Severity s : severities) findings.push_back(Finding{"x", s, "r", {}});
    return grade_for(findings);
  };
  CHECK(with({}) == 'A');
  CHECK(with({Severity::low}) == 'B');
  CHECK(with({Severity::low, Severity::medium}) == 'C');
  CHECK(with({Severity::high, Severity::low}) == 'D');
  CHECK(with({Severity::medium, Severity::critical}) == 'F');
  CHECK(with({Severity::info}) == 'A');  // reported, never graded
  CHECK(with({Severity::info, Severity::low}) == 'B');
}

TEST_CASE("the rule table: unique ids, every rule cites its source") {
  std::vector<std::string> seen;
  for (const RuleInfo& rule : audit_rules()) {
    CHECK(std::find(seen.begin(), seen.end(), rule.id) == seen.end());
    seen.push_back(rule.id);
    const std::string text = rule.rule;
    CHECK((text.find("RFC ") != std::string::npos || text.find("Baseline Requirements") != std::string::npos));
  }
  CHECK(seen.size() >= 12);
}

TEST_CASE("legacy-version: a server that allows TLS 1.0-1.1 answers an old client with a 0x0302 ServerHello") {
  const AuditReport bad = audit_scenario(scenario_with({{"server-versions", "1.0-1.3"}}));
  const Finding* f = finding(bad, "legacy-version");
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::critical);
  CHECK(bad.grade == 'F');
  CHECK(f->evidence.run == "legacy");
  CHECK(f->evidence.bytes == Bytes{0x03, 0x02});  // the old client offers 1.0 and 1.1: the server takes 1.1
  check_evidence(bad, f->evidence);
  const AuditReport only_10 = audit_scenario(scenario_with({{"server-versions", "1.0-1.0"}}));
  const Finding* f10 = finding(only_10, "legacy-version");
  REQUIRE(f10 != nullptr);
  CHECK(f10->evidence.bytes == Bytes{0x03, 0x01});

  const AuditReport good = audit_scenario(scenario_with({{"server-versions", "1.2-1.3"}}));
  CHECK(finding(good, "legacy-version") == nullptr);
  CHECK(std::none_of(good.runs.begin(), good.runs.end(), [](const AuditRun& r) { return r.name == "legacy"; }));
}

TEST_CASE("no-tls13: a TLS 1.2-only server; cbc-suite and static-rsa need their suites") {
  const AuditReport report = audit_scenario(scenario_with({{"version", "1.2"}, {"ciphers", "ECDHE+AESGCM"}}));
  CHECK(ids(report) == std::vector<std::string>{"no-tls13"});
  CHECK(report.grade == 'B');
  const Finding* f = finding(report, "no-tls13");
  REQUIRE(f != nullptr);
  CHECK(f->evidence.bytes == Bytes{0x03, 0x03});
  check_evidence(report, f->evidence);
  CHECK(finding(audit_scenario(scenario_with({{"version", "1.3"}})), "no-tls13") == nullptr);
}

TEST_CASE("cbc-suite: the server accepts a CBC suite when the client offers only those") {
  const AuditReport bad = audit_scenario(scenario_with({{"version", "1.2"}, {"ciphers", "ECDHE+AESGCM:ECDHE+AES"}}));
  const Finding* f = finding(bad, "cbc-suite");
  REQUIRE(f != nullptr);
  CHECK(f->evidence.run == "cbc");  // the main run still negotiated AES-GCM
  CHECK(f->evidence.text.find("CBC") != std::string::npos);
  CHECK(f->evidence.text.find("no encrypt_then_mac") != std::string::npos);
  check_evidence(bad, f->evidence);
  CHECK(finding(audit_scenario(scenario_with({{"version", "1.2"}, {"ciphers", "ECDHE+AESGCM"}})), "cbc-suite") == nullptr);
}

TEST_CASE("cbc-suite: CBC with encrypt_then_mac is what RFC 9325 §4.2 allows; the finding is the probe without it") {
  // Only CBC suites: the main run's standard client offers encrypt_then_mac and gets CBC with it.
  const AuditReport report = audit_scenario(scenario_with({{"version", "1.2"}, {"ciphers", "ECDHE+AES+SHA384"}}));
  const auto main_hello = hl::audit::server_hello(report.runs.front().transcript);
  REQUIRE(main_hello);
  CHECK(hl::wire::suite_traits(main_hello->suite).cipher == hl::wire::RecordCipher::cbc);
  CHECK(hl::audit::has_extension(*main_hello, 22));
  const Finding* f = finding(report, "cbc-suite");
  REQUIRE(f != nullptr);
  CHECK(f->evidence.run == "cbc");  // not "main": CBC with encrypt_then_mac is no finding
  const auto probe = std::find_if(report.runs.begin(), report.runs.end(), [](const AuditRun& r) { return r.name == "cbc"; });
  REQUIRE(probe != report.runs.end());
  const auto probe_hello = hl::audit::server_hello(probe->transcript);
  REQUIRE(probe_hello);
  CHECK_FALSE(hl::audit::has_extension(*probe_hello, 22));
}

TEST_CASE("static-rsa: an RSA certificate with OpenSSL's default TLS 1.2 list accepts RSA key transport") {
  const AuditReport bad = audit_scenario(scenario_with({{"version", "1.2"}, {"cert", "rsa-2048"}}));
  const Finding* f = finding(bad, "static-rsa");
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::high);
  CHECK(f->evidence.run == "static-rsa");
  CHECK(f->evidence.text.find("TLS_RSA_WITH_") != std::string::npos);
  check_evidence(bad, f->evidence);
  // An ECDSA certificate cannot do RSA key transport; nor can a list without it.
  CHECK(finding(audit_scenario(scenario_with({{"version", "1.2"}})), "static-rsa") == nullptr);
  CHECK(finding(audit_scenario(scenario_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE+AESGCM"}})),
                "static-rsa") == nullptr);
}

TEST_CASE("weak-key: an RSA-1024 leaf, its subjectPublicKeyInfo as evidence") {
  const AuditReport bad = audit_scenario(scenario_with({{"cert-fault", "weak-key"}}));
  const Finding* f = finding(bad, "weak-key");
  REQUIRE(f != nullptr);
  CHECK(f->evidence.text.find("RSA 1024") != std::string::npos);
  REQUIRE(f->evidence.bytes.size() > 128);
  CHECK(f->evidence.bytes[0] == 0x30);  // a DER SEQUENCE
  check_evidence(bad, f->evidence);
  CHECK(finding(audit_scenario(scenario_with({{"cert", "rsa-2048"}})), "weak-key") == nullptr);
}

TEST_CASE("cert-time: expired and not yet valid leaves; cert-rejected stays for other failures") {
  for (const char* fault : {"expired", "not-yet-valid"}) {
    DYNAMIC_SECTION(fault) {
      const AuditReport bad = audit_scenario(scenario_with({{"cert-fault", fault}}));
      const Finding* f = finding(bad, "cert-time");
      REQUIRE(f != nullptr);
      CHECK(f->evidence.text.find(std::string(fault) == "expired" ? "EXPIRED" : "NOT_YET_VALID") != std::string::npos);
      check_evidence(bad, f->evidence);
      CHECK(finding(bad, "cert-rejected") == nullptr);
    }
  }
  const AuditReport wrong = audit_scenario(scenario_with({{"cert-fault", "wrong-host"}}));
  const Finding* rejected = finding(wrong, "cert-rejected");
  REQUIRE(rejected != nullptr);
  CHECK(rejected->evidence.text.find("HOSTNAME_MISMATCH") != std::string::npos);
  CHECK(wrong.grade == 'F');
  const AuditReport fine = audit_scenario(scenario_with({}));
  CHECK(finding(fine, "cert-time") == nullptr);
  CHECK(finding(fine, "cert-rejected") == nullptr);
}

TEST_CASE("cert-lifetime: longer than the Baseline Requirements allow on the day of issue") {
  const AuditReport bad = audit_scenario(scenario_with({{"cert-days", "825"}}));
  const Finding* f = finding(bad, "cert-lifetime");
  REQUIRE(f != nullptr);
  CHECK(f->evidence.text.find("days") != std::string::npos);
  CHECK(f->evidence.bytes.size() >= 26);  // two times, each at least 13 bytes of UTCTime
  check_evidence(bad, f->evidence);
  // The default clock is 2026-09-21: issued after 2026-03-15, so 200 days at most.
  const AuditReport year_report = audit_scenario(scenario_with({{"cert-days", "365"}}));
  const Finding* year = finding(year_report, "cert-lifetime");  // points into year_report: keep the report alive
  REQUIRE(year != nullptr);
  CHECK(year->evidence.text.find("the limit for one issued from 2026-03-15 is 200 days") != std::string::npos);
  CHECK(finding(audit_scenario(scenario_with({{"cert-days", "199"}})), "cert-lifetime") == nullptr);
  // Issued in 2023, a year was still allowed (398 days), and 400 was not.
  CHECK(finding(audit_scenario(scenario_with({{"cert-days", "365"}, {"clock", "1700000000"}})), "cert-lifetime") == nullptr);
  const AuditReport old_report = audit_scenario(scenario_with({{"cert-days", "400"}, {"clock", "1700000000"}}));
  const Finding* old = finding(old_report, "cert-lifetime");
  REQUIRE(old != nullptr);
  CHECK(old->evidence.text.find("the limit is 398 days") != std::string::npos);
  // Issued in 2030: 47 days.
  CHECK(finding(audit_scenario(scenario_with({{"cert-days", "60"}, {"clock", "1900000000"}})), "cert-lifetime") != nullptr);
}

TEST_CASE("no-hsts, cookie-not-secure: the HTTPS response's headers, in the decrypted plaintext") {
  const AuditReport bad = audit_scenario(scenario_with({{"hsts", "off"}, {"cookie-secure", "off"}}));
  const Finding* hsts = finding(bad, "no-hsts");
  REQUIRE(hsts != nullptr);
  CHECK(hsts->evidence.in_plaintext);
  const std::string head(hsts->evidence.bytes.begin(), hsts->evidence.bytes.end());
  CHECK(head.rfind("HTTP/1.1 200 OK\r\n", 0) == 0);
  CHECK(head.find("Strict-Transport-Security") == std::string::npos);
  check_evidence(bad, hsts->evidence);
  const Finding* cookie = finding(bad, "cookie-not-secure");
  REQUIRE(cookie != nullptr);
  CHECK(std::string(cookie->evidence.bytes.begin(), cookie->evidence.bytes.end()).rfind("Set-Cookie: session=", 0) == 0);
  check_evidence(bad, cookie->evidence);
  CHECK(bad.grade == 'D');
}

TEST_CASE("no-redirect: port 80 serves the page in the clear") {
  const AuditReport bad = audit_scenario(scenario_with({{"redirect", "off"}}));
  const Finding* f = finding(bad, "no-redirect");
  REQUIRE(f != nullptr);
  CHECK(f->evidence.run == "port-80");
  CHECK(std::string(f->evidence.bytes.begin(), f->evidence.bytes.end()) == "HTTP/1.1 200 OK");
  check_evidence(bad, f->evidence);
  CHECK(ids(bad) == std::vector<std::string>{"no-redirect"});
}

TEST_CASE("hsts and redirect settings change the HTTP dialogue") {
  auto server_text = [](const Transcript& t) {
    std::string text;
    for (const Step& step : t.steps)
      if (step.from == Side::server && (step.kind == StepKind::app_line || step.inner_type == 23))
        text += std::string(step.kind == StepKind::app_line ? step.bytes.begin() : step.plaintext.begin(),
                            step.kind == StepKind::app_line ? step.bytes.end() : step.plaintext.end());
    return text;
  };
  CHECK(server_text(run_scenario(scenario_with({}))).find("Strict-Transport-Security: max-age=") != std::string::npos);
  CHECK(server_text(run_scenario(scenario_with({{"hsts", "off"}}))).find("Strict-Transport-Security") == std::string::npos);
  const std::string redirect = server_text(run_scenario(scenario_with({{"mode", "plaintext"}, {"port", "80"}})));
  CHECK(redirect.rfind("HTTP/1.1 301 Moved Permanently\r\nLocation: https://", 0) == 0);
  const std::string page = server_text(run_scenario(scenario_with({{"mode", "plaintext"}, {"port", "80"}, {"redirect", "off"}})));
  CHECK(page.rfind("HTTP/1.1 200 OK", 0) == 0);
  CHECK(page.find("Strict-Transport-Security") == std::string::npos);  // RFC 6797 §7.2: never over plain HTTP
  Scenario s;
  CHECK_FALSE(set_scenario_field(s, "hsts", "maybe").empty());
  CHECK_FALSE(set_scenario_field(s, "redirect", "").empty());
  CHECK(scenario_value(s, "hsts") == "on");
  CHECK(scenario_value(s, "redirect") == "on");
}

TEST_CASE("no-ems: a TLS 1.2 ServerHello without extended_master_secret") {
  // The lab's server always supports it; a client that does not offer it shows what a server without it answers.
  const Scenario base = scenario_with({{"version", "1.2"}});
  std::vector<AuditRun> runs;
  runs.push_back({"main", "", run_scenario(base)});
  Scenario no_ems = base;
  no_ems.ems = false;
  runs.push_back({"tls12", "", run_scenario(no_ems)});
  const AuditReport bad = grade_runs(runs, {});
  const Finding* f = finding(bad, "no-ems");
  REQUIRE(f != nullptr);
  check_evidence(bad, f->evidence);
  runs[1].transcript = run_scenario(base);
  CHECK(finding(grade_runs(runs, {}), "no-ems") == nullptr);
}

TEST_CASE("server_hello(): bad input gives nullopt, never a read past the end") {
  const Transcript good = run_scenario(scenario_with({{"version", "1.2"}}));
  const auto hello = server_hello(good);
  REQUIRE(hello.has_value());
  CHECK(hello->version == 0x0303);
  const Step& original = good.steps[hello->step_index];
  auto with_bytes = [&](Bytes bytes) {
    Transcript t;
    Step step = original;
    step.bytes = std::move(bytes);
    t.steps.push_back(step);
    return t;
  };
  for (std::size_t cut : {std::size_t{0}, std::size_t{5}, std::size_t{9}, std::size_t{43}, std::size_t{45}})
    CHECK_FALSE(server_hello(with_bytes(Bytes(original.bytes.begin(), original.bytes.begin() + static_cast<long>(cut)))));
  Bytes overlong_sid = original.bytes;
  overlong_sid[43] = 0xFF;
  CHECK_FALSE(server_hello(with_bytes(overlong_sid)));
  Bytes not_hello = original.bytes;
  not_hello[5] = 1;  // a ClientHello type byte
  CHECK_FALSE(server_hello(with_bytes(not_hello)));
  Bytes cut_extensions(original.bytes.begin(), original.bytes.end() - 1);  // the last extension cut short
  const auto partial = server_hello(with_bytes(cut_extensions));
  REQUIRE(partial.has_value());
  CHECK(partial->extensions.size() < hello->extensions.size());
}

TEST_CASE("report_to_json: {grade, findings: [{id, severity, rule, step, evidence}]}") {
  const AuditReport report = audit_scenario(scenario_with({{"hsts", "off"}}));
  const nlohmann::json json = report_to_json(report);
  CHECK(json.at("grade") == "D");
  REQUIRE(json.at("findings").size() == 1);
  const auto& f = json.at("findings")[0];
  CHECK(f.at("id") == "no-hsts");
  CHECK(f.at("severity") == "high");
  CHECK(f.at("rule").get<std::string>().find("RFC 9325") != std::string::npos);
  CHECK(f.at("step").is_number_unsigned());
  for (const char* key : {"run", "in", "offset", "length", "bytes", "text"}) CHECK(f.at("evidence").contains(key));
  CHECK(f.at("evidence").at("in") == "plaintext");
  CHECK(json.at("runs").size() == report.runs.size());
  CHECK(json.at("not_graded").empty());
  const std::string text = report_to_text(report, "heading");
  CHECK(text.find("Grade D (1 finding)") != std::string::npos);
  CHECK(text.find("[high] no-hsts") != std::string::npos);
}
