// Client certificates (mutual TLS) between the real endpoints, for each client-cert value and
// version: the server's CertificateRequest, the client's Certificate and CertificateVerify, the
// server's check of the client chain, certificate_required when the client has none (RFC 8446
// §4.4.2.4), TLS 1.3 post-handshake authentication (§4.6.2), and what JSON, the eavesdropper and
// the audit make of them.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/audit/audit_format.hpp"
#include "core/audit/scenario_audit.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/engine/scenario_checks.hpp"
#include "core/export/eavesdropper.hpp"
#include "core/export/trace_json.hpp"
#include "core/model/flows.hpp"
#include "core/wire/decode.hpp"
#include "support/seeded_scenario.hpp"

using namespace hl;

namespace {

constexpr int kHandshakeFailure = 40;
constexpr int kCertificateRequired = 116;
const std::string kClientSubject = "CN=service-a.example.com,O=Handshake Lab Demo";

Scenario https_with(std::initializer_list<std::pair<const char*, std::string>> settings) {
  return hl::test::seeded_scenario(11, settings);
}

// The index of the first record step `from` sent that carries a handshake message of `type`; npos if none.
std::size_t record_with(const Transcript& t, Side from, HandshakeType type, std::size_t after = 0) {
  for (std::size_t i = after; i < t.steps.size(); ++i)
    if (t.steps[i].kind == StepKind::record && sender_role(t.steps[i]) == from && carries(t.steps[i], type)) return i;
  return std::string::npos;
}

const Field* find_field(const std::vector<Field>& fields, const std::string& name) {
  for (const auto& field : fields) {
    if (field.name == name) return &field;
    if (const Field* inner = find_field(field.children, name)) return inner;
  }
  return nullptr;
}

// The decoded handshake messages of one sender and type, in order.
std::vector<wire::HandshakeMessage> messages(const Transcript& t, Side from, HandshakeType type) {
  std::vector<wire::HandshakeMessage> out;
  for (auto& message : wire::handshake_messages(t))
    if (message.from == from && !message.bytes.empty() && message.bytes[0] == static_cast<std::uint8_t>(type))
      out.push_back(std::move(message));
  return out;
}

// Every check the server made of the client's chain, as (depth, subject, ok).
std::vector<VerifyResult> server_checks(const Transcript& t) {
  std::vector<VerifyResult> out;
  for (const auto& step : t.steps)
    for (const auto& part : step.parts)
      if (step.from == Side::server && part.kind == EventKind::verify) out.push_back(part.verify);
  return out;
}

void check_flow_matches(const Transcript& t) {
  const flows::Match match = flows::pick(t);
  REQUIRE(match.flow != nullptr);
  CHECK_FALSE(match.unexpected.has_value());
  CHECK(match.complete);
}

}  // namespace

TEST_CASE("client-cert reads back, lists its values in --help, and is off by default") {
  Scenario s;
  CHECK(s.client_cert == ClientCert::off);
  CHECK(scenario_value(s, "client-cert") == "off");
  for (const char* value : {"on", "required-missing", "post-handshake", "off"}) {
    REQUIRE(set_scenario_field(s, "client-cert", value).empty());
    CHECK(scenario_value(s, "client-cert") == value);
  }
  CHECK_THAT(set_scenario_field(s, "client-cert", "maybe"), Catch::Contains("on | required-missing | post-handshake"));
  const auto& keys = scenario_keys();
  auto key = std::find_if(keys.begin(), keys.end(), [](const ScenarioKey& k) { return std::string(k.name) == "client-cert"; });
  REQUIRE(key != keys.end());
  CHECK_THAT(key->help, Catch::Contains("certificate_required"));
  CHECK(scenario_choices("client-cert").size() == 4);
}

TEST_CASE("client-cert=off: no CertificateRequest, no client certificate") {
  for (const char* version : {"1.3", "1.2"}) {
    INFO(version);
    const Transcript t = run_scenario(https_with({{"version", version}}));
    CHECK(t.handshake_complete);
    CHECK(record_with(t, Side::server, HandshakeType::certificate_request) == std::string::npos);
    CHECK(record_with(t, Side::client, HandshakeType::certificate) == std::string::npos);
    CHECK(t.negotiated.client_certificate.empty());
    CHECK(server_checks(t).empty());
  }
}

