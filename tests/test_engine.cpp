// The engine's required scenarios: message sequences, record well-formedness, events,
// the verify failure, the plaintext port, and bounded runs with hostile interventions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <openssl/ssl.h>

#include "core/engine/engine.hpp"
#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"

using namespace hl;

namespace {

Scenario scenario_with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  Scenario scenario;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  return scenario;
}

// The alert description a record carries (the plaintext's when it is protected), -1 for none.
int alert_of(const Step& step) {
  if (step.kind != StepKind::record || step.inner_type != record::kAlert) return -1;
  const Bytes& content = step.is_protected ? step.plaintext : step.bytes;
  const std::size_t at = step.is_protected ? 1 : record::kHeaderLen + 1;
  return content.size() > at ? content[at] : -1;
}

// The run follows the flows table's flow `id` (core/model/flows.hpp) from its first record to
// its last: every message where the table allows it, nothing unexpected, every required row seen.
void check_follows(const Transcript& t, flows::FlowId id) {
  const flows::Match match = flows::pick(t);
  REQUIRE(match.flow != nullptr);
  CHECK(std::string(match.flow->name) == flows::flow(id).name);
  CHECK_FALSE(match.unexpected);
  CHECK_FALSE(match.alert);
  CHECK(match.complete);
  CHECK(match.rows.size() == flows::messages_of(t).size());
}

// How many messages of this side, content type and handshake type the run carried.
std::size_t num_messages(const Transcript& t, Side from, std::uint8_t content_type,
                         std::optional<HandshakeType> type = std::nullopt) {
  const auto messages = flows::messages_of(t);
  return static_cast<std::size_t>(std::count_if(messages.begin(), messages.end(), [&](const flows::Message& m) {
    return m.from == from && m.content_type == content_type && m.type == type;
  }));
}

// The run stopped on an alert, after messages its flow expects.
void check_ends_in_alert(const Transcript& t) {
  const flows::Match match = flows::pick(t);
  REQUIRE(match.flow != nullptr);
  CHECK_FALSE(match.unexpected);
  REQUIRE(match.alert);
  CHECK(*match.alert + 1 == flows::messages_of(t).size());
}

// One endpoint event (a part of a grouped step), with the side that had it.
struct Event {
  Side from;
  const EventPart* part;
  const EventPart* operator->() const { return part; }
};

// Every event of this kind, whichever step holds it.
std::vector<Event> events_of(const Transcript& t, EventKind kind) {
  std::vector<Event> out;
  for (const auto& step : t.steps)
    for (const auto& part : step.parts)
      if (part.kind == kind) out.push_back({step.from, &part});
  return out;
}

const Step* last_record(const Transcript& t) {
  for (auto it = t.steps.rbegin(); it != t.steps.rend(); ++it)
    if (it->kind == StepKind::record) return &*it;
  return nullptr;
}

std::string text_of(const Bytes& bytes) { return std::string(bytes.begin(), bytes.end()); }

// Every record: a known type, legacy version 3.x, header length == bytes - 5; protected
// TLS 1.3 records decrypt to content + inner type, plus the 16-byte tag on the wire.
void check_records_well_formed(const Transcript& t) {
  std::size_t num_records = 0;
  for (const auto& step : t.steps) {
    if (step.kind != StepKind::record) continue;
    ++num_records;
    INFO("record " << step.title);
    REQUIRE(step.bytes.size() >= 5);
    CHECK(step.bytes[0] >= 20);
    CHECK(step.bytes[0] <= 23);
    CHECK(step.bytes[1] == 3);
    const std::size_t length = std::size_t{step.bytes[3]} << 8 | step.bytes[4];
    CHECK(length == step.bytes.size() - 5);
    if (!step.is_protected) {
      CHECK(step.plaintext.empty());
      continue;
    }
    REQUIRE_FALSE(step.plaintext.empty());
    if (step.version == TLS1_3_VERSION) {
      CHECK(step.bytes[0] == 23);
      CHECK(step.plaintext.back() == step.inner_type);
      CHECK(step.plaintext.size() + 16 == length);
    }
  }
  CHECK(num_records > 0);
}

}  // namespace

