// set_scenario_field(): every key accepts its documented values and rejects the rest with a clear message.
#include <catch2/catch.hpp>

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

TEST_CASE("every scenario key is listed with its values") {
  for (const auto& key : hl::scenario_keys()) {
    CHECK(std::string(key.name).size() > 0);
    CHECK(std::string(key.values).size() > 0);
    CHECK(std::string(key.help).size() > 0);
  }
  CHECK(hl::scenario_keys().size() >= 9);
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