TEST_CASE("client-cert=on: the client proves who it is and the server checks its chain") {
  for (const char* version : {"1.3", "1.2"}) {
    INFO(version);
    const Transcript t = run_scenario(https_with({{"version", version}, {"client-cert", "on"}}));
    INFO(t.failure);
    REQUIRE(t.handshake_complete);
    CHECK(t.failure.empty());
    CHECK(t.negotiated.client_certificate == kClientSubject);
    check_flow_matches(t);

    // The server asks in its first flight, before its Finished (1.3) or ServerHelloDone (1.2).
    const std::size_t request = record_with(t, Side::server, HandshakeType::certificate_request);
    REQUIRE(request != std::string::npos);
    const auto requests = messages(t, Side::server, HandshakeType::certificate_request);
    REQUIRE(requests.size() == 1);
    const Field* authorities = find_field(requests[0].tree.children, "authorities");
    if (!authorities) authorities = find_field(requests[0].tree.children, "certificate_authorities");
    REQUIRE(authorities != nullptr);  // the server names the root it accepts
    if (std::string(version) == "1.3") {
      const Field* context = find_field(requests[0].tree.children, "certificate_request_context");
      REQUIRE(context != nullptr);
      CHECK(context->length == 1);  // only the length byte: empty in the handshake (§4.3.2)
    }

    // The client's Certificate names it, and its CertificateVerify follows.
    const auto certificates = messages(t, Side::client, HandshakeType::certificate);
    REQUIRE(certificates.size() == 1);
    const Field* list = find_field(certificates[0].tree.children, "certificate_list");
    REQUIRE(list != nullptr);
    CHECK(list->value == "2 certificates");  // the leaf and the intermediate CA that issued it
    CHECK(certificates[0].bytes.size() > 200);
    CHECK(messages(t, Side::client, HandshakeType::certificate_verify).size() == 1);
    const std::size_t client_certificate = record_with(t, Side::client, HandshakeType::certificate);
    const std::size_t client_verify = record_with(t, Side::client, HandshakeType::certificate_verify);
    CHECK(request < client_certificate);
    CHECK(client_certificate <= client_verify);
    // TLS 1.3 encrypts the client's Certificate; TLS 1.2 sends it before ChangeCipherSpec, in the clear.
    CHECK(t.steps[client_certificate].is_protected == (std::string(version) == "1.3"));

    // The server checked the chain from its root down to the client's leaf, and each check passed.
    const auto checks = server_checks(t);
    REQUIRE(checks.size() >= 2);
    CHECK(std::all_of(checks.begin(), checks.end(), [](const VerifyResult& r) { return r.ok; }));
    CHECK(checks.back().depth == 0);
    CHECK_THAT(checks.back().subject, Catch::Contains("service-a.example.com"));
    // The application data still flows: the server answered the request.
    CHECK(std::any_of(t.steps.begin(), t.steps.end(), [](const Step& s) {
      return s.from == Side::server && s.app_unit == "200 OK";
    }));
  }
}

TEST_CASE("client-cert=required-missing: an empty Certificate, then the server's real alert") {
  struct Case {
    const char* version;
    int alert;
    const char* name;
  };
  // TLS 1.3 has an alert for it (RFC 8446 §4.4.2.4); OpenSSL's TLS 1.2 server sends handshake_failure (RFC 5246 §7.4.6).
  for (const Case c : {Case{"1.3", kCertificateRequired, "certificate_required"}, Case{"1.2", kHandshakeFailure, "handshake_failure"}}) {
    INFO(c.version);
    const Transcript t = run_scenario(https_with({{"version", c.version}, {"client-cert", "required-missing"}}));
    CHECK_FALSE(t.handshake_complete);
    CHECK(t.negotiated.client_certificate.empty());
    const FailureCause cause = failure_cause(t);
    CHECK(cause.alert == c.alert);
    CHECK(cause.alert_name == c.name);
    CHECK(cause.alert_from == Side::server);
    // The client answered the request with a Certificate message holding no certificates.
    const auto certificates = messages(t, Side::client, HandshakeType::certificate);
    REQUIRE(certificates.size() == 1);
    const Field* list = find_field(certificates[0].tree.children, "certificate_list");
    REQUIRE(list != nullptr);
    CHECK(list->value == "0 certificates");
    CHECK(messages(t, Side::client, HandshakeType::certificate_verify).empty());
  }
}