TEST_CASE("default scenario: TLS 1.3, X25519, ECDSA P-256, HTTP on 443") {
  Transcript t = run_scenario(Scenario{});
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  CHECK(t.handshake_complete);
  check_follows(t, flows::FlowId::tls13_full);
  // Middlebox compatibility mode: each side sends one dummy ChangeCipherSpec.
  CHECK(num_messages(t, Side::server, record::kChangeCipherSpec) == 1);
  CHECK(num_messages(t, Side::client, record::kChangeCipherSpec) == 1);
  CHECK(num_messages(t, Side::server, record::kHandshake, HandshakeType::new_session_ticket) == 2);  // tickets = 2
  CHECK(num_messages(t, Side::server, record::kHandshake, HandshakeType::certificate_request) == 0);
  // One request, one response.
  CHECK(num_messages(t, Side::client, record::kApplicationData) == 1);
  CHECK(num_messages(t, Side::server, record::kApplicationData) == 1);
  check_records_well_formed(t);

  CHECK(t.negotiated.version == "TLSv1.3");
  CHECK(t.negotiated.cipher.rfind("TLS_", 0) == 0);
  CHECK(t.negotiated.group == "x25519");
  CHECK(t.negotiated.sigalg == "ecdsa_secp256r1_sha256");
  CHECK(t.negotiated.alpn == "http/1.1");
}

TEST_CASE("default scenario: plaintext of protected records is what was sent") {
  Transcript t = run_scenario(Scenario{});
  REQUIRE(t.failure.empty());
  for (const auto& step : t.steps) {
    if (step.kind != StepKind::record || !step.is_protected) continue;
    INFO(step.title);
    if (step.inner_type == 22 && carries(step, HandshakeType::encrypted_extensions)) CHECK(step.plaintext[0] == 8);
    if (step.inner_type == 22 && carries(step, HandshakeType::finished)) CHECK(step.plaintext[0] == 20);
    if (step.app_unit == "GET /") {
      CHECK(text_of(step.plaintext).rfind("GET / HTTP/1.1\r\nHost: www.example.com\r\n", 0) == 0);
      CHECK(text_of(step.plaintext).find("Cookie: session=") != std::string::npos);
    }
    if (step.app_unit == "200 OK")
      CHECK(text_of(step.plaintext).find("Strict-Transport-Security: max-age=") != std::string::npos);
  }
  // Before ServerHello nothing is encrypted; ClientHello goes out in the clear.
  CHECK_FALSE(t.steps.empty());
  auto hello = std::find_if(t.steps.begin(), t.steps.end(), [](const Step& s) { return s.kind == StepKind::record; });
  REQUIRE(hello != t.steps.end());
  CHECK(carries(*hello, HandshakeType::client_hello));
  CHECK_FALSE(hello->is_protected);
  CHECK(hello->bytes[5] == 1);  // handshake type client_hello right after the record header
  CHECK(hello->version == 0);   // no version is in force before the server has chosen one
  for (const auto& step : t.steps)
    if (step.kind == StepKind::record && !carries(step, HandshakeType::client_hello)) CHECK(step.version == TLS1_3_VERSION);
}

