// Certificate faults and Mallory's attacks: each ends with the real alert OpenSSL sends and,
// for certificates, the real X509 verify error at the right depth; a relay that changes
// nothing passes every byte; hostile rewrites always end the run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#include "core/engine/attacker.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/engine/scenario_checks.hpp"

using namespace hl;

namespace {

Scenario scenario_with(std::initializer_list<std::pair<const char*, std::string>> settings) {
  Scenario scenario;
  scenario.seed = 7;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  return scenario;
}

// The first record that carries this handshake message, found by its type (titles are for display).
const Step* first_record(const Transcript& t, HandshakeType type, std::size_t* out_number = nullptr) {
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    if (t.steps[i].kind != StepKind::record || !carries(t.steps[i], type)) continue;
    if (out_number) *out_number = i + 1;
    return &t.steps[i];
  }
  return nullptr;
}

// The first record of application data that carries this unit of the application protocol ("GET /").
const Step* first_app_data(const Transcript& t, const std::string& app_unit) {
  for (const Step& step : t.steps)
    if (step.kind == StepKind::record && step.inner_type == 23 && step.app_unit == app_unit) return &step;
  return nullptr;
}

struct FaultCase {
  const char* fault;
  int verify_error;
  const char* verify_name;
  int depth;
  int alert;
  const char* alert_name;
};

// Checked against OpenSSL 3.0: the verify error the client's chain check reports and the
// alert ssl_x509err2alert() turns it into.
const FaultCase kFaults[] = {
    {"expired", X509_V_ERR_CERT_HAS_EXPIRED, "X509_V_ERR_CERT_HAS_EXPIRED", 0, 45, "certificate_expired"},
    {"not-yet-valid", X509_V_ERR_CERT_NOT_YET_VALID, "X509_V_ERR_CERT_NOT_YET_VALID", 0, 42, "bad_certificate"},
    {"wrong-host", X509_V_ERR_HOSTNAME_MISMATCH, "X509_V_ERR_HOSTNAME_MISMATCH", 0, 42, "bad_certificate"},
    {"unknown-ca", X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY, "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", 1, 48,
     "unknown_ca"},
    {"self-signed-leaf", X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT, "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", 0, 48,
     "unknown_ca"},
    {"missing-intermediate", X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY,
     "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY", 0, 48, "unknown_ca"},
    {"weak-key", X509_V_ERR_EE_KEY_TOO_SMALL, "X509_V_ERR_EE_KEY_TOO_SMALL", 0, 42, "bad_certificate"},
    {"wrong-usage", X509_V_ERR_INVALID_PURPOSE, "X509_V_ERR_INVALID_PURPOSE", 0, 43, "unsupported_certificate"},
    {"revoked", X509_V_ERR_CERT_REVOKED, "X509_V_ERR_CERT_REVOKED", 0, 44, "certificate_revoked"},
};

}  // namespace

TEST_CASE("every certificate fault: the client's verify error at its depth, then its alert") {
  for (const auto& c : kFaults) {
    for (const char* version : {"1.3", "1.2"}) {
      DYNAMIC_SECTION(c.fault << " TLS " << version) {
        Transcript t = run_scenario(scenario_with({{"version", version}, {"cert-fault", c.fault}}));
        INFO(t.failure);
        CHECK_FALSE(t.handshake_complete);
        const FailureCause cause = failure_cause(t);
        REQUIRE(cause.verify_step != 0);
        CHECK(cause.verify.error == c.verify_error);
        CHECK(cause.verify.error_name == c.verify_name);
        CHECK(cause.verify.depth == c.depth);
        REQUIRE(cause.alert_step > cause.verify_step);
        CHECK(cause.alert == c.alert);
        CHECK(cause.alert_name == c.alert_name);
        CHECK(cause.alert_from == Side::client);
        // The verify event says it in words too, with OpenSSL's symbol.
        CHECK(t.steps[cause.verify_step - 1].detail.find(c.verify_name) != std::string::npos);
        CHECK_FALSE(t.attacker.present);
      }
    }
  }
}

TEST_CASE("a good certificate has no failure cause") {
  Transcript t = run_scenario(scenario_with({}));
  REQUIRE(t.handshake_complete);
  const FailureCause cause = failure_cause(t);
  CHECK(cause.alert_step == 0);
  CHECK(cause.verify_step == 0);
}