TEST_CASE("client-cert=post-handshake: TLS 1.3 asks after the handshake, and the server then knows the client") {
  const Transcript t = run_scenario(https_with({{"client-cert", "post-handshake"}}));
  INFO(t.failure);
  REQUIRE(t.handshake_complete);
  CHECK(t.failure.empty());
  CHECK(t.negotiated.client_certificate == kClientSubject);
  check_flow_matches(t);

  // The client offered post_handshake_auth in its ClientHello (RFC 8446 §4.2.6).
  const auto hellos = messages(t, Side::client, HandshakeType::client_hello);
  REQUIRE(hellos.size() == 1);
  CHECK(find_field(hellos[0].tree.children, "Extension: post_handshake_auth") != nullptr);

  // No request in the handshake: it comes after both Finished messages.
  const std::size_t server_finished = record_with(t, Side::server, HandshakeType::finished);
  const std::size_t client_finished = record_with(t, Side::client, HandshakeType::finished);
  const std::size_t request = record_with(t, Side::server, HandshakeType::certificate_request);
  REQUIRE(request != std::string::npos);
  CHECK(request > server_finished);
  CHECK(request > client_finished);
  CHECK(t.steps[request].is_protected);
  const auto requests = messages(t, Side::server, HandshakeType::certificate_request);
  REQUIRE(requests.size() == 1);
  const Field* context = find_field(requests[0].tree.children, "certificate_request_context");
  REQUIRE(context != nullptr);
  CHECK(context->length > 1);  // a non-empty context, echoed by the client's Certificate

  // The client answers with Certificate, CertificateVerify and a second Finished, all encrypted.
  const std::size_t certificate = record_with(t, Side::client, HandshakeType::certificate, request);
  const std::size_t verify = record_with(t, Side::client, HandshakeType::certificate_verify, request);
  const std::size_t finished = record_with(t, Side::client, HandshakeType::finished, request);
  REQUIRE(certificate != std::string::npos);
  REQUIRE(verify != std::string::npos);
  REQUIRE(finished != std::string::npos);
  CHECK(certificate <= verify);
  CHECK(verify <= finished);
  for (std::size_t i : {certificate, verify, finished}) CHECK(t.steps[i].is_protected);
  const auto certificates = messages(t, Side::client, HandshakeType::certificate);
  REQUIRE(certificates.size() == 1);
  const Field* echoed = find_field(certificates[0].tree.children, "certificate_request_context");
  REQUIRE(echoed != nullptr);
  CHECK(echoed->value == context->value);

  // The server checked the chain after the handshake, and the application data went on.
  const auto checks = server_checks(t);
  REQUIRE_FALSE(checks.empty());
  CHECK(checks.back().ok);
  CHECK(std::any_of(t.steps.begin(), t.steps.end(), [](const Step& s) {
    return s.from == Side::server && s.app_unit == "200 OK";
  }));
}

TEST_CASE("client-cert=post-handshake with TLS 1.2 is refused, naming the version") {
  Scenario s;
  REQUIRE(set_scenario_field(s, "version", "1.2").empty());
  REQUIRE(set_scenario_field(s, "client-cert", "post-handshake").empty());
  const std::string why = scenario_refusal(s);
  CHECK_THAT(why, Catch::Contains("client-cert=post-handshake"));
  CHECK_THAT(why, Catch::Contains("TLS 1.3"));
  const Transcript t = run_scenario(s);
  CHECK(t.rejected);
  CHECK_FALSE(t.handshake_complete);
  // A client that allows only TLS 1.2 is refused too, whatever `version` says.
  Scenario capped;
  REQUIRE(set_scenario_field(capped, "client-cert", "post-handshake").empty());
  REQUIRE(set_scenario_field(capped, "client-versions", "1.2").empty());
  CHECK_FALSE(scenario_refusal(capped).empty());
}

TEST_CASE("seeded client-certificate runs are byte-identical") {
  for (const char* value : {"on", "post-handshake"}) {
    INFO(value);
    const Scenario s = https_with({{"client-cert", value}});
    const Transcript a = run_scenario(s);
    const Transcript b = run_scenario(s);
    REQUIRE(a.steps.size() == b.steps.size());
    for (std::size_t i = 0; i < a.steps.size(); ++i) CHECK(a.steps[i].bytes == b.steps[i].bytes);
  }
}

TEST_CASE("JSON: negotiated.client_certificate is the client leaf's subject, or null") {
  const TraceHeading heading{"https-443", true, 11};
  const auto on = trace_to_json(run_scenario(https_with({{"client-cert", "on"}})), heading);
  CHECK(on["negotiated"]["client_certificate"] == kClientSubject);
  const auto off = trace_to_json(run_scenario(https_with({})), heading);
  CHECK(off["negotiated"]["client_certificate"].is_null());
  const auto missing = trace_to_json(run_scenario(https_with({{"client-cert", "required-missing"}})), heading);
  CHECK(missing["negotiated"]["client_certificate"].is_null());
}

