// set_scenario_field(): every key accepts its documented values and rejects the rest with a clear message.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "core/engine/scenario.hpp"

using hl::Scenario;

TEST_CASE("set_scenario_field sets known keys") {
  Scenario s;
  REQUIRE(hl::set_scenario_field(s, "version", "1.2").empty());
  CHECK(s.version == hl::TlsVersion::tls12);
  REQUIRE(hl::set_scenario_field(s, "cert", "rsa-2048").empty());
  CHECK(s.cert.key == hl::KeyType::rsa2048);
  REQUIRE(hl::set_scenario_field(s, "tickets", "0").empty());
  CHECK(s.tickets == 0);
  REQUIRE(hl::set_scenario_field(s, "starttls", "off").empty());
  CHECK_FALSE(s.starttls);
  REQUIRE(hl::set_scenario_field(s, "cert-san", "a.example,b.example").empty());
  CHECK(s.cert.san == std::vector<std::string>{"a.example", "b.example"});
  REQUIRE(hl::set_scenario_field(s, "server-name", "").empty());
  CHECK(s.server_name.empty());
  CHECK(s.close == hl::CloseMode::none);  // the default: runs end as they did before the key existed
  REQUIRE(hl::set_scenario_field(s, "close", "cut").empty());
  CHECK(s.close == hl::CloseMode::cut);
  CHECK(hl::scenario_choices("close").size() == 3);
}

TEST_CASE("set_scenario_field rejects bad values and unknown keys") {
  Scenario s;
  CHECK_THAT(hl::set_scenario_field(s, "version", "1.4"), Catch::Contains("expected 1.2 | 1.3"));
  CHECK_THAT(hl::set_scenario_field(s, "cert", "rsa-999"), Catch::Contains("bad value 'rsa-999' for cert"));
  CHECK_THAT(hl::set_scenario_field(s, "tickets", "9"), Catch::Contains("tickets"));
  CHECK_THAT(hl::set_scenario_field(s, "tickets", "2x"), Catch::Contains("tickets"));
  CHECK_THAT(hl::set_scenario_field(s, "colour", "red"), Catch::Contains("unknown scenario key 'colour'"));
  CHECK(s.version == hl::TlsVersion::tls13);  // nothing changed on failure
  CHECK(s.cert.key == hl::KeyType::ecdsa_p256);
}

namespace {

// "a | b | c" -> {"a", "b", "c"}; empty when values is not such a list.
std::vector<std::string> alternatives(const std::string& values) {
  std::vector<std::string> out;
  if (values.find(" | ") == std::string::npos) return out;
  std::size_t start = 0;
  for (std::size_t bar; (bar = values.find(" | ", start)) != std::string::npos; start = bar + 3) out.push_back(values.substr(start, bar - start));
  out.push_back(values.substr(start));
  return out;
}

}  // namespace

TEST_CASE("every scenario key is listed once, and accepts exactly the values it lists") {
  std::set<std::string> names;
  int num_checked = 0;
  for (const auto& key : hl::scenario_keys()) {
    const std::string name = key.name, values = key.values;
    INFO(name << " = " << values);
    CHECK(names.insert(name).second);
    CHECK_FALSE(std::string(key.help).empty());
    const auto choices = alternatives(values);
    for (const auto& choice : choices) {
      Scenario s;
      CHECK(hl::set_scenario_field(s, name, choice).empty());
    }
    const auto dots = values.find("..");
    if (!choices.empty() || dots != std::string::npos) {
      Scenario s;
      CHECK_THAT(hl::set_scenario_field(s, name, "no-such-value"), Catch::Contains(name));
      ++num_checked;
    }
    if (dots == std::string::npos) continue;
    const int low = std::stoi(values.substr(0, dots)), high = std::stoi(values.substr(dots + 2));
    Scenario s;
    CHECK(hl::set_scenario_field(s, name, std::to_string(low)).empty());
    CHECK(hl::set_scenario_field(s, name, std::to_string(high)).empty());
    CHECK_FALSE(hl::set_scenario_field(s, name, std::to_string(low - 1)).empty());
    CHECK_FALSE(hl::set_scenario_field(s, name, std::to_string(high + 1)).empty());
  }
  for (const char* expected : {"version", "ciphers", "groups", "server-groups", "cert", "server-name", "verify-name", "alpn", "tickets", "starttls", "mode"})
    CHECK(names.count(expected) == 1);
  CHECK(num_checked >= 5);  // version, cert, intermediate, starttls, mode, cert-days, tickets
}

