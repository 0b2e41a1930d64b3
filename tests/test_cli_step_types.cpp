// `trace --format json`: each step's typed identity (content_type, messages, from/to,
// connection) as scripts read it, for TLS 1.3, TLS 1.2 and a HelloRetryRequest run.
#include <catch2/catch.hpp>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_run.hpp"

namespace {

using Json = nlohmann::json;

Json trace_json(const std::string& args) {
  hl::test::CliRun run = hl::test::run_cli("trace --format json --seed 1 " + args);
  REQUIRE(run.status == 0);
  return Json::parse(run.out);
}

// Every handshake message of the run, flattened, with the sender before each.
std::vector<std::string> flight(const Json& trace) {
  std::vector<std::string> out;
  for (const auto& step : trace["steps"]) {
    if (step["kind"] != "record") continue;
    for (const auto& message : step["messages"]) out.push_back(step["from"].get<std::string>() + ":" + message.get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("TLS 1.3: records name their content type and the messages they carry") {
  Json trace = trace_json("--lesson https-443");
  const std::vector<std::string> expected = {
      "client:client_hello",         "server:server_hello",       "server:encrypted_extensions",
      "server:certificate",          "server:certificate_verify", "server:finished",
      "client:finished",             "server:new_session_ticket", "server:new_session_ticket",
  };
  CHECK(flight(trace) == expected);
  for (const auto& step : trace["steps"]) {
    INFO(step["index"]);
    CHECK(step["connection"] == 1);
    if (step["kind"] == "event") {
      CHECK_FALSE(step.contains("content_type"));
      CHECK(step["to"] == step["from"]);
      continue;
    }
    CHECK(step["to"] != step["from"]);
    const int content_type = step["content_type"];
    CHECK(content_type == std::stoi(step["bytes"].get<std::string>().substr(0, 2), nullptr, 16));
    // TLS 1.3 hides every handshake message after the ServerHello in application_data records.
    if (step["messages"].empty()) continue;
    const bool hello = step["messages"][0] == "client_hello" || step["messages"][0] == "server_hello";
    CHECK(content_type == (hello ? 22 : 23));
    if (!hello) CHECK(step["protection"]["secret"].get<std::string>().find("traffic_secret") != std::string::npos);
  }
}

TEST_CASE("TLS 1.3: the secret that protects each record follows the key schedule") {
  Json trace = trace_json("--lesson https-443");
  for (const auto& step : trace["steps"]) {
    if (step["kind"] != "record" || step["messages"].empty()) continue;
    INFO(step["title"]);
    const std::string first = step["messages"][0];
    if (first == "encrypted_extensions" || (first == "finished" && step["from"] == "server"))
      CHECK(step["protection"]["secret"] == "server_handshake_traffic_secret");
    if (first == "finished" && step["from"] == "client")
      CHECK(step["protection"]["secret"] == "client_handshake_traffic_secret");
    if (first == "new_session_ticket")  // the key schedule may add the generation (_0)
      CHECK(step["protection"]["secret"].get<std::string>().rfind("server_application_traffic_secret", 0) == 0);
  }
}

TEST_CASE("TLS 1.2: each handshake message in its record, change_cipher_spec by its type") {
  Json trace = trace_json("--lesson https-443 --set version=1.2");
  const std::vector<std::string> expected = {
      "client:client_hello",       "server:server_hello",         "server:certificate",
      "server:server_key_exchange", "server:server_hello_done",   "client:client_key_exchange",
      "client:finished",           "server:new_session_ticket",   "server:finished",
  };
  CHECK(flight(trace) == expected);
  // The change_cipher_spec records carry no handshake message and say so by their type.
  int ccs = 0;
  for (const auto& step : trace["steps"]) {
    if (step["kind"] != "record" || step["content_type"] != 20) continue;
    ++ccs;
    CHECK(step["messages"].empty());
  }
  CHECK(ccs == 2);
  // TLS 1.2 Finished travels in a handshake record, encrypted with the write key.
  for (const auto& step : trace["steps"]) {
    if (step["kind"] != "record" || step["messages"] != Json::array({"finished"})) continue;
    CHECK(step["content_type"] == 22);
    CHECK(step["protection"]["secret"] == (step["from"] == "client" ? "client_write_key" : "server_write_key"));
  }
}

TEST_CASE("HelloRetryRequest: the ServerHello with the retry random is listed as hello_retry_request") {
  Json trace = trace_json("--lesson https-443 --set groups=P-256:X25519 --set server-groups=X25519");
  const auto messages = flight(trace);
  REQUIRE(messages.size() >= 4);
  CHECK(messages[0] == "client:client_hello");
  CHECK(messages[1] == "server:hello_retry_request");
  CHECK(messages[2] == "client:client_hello");
  CHECK(messages[3] == "server:server_hello");
  CHECK(std::count(messages.begin(), messages.end(), "server:hello_retry_request") == 1);
}

TEST_CASE("attack=mitm-clickthrough: steps name client, attacker and server; Mallory's read is in the JSON") {
  Json trace = trace_json("--lesson https-443 --set attack=mitm-clickthrough");
  const std::vector<std::string> expected = {
      "client:client_hello",           "attacker:server_hello",       "attacker:encrypted_extensions",
      "attacker:certificate",          "attacker:certificate_verify", "attacker:finished",
      "client:finished",               "attacker:new_session_ticket", "attacker:client_hello",
      "attacker:new_session_ticket",   "server:server_hello",         "server:encrypted_extensions",
      "server:certificate",            "server:certificate_verify",   "server:finished",
      "attacker:finished",             "server:new_session_ticket",   "server:new_session_ticket",
  };
  CHECK(flight(trace) == expected);
  for (const auto& step : trace["steps"]) {
    INFO(step["index"]);
    if (step["kind"] == "event") continue;
    const std::string from = step["from"], to = step["to"];
    const bool near = (from == "client" && to == "attacker") || (from == "attacker" && to == "client");
    const bool far = (from == "attacker" && to == "server") || (from == "server" && to == "attacker");
    CHECK((near || far));
    CHECK(step["connection"] == (near ? 1 : 2));
  }
  REQUIRE(trace["attacker"].is_object());
  bool cookie = false;
  for (const auto& note : trace["attacker"]["read"])
    cookie = cookie || note["text"].get<std::string>().find("Cookie: session=") != std::string::npos;
  CHECK(cookie);
  CHECK(trace["failure"].is_null());
}

TEST_CASE("attack=mitm: the JSON failure names unknown_ca and the verify error") {
  Json trace = trace_json("--lesson https-443 --set attack=mitm");
  REQUIRE(trace["failure"].is_object());
  CHECK(trace["failure"]["alert"]["name"] == "unknown_ca");
  CHECK(trace["failure"]["verify"]["name"] == "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
  CHECK(trace["failure"]["verify"]["error"] == 20);
  CHECK(trace["failure"]["alert"]["from"] == "client");
  CHECK(trace["failure"]["verify"]["depth"] == 0);
}

TEST_CASE("resume=ticket: every step names its connection; the second has no certificate and is resumed") {
  Json trace = trace_json("--lesson https-443 --set resume=ticket");
  std::vector<std::string> second;
  int previous = 1;
  for (const auto& step : trace["steps"]) {
    const int connection = step["connection"].get<int>();
    CHECK(connection >= previous);  // connection 2 follows connection 1
    previous = connection;
    if (connection != 2 || step["kind"] != "record") continue;
    for (const auto& message : step["messages"]) second.push_back(step["from"].get<std::string>() + ":" + message.get<std::string>());
  }
  const std::vector<std::string> expected = {"client:client_hello", "server:server_hello", "server:encrypted_extensions",
                                             "server:finished", "client:finished", "server:new_session_ticket"};
  CHECK(second == expected);
  CHECK(trace["negotiated"]["resumed"] == true);
  CHECK(trace["negotiated"]["early_data"] == "none");
  REQUIRE(trace["later_connections"].size() == 1);
  CHECK(trace["later_connections"][0]["connection"] == 2);
  for (const auto& check : trace["later_connections"][0]["key_schedule_checks"]) CHECK(check["ok"] == true);

  hl::test::CliRun text = hl::test::run_cli("trace --seed 1 --set resume=ticket");
  CHECK_THAT(text.out, Catch::Contains("── connection 2: the client connects again and resumes the session ──"));
  hl::test::CliRun help = hl::test::run_cli("trace --help");
  CHECK_THAT(help.out, Catch::Contains("resume") && Catch::Contains("psk-only"));
}
