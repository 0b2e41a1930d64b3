// steal-server-key: the recording of a TLS 1.2 RSA-key-exchange session opens with the
// server's private key (every application record, the password included); the same
// procedure on an ECDHE or a TLS 1.3 session opens nothing and says why.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/engine/engine.hpp"
#include "core/protocols/account.hpp"
#include "core/wire/fields.hpp"

using namespace hl;

namespace {

Scenario imaps_with(std::initializer_list<std::pair<const char*, std::string>> settings) {
  Scenario scenario;
  scenario.seed = 3;
  REQUIRE(set_scenario_field(scenario, "port", "993").empty());
  scenario.protocol = "imap";
  scenario.mode = PortMode::implicit_tls;
  scenario.alpn = "";
  REQUIRE(set_scenario_field(scenario, "attack", "steal-server-key").empty());
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  return scenario;
}

std::size_t count_read(const Transcript& t, const std::string& text) {
  return static_cast<std::size_t>(std::count_if(t.attacker.read.begin(), t.attacker.read.end(), [&](const AttackerNote& note) {
    return note.text.find(text) != std::string::npos;
  }));
}

bool is_application_data(const Step& step) { return step.kind == StepKind::record && step.inner_type == 23; }

}  // namespace

TEST_CASE("steal-server-key opens a recorded RSA key exchange: premaster, keys, every application record") {
  for (const char* suite : {"AES128-GCM-SHA256", "AES256-SHA256"}) {
    DYNAMIC_SECTION(suite) {
      Transcript t = run_scenario(imaps_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", suite}}));
      INFO(t.failure);
      REQUIRE(t.handshake_complete);
      CHECK(t.failure.empty());
      CHECK(count_read(t, "decrypts the premaster") == 1);
      CHECK(count_read(t, std::string("a2 LOGIN alice \"") + account::kPassword + "\"") == 1);
      // Each application record's note holds exactly what the endpoint put in it.
      std::size_t num_app_records = 0;
      for (std::size_t i = 0; i < t.steps.size(); ++i) {
        if (!is_application_data(t.steps[i])) continue;
        ++num_app_records;
        auto note = std::find_if(t.attacker.read.begin(), t.attacker.read.end(),
                                 [&](const AttackerNote& n) { return n.step == i + 1 && n.text.starts_with("decrypted"); });
        REQUIRE(note != t.attacker.read.end());
        CHECK(note->text.ends_with(wire::escaped_text(t.steps[i].plaintext)));
      }
      CHECK(num_app_records >= 8);
      CHECK(count_read(t, "decrypted with the stolen key") == num_app_records);
    }
  }
}

TEST_CASE("steal-server-key on ECDHE and on TLS 1.3 opens nothing: the ephemeral key is gone") {
  struct Case {
    const char* name;
    Scenario scenario;
    const char* why;
  };
  const Case cases[] = {
      {"TLS 1.2 ECDHE-RSA", imaps_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-AES128-GCM-SHA256"}}),
       "the key exchange was ECDHE (x25519)"},
      {"TLS 1.2 ECDHE-ECDSA", imaps_with({{"version", "1.2"}}), "the key exchange was ECDHE"},
      {"TLS 1.3 RSA certificate", imaps_with({{"version", "1.3"}, {"cert", "rsa-2048"}}), "TLS 1.3 has no RSA key transport"},
      {"TLS 1.3", imaps_with({}), "TLS 1.3 has no RSA key transport"},
  };
  for (const auto& c : cases) {
    DYNAMIC_SECTION(c.name) {
      Transcript t = run_scenario(c.scenario);
      REQUIRE(t.handshake_complete);
      CHECK(count_read(t, c.why) == 1);
      CHECK(count_read(t, "ephemeral private keys") == 1);
      CHECK(count_read(t, "decrypted") == 0);
      CHECK(count_read(t, account::kPassword) == 0);
      CHECK(t.attacker.changed.empty());
    }
  }
}

TEST_CASE("steal-server-key without any TLS session says there is nothing to open") {
  Scenario plain = imaps_with({});
  plain.mode = PortMode::plaintext;
  plain.port = 143;
  Transcript t = run_scenario(plain);
  CHECK(count_read(t, "No TLS session was recorded") == 1);
}
