// The lessons' claims about what happens in a run, checked against the real runs: a claim a
// student could quote ("the record after ServerHello is ChangeCipherSpec") must be true here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/model/flows.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/check.hpp"
#include "core/lessons/known_rfcs.hpp"
#include "core/lessons/loader.hpp"

namespace {

const hl::LessonLibrary& library() {
  static const hl::LessonLibrary loaded = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  return loaded;
}

const hl::Lesson& lesson(const std::string& id) {
  const hl::Lesson* found = hl::find_lesson(library(), id);
  REQUIRE(found != nullptr);
  return *found;
}

hl::Transcript run(const hl::Lesson& lesson, bool starttls = true) {
  hl::Scenario scenario = lesson.scenario;
  scenario.seed = 11;
  scenario.starttls = starttls;
  return hl::run_scenario(scenario);
}

bool is_record(const hl::Step& step) { return step.kind == hl::StepKind::record; }

std::string text_of(const hl::Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

// Index of the first step from `side` that a step reference names ("ClientHello", "a2 LOGIN"), or npos.
std::size_t index_of(const hl::Transcript& t, hl::Side side, const std::string& ref, hl::StepKind kind) {
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    if (t.steps[i].from == side && hl::step_matches(t.steps[i], ref) && t.steps[i].kind == kind) return i;
  return std::string::npos;
}

// Index of the first secret event whose key log line starts with label, from side.
std::size_t secret_index(const hl::Transcript& t, hl::Side side, const std::string& label) {
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    for (const auto& part : t.steps[i].parts)  // a grouped step holds every secret it derived
      if (part.kind == hl::EventKind::secret && t.steps[i].from == side && part.keylog_line.starts_with(label + " "))
        return i;
  return std::string::npos;
}

}  // namespace

TEST_CASE("TLS 1.3 lessons: the record after ServerHello is a plaintext ChangeCipherSpec, every later handshake message encrypted") {
  for (const auto& l : library().lessons) {
    if (l.mode == hl::PortMode::plaintext || l.scenario.version != hl::TlsVersion::tls13) continue;
    // A client that gives up before its Finished sends its alert in the clear (cert-failures,
    // and mitm, where it refuses Mallory's certificate).
    if (l.scenario.cert.fault != hl::CertFault::none || l.scenario.attack == hl::Attack::mitm) continue;
    if (!hl::expected_outcome(l.scenario).tls) continue;  // stripped on purpose: no TLS at all
    INFO(l.id);
    hl::Transcript t = run(l);
    // Each connection of the run (a resumed lesson has two) makes the same claim.
    for (int connection : hl::flows::connections_of(t)) {
      INFO("connection " << connection);
      auto of_connection = [connection](const hl::Step& s) { return is_record(s) && s.connection == connection; };
      auto hello = std::find_if(t.steps.begin(), t.steps.end(), [&](const hl::Step& s) {
        return of_connection(s) && hl::carries(s, hl::HandshakeType::server_hello);
      });
      REQUIRE(hello != t.steps.end());
      auto next = std::find_if(hello + 1, t.steps.end(), of_connection);
      REQUIRE(next != t.steps.end());
      CHECK(next->from == hl::Side::server);
      CHECK(hl::step_matches(*next, "ChangeCipherSpec"));
      CHECK_FALSE(next->is_protected);
      REQUIRE(next->bytes.size() == 6);
      CHECK(next->bytes[0] == 20);  // content type change_cipher_spec, in the clear (RFC 8446 §5)
      CHECK(next->bytes[5] == 1);
      // The client's dummy ChangeCipherSpec is plaintext too; everything else after ServerHello is protected.
      for (auto it = next + 1; it != t.steps.end(); ++it) {
        if (!of_connection(*it)) continue;
        INFO(it->title);
        if (hl::step_matches(*it, "ChangeCipherSpec")) CHECK_FALSE(it->is_protected);
        else CHECK(it->is_protected);
      }
    }
  }
}

TEST_CASE("every TLS lesson sends its server name in the clear in the ClientHello, and none without SNI") {
  for (const auto& l : library().lessons) {
    if (l.mode == hl::PortMode::plaintext || !hl::expected_outcome(l.scenario).tls) continue;
    INFO(l.id);
    REQUIRE_FALSE(l.scenario.server_name.empty());
    hl::Transcript t = run(l);
    std::size_t hello = index_of(t, hl::Side::client, "ClientHello", hl::StepKind::record);
    REQUIRE(hello != std::string::npos);
    CHECK_FALSE(t.steps[hello].is_protected);
    CHECK(text_of(t.steps[hello].bytes).find(l.scenario.server_name) != std::string::npos);
  }
  // Connecting by IP address: RFC 6066 §3 sends no server_name, so the name is not in the ClientHello.
  hl::Scenario by_address = lesson("https-443").scenario;
  by_address.seed = 11;
  by_address.server_name = "";
  hl::Transcript t = hl::run_scenario(by_address);
  std::size_t hello = index_of(t, hl::Side::client, "ClientHello", hl::StepKind::record);
  REQUIRE(hello != std::string::npos);
  CHECK(text_of(t.steps[hello].bytes).find("example.com") == std::string::npos);
}

TEST_CASE("handshake lesson: the server derives its application secret before the client's Finished") {
  hl::Transcript t = run(lesson("handshake"));
  std::size_t server_secret = secret_index(t, hl::Side::server, "SERVER_TRAFFIC_SECRET_0");
  std::size_t client_finished = index_of(t, hl::Side::client, "Finished", hl::StepKind::record);
  std::size_t server_finished = index_of(t, hl::Side::server, "Finished", hl::StepKind::record);
  REQUIRE(server_secret != std::string::npos);
  REQUIRE(client_finished != std::string::npos);
  REQUIRE(server_finished != std::string::npos);
  CHECK(server_finished < client_finished);
  CHECK(server_secret < client_finished);
  CHECK(t.negotiated.cipher == "TLS_AES_256_GCM_SHA384");  // the suite the lesson names
}

TEST_CASE("key-schedule: with key-update=on, KeyUpdates cross as the lesson says, logged with a literal N") {
  hl::Scenario scenario = lesson("key-schedule").scenario;
  scenario.seed = 11;
  scenario.key_update = true;
  hl::Transcript t = hl::run_scenario(scenario);
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  std::size_t server_update = index_of(t, hl::Side::server, "KeyUpdate", hl::StepKind::record);
  std::size_t client_update = index_of(t, hl::Side::client, "KeyUpdate", hl::StepKind::record);
  REQUIRE(server_update != std::string::npos);
  REQUIRE(client_update != std::string::npos);
  CHECK(server_update < client_update);  // the server asks, the client answers
  CHECK(t.steps[server_update].plaintext.at(4) == 1);  // update_requested
  CHECK(t.steps[client_update].plaintext.at(4) == 0);  // update_not_requested
  // The client's request went before the server's KeyUpdate; the response came after it.
  std::size_t first_server_data = std::string::npos, first_client_data = std::string::npos;
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const hl::Step& step = t.steps[i];
    if (step.kind != hl::StepKind::record || step.app_unit.empty()) continue;
    if (step.from == hl::Side::server && first_server_data == std::string::npos) first_server_data = i;
    if (step.from == hl::Side::client && first_client_data == std::string::npos) first_client_data = i;
  }
  REQUIRE(first_client_data != std::string::npos);
  REQUIRE(first_server_data != std::string::npos);
  CHECK(first_client_data < server_update);
  CHECK(server_update < first_server_data);
  std::size_t updated_lines = 0;
  for (const auto& line : t.keylog) {
    CHECK(line.find("TRAFFIC_SECRET_1") == std::string::npos);
    updated_lines += line.starts_with("SERVER_TRAFFIC_SECRET_N ") || line.starts_with("CLIENT_TRAFFIC_SECRET_N ");
  }
  CHECK(updated_lines == 2);  // one per direction: the lines are deduplicated, and both sides log the same value
}

