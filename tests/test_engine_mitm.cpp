// Mallory terminating TLS (attack=mitm, mitm-clickthrough): two connections that meet at her,
// the client's real alert and verify error when it checks her certificate, what she reads
// when it does not, her relay passing the application bytes unchanged, and the bound on rounds.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <openssl/x509_vfy.h>

#include "core/engine/attacker_mitm.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/lessons/loader.hpp"
#include "core/protocols/account.hpp"

using namespace hl;

namespace {

Scenario scenario_with(std::initializer_list<std::pair<const char*, std::string>> settings) {
  Scenario scenario;
  scenario.seed = 11;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  return scenario;
}

Scenario lesson_scenario(const std::string& id, const char* attack) {
  static const auto library = load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  for (const auto& lesson : library.lessons) {
    if (lesson.id != id) continue;
    Scenario scenario = lesson.scenario;
    scenario.seed = 3;
    REQUIRE(set_scenario_field(scenario, "attack", attack).empty());
    return scenario;
  }
  FAIL("no lesson " << id);
  return {};
}

bool read_mentions(const Transcript& t, const std::string& text) {
  for (const auto& note : t.attacker.read)
    if (note.text.find(text) != std::string::npos) return true;
  return false;
}

// The application bytes of every record from `from` to `to`, in order (TLS 1.3: without the
// inner type byte; no padding is used here).
std::vector<Bytes> application_data(const Transcript& t, Side from, Side to) {
  std::vector<Bytes> units;
  for (const Step& step : t.steps) {
    if (step.kind != StepKind::record || step.inner_type != 23 || step.from != from || step.to != to) continue;
    Bytes content = step.plaintext;
    if (step.version == 0x0304 && !content.empty()) content.pop_back();
    units.push_back(std::move(content));
  }
  return units;
}

}  // namespace

TEST_CASE("mitm: a verifying client refuses Mallory's certificate with unknown_ca") {
  for (const char* version : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << version) {
      const Transcript t = run_scenario(scenario_with({{"version", version}, {"attack", "mitm"}}));
      INFO(t.failure);
      CHECK_FALSE(t.handshake_complete);
      CHECK_FALSE(t.rejected);
      const FailureCause cause = failure_cause(t);
      REQUIRE(cause.verify_step != 0);
      CHECK(cause.verify.error == X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
      CHECK(cause.verify.error_name == "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
      CHECK(cause.verify.depth == 0);  // her CA signs the leaf itself
      REQUIRE(cause.alert_step > cause.verify_step);
      CHECK(cause.alert == 48);
      CHECK(cause.alert_name == "unknown_ca");
      CHECK(cause.alert_from == Side::client);
      const Step& alert = t.steps[cause.alert_step - 1];
      CHECK(alert.to == Side::attacker);  // the alert goes to Mallory, who answered in the server's place
      CHECK(alert.connection == 1);
      // She read the server name in the ClientHello, but no application data.
      REQUIRE(t.attacker.present);
      CHECK(read_mentions(t, "www.example.com"));
      CHECK_FALSE(read_mentions(t, "decrypted"));
      CHECK_FALSE(read_mentions(t, "Cookie"));
      REQUIRE_FALSE(t.attacker.changed.empty());
      CHECK(t.attacker.changed.front().text.find("her own certificate") != std::string::npos);
      // Implicit TLS: she never opened her connection to the server.
      for (const Step& step : t.steps) CHECK(step.connection == 1);
    }
  }
}

TEST_CASE("mitm: steps name the parties of their connection") {
  const Transcript t = run_scenario(scenario_with({{"attack", "mitm-clickthrough"}}));
  REQUIRE(t.failure.empty());
  std::size_t on_near = 0, on_far = 0;
  for (const Step& step : t.steps) {
    INFO(step.title);
    if (step.kind == StepKind::event) {
      CHECK(step.to == step.from);
      continue;
    }
    const bool near = (step.from == Side::client && step.to == Side::attacker) ||
                      (step.from == Side::attacker && step.to == Side::client);
    const bool far = (step.from == Side::attacker && step.to == Side::server) ||
                     (step.from == Side::server && step.to == Side::attacker);
    CHECK((near ? step.connection == 1 : far && step.connection == 2));
    on_near += near;
    on_far += far;
  }
  CHECK(on_near > 8);
  CHECK(on_far > 8);
  // Two full handshakes: a ClientHello on each connection, a certificate check by each client.
  std::size_t hellos = 0;
  for (const Step& step : t.steps) hellos += carries(step, HandshakeType::client_hello);
  CHECK(hellos == 2);
  Step toward_client;
  toward_client.from = Side::attacker;
  toward_client.to = Side::client;
  CHECK(sender_role(toward_client) == Side::server);
  Step toward_server = toward_client;
  toward_server.to = Side::server;
  CHECK(sender_role(toward_server) == Side::client);
}

TEST_CASE("mitm-clickthrough: Mallory reads the credentials and the cookie") {
  struct Case {
    const char* lesson;
    std::string secret;
  };
  const Case cases[] = {
      {"https-443", "Cookie: session=7f3a9c2e41b8d065"},
      {"imaps-993", std::string("LOGIN alice \"") + account::kPassword + "\""},
      {"submission-587", "AUTH PLAIN AGFsaWNlAFRyMHViNGRvciYz"},  // base64 of "\0alice\0Tr0ub4dor&3"
      {"smtps-465", "AUTH PLAIN AGFsaWNlAFRyMHViNGRvciYz"},
      {"imap-143", std::string("LOGIN alice \"") + account::kPassword + "\""},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.lesson) {
      const Transcript t = run_scenario(lesson_scenario(c.lesson, "mitm-clickthrough"));
      INFO(t.failure);
      CHECK(t.failure.empty());
      CHECK(t.handshake_complete);
      REQUIRE(t.attacker.present);
      CHECK(read_mentions(t, c.secret));
      // The read notes point at steps of the run, in order.
      for (std::size_t i = 0; i < t.attacker.read.size(); ++i) {
        CHECK(t.attacker.read[i].step >= 1);
        CHECK(t.attacker.read[i].step <= t.steps.size());
        if (i > 0) CHECK(t.attacker.read[i].step >= t.attacker.read[i - 1].step);
      }
      // The client still ran its check and saw the error; it carried on regardless.
      const FailureCause cause = failure_cause(t);
      CHECK(cause.verify_step != 0);
      CHECK(cause.alert_step == 0);
    }
  }
}