TEST_CASE("default scenario: endpoint events") {
  Transcript t = run_scenario(Scenario{});
  REQUIRE(t.failure.empty());

  auto verifies = events_of(t, EventKind::verify);
  REQUIRE(verifies.size() == 3);  // root, intermediate, leaf
  CHECK(verifies[0]->verify.depth == 2);
  CHECK(verifies[2]->verify.depth == 0);
  CHECK(verifies[2]->verify.subject.find("CN=www.example.com") != std::string::npos);
  // Root first, leaf last, the reverse of the Certificate message: the leaf's check says why.
  CHECK(verifies[2]->detail.find("server's own certificate (depth 0) last") != std::string::npos);
  CHECK(verifies[2]->detail.find("RFC 8446 §4.4.2") != std::string::npos);
  CHECK(verifies[0]->detail.find("RFC 8446 §4.4.2") == std::string::npos);  // said once, at the end of the walk
  for (const Event& v : verifies) {
    CHECK(v->verify.ok);
    CHECK(v->verify.error == 0);
    CHECK(v.from == Side::client);
    CHECK_FALSE(v->detail.empty());
  }

  // TLS 1.3 key log: two handshake secrets, two traffic secrets, the exporter secret.
  REQUIRE(t.keylog.size() == 5);
  for (const char* label : {"CLIENT_HANDSHAKE_TRAFFIC_SECRET", "SERVER_HANDSHAKE_TRAFFIC_SECRET",
                            "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0", "EXPORTER_SECRET"}) {
    INFO(label);
    CHECK(std::count_if(t.keylog.begin(), t.keylog.end(),
                        [&](const std::string& line) { return line.rfind(std::string(label) + " ", 0) == 0; }) == 1);
  }
  for (const Event& secret : events_of(t, EventKind::secret)) {
    CHECK(secret->keylog_line.rfind(secret->title + " ", 0) == 0);  // the part names its key log label
    CHECK(std::find(t.keylog.begin(), t.keylog.end(), secret->keylog_line) != t.keylog.end());
  }

  auto done = events_of(t, EventKind::handshake_done);
  REQUIRE(done.size() == 2);
  CHECK(done[0].from != done[1].from);
  auto negotiated = events_of(t, EventKind::negotiated);
  REQUIRE(negotiated.size() == 1);
  CHECK(negotiated[0]->detail.find("x25519") != std::string::npos);
  CHECK(events_of(t, EventKind::failure).empty());
  // Few state events: the two handshake starts, not every state-machine step.
  CHECK(events_of(t, EventKind::state).size() == 2);
}

TEST_CASE("TLS 1.3 HelloRetryRequest when the client's key share is for a group the server refuses") {
  Transcript t = run_scenario(scenario_with({{"groups", "X25519:P-256"}, {"server-groups", "P-256"}}));
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  check_follows(t, flows::FlowId::tls13_hello_retry);
  CHECK(num_messages(t, Side::client, record::kHandshake, HandshakeType::client_hello) == 2);
  check_records_well_formed(t);
  CHECK(t.negotiated.group == "secp256r1");
  CHECK(t.handshake_complete);
  auto notes = events_of(t, EventKind::note);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].from == Side::server);
  CHECK(notes[0]->detail.find("HelloRetryRequest") != std::string::npos);
  CHECK(events_of(run_scenario(Scenario{}), EventKind::note).empty());
}