TEST_CASE("record-protection: close=notify sends two 24-byte encrypted close_notify records, close=cut an unexpected EOF") {
  hl::Scenario scenario = lesson("record-protection").scenario;
  scenario.seed = 11;
  scenario.close = hl::CloseMode::notify;
  hl::Transcript t = hl::run_scenario(scenario);
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  std::vector<const hl::Step*> alerts;
  for (const auto& step : t.steps)
    if (step.kind == hl::StepKind::record && step.inner_type == 21) alerts.push_back(&step);
  REQUIRE(alerts.size() == 2);
  CHECK(alerts[0]->from == hl::Side::client);  // after the HTTP response, the client first
  CHECK(alerts[1]->from == hl::Side::server);  // and the server answers
  for (const hl::Step* alert : alerts) {
    CHECK(alert->bytes.size() == 24);    // 5-byte header + 2 alert bytes + inner type + 16-byte tag
    CHECK(alert->bytes[0] == 23);        // the header says application_data
    CHECK(alert->plaintext.at(1) == 0);  // close_notify
    CHECK(alert->plaintext.at(2) == 21); // the inner type: alert
  }
  scenario.close = hl::CloseMode::cut;
  t = hl::run_scenario(scenario);
  CHECK(t.failure.find("unexpected eof while reading") != std::string::npos);
  for (const auto& step : t.steps)
    if (step.kind == hl::StepKind::record && step.inner_type == 21) CHECK(step.plaintext.at(1) != 0);
}