TEST_CASE("the eavesdropper reads the client's identity in TLS 1.2 and nothing of it in TLS 1.3") {
  const EavesdropperView tls12 = eavesdropper_view(run_scenario(https_with({{"version", "1.2"}, {"client-cert", "on"}})));
  CHECK_THAT(tls12.client_identity, Catch::Contains("service-a.example.com"));
  CHECK_FALSE(tls12.client_identity_hidden);
  const std::string text12 = eavesdropper_to_text(tls12);
  CHECK_THAT(text12, Catch::Contains("Client identity seen in the clear"));
  CHECK_THAT(text12, Catch::Contains("client certificate (unencrypted): CN=service-a.example.com"));
  CHECK(eavesdropper_to_json(tls12)["client_identity"] == tls12.client_identity);

  const EavesdropperView tls13 = eavesdropper_view(run_scenario(https_with({{"client-cert", "on"}})));
  CHECK(tls13.client_identity.empty());
  CHECK(tls13.client_identity_hidden);
  const std::string text13 = eavesdropper_to_text(tls13);
  CHECK(text13.find("service-a") == std::string::npos);
  CHECK_THAT(text13, Catch::Contains("learns nothing of whose it is"));
  CHECK(eavesdropper_to_json(tls13)["client_identity"].is_null());

  // Without client authentication there is nothing to say.
  const EavesdropperView none = eavesdropper_view(run_scenario(https_with({{"version", "1.2"}})));
  CHECK(none.client_identity.empty());
  CHECK_FALSE(none.client_identity_hidden);
  CHECK(eavesdropper_to_text(none).find("Client identity") == std::string::npos);
}

TEST_CASE("the audit reports client authentication without grading it") {
  using namespace hl::audit;
  const auto finding = [](const AuditReport& report) -> const Finding* {
    for (const Finding& f : report.findings)
      if (f.id == "client-auth") return &f;
    return nullptr;
  };
  Scenario base;
  base.version = TlsVersion::tls13;
  const AuditReport plain = audit_scenario(base);
  CHECK(finding(plain) == nullptr);

  Scenario on = base;
  on.client_cert = ClientCert::on;
  const AuditReport mutual = audit_scenario(on);
  const Finding* f = finding(mutual);
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::info);
  CHECK(mutual.grade == plain.grade);  // reported, not graded
  // The text counts it apart from the graded findings, which are the plain run's: no "Grade A (1 finding)"
  // that reads as a contradiction.
  const std::size_t graded = plain.findings.size();
  const std::string counted = "(" + std::to_string(graded) + (graded == 1 ? " finding" : " findings") +
                              "; 1 note for information, not graded)";
  CHECK_THAT(report_to_text(mutual, "heading"), Catch::Contains(counted));
  CHECK_THAT(report_to_text(plain, "heading"), !Catch::Contains("for information"));
  CHECK_THAT(f->evidence.text, Catch::Contains("in the handshake"));
  CHECK(f->evidence.in_plaintext);  // TLS 1.3: the request is inside an encrypted record
  REQUIRE(f->evidence.bytes.size() > 4);
  CHECK(f->evidence.bytes[0] == static_cast<std::uint8_t>(HandshakeType::certificate_request));
  CHECK(std::none_of(mutual.not_graded.begin(), mutual.not_graded.end(),
                     [](const std::string& line) { return line.find("client certificates") != std::string::npos; }));

  Scenario after = base;
  after.client_cert = ClientCert::post_handshake;
  const AuditReport asked_late = audit_scenario(after);  // kept alive: the Finding points into it
  const Finding* late = finding(asked_late);
  REQUIRE(late != nullptr);
  CHECK_THAT(late->evidence.text, Catch::Contains("after the handshake"));

  Scenario missing = base;
  missing.client_cert = ClientCert::required_missing;
  const AuditReport refused = audit_scenario(missing);
  const Finding* r = finding(refused);
  REQUIRE(r != nullptr);
  CHECK_THAT(r->evidence.text, Catch::Contains("certificate_required (116)"));
  CHECK(std::any_of(refused.not_graded.begin(), refused.not_graded.end(),
                    [](const std::string& line) { return line.find("no client certificate") != std::string::npos; }));

  CHECK(grade_for({Finding{"client-auth", Severity::info, "", {}}}) == 'A');
  CHECK(std::string(severity_name(Severity::info)) == "info");
}