TEST_CASE("TLS 1.2 ECDHE-RSA with AES-GCM") {
  Transcript t = run_scenario(
      scenario_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-AES128-GCM-SHA256"}}));
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  check_follows(t, flows::FlowId::tls12_ecdhe);
  CHECK(num_messages(t, Side::server, record::kHandshake, HandshakeType::new_session_ticket) == 1);
  check_records_well_formed(t);
  CHECK(t.negotiated.version == "TLSv1.2");
  CHECK(t.negotiated.cipher == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(t.negotiated.group == "x25519");
  CHECK(t.negotiated.sigalg.rfind("rsa_", 0) == 0);
  // Only what follows each side's ChangeCipherSpec is encrypted: its Finished, then the data.
  for (const auto& step : t.steps) {
    if (step.kind != StepKind::record) continue;
    const bool finished = carries(step, HandshakeType::finished);
    const bool after_ccs = finished || step.inner_type == record::kApplicationData;
    CHECK(step.is_protected == after_ccs);
    if (finished) {
      REQUIRE(step.plaintext.size() == 4 + 12);  // handshake header + verify_data
      CHECK(step.plaintext[0] == 20);
      // AES-GCM: 8-byte explicit nonce + ciphertext + 16-byte tag.
      CHECK(step.bytes.size() - 5 == 8 + step.plaintext.size() + 16);
    }
  }
  REQUIRE(t.keylog.size() == 1);
  CHECK(t.keylog[0].rfind("CLIENT_RANDOM ", 0) == 0);
}

TEST_CASE("TLS 1.2 RSA key exchange (AES128-SHA256) at the default security level") {
  // Debian builds OpenSSL with security level 2 by default; the scenario must not lower it.
  SSL_CTX* probe = SSL_CTX_new(TLS_method());
  REQUIRE(probe != nullptr);
  CHECK(SSL_CTX_get_security_level(probe) >= 2);
  SSL_CTX_free(probe);

  Transcript t = run_scenario(scenario_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}}));
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  check_follows(t, flows::FlowId::tls12_rsa);
  CHECK(num_messages(t, Side::server, record::kHandshake, HandshakeType::server_key_exchange) == 0);
  check_records_well_formed(t);
  CHECK(t.negotiated.cipher == "TLS_RSA_WITH_AES_128_CBC_SHA256");
  CHECK(t.negotiated.group.empty());   // no ephemeral key exchange
  CHECK(t.negotiated.sigalg.empty());  // and no handshake signature
  CHECK(std::any_of(t.keylog.begin(), t.keylog.end(), [](const std::string& l) { return l.rfind("RSA ", 0) == 0; }));
}

TEST_CASE("failed certificate check: the client verifies a different name") {
  for (const char* version : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << version) {
      Transcript t = run_scenario(scenario_with({{"version", version}, {"verify-name", "www.example.org"}}));
      CHECK_FALSE(t.handshake_complete);
      CHECK(t.failure.find("hostname mismatch") != std::string::npos);

      auto verifies = events_of(t, EventKind::verify);
      REQUIRE_FALSE(verifies.empty());
      const EventPart* failed = verifies.back().part;
      CHECK(failed->verify.depth == 0);
      CHECK_FALSE(failed->verify.ok);
      CHECK(failed->verify.error == X509_V_ERR_HOSTNAME_MISMATCH);
      CHECK(failed->verify.error == 62);
      CHECK(failed->verify.error_text == "hostname mismatch");

      // The trace ends with the client's fatal alert, in plaintext (no keys for it yet, even in 1.3).
      const Step* last = last_record(t);
      REQUIRE(last != nullptr);
      CHECK(last->from == Side::client);
      CHECK(alert_of(*last) == 42);  // bad_certificate
      CHECK_FALSE(last->is_protected);
      CHECK(last->bytes == Bytes{21, 3, 3, 0, 2, 2, 42});
      check_records_well_formed(t);

      auto sent = events_of(t, EventKind::alert_sent);
      REQUIRE(sent.size() == 1);
      CHECK(sent[0].from == Side::client);
      auto received = events_of(t, EventKind::alert_received);
      REQUIRE(received.size() == 1);
      CHECK(received[0].from == Side::server);
      check_ends_in_alert(t);
      // Nothing of the application crossed: no app data record.
      for (const auto& step : t.steps) CHECK(step.inner_type != record::kApplicationData);
    }
  }
}

TEST_CASE("a Secure session cookie is sent over 443 and never over port 80 (RFC 6265 §5.4)") {
  Transcript plain = run_scenario(scenario_with({{"mode", "plaintext"}}));
  REQUIRE_FALSE(plain.steps.empty());
  CHECK(text_of(plain.steps[0].bytes).find("Cookie:") == std::string::npos);
  Transcript tls = run_scenario(scenario_with({}));
  bool sent = false, set_secure = false;
  for (const auto& step : tls.steps) {
    if (step.app_unit == "GET /") sent = text_of(step.plaintext).find("Cookie: session=") != std::string::npos;
    if (step.app_unit == "200 OK")
      set_secure = text_of(step.plaintext).find("Set-Cookie: session=7f3a9c2e41b8d065; Path=/; HttpOnly; Secure\r\n") != std::string::npos;
  }
  CHECK(sent);
  CHECK(set_secure);
}