TEST_CASE("tls12-vs-tls13: the TLS 1.2 NewSessionTicket and Certificate cross in the clear") {
  hl::Transcript t = run(lesson("tls12-vs-tls13"));
  REQUIRE(t.negotiated.version == "TLSv1.2");
  for (const char* title : {"Certificate", "NewSessionTicket"}) {
    INFO(title);
    std::size_t index = index_of(t, hl::Side::server, title, hl::StepKind::record);
    REQUIRE(index != std::string::npos);
    CHECK_FALSE(t.steps[index].is_protected);
  }
}

TEST_CASE("ldap-389: the client checks the certificate's name during the handshake, before its Finished") {
  hl::Transcript t = run(lesson("ldap-389"));
  std::size_t leaf_check = std::string::npos;
  for (std::size_t i = 0; i < t.steps.size() && leaf_check == std::string::npos; ++i)
    for (const auto& part : t.steps[i].parts)
      if (part.kind == hl::EventKind::verify && part.verify.depth == 0) leaf_check = i;
  std::size_t client_finished = index_of(t, hl::Side::client, "Finished", hl::StepKind::record);
  REQUIRE(leaf_check != std::string::npos);
  REQUIRE(client_finished != std::string::npos);
  CHECK(leaf_check < client_finished);
}

TEST_CASE("the lab's clients break the rules the lessons say they break, with STARTTLS off") {
  SECTION("imap-143: LOGIN after LOGINDISABLED (RFC 2595 §3.2)") {
    hl::Transcript t = run(lesson("imap-143"), false);
    std::size_t capability = index_of(t, hl::Side::server, "a1 OK (CAPABILITY)", hl::StepKind::app_line);
    std::size_t login = index_of(t, hl::Side::client, "a2 LOGIN", hl::StepKind::app_line);
    REQUIRE(capability != std::string::npos);
    REQUIRE(login != std::string::npos);
    CHECK(text_of(t.steps[capability].bytes).find("LOGINDISABLED") != std::string::npos);
    CHECK(capability < login);
  }
  SECTION("submission-587: AUTH that was not offered (RFC 4954 §4)") {
    hl::Transcript t = run(lesson("submission-587"), false);
    std::size_t auth = index_of(t, hl::Side::client, "AUTH PLAIN", hl::StepKind::app_line);
    REQUIRE(auth != std::string::npos);
    for (std::size_t i = 0; i < auth; ++i) CHECK(text_of(t.steps[i].bytes).find("AUTH") == std::string::npos);
  }
  SECTION("pop3-110: USER that the first CAPA did not list (RFC 2449 §6.2)") {
    hl::Transcript t = run(lesson("pop3-110"), false);
    std::size_t capa = index_of(t, hl::Side::server, "+OK (capabilities)", hl::StepKind::app_line);
    std::size_t user = index_of(t, hl::Side::client, "USER", hl::StepKind::app_line);
    REQUIRE(capa != std::string::npos);
    REQUIRE(user != std::string::npos);
    CHECK(text_of(t.steps[capa].bytes).find("USER") == std::string::npos);
    CHECK(text_of(t.steps[capa].bytes).find("SASL") == std::string::npos);
  }
}