#include "core/engine/engine.hpp"

TEST_CASE("settings OpenSSL refuses mark the run rejected; a failed handshake does not") {
  Scenario bad_group;
  REQUIRE(hl::set_scenario_field(bad_group, "groups", "NOPE").empty());
  const hl::Transcript refused = hl::run_scenario(bad_group);
  CHECK(refused.rejected);
  CHECK_THAT(refused.failure, Catch::Contains("NOPE"));

  Scenario wrong_name;
  REQUIRE(hl::set_scenario_field(wrong_name, "verify-name", "wrong.example").empty());
  const hl::Transcript failed = hl::run_scenario(wrong_name);
  CHECK_FALSE(failed.rejected);
  CHECK_FALSE(failed.failure.empty());
}

TEST_CASE("scenario choices: every listed value is accepted and reads back as itself") {
  for (const auto& key : hl::scenario_keys()) {
    for (auto version : {hl::TlsVersion::tls12, hl::TlsVersion::tls13}) {
      for (const auto& choice : hl::scenario_choices(key.name, version)) {
        INFO(key.name << " = " << choice.value);
        Scenario s;
        REQUIRE(hl::set_scenario_field(s, key.name, choice.value).empty());
        CHECK(hl::scenario_value(s, key.name) == choice.value);
        CHECK(std::string(choice.label).size() > 0);
      }
    }
  }
  CHECK(hl::scenario_choices("cert").size() == 8);  // ECDSA P-256 and P-384, RSA 2048..4096, RSA-PSS, Ed25519, Ed448
  CHECK(hl::scenario_choices("version").size() == 2);
  CHECK(hl::scenario_choices("verify-name").empty());  // free text
  CHECK(hl::scenario_choices("ciphers", hl::TlsVersion::tls12).front().value == std::string(""));
  CHECK(std::string(hl::scenario_choices("ciphers", hl::TlsVersion::tls13)[1].value).rfind("TLS_", 0) == 0);
}

TEST_CASE("scenario values: each key's default reads back and sets the same scenario") {
  const Scenario defaults;
  for (const auto& key : hl::scenario_keys()) {
    INFO(key.name);
    Scenario s;
    const std::string value = hl::scenario_value(defaults, key.name);
    REQUIRE(hl::set_scenario_field(s, key.name, value).empty());
    CHECK(hl::scenario_value(s, key.name) == value);
  }
  CHECK(hl::scenario_value(defaults, "version") == "1.3");
  CHECK(hl::scenario_value(defaults, "cert") == "ecdsa-p256");
  CHECK(hl::scenario_value(defaults, "cert-san") == "www.example.com,example.com");
  CHECK(hl::scenario_value(defaults, "no-such-key").empty());
  CHECK(std::string(hl::port_mode_name(hl::PortMode::implicit_tls)) == "implicit-tls");
}

TEST_CASE("finite-field DHE: refused where no handshake could succeed, run where one can") {
  const auto scenario = [](std::initializer_list<std::pair<const char*, const char*>> settings) {
    Scenario s;
    for (const auto& [key, value] : settings) REQUIRE(hl::set_scenario_field(s, key, value).empty());
    return s;
  };
  const auto dhe_ecdsa = hl::run_scenario(scenario({{"version", "1.2"}, {"ciphers", "DHE-RSA-AES128-GCM-SHA256"}}));
  CHECK(dhe_ecdsa.rejected);
  CHECK_THAT(dhe_ecdsa.failure, Catch::Contains("cert=rsa-2048"));
  const auto ffdhe12 = hl::run_scenario(scenario({{"version", "1.2"}, {"groups", "ffdhe2048"}, {"server-groups", "ffdhe2048"}}));
  CHECK(ffdhe12.rejected);
  CHECK_THAT(ffdhe12.failure, Catch::Contains("picks the DHE group itself"));
  for (const char* suite : {"DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-CHACHA20-POLY1305"}) {
    INFO(suite);
    const auto dhe = hl::run_scenario(scenario({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", suite}}));
    CHECK(dhe.handshake_complete);
    CHECK(dhe.negotiated.cipher.rfind("TLS_DHE_RSA_WITH_", 0) == 0);
  }
  for (const char* group : {"ffdhe2048", "ffdhe3072"}) {
    INFO(group);
    const auto ffdhe13 = hl::run_scenario(scenario({{"groups", group}, {"server-groups", group}}));
    CHECK(ffdhe13.handshake_complete);
    CHECK(ffdhe13.negotiated.group == group);
  }
}