TEST_CASE("mitm-clickthrough: her relay passes every application byte unchanged") {
  for (const char* version : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << version) {
      Scenario scenario = lesson_scenario("imaps-993", "mitm-clickthrough");
      REQUIRE(set_scenario_field(scenario, "version", version).empty());
      const Transcript t = run_scenario(scenario);
      REQUIRE(t.failure.empty());
      const auto from_client = application_data(t, Side::client, Side::attacker);
      const auto to_server = application_data(t, Side::attacker, Side::server);
      const auto from_server = application_data(t, Side::server, Side::attacker);
      const auto to_client = application_data(t, Side::attacker, Side::client);
      REQUIRE(from_client.size() >= 3);
      CHECK(from_client == to_server);
      REQUIRE(from_server.size() >= 3);
      CHECK(from_server == to_client);
      // The same bytes, but not the same records: each connection has its own keys.
      const Step* first_in = nullptr;
      const Step* first_out = nullptr;
      for (const Step& step : t.steps) {
        if (step.inner_type != 23 || step.kind != StepKind::record) continue;
        if (!first_in && step.from == Side::client) first_in = &step;
        if (!first_out && step.from == Side::attacker && step.to == Side::server) first_out = &step;
      }
      REQUIRE(first_in);
      REQUIRE(first_out);
      CHECK(first_in->bytes != first_out->bytes);
    }
  }
}

TEST_CASE("mitm: seeded runs repeat, and Mallory's key is not the server's") {
  const Scenario scenario = scenario_with({{"attack", "mitm-clickthrough"}});
  const Transcript a = run_scenario(scenario);
  const Transcript b = run_scenario(scenario);
  REQUIRE(a.steps.size() == b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) CHECK(a.steps[i].bytes == b.steps[i].bytes);
  const Scenario mallory = mallory_certificate_scenario(scenario);
  CHECK(mallory.seed != scenario.seed);
  CHECK(mallory.cert.subject_cn == scenario.cert.subject_cn);
  CHECK(mallory.cert.san == scenario.cert.san);
  // The certificate records on the two connections differ (her leaf, her CA).
  std::vector<const Step*> certificates;
  for (const Step& step : a.steps)
    if (step.kind == StepKind::record && carries(step, HandshakeType::certificate)) certificates.push_back(&step);
  REQUIRE(certificates.size() == 2);
  CHECK(certificates[0]->plaintext != certificates[1]->plaintext);
}

TEST_CASE("mitm: a run cut short by the bound on rounds stops and says where") {
  struct Case {
    const char* attack;
    std::size_t rounds;
    const char* where;
  };
  // On submission-587 the dialogue in the clear comes first, then both handshakes.
  for (const Case& c : {Case{"mitm", 3, "in the clear"}, Case{"mitm-clickthrough", 10, "in the handshake"}}) {
    DYNAMIC_SECTION(c.attack << " " << c.rounds) {
      EngineOptions options;
      options.max_rounds = c.rounds;
      const Transcript t = run_scenario(lesson_scenario("submission-587", c.attack), options);
      INFO(t.failure);
      CHECK_FALSE(t.handshake_complete);
      CHECK(t.failure.find("stopped after " + std::to_string(c.rounds) + " rounds") != std::string::npos);
      CHECK(t.failure.find(c.where) != std::string::npos);
      CHECK(t.steps.back().event == EventKind::failure);
    }
  }
}

TEST_CASE("mitm: a hook that drops everything Mallory relays never hangs the run") {
  EngineOptions options;
  options.intervene = [](Step& step) { return step.from == Side::attacker ? Delivery::drop : Delivery::deliver; };
  const Transcript t = run_scenario(scenario_with({{"attack", "mitm-clickthrough"}}), options);
  CHECK_FALSE(t.handshake_complete);
  CHECK_FALSE(t.failure.empty());
  CHECK(t.steps.size() < 40);
}