TEST_CASE("http-80 runs a cookie without Secure, which the lesson says a proper site would not send") {
  hl::Transcript plain = run(lesson("http-80"));
  REQUIRE_FALSE(plain.steps.empty());
  CHECK(text_of(plain.steps[0].bytes).find("Cookie: session=") != std::string::npos);
  hl::Scenario secure = lesson("http-80").scenario;
  REQUIRE(hl::set_scenario_field(secure, "cookie-secure", "on").empty());
  hl::Transcript proper = hl::run_scenario(secure);
  REQUIRE_FALSE(proper.steps.empty());
  CHECK(text_of(proper.steps[0].bytes).find("Cookie:") == std::string::npos);
}

// The mtls lesson's claims about its runs (RFC 8446 §4.3.2, §4.4.2, §4.4.2.4, §4.6.2; RFC 5246 §7.4.6).
TEST_CASE("mtls: the CertificateRequest, the client's Certificate in 1.2 and 1.3, certificate_required, post-handshake") {
  using hl::HandshakeType;
  const hl::Lesson& mtls = lesson("mtls");
  auto first = [](const hl::Transcript& t, hl::Side from, HandshakeType type) {
    for (std::size_t i = 0; i < t.steps.size(); ++i)
      if (is_record(t.steps[i]) && t.steps[i].from == from && hl::carries(t.steps[i], type)) return i;
    return std::string::npos;
  };
  SECTION("TLS 1.3: the request follows EncryptedExtensions, before the server's Certificate; the client's Certificate is encrypted") {
    hl::Transcript t = run(mtls);
    REQUIRE(t.handshake_complete);
    const std::size_t ee = first(t, hl::Side::server, HandshakeType::encrypted_extensions);
    const std::size_t request = first(t, hl::Side::server, HandshakeType::certificate_request);
    const std::size_t server_cert = first(t, hl::Side::server, HandshakeType::certificate);
    const std::size_t server_finished = first(t, hl::Side::server, HandshakeType::finished);
    const std::size_t client_cert = first(t, hl::Side::client, HandshakeType::certificate);
    const std::size_t client_verify = first(t, hl::Side::client, HandshakeType::certificate_verify);
    const std::size_t client_finished = first(t, hl::Side::client, HandshakeType::finished);
    REQUIRE(request != std::string::npos);
    REQUIRE(client_cert != std::string::npos);
    CHECK(ee < request);
    CHECK(request < server_cert);
    CHECK(server_finished < client_cert);  // the client answers after the server's Finished
    CHECK(client_cert <= client_verify);
    CHECK(client_verify <= client_finished);
    CHECK(t.steps[request].is_protected);
    CHECK(t.steps[client_cert].is_protected);
    CHECK(t.negotiated.client_certificate.find("CN=service-a.example.com") != std::string::npos);
  }
  SECTION("TLS 1.2: the client's Certificate crosses in the clear after ServerHelloDone, CertificateVerify after ClientKeyExchange") {
    hl::Scenario s = mtls.scenario;
    REQUIRE(hl::set_scenario_field(s, "version", "1.2").empty());
    s.seed = 11;
    hl::Transcript t = hl::run_scenario(s);
    REQUIRE(t.handshake_complete);
    const std::size_t done = first(t, hl::Side::server, HandshakeType::server_hello_done);
    const std::size_t client_cert = first(t, hl::Side::client, HandshakeType::certificate);
    const std::size_t key_exchange = first(t, hl::Side::client, HandshakeType::client_key_exchange);
    const std::size_t client_verify = first(t, hl::Side::client, HandshakeType::certificate_verify);
    REQUIRE(client_cert != std::string::npos);
    CHECK(done < client_cert);
    CHECK(client_cert <= key_exchange);
    CHECK(key_exchange <= client_verify);
    CHECK_FALSE(t.steps[client_cert].is_protected);
    const std::string wire = text_of(t.steps[client_cert].bytes);
    CHECK(wire.find("service-a.example.com") != std::string::npos);  // the name, readable on the wire
  }
  SECTION("required-missing: certificate_required (116) in TLS 1.3, handshake_failure (40) in TLS 1.2, from the server") {
    for (const auto& [version, alert] : {std::pair<const char*, int>{"1.3", 116}, {"1.2", 40}}) {
      INFO(version);
      hl::Scenario s = mtls.scenario;
      REQUIRE(hl::set_scenario_field(s, "version", version).empty());
      REQUIRE(hl::set_scenario_field(s, "client-cert", "required-missing").empty());
      s.seed = 11;
      const hl::FailureCause cause = hl::failure_cause(hl::run_scenario(s));
      CHECK(cause.alert == alert);
      CHECK(cause.alert_from == hl::Side::server);
    }
  }
  SECTION("post-handshake: the request comes after both Finished messages, under the application keys") {
    hl::Scenario s = mtls.scenario;
    REQUIRE(hl::set_scenario_field(s, "client-cert", "post-handshake").empty());
    s.seed = 11;
    hl::Transcript t = hl::run_scenario(s);
    REQUIRE(t.handshake_complete);
    const std::size_t request = first(t, hl::Side::server, HandshakeType::certificate_request);
    REQUIRE(request != std::string::npos);
    CHECK(request > first(t, hl::Side::client, HandshakeType::finished));
    CHECK(t.steps[request].is_protected);
    CHECK(t.steps[request].protection == hl::TrafficSecret::server_application);
    // certificate_request_context<0..2^8-1>: its length byte, right after the 4-byte handshake header, is not 0.
    REQUIRE(t.steps[request].plaintext.size() > 5);
    CHECK(t.steps[request].plaintext[4] != 0);
    // Then fresh tickets, which carry the client's identity.
    std::size_t answer = std::string::npos;
    for (std::size_t i = request; i < t.steps.size() && answer == std::string::npos; ++i)
      if (is_record(t.steps[i]) && t.steps[i].from == hl::Side::client && hl::carries(t.steps[i], HandshakeType::finished)) answer = i;
    REQUIRE(answer != std::string::npos);
    std::size_t num_tickets = 0;
    for (std::size_t i = answer; i < t.steps.size(); ++i)
      num_tickets += is_record(t.steps[i]) && hl::carries(t.steps[i], HandshakeType::new_session_ticket);
    CHECK(num_tickets == 2);
  }
}

