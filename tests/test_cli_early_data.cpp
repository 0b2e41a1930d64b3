// `trace` with 0-RTT: negotiated.early_data in JSON and text, every step's connection (1, 2 and
// Mallory's replay 3), the early record's protection, the keys in --help, and usage errors.
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
  INFO(run.err);
  REQUIRE(run.status == 0);
  return Json::parse(run.out);
}

// The connection-2 messages in order, each with its sender, as scripts read them.
std::vector<std::string> messages_of(const Json& trace, int connection) {
  std::vector<std::string> out;
  for (const auto& step : trace["steps"]) {
    if (step["kind"] != "record" || step["connection"] != connection) continue;
    if (step["messages"].empty()) out.push_back(step["from"].get<std::string>() + ":" + std::to_string(step["content_type"].get<int>()));
    for (const auto& message : step["messages"]) out.push_back(step["from"].get<std::string>() + ":" + message.get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("trace --lesson zero-rtt: early data accepted, connections 1 and 2, the early record under the early secret") {
  const Json trace = trace_json("--lesson zero-rtt");
  CHECK(trace["negotiated"]["early_data"] == "accepted");
  CHECK(trace["negotiated"]["resumed"] == true);
  const std::vector<std::string> expected = {"client:client_hello", "client:20", "client:23", "server:server_hello",
                                             "server:20", "server:encrypted_extensions", "server:finished",
                                             "client:end_of_early_data", "client:finished", "server:new_session_ticket",
                                             "server:23"};
  CHECK(messages_of(trace, 2) == expected);
  bool early_seen = false;
  for (const auto& step : trace["steps"]) {
    const int connection = step["connection"];
    CHECK((connection == 1 || connection == 2));
    if (step["kind"] != "record" || !step.contains("protection")) continue;
    if (step["protection"]["secret"] != "client_early_traffic_secret") continue;
    CHECK(step["from"] == "client");
    CHECK(connection == 2);
    early_seen = true;
  }
  CHECK(early_seen);
  for (const auto& check : trace["later_connections"][0]["key_schedule_checks"]) CHECK(check["ok"] == true);

  hl::test::CliRun text = hl::test::run_cli("trace --seed 1 --lesson zero-rtt");
  CHECK_THAT(text.out, Catch::Contains("0-RTT     accepted"));
}

TEST_CASE("trace --set early-data=rejected: negotiated says rejected, the client's GET crosses twice") {
  const Json trace = trace_json("--set early-data=rejected");
  CHECK(trace["negotiated"]["early_data"] == "rejected");
  const std::vector<std::string> expected = {"client:client_hello", "client:20", "client:23", "server:server_hello",
                                             "server:20", "server:encrypted_extensions", "server:finished",
                                             "client:finished", "server:new_session_ticket", "client:23", "server:23"};
  CHECK(messages_of(trace, 2) == expected);
  hl::test::CliRun text = hl::test::run_cli("trace --seed 1 --set early-data=rejected");
  CHECK_THAT(text.out, Catch::Contains("0-RTT     rejected"));
}

TEST_CASE("trace --set attack=replay-early-data: Mallory's connection 3 and what the server did with it") {
  const Json trace = trace_json("--lesson zero-rtt --set attack=replay-early-data");
  std::vector<std::string> third = messages_of(trace, 3);
  REQUIRE(third.size() >= 4);
  CHECK(third[0] == "attacker:client_hello");
  CHECK(std::count(third.begin(), third.end(), "server:certificate") == 1);  // a full handshake: the ticket was used
  CHECK(std::count(third.begin(), third.end(), "attacker:23") == 1);         // the replayed early data
  CHECK(trace["attacker"]["changed"].size() == 3);
  hl::test::CliRun text = hl::test::run_cli("trace --seed 1 --lesson zero-rtt --set attack=replay-early-data");
  CHECK_THAT(text.out, Catch::Contains("── connection 3: Mallory replays"));

  const Json replayable = trace_json("--lesson zero-rtt --set attack=replay-early-data --set anti-replay=off");
  third = messages_of(replayable, 3);
  CHECK(std::count(third.begin(), third.end(), "server:certificate") == 0);  // resumed: the copy was accepted
}

TEST_CASE("trace: the early-data keys in --help, and bad values or combinations are usage errors") {
  hl::test::CliRun help = hl::test::run_cli("trace --help");
  CHECK_THAT(help.out, Catch::Contains("early-data=off | on | rejected") && Catch::Contains("anti-replay=on | off") &&
                           Catch::Contains("replay-early-data"));
  for (const char* args : {"--set early-data=yes", "--set anti-replay=maybe", "--set early-data=on --set version=1.2",
                           "--set attack=replay-early-data", "--lesson smtps-465 --set early-data=on"}) {
    INFO(args);
    hl::test::CliRun run = hl::test::run_cli(std::string("trace --seed 1 ") + args);
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
  }
}