TEST_CASE("the faulty certificates carry the fault the client found") {
  SECTION("weak-key: the server really loaded an RSA-1024 leaf (security level 1)") {
    Transcript t = run_scenario(scenario_with({{"cert-fault", "weak-key"}, {"version", "1.2"}}));
    const Step* cert = first_record(t, HandshakeType::certificate);
    REQUIRE(cert != nullptr);
    CHECK(cert->bytes.size() < 1100);  // a 128-byte modulus, not 256
  }
  SECTION("missing-intermediate: the Certificate message holds one certificate") {
    Transcript with = run_scenario(scenario_with({{"version", "1.2"}}));
    Transcript without = run_scenario(scenario_with({{"version", "1.2"}, {"cert-fault", "missing-intermediate"}}));
    const Step* full = first_record(with, HandshakeType::certificate);
    const Step* cut = first_record(without, HandshakeType::certificate);
    REQUIRE((full && cut));
    CHECK(cut->bytes.size() + 300 < full->bytes.size());
  }
}

TEST_CASE("tamper: one flipped bit in the first application data record -> bad_record_mac") {
  for (const char* version : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << version) {
      Transcript t = run_scenario(scenario_with({{"version", version}, {"attack", "tamper"}}));
      REQUIRE(t.attacker.present);
      REQUIRE(t.attacker.changed.size() == 1);
      const Step& target = t.steps[t.attacker.changed[0].step - 1];
      CHECK(target.kind == StepKind::record);
      CHECK(target.inner_type == 23);  // application data, not EncryptedExtensions
      CHECK(target.app_unit == "GET /");
      const FailureCause cause = failure_cause(t);
      CHECK(cause.alert == 20);
      CHECK(cause.alert_name == "bad_record_mac");
      CHECK(cause.alert_from == Side::server);
      CHECK(cause.verify_step == 0);
      // The handshake itself completed; the connection died afterwards.
      CHECK(first_app_data(t, "GET /") != nullptr);
      // Nothing of the application data was readable to her.
      for (const auto& note : t.attacker.read) CHECK(note.text.find("GET") == std::string::npos);
    }
  }
}

TEST_CASE("tamper in the plaintext ClientHello: three layers catch it") {
  const Transcript clean = run_scenario(scenario_with({{"version", "1.2"}}));
  std::size_t hello_step = 0;
  const Step* hello = first_record(clean, HandshakeType::client_hello, &hello_step);
  REQUIRE(hello != nullptr);
  const std::string name = "www.example.com";
  const auto sni = std::search(hello->bytes.begin(), hello->bytes.end(), name.begin(), name.end());
  REQUIRE(sni != hello->bytes.end());
  const std::string sni_spot = std::to_string(hello_step) + ":" + std::to_string(sni - hello->bytes.begin() + 5);
  const std::string random_spot = std::to_string(hello_step) + ":11";  // header 5 + type/length 4 + version 2

  auto alert_of = [](const Transcript& t) {
    const FailureCause cause = failure_cause(t);
    return std::string(side_name(cause.alert_from)) + " " + cause.alert_name;
  };
  SECTION("TLS 1.2, client_random: the ServerKeyExchange signature covers it -> decrypt_error") {
    CHECK(alert_of(run_scenario(scenario_with({{"version", "1.2"}, {"tamper", random_spot}}))) == "client decrypt_error");
  }
  SECTION("TLS 1.2, another byte: the extended master secret differs -> bad_record_mac") {
    CHECK(alert_of(run_scenario(scenario_with({{"version", "1.2"}, {"tamper", sni_spot}}))) == "server bad_record_mac");
  }
  SECTION("TLS 1.2 without EMS: the Finished check catches it -> decrypt_error") {
    Transcript t = run_scenario(scenario_with({{"version", "1.2"}, {"tamper", sni_spot}, {"ems", "off"}}));
    CHECK(alert_of(t) == "server decrypt_error");
  }
  SECTION("TLS 1.3: different transcripts, different handshake keys -> the client's bad_record_mac") {
    const Transcript clean13 = run_scenario(scenario_with({}));
    std::size_t step13 = 0;
    const Step* hello13 = first_record(clean13, HandshakeType::client_hello, &step13);
    REQUIRE(hello13 != nullptr);
    const auto at = std::search(hello13->bytes.begin(), hello13->bytes.end(), name.begin(), name.end());
    const std::string spot = std::to_string(step13) + ":" + std::to_string(at - hello13->bytes.begin() + 5);
    CHECK(alert_of(run_scenario(scenario_with({{"tamper", spot}}))) == "client bad_record_mac");
  }
}