TEST_CASE("ocsp-stapling: the staple's place, the check before the client's reply, and the refusals it describes") {
  const hl::Transcript t = run(lesson("ocsp-stapling"));
  REQUIRE(t.handshake_complete);
  CHECK(t.negotiated.ocsp_status == "good");
  const std::size_t certificate = index_of(t, hl::Side::server, "Certificate", hl::StepKind::record);
  const std::size_t status = index_of(t, hl::Side::server, "CertificateStatus", hl::StepKind::record);
  const std::size_t key_exchange = index_of(t, hl::Side::server, "ServerKeyExchange", hl::StepKind::record);
  const std::size_t reply = index_of(t, hl::Side::client, "ClientKeyExchange", hl::StepKind::record);
  REQUIRE(status != std::string::npos);
  // "right after the Certificate and before the ServerKeyExchange", "in the clear, like the Certificate"
  CHECK(certificate < status);
  CHECK(status < key_exchange);
  CHECK_FALSE(t.steps[status].is_protected);
  // "Once the server's flight is in, the client checks the staple before it answers"
  std::size_t check = std::string::npos;
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    for (const auto& part : t.steps[i].parts)
      if (part.title == "checks the OCSP staple: good" && t.steps[i].from == hl::Side::client) check = i;
  CHECK(key_exchange < check);
  CHECK(check < reply);

  // "With --set version=1.3 there is no CertificateStatus"
  hl::Scenario tls13 = lesson("ocsp-stapling").scenario;
  tls13.seed = 11;
  REQUIRE(hl::set_scenario_field(tls13, "version", "1.3").empty());
  const hl::Transcript t13 = hl::run_scenario(tls13);
  CHECK(t13.negotiated.ocsp_status == "good");
  CHECK(std::none_of(t13.steps.begin(), t13.steps.end(),
                     [](const hl::Step& s) { return hl::carries(s, hl::HandshakeType::certificate_status); }));

  // "the chain check passes every time; only the staple check fails" with bad_certificate_status_response
  for (const char* value : {"revoked", "unknown", "expired"}) {
    INFO(value);
    hl::Scenario bad = lesson("ocsp-stapling").scenario;
    bad.seed = 11;
    REQUIRE(hl::set_scenario_field(bad, "ocsp", value).empty());
    const hl::Transcript refused = hl::run_scenario(bad);
    const hl::FailureCause cause = hl::failure_cause(refused);
    CHECK(cause.alert_name == "bad_certificate_status_response");
    CHECK(cause.alert_from == hl::Side::client);
    CHECK(cause.verify_step == 0);
    CHECK(refused.negotiated.ocsp_status == value);
  }
}