TEST_CASE("plaintext port: HTTP on 80 is a redirect in the clear, a cookie without Secure included") {
  Transcript t = run_scenario(scenario_with({{"mode", "plaintext"}, {"cookie-secure", "off"}}));
  CHECK(t.failure.empty());
  CHECK_FALSE(t.handshake_complete);
  REQUIRE(t.steps.size() == 2);
  CHECK(t.steps[0].kind == StepKind::app_line);
  CHECK(t.steps[0].from == Side::client);
  CHECK(t.steps[0].protocol == "http");
  CHECK(t.steps[0].app_unit == "GET /");
  CHECK(text_of(t.steps[0].bytes).find("Cookie: session=") != std::string::npos);
  CHECK(t.steps[1].from == Side::server);
  CHECK(t.steps[1].app_unit == "301 Moved Permanently");
  CHECK(text_of(t.steps[1].bytes).find("Location: https://www.example.com/\r\n") != std::string::npos);
}

TEST_CASE("other certificate key types run") {
  for (const char* cert : {"ed25519", "rsa-2048"}) {
    DYNAMIC_SECTION(cert) {
      Transcript t = run_scenario(scenario_with({{"cert", cert}}));
      INFO(t.failure);
      CHECK(t.handshake_complete);
      CHECK(t.negotiated.sigalg == (std::string(cert) == "ed25519" ? "ed25519" : "rsa_pss_rsae_sha256"));
      check_records_well_formed(t);
    }
  }
  Transcript no_intermediate = run_scenario(scenario_with({{"intermediate", "off"}}));
  CHECK(no_intermediate.handshake_complete);
  CHECK(events_of(no_intermediate, EventKind::verify).size() == 2);
}

TEST_CASE("TLS 1.2 ECDSA with a P-384 key: 0x0403 is sha256 with ecdsa, and the negotiated note says the curve does not bind") {
  const auto negotiated_detail = [](const Transcript& t) {
    for (const Step& step : t.steps)
      for (const EventPart& part : step.parts)
        if (part.kind == EventKind::negotiated) return part.detail;
    return std::string();
  };
  Transcript p384 = run_scenario(
      scenario_with({{"version", "1.2"}, {"cert", "ecdsa-p384"}, {"groups", "X25519:P-256:P-384"}}));
  INFO(p384.failure);
  REQUIRE(p384.handshake_complete);
  CHECK(p384.negotiated.sigalg == "ecdsa_secp256r1_sha256");  // the IANA name of the code on the wire
  CHECK_THAT(negotiated_detail(p384), Catch::Contains("does not bind") && Catch::Contains("sha256 and ecdsa") &&
                                          Catch::Contains("secp384r1 key") && Catch::Contains("RFC 5246 §7.4.1.4.1"));
  // A P-256 key with the same code: the name is right, and no note.
  Transcript p256 = run_scenario(scenario_with({{"version", "1.2"}}));
  REQUIRE(p256.handshake_complete);
  CHECK(p256.negotiated.sigalg == "ecdsa_secp256r1_sha256");
  CHECK_THAT(negotiated_detail(p256), !Catch::Contains("does not bind"));
  // TLS 1.3 binds the curve: a P-384 key signs with ecdsa_secp384r1_sha384, no note.
  Transcript tls13 = run_scenario(scenario_with({{"cert", "ecdsa-p384"}}));
  REQUIRE(tls13.handshake_complete);
  CHECK(tls13.negotiated.sigalg == "ecdsa_secp384r1_sha384");
  CHECK_THAT(negotiated_detail(tls13), !Catch::Contains("does not bind"));
}