TEST_CASE("downgrade: supported_versions removed, the sentinel in ServerHello.random, the client aborts") {
  Transcript t = run_scenario(scenario_with({{"attack", "downgrade"}}));
  const FailureCause cause = failure_cause(t);
  CHECK(cause.alert == 47);
  CHECK(cause.alert_name == "illegal_parameter");
  CHECK(cause.alert_from == Side::client);
  CHECK(t.failure.find("inappropriate fallback") != std::string::npos);

  const Step* server_hello = first_record(t, HandshakeType::server_hello);
  REQUIRE(server_hello != nullptr);
  REQUIRE(server_hello->bytes.size() >= 43);
  const Bytes sentinel(server_hello->bytes.begin() + 35, server_hello->bytes.begin() + 43);
  CHECK(sentinel == Bytes{0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01});  // "DOWNGRD" 01: TLS 1.2
  CHECK(server_hello->bytes[9] == 0x03);
  CHECK(server_hello->bytes[10] == 0x03);

  REQUIRE(t.attacker.changed.size() == 1);
  CHECK(t.attacker.changed[0].text.find("supported_versions") != std::string::npos);
  CHECK(std::any_of(t.attacker.read.begin(), t.attacker.read.end(),
                    [](const AttackerNote& note) { return note.text.find("44 4F 57 4E 47 52 44 01") != std::string::npos; }));
}

TEST_CASE("an old client: TLS 1.0 only") {
  SECTION("against a server whose minimum is TLS 1.2 -> protocol_version") {
    Transcript t = run_scenario(scenario_with({{"client-versions", "1.0"}, {"server-versions", "1.2-1.3"}}));
    const FailureCause cause = failure_cause(t);
    CHECK(cause.alert_name == "protocol_version");
    CHECK(cause.alert == 70);
    CHECK(cause.alert_from == Side::server);
  }
  SECTION("against a server that allows TLS 1.0: no signature algorithm it may use -> internal_error") {
    Transcript t = run_scenario(scenario_with({{"client-versions", "1.0"}, {"server-versions", "1.0-1.3"}}));
    const FailureCause cause = failure_cause(t);
    CHECK(cause.alert_name == "internal_error");
    CHECK(cause.alert == 80);
    CHECK(cause.alert_from == Side::server);
    CHECK(t.failure.find("no suitable signature algorithm") != std::string::npos);
  }
}

TEST_CASE("Mallory changing nothing: her relay passes every byte unchanged") {
  for (const char* lesson_settings : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << lesson_settings) {
      Transcript plain = run_scenario(scenario_with({{"version", lesson_settings}}));
      // An event step puts no bytes on the wire: the tamper never finds a byte to flip there.
      std::size_t event_number = 0;
      for (std::size_t i = 0; i < plain.steps.size() && event_number == 0; ++i)
        if (plain.steps[i].kind == StepKind::event) event_number = i + 1;
      REQUIRE(event_number != 0);
      const std::string spot = std::to_string(event_number) + ":0";
      Transcript relayed = run_scenario(scenario_with({{"version", lesson_settings}, {"tamper", spot}}));
      REQUIRE(relayed.attacker.present);
      CHECK(relayed.attacker.changed.empty());
      REQUIRE(plain.steps.size() == relayed.steps.size());
      for (std::size_t i = 0; i < plain.steps.size(); ++i) {
        INFO("step " << i + 1 << " " << plain.steps[i].title);
        CHECK(plain.steps[i].bytes == relayed.steps[i].bytes);
      }
      CHECK(relayed.handshake_complete);
      CHECK(relayed.failure.empty());
    }
  }
}

