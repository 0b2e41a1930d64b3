// The key schedule contract of `trace`: JSON `key_schedule` entries and per-record
// `protection` (DESIGN.md §3), and `trace --keys` as text.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
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
  CHECK(json["key_schedule_checks"].size() >= 12);
  const auto& kx = json["key_exchange"];
  CHECK(kx["group"] == "x25519");
  CHECK(kx["client_public"].get<std::string>().size() == 64);
  CHECK(kx["client_private"].is_null());
  CHECK(kx["client_private_unavailable"].is_string());
  CHECK(kx["shared_secret"].is_null());
  CHECK(kx["shared_secret_unavailable"].is_string());  // 5 secrets x 2 sides, 2 Finished
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