TEST_CASE("scenario settings OpenSSL refuses become a clear failure, not a crash") {
  Transcript bad_ciphers = run_scenario(scenario_with({{"ciphers", "NO-SUCH-CIPHER"}}));
  CHECK(bad_ciphers.failure.find("cipher") != std::string::npos);
  CHECK_FALSE(bad_ciphers.handshake_complete);

  Transcript bad_groups = run_scenario(scenario_with({{"groups", "P-999"}}));
  CHECK(bad_groups.failure.find("P-999") != std::string::npos);

  Scenario unknown;
  unknown.protocol = "gopher";
  Transcript no_protocol = run_scenario(unknown);
  CHECK(no_protocol.failure.find("gopher") != std::string::npos);
  REQUIRE(no_protocol.steps.size() == 1);
  CHECK(no_protocol.steps[0].event == EventKind::failure);
}

TEST_CASE("no shared group: the server refuses with a handshake_failure alert") {
  Transcript t = run_scenario(scenario_with({{"groups", "X25519"}, {"server-groups", "P-384"}}));
  CHECK_FALSE(t.handshake_complete);
  CHECK_FALSE(t.failure.empty());
  const Step* last = last_record(t);
  REQUIRE(last != nullptr);
  CHECK(last->from == Side::server);
  CHECK(alert_of(*last) == 40);  // handshake_failure
  check_records_well_formed(t);
}

TEST_CASE("interventions: a dropped flight or a tampered record ends the run, never hangs") {
  SECTION("drop everything the server sends") {
    EngineOptions options;
    options.intervene = [](Step& step) { return step.from == Side::server ? Delivery::drop : Delivery::deliver; };
    Transcript t = run_scenario(Scenario{}, options);
    CHECK_FALSE(t.handshake_complete);
    CHECK(t.failure.find("neither side") != std::string::npos);
  }
  SECTION("flip a byte of the encrypted Certificate") {
    EngineOptions options;
    options.intervene = [](Step& step) {
      if (carries(step, HandshakeType::certificate)) step.bytes[20] ^= 0x01;
      return Delivery::deliver;
    };
    Transcript t = run_scenario(Scenario{}, options);
    CHECK_FALSE(t.handshake_complete);
    const Step* last = last_record(t);
    REQUIRE(last != nullptr);
    CHECK(last->from == Side::client);
    CHECK(alert_of(*last) == 20);  // bad_record_mac
  }
  SECTION("a peer that never settles is stopped by the round cap") {
    EngineOptions options;
    options.max_rounds = 3;
    Transcript t = run_scenario(Scenario{}, options);
    CHECK_FALSE(t.handshake_complete);
    CHECK(t.failure.find("3 rounds") != std::string::npos);
  }
}

TEST_CASE("hostile rewrites of records (truncate, garbage, flipped bytes) always end the run") {
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (int trial = 0; trial < 40; ++trial) {
    const std::uint32_t target = next() % 12;  // which record to spoil
    const std::uint32_t how = next() % 3;
    const std::uint32_t where = next();
    std::uint32_t seen = 0;
    EngineOptions options;
    options.intervene = [&](Step& step) {
      if (step.kind != StepKind::record || seen++ != target) return Delivery::deliver;
      if (how == 0) step.bytes.resize(step.bytes.size() / 2);
      if (how == 1)
        for (auto& byte : step.bytes) byte = static_cast<std::uint8_t>(next());
      if (how == 2) step.bytes[where % step.bytes.size()] ^= 0x40;
      return Delivery::deliver;
    };
    Transcript t = run_scenario(Scenario{}, options);
    INFO("trial " << trial << " record " << target << " how " << how);
    CHECK((t.handshake_complete || !t.failure.empty()));
    CHECK(t.steps.size() < 200);
  }
}