TEST_CASE("a flipped bit at every record of a run never hangs it") {
  const Transcript clean = run_scenario(scenario_with({}));
  for (std::size_t i = 0; i < clean.steps.size(); ++i) {
    if (clean.steps[i].kind != StepKind::record) continue;
    for (std::size_t byte : {std::size_t{0}, std::size_t{3}, clean.steps[i].bytes.size() - 1}) {
      const std::string spot = std::to_string(i + 1) + ":" + std::to_string(byte);
      Transcript t = run_scenario(scenario_with({{"tamper", spot}}));
      INFO(spot << " " << t.failure);
      CHECK((t.handshake_complete || !t.failure.empty()));
      CHECK(t.steps.size() < 200);
    }
  }
}

TEST_CASE("removing an extension: good ClientHello beside its bad twins") {
  const Transcript clean = run_scenario(scenario_with({}));
  const Step* hello = first_record(clean, HandshakeType::client_hello);
  REQUIRE(hello != nullptr);
  SECTION("supported_versions goes, every enclosing length shrinks with it") {
    Bytes record = hello->bytes;
    REQUIRE(remove_client_hello_extension(record, 43));
    const std::size_t removed = hello->bytes.size() - record.size();
    CHECK(removed == 7);  // type 2 + length 2 + list length 1 + TLS 1.3 (2): the client is pinned to 1.3
    CHECK(((record[3] << 8) | record[4]) == static_cast<int>(record.size() - 5));
    CHECK(((record[6] << 16) | (record[7] << 8) | record[8]) == static_cast<int>(record.size() - 9));
    CHECK_FALSE(remove_client_hello_extension(record, 43));  // gone: nothing more to remove
  }
  SECTION("truncated, trailing bytes, not a ClientHello: refused, bytes untouched") {
    Bytes truncated(hello->bytes.begin(), hello->bytes.end() - 1);
    Bytes trailing = hello->bytes;
    trailing.push_back(0);
    Bytes server_hello = hello->bytes;
    server_hello[5] = 2;
    for (Bytes* bad : {&truncated, &trailing, &server_hello}) {
      const Bytes before = *bad;
      CHECK_FALSE(remove_client_hello_extension(*bad, 43));
      CHECK(*bad == before);
    }
    Bytes empty;
    CHECK_FALSE(remove_client_hello_extension(empty, 43));
  }
  SECTION("flip_bit past the end changes nothing") {
    Bytes bytes = {1, 2, 3};
    CHECK_FALSE(flip_bit(bytes, 3));
    CHECK(flip_bit(bytes, 2));
    CHECK(bytes == Bytes{1, 2, 2});
  }
}

TEST_CASE("attack and fault settings: good values and refused ones") {
  Scenario s;
  CHECK(set_scenario_field(s, "tamper", "5:17").empty());
  CHECK(s.attack == Attack::tamper);
  CHECK(s.tamper.step == 5);
  CHECK(s.tamper.byte == 17);
  for (const char* bad : {"5", "0:1", "x:1", "5:", "5:-1", "5:1:2"}) CHECK_FALSE(set_scenario_field(s, "tamper", bad).empty());
  CHECK_FALSE(set_scenario_field(s, "cert-fault", "broken").empty());
  CHECK_FALSE(set_scenario_field(s, "attack", "mitm-everything").empty());
  CHECK_FALSE(set_scenario_field(s, "client-versions", "1.3-1.2").empty());
  CHECK_FALSE(set_scenario_field(s, "client-versions", "2.0").empty());
  CHECK(set_scenario_field(s, "client-versions", "1.0-1.3").empty());
  CHECK(client_range(s).min == TLS1_VERSION);
  CHECK(client_range(s).max == TLS1_3_VERSION);
  // Empty: back to the default spot and version; the attack stays as set.
  CHECK(set_scenario_field(s, "tamper", "").empty());
  CHECK(s.tamper.step == 0);
  CHECK(s.attack == Attack::tamper);
  CHECK(set_scenario_field(s, "client-versions", "").empty());
  CHECK(s.client_versions.min == 0);
}