TEST_CASE("zero-rtt: the GET crosses before the ServerHello, the server reads it before the client's Finished, and the replays end as told") {
  const hl::Transcript t = run(lesson("zero-rtt"));
  REQUIRE(t.handshake_complete);
  CHECK(t.negotiated.early_data == "accepted");
  // "OpenSSL sends the middlebox-compatibility ChangeCipherSpec right behind it, before the early data"
  std::vector<const hl::Step*> second;
  for (const auto& step : t.steps)
    if (step.connection == 2 && is_record(step)) second.push_back(&step);
  REQUIRE(second.size() > 4);
  CHECK(hl::carries(*second[0], hl::HandshakeType::client_hello));
  CHECK(second[1]->content_type == 20);
  CHECK(second[2]->app_unit == "GET /");
  CHECK(second[2]->protection == hl::TrafficSecret::client_early);
  CHECK(hl::carries(*second[3], hl::HandshakeType::server_hello));
  // "The server reads it now, before the client's Finished": its peer has the request when the
  // server's early-data note comes, which is before the client's Finished.
  std::size_t accepted = std::string::npos, client_finished = std::string::npos;
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const hl::Step& step = t.steps[i];
    if (step.connection != 2) continue;
    for (const auto& part : step.parts)
      if (step.from == hl::Side::server && part.title == "accepts the early data") accepted = i;
    if (step.from == hl::Side::client && hl::carries(step, hl::HandshakeType::finished)) client_finished = i;
  }
  REQUIRE(accepted != std::string::npos);
  CHECK(accepted < client_finished);

  // "The copy finds no ticket: ... a full handshake"; "with anti-replay=off the same copy is accepted"
  for (const bool anti_replay : {true, false}) {
    INFO("anti-replay " << anti_replay);
    hl::Scenario replay = lesson("zero-rtt").scenario;
    replay.seed = 11;
    REQUIRE(hl::set_scenario_field(replay, "attack", "replay-early-data").empty());
    REQUIRE(hl::set_scenario_field(replay, "anti-replay", anti_replay ? "on" : "off").empty());
    const hl::Transcript r = hl::run_scenario(replay);
    const auto certificates = std::count_if(r.steps.begin(), r.steps.end(), [](const hl::Step& s) {
      return s.connection == 3 && hl::carries(s, hl::HandshakeType::certificate);
    });
    CHECK(certificates == (anti_replay ? 1 : 0));
  }
}

TEST_CASE("cited RFCs: a number outside the table and an obsoleted RFC cited alone are errors with their line") {
  auto errors = hl::check_rfc_citations("line one\nsee RFC 9999 here\nand RFC 3501 alone\nRFC 8446 is fine\n", "x.md");
  REQUIRE(errors.size() == 2);
  CHECK(hl::to_string(errors[0]) == "x.md:3: RFC 3501 is obsoleted: cite RFC 9051 beside it");
  CHECK(hl::to_string(errors[1]) == "x.md:2: RFC 9999 is not in the known list (core/lessons/known_rfcs.cpp)");
  CHECK(hl::check_rfc_citations("RFC 3501 and RFC 9051\n", "y.md").empty());
  CHECK(hl::find_known_rfc(8446) != nullptr);
  CHECK(hl::find_known_rfc(1) == nullptr);
  auto rfcs = hl::known_rfcs();
  CHECK(std::is_sorted(rfcs.begin(), rfcs.end(), [](auto& a, auto& b) { return a.number < b.number; }));
}

TEST_CASE("every lesson passes lessons --check") {
  for (const auto& l : library().lessons) {
    INFO(l.id);
    for (const auto& error : hl::check_lesson(l, library())) FAIL_CHECK(hl::to_string(error));
  }
}
