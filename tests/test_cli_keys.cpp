// The key schedule contract of `trace`: JSON `key_schedule` entries and per-record
// `protection` (DESIGN.md §3), and `trace --keys` as text.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <set>
#include <string>

#include "support/cli_run.hpp"

using hl::test::run_cli;

namespace {

std::set<std::string> schedule_names(const nlohmann::json& json) {
  std::set<std::string> names;
  for (const auto& entry : json["key_schedule"]) names.insert(entry["name"].get<std::string>());
  return names;
}

// Every entry has the contract's fields; a null value always says why.
void check_entries(const nlohmann::json& json) {
  REQUIRE(json["key_schedule"].is_array());
  REQUIRE_FALSE(json["key_schedule"].empty());
  for (const auto& entry : json["key_schedule"]) {
    INFO(entry.dump());
    CHECK(entry["name"].is_string());
    CHECK((entry["value"].is_string() || (entry["value"].is_null() && entry["value_unavailable"].is_string())));
    CHECK(entry["inputs"].is_array());
    CHECK(entry["label"].is_string());
    CHECK(entry["transcript_steps"].is_array());
    for (const auto& step : entry["transcript_steps"]) CHECK(step.get<int>() >= 1);
  }
  for (const auto& check : json["key_schedule_checks"]) {
    INFO(check.dump());
    CHECK(check["ok"] == true);
  }
}

}  // namespace

TEST_CASE("trace json: TLS 1.3 key_schedule names and every protected record's protection") {
  auto run = run_cli("trace --seed 3 --format json");
  REQUIRE(run.status == 0);
  const auto json = nlohmann::json::parse(run.out);
  check_entries(json);
  const auto names = schedule_names(json);
  for (const char* name :
       {"early_secret", "handshake_secret", "master_secret", "client_handshake_traffic_secret",
        "server_handshake_traffic_secret", "client_application_traffic_secret_0", "server_application_traffic_secret_0",
        "exporter_master_secret", "resumption_master_secret", "client_handshake_traffic_secret_key",
        "client_handshake_traffic_secret_iv", "client_handshake_traffic_secret_finished_key",
        "server_application_traffic_secret_0_key", "server_application_traffic_secret_0_iv"}) {
    INFO(name);
    CHECK(names.count(name) == 1);
  }
  CHECK(json["key_schedule_checks"].size() >= 12);  // 5 secrets x 2 sides, 2 Finished
  CHECK(json["key_exchange"]["group"] == "x25519");
  std::size_t num_protected = 0;
  for (const auto& step : json["steps"]) {
    if (!step.value("protected", false)) continue;
    ++num_protected;
    REQUIRE(step.contains("protection"));
    const auto& p = step["protection"];
    INFO(p.dump());
    for (const char* key : {"secret", "key", "iv", "nonce", "aad", "ciphertext", "tag"}) CHECK(p[key].is_string());
    CHECK(p["seq"].is_number_unsigned());
    CHECK(p["opened"] == true);
    CHECK(p["matches_plaintext"] == true);
    CHECK(p["aad"].get<std::string>() == step["bytes"].get<std::string>().substr(0, 10));  // the 5-byte header
    const std::string bytes = step["bytes"];
    CHECK(bytes.substr(bytes.size() - 32) == p["tag"].get<std::string>());  // the record's last 16 bytes
  }
  CHECK(num_protected >= 8);
}

TEST_CASE("trace json: TLS 1.2 names; trace --keys prints the schedule") {
  auto run = run_cli("trace --seed 3 --format json --set version=1.2");
  REQUIRE(run.status == 0);
  const auto json = nlohmann::json::parse(run.out);
  check_entries(json);
  const auto names = schedule_names(json);
  for (const char* name : {"pre_master_secret", "master_secret", "client_write_key", "server_write_key",
                           "client_write_iv", "server_write_iv"}) {
    INFO(name);
    CHECK(names.count(name) == 1);
  }
  auto text = run_cli("trace --seed 3 --keys --set version=1.2");
  REQUIRE(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("Key schedule"));
  CHECK_THAT(text.out, Catch::Contains("client_write_key"));
  CHECK_THAT(text.out, Catch::Contains("[ok] client Finished"));
  CHECK_THAT(text.out, !Catch::Contains("FAIL"));
  auto cbc = run_cli("trace --seed 3 --format json --set version=1.2 --set ciphers=ECDHE-ECDSA-AES128-SHA");
  REQUIRE(cbc.status == 0);
  CHECK(schedule_names(nlohmann::json::parse(cbc.out)).count("client_write_mac_key") == 1);
}

namespace {

// The key exchange contract: every value hex or null with a reason; ranges inside their step; checks all ok.
void check_key_exchange(const nlohmann::json& kx, const nlohmann::json& steps) {
  for (const auto& [name, value] : kx.items()) {
    INFO(name);
    if (name == "checks" || name == "kind" || name == "group" || name.ends_with("_unavailable") || name.ends_with("_step"))
      continue;
    if (name.ends_with("_range")) {
      const std::string bytes = steps[kx[name.substr(0, name.size() - 6) + "_step"].get<int>() - 1]["bytes"];
      const std::string hex = kx[name.substr(0, name.size() - 6)];
      CHECK(bytes.substr(value[0].get<std::size_t>() * 2, value[1].get<std::size_t>() * 2) == hex);
      continue;
    }
    CHECK((value.is_string() || (value.is_null() && kx[name + "_unavailable"].is_string())));
  }
  REQUIRE(kx["checks"].is_array());
  for (const auto& check : kx["checks"]) {
    INFO(check.dump());
    CHECK(check["ok"] == true);
  }
}

void check_key_exchange(const nlohmann::json& json) { check_key_exchange(json["key_exchange"], json["steps"]); }

}  // namespace