TEST_CASE("tamper=STEP:BYTE counts steps as the trace shows them, grouped events included") {
  Scenario scenario = scenario_with({{"version", "1.2"}});
  scenario.seed = 1;
  const Transcript plain = run_scenario(scenario);
  // The first record after a grouped event step: raw and grouped numbers differ there.
  std::size_t number = 0;
  for (std::size_t i = 1; i < plain.steps.size() && number == 0; ++i)
    if (plain.steps[i].kind == StepKind::record && plain.steps[i - 1].kind == StepKind::event) number = i + 1;
  REQUIRE(number != 0);
  const Step& target = plain.steps[number - 1];
  REQUIRE(target.bytes.size() > 6);
  REQUIRE(set_scenario_field(scenario, "tamper", std::to_string(number) + ":6").empty());
  const Transcript tampered = run_scenario(scenario);
  REQUIRE(tampered.attacker.changed.size() == 1);
  CHECK(tampered.attacker.changed[0].step == number);
  REQUIRE(tampered.steps.size() >= number);
  const Step& hit = tampered.steps[number - 1];
  CHECK(identity_of(hit) == identity_of(target));
  REQUIRE(hit.bytes.size() == target.bytes.size());
  CHECK((hit.bytes[6] ^ target.bytes[6]) == 0x01);
  for (std::size_t i = 0; i + 1 < number; ++i) CHECK(tampered.steps[i].bytes == plain.steps[i].bytes);
}

TEST_CASE("inject-record: Mallory's own record behind GET / -> the server's bad_record_mac") {
  for (const char* version : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << version) {
      const Scenario scenario = scenario_with({{"version", version}, {"attack", "inject-record"}});
      Transcript t = run_scenario(scenario);
      REQUIRE(t.attacker.changed.size() == 1);
      const Step& injected = t.steps[t.attacker.changed[0].step - 1];
      CHECK(injected.kind == StepKind::record);
      CHECK(injected.from == Side::attacker);
      CHECK(injected.to == Side::server);
      CHECK(injected.by_attacker);
      CHECK(injected.bytes[0] == 23);  // application_data, as a real record would say
      const Step& before = t.steps[t.attacker.changed[0].step - 2];
      CHECK(before.app_unit == "GET /");  // right behind the client's request
      CHECK(before.from == Side::client);
      const FailureCause cause = failure_cause(t);
      CHECK(cause.alert_name == "bad_record_mac");
      CHECK(cause.alert_from == Side::server);
      CHECK(cause.alert_step > t.attacker.changed[0].step);
      CHECK(expected_outcome(scenario).alert);
    }
  }
}

TEST_CASE("delay-record: the server's flight reordered -> bad_record_mac (TLS 1.3), unexpected_message (TLS 1.2)") {
  struct Case {
    const char* version;
    HandshakeType held;
    const char* alert;
  };
  for (const Case& c : {Case{"1.3", HandshakeType::encrypted_extensions, "bad_record_mac"},
                        Case{"1.2", HandshakeType::certificate, "unexpected_message"}}) {
    DYNAMIC_SECTION("TLS " << c.version) {
      Transcript t = run_scenario(scenario_with({{"version", c.version}, {"attack", "delay-record"}}));
      REQUIRE(t.attacker.changed.size() == 1);
      const std::size_t held_at = t.attacker.changed[0].step;
      const Step& held = t.steps[held_at - 1];
      CHECK(carries(held, c.held));
      CHECK(held.from == Side::server);
      CHECK(held.to == Side::attacker);  // she holds it: it does not reach the client yet
      // The server's next record goes straight to the client, then hers: the same bytes, late.
      const Step& next = t.steps[held_at];
      CHECK(next.from == Side::server);
      CHECK(next.to == Side::client);
      const Step& late = t.steps[held_at + 1];
      CHECK(late.from == Side::attacker);
      CHECK(late.to == Side::client);
      CHECK(late.by_attacker);
      CHECK(late.bytes == held.bytes);
      const FailureCause cause = failure_cause(t);
      CHECK(cause.alert_name == c.alert);
      CHECK(cause.alert_from == Side::client);
    }
  }
}

TEST_CASE("inject and delay settings: listed, and refused where there is nothing to act on") {
  Scenario s;
  CHECK(set_scenario_field(s, "attack", "inject-record").empty());
  CHECK(set_scenario_field(s, "attack", "delay-record").empty());
  CHECK(set_scenario_field(s, "attack", "inject-line").empty());
  CHECK_THAT(scenario_refusal(s), Catch::Contains("STARTTLS"));  // https: no upgrade command to follow
  Transcript refused = run_scenario(s);
  CHECK_FALSE(refused.failure.empty());
  CHECK(refused.steps.size() <= 1);
  s.mode = PortMode::plaintext;
  s.attack = Attack::delay_record;
  CHECK_THAT(scenario_refusal(s), Catch::Contains("no TLS records"));
}