TEST_CASE("every event explains itself in a sentence") {
  for (auto* settings : {"1.3", "1.2"}) {
    Transcript t = run_scenario(scenario_with({{"version", settings}, {"verify-name", "wrong.example"}}));
    Transcript ok = run_scenario(scenario_with({{"version", settings}}));
    for (const Transcript* run : {&t, &ok})
      for (const auto& step : run->steps) {
        if (step.kind != StepKind::event) continue;
        INFO(step.title);
        CHECK_FALSE(step.title.empty());
        CHECK(step.bytes.empty());
        REQUIRE_FALSE(step.parts.empty());
        for (const auto& part : step.parts) CHECK(part.detail.size() > 20);
      }
  }
}

TEST_CASE("every run gets its own serial, refused and seeded runs included") {
  Scenario seeded;
  seeded.seed = 1;
  Scenario unknown;
  unknown.protocol = "gopher";
  const Transcript first = run_scenario(seeded);
  const Transcript second = run_scenario(seeded);
  const Transcript refused = run_scenario(unknown);
  CHECK(first.serial != 0);
  CHECK(second.serial != first.serial);
  CHECK(refused.serial != 0);
  CHECK(refused.serial != first.serial);
  CHECK(refused.serial != second.serial);
  CHECK(Transcript{}.serial == 0);  // a transcript no run produced never collides with one that did
}

TEST_CASE("the flows table matches live TLS 1.2 ECDHE, TLS 1.2 RSA and HelloRetryRequest runs") {
  // TLS 1.2 with ECDHE, with RSA key transport (which needs an RSA certificate), and a
  // HelloRetryRequest when the client's key share is for a group the server refuses.
  struct Case {
    std::initializer_list<std::pair<const char*, const char*>> settings;
    flows::FlowId flow;
  };
  const Case cases[] = {
      {{{"version", "1.2"}}, flows::FlowId::tls12_ecdhe},
      {{{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-GCM-SHA256"}}, flows::FlowId::tls12_rsa},
      {{{"groups", "P-256:X25519"}, {"server-groups", "X25519"}}, flows::FlowId::tls13_hello_retry},
  };
  for (const Case& c : cases) {
    Transcript t = run_scenario(scenario_with(c.settings));
    INFO(flows::flow(c.flow).name << ": " << t.failure);
    REQUIRE(t.failure.empty());
    check_follows(t, c.flow);
  }
}

TEST_CASE("key capture: each side's ephemeral private key as far as OpenSSL gives it") {
  SECTION("TLS 1.3: both sides, right after their hello") {
    const Transcript t = run_scenario(Scenario{});
    CHECK(t.keys.client.sent_in == HandshakeType::client_hello);
    CHECK(t.keys.server.sent_in == HandshakeType::server_hello);
    CHECK_FALSE(t.keys.client.private_value.empty());
    CHECK_FALSE(t.keys.server.private_value.empty());
    CHECK(t.keys.client.private_value != t.keys.server.private_value);
    CHECK(t.keys.server_rsa_der.empty());
  }
  SECTION("TLS 1.2 ECDHE: the server's from its ServerKeyExchange, none from a ClientHello without key_share") {
    const Transcript t = run_scenario(
        scenario_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-AES128-GCM-SHA256"}}));
    REQUIRE(t.handshake_complete);
    CHECK(t.keys.server.sent_in == HandshakeType::server_key_exchange);
    CHECK_FALSE(t.keys.server.private_value.empty());
    CHECK(t.keys.client.private_value.empty());
    CHECK(t.keys.client.unavailable.find("SSL_get_tmp_key") != std::string::npos);
  }
  SECTION("TLS 1.2 RSA key exchange: the lab keeps the server's own key") {
    const Transcript t = run_scenario(scenario_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}}));
    REQUIRE(t.handshake_complete);
    CHECK_FALSE(t.keys.server_rsa_der.empty());
    CHECK(t.keys.server.private_value.empty());
  }
  SECTION("seeded runs capture the same keys") {
    Scenario seeded;
    seeded.seed = 7;
    CHECK(run_scenario(seeded).keys.client.private_value == run_scenario(seeded).keys.client.private_value);
  }
}