TEST_CASE("trace json: key_exchange with each side's keys, its own shared secret, and the reasons for what is missing") {
  SECTION("TLS 1.3 X25519: everything, both sides agree") {
    const auto json = nlohmann::json::parse(run_cli("trace --seed 3 --format json").out);
    check_key_exchange(json);
    const auto& kx = json["key_exchange"];
    for (const char* name : {"client_private", "client_public", "server_private", "server_public", "client_shared_secret",
                             "server_shared_secret", "shared_secret"}) {
      INFO(name);
      CHECK(kx[name].get<std::string>().size() == 64);
    }
    CHECK(kx["client_shared_secret"] == kx["server_shared_secret"]);
    CHECK(kx["client_public_range"].is_array());
    CHECK(kx["checks"].size() == 3);
    const auto& schedule = json["key_schedule"];
    const auto handshake = std::find_if(schedule.begin(), schedule.end(), [](const auto& e) { return e["name"] == "handshake_secret"; });
    REQUIRE(handshake != schedule.end());
    CHECK((*handshake)["source"] == "recomputed");
  }
  SECTION("TLS 1.2 ECDHE: the client's key is unavailable, and the JSON says why") {
    const auto json = nlohmann::json::parse(run_cli("trace --seed 3 --format json --set version=1.2").out);
    check_key_exchange(json);
    const auto& kx = json["key_exchange"];
    CHECK(kx["client_private"].is_null());
    CHECK_THAT(kx["client_private_unavailable"].get<std::string>(), Catch::Contains("OpenSSL 3.0"));
    CHECK(kx["client_shared_secret"].is_null());
    CHECK(kx["server_private"].is_string());
    CHECK(kx["shared_secret"] == kx["server_shared_secret"]);
    CHECK(kx["signature"].is_string());
    CHECK(kx["server_params_range"].is_array());
  }
  SECTION("TLS 1.2 RSA: premaster and encrypted_premaster") {
    const auto json = nlohmann::json::parse(
        run_cli("trace --seed 3 --format json --set version=1.2 --set cert=rsa-2048 --set ciphers=AES128-SHA256").out);
    check_key_exchange(json);
    const auto& kx = json["key_exchange"];
    CHECK(kx["kind"] == "rsa");
    CHECK(kx["premaster"].get<std::string>().substr(0, 4) == "0303");
    CHECK(kx["encrypted_premaster"].get<std::string>().size() == 512);
  }
  SECTION("TLS 1.3 ffdhe2048 and trace --keys text") {
    const auto json = nlohmann::json::parse(
        run_cli("trace --seed 3 --format json --set groups=ffdhe2048 --set server-groups=ffdhe2048").out);
    check_key_exchange(json);
    CHECK(json["key_exchange"]["shared_secret"].get<std::string>().size() == 512);
    auto text = run_cli("trace --seed 3 --keys --set version=1.2");
    REQUIRE(text.status == 0);
    CHECK_THAT(text.out, Catch::Contains("Key exchange (ecdhe, x25519"));
    CHECK_THAT(text.out, Catch::Contains("[ok] ServerKeyExchange signature"));
    CHECK_THAT(text.out, Catch::Contains("client_private"));
    CHECK_THAT(text.out, Catch::Contains("unavailable: OpenSSL 3.0 never keeps"));
  }
}

TEST_CASE("trace json: a man in the middle's two connections, each with its own key exchange and schedule") {
  const auto json = nlohmann::json::parse(run_cli("trace --lesson https-443 --seed 1 --set attack=mitm-clickthrough --format json").out);
  check_key_exchange(json);
  check_entries(json);
  REQUIRE(json["later_connections"].size() == 1);
  const auto& second = json["later_connections"][0];
  CHECK(second["connection"] == 2);
  check_key_exchange(second["key_exchange"], json["steps"]);
  check_entries(second);
  // Connection 1 is the client with Mallory's server, connection 2 Mallory's client with the server: two sessions.
  for (const auto* kx : {&json["key_exchange"], &second["key_exchange"]})
    for (const char* name : {"client_private", "server_private", "shared_secret"}) {
      INFO(name);
      CHECK((*kx)[name].is_string());
    }
  CHECK(json["key_exchange"]["shared_secret"] != second["key_exchange"]["shared_secret"]);
  auto text = run_cli("trace --lesson https-443 --seed 1 --set attack=mitm-clickthrough --keys");
  REQUIRE(text.status == 0);
  CHECK_THAT(text.out, Catch::Contains("Connection 2"));
  CHECK_THAT(text.out, Catch::Contains("Mallory's server"));
  CHECK_THAT(text.out, !Catch::Contains("FAIL"));
}
