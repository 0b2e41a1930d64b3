// The command line as scripts use it: exit statuses, one-line errors, JSON shape.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>
#include "core/engine/scenario.hpp"
#include "support/cli_run.hpp"

namespace {

using hl::test::count_lines;
using hl::test::run_cli;
using Run = hl::test::CliRun;

// The text with every run of white space (a wrapped line's break and indent) as one space.
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

}  // namespace

TEST_CASE("usage errors exit 2 with one line on stderr") {
  const std::array<const char*, 10> bad = {
      "--no-such-flag",
      "trace --lesson no-such-lesson",
      "trace --set version=1.4",
      "trace --set cert=rsa-999",
      "trace --set colour=red",
      "trace --set version",
      "trace --format xml",
      "trace --seed -1",
      "trace --set groups=NOPE",
      "trace --set ciphers=NOPE",
  };
  for (const char* args : bad) {
    INFO(args);
    Run run = run_cli(args);
    CHECK(run.status == 2);
    CHECK(count_lines(run.err) == 1);
    CHECK(run.out.empty());
  }
}

TEST_CASE("unknown lesson error names the lesson") {
  Run run = run_cli("trace --lesson no-such-lesson");
  CHECK_THAT(run.err, Catch::Contains("no-such-lesson"));
}

TEST_CASE("an unwritable output fails with exit 1") {
  Run run = run_cli("trace --out /nonexistent-dir/trace.txt");
  CHECK(run.status == 1);
  CHECK_THAT(run.err, Catch::Contains("/nonexistent-dir/trace.txt"));
}

TEST_CASE("trace --help lists every scenario key") {
  Run run = run_cli("trace --help");
  CHECK(run.status == 0);
  for (const char* key : {"version=", "groups=", "server-groups=", "ciphers=", "cert=", "server-name=", "verify-name=", "alpn=", "tickets=",
                          "cert-fault=", "attack=", "tamper=", "client-policy=", "server-bug="})
    CHECK_THAT(run.out, Catch::Contains(key));
  for (const char* value : {"expired", "not-yet-valid", "wrong-host", "unknown-ca", "self-signed-leaf", "missing-intermediate",
                            "weak-key", "wrong-usage", "revoked", "downgrade", "STEP:BYTE", "strip-starttls",
                            "starttls-injection", "steal-server-key", "opportunistic", "require-tls", "keep-buffer"})
    CHECK_THAT(run.out, Catch::Contains(value));
}

TEST_CASE("trace --help lists each key of the scenario key table with its values and help, and no other") {
  Run run = run_cli("trace --help");
  REQUIRE(run.status == 0);
  const std::string help = squeezed(run.out);
  for (const hl::ScenarioKey& key : hl::scenario_keys()) {
    const std::string entry = std::string(key.name) + "=" + key.values + " (" + key.help + ")";
    INFO(entry);
    CHECK_THAT(help, Catch::Contains(squeezed(entry)));
  }
  // Every KEY= the help lists under "Keys:" is one of the table's.
  std::size_t at = run.out.find("Keys:");
  REQUIRE(at != std::string::npos);
  std::istringstream lines(run.out.substr(at));
  std::string line;
  std::size_t num_listed = 0;
  while (std::getline(lines, line)) {
    const std::size_t start = line.find_first_not_of(' ');
    const std::size_t equals = line.find('=');
    if (start == std::string::npos || equals == std::string::npos || equals <= start) continue;
    const std::string name = line.substr(start, equals - start);
    // A key is lower-case words joined by '-'; other options' lines start with '-' or hold spaces.
    if (!std::islower(static_cast<unsigned char>(name[0])) ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
      continue;
    INFO(line);
    const auto& keys = hl::scenario_keys();
    CHECK(std::any_of(keys.begin(), keys.end(), [&](const hl::ScenarioKey& k) { return name == k.name; }));
    ++num_listed;
  }
  CHECK(num_listed == hl::scenario_keys().size());
}

TEST_CASE("trace JSON: failure names the alert and the verify error; steps carry from and to") {
  Run ok = run_cli("trace --seed 1 --format json");
  REQUIRE(ok.status == 0);
  auto good = nlohmann::json::parse(ok.out);
  CHECK(good["failure"].is_null());
  CHECK_FALSE(good.contains("attacker"));
  for (const auto& step : good["steps"]) {
    if (step["kind"] == "event") CHECK(step["to"] == step["from"]);
    if (step["kind"] == "record") CHECK(step["to"] != step["from"]);
  }

  Run bad = run_cli("trace --seed 1 --set cert-fault=expired --format json");
  REQUIRE(bad.status == 0);  // a fault the lesson is about is a successful trace
  auto failure = nlohmann::json::parse(bad.out)["failure"];
  CHECK(failure["alert"]["name"] == "certificate_expired");
  CHECK(failure["alert"]["code"] == 45);
  CHECK(failure["alert"]["from"] == "client");
  CHECK(failure["verify"]["error"] == 10);
  CHECK(failure["verify"]["name"] == "X509_V_ERR_CERT_HAS_EXPIRED");
  CHECK(failure["verify"]["depth"] == 0);
  auto steps = nlohmann::json::parse(bad.out)["steps"];
  const auto alert_step = failure["alert"]["step"].get<std::size_t>();
  CHECK(steps[alert_step - 1]["title"] == "Alert: certificate_expired");

  Run text = run_cli("trace --seed 1 --set cert-fault=revoked");
  CHECK_THAT(text.out, Catch::Contains("X509_V_ERR_CERT_REVOKED"));
  CHECK_THAT(text.out, Catch::Contains("certificate_revoked (44)"));
}

TEST_CASE("trace JSON: attacker, present whenever Mallory is") {
  Run run = run_cli("trace --seed 1 --set attack=downgrade --format json");
  REQUIRE(run.status == 0);
  auto json = nlohmann::json::parse(run.out);
  REQUIRE(json.contains("attacker"));
  REQUIRE(json["attacker"]["changed"].size() == 1);
  // Step numbers as the trace shows them: the ClientHello is step 1.
  const int changed_step = json["attacker"]["changed"][0]["step"];
  CHECK(changed_step == 1);
  CHECK(json["steps"][changed_step - 1]["messages"][0] == "client_hello");
  CHECK(json["attacker"]["changed"][0]["what"].get<std::string>().find("supported_versions") != std::string::npos);
  CHECK_FALSE(json["attacker"]["read"].empty());
  CHECK(json["failure"]["alert"]["name"] == "illegal_parameter");
  CHECK(json["failure"]["verify"].is_null());

  Run usage = run_cli("trace --set tamper=nowhere");
  CHECK(usage.status == 2);
}

namespace {

// The numbered step lines of a text trace ("  7  client ──▶ server   122 B  Finished").
std::vector<std::string> step_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.size() > 5 && std::isdigit(static_cast<unsigned char>(line[2])) && line.compare(3, 2, "  ") == 0) lines.push_back(line);
  return lines;
}

std::string expected_direction(const nlohmann::json& step) {
  const bool client = step["from"] == "client";
  if (step["kind"] == "event") return client ? "client ·" : "· server";
  return client ? "client ──▶ server" : "client ◀── server";
}

}  // namespace

TEST_CASE("trace text lists the same steps as trace json: number, direction, size, title, lock") {
  Run text = run_cli("trace --lesson https-443 --seed 7");
  Run json_run = run_cli("trace --lesson https-443 --seed 7 --format json");
  REQUIRE(text.status == 0);
  REQUIRE(json_run.status == 0);
  const auto json = nlohmann::json::parse(json_run.out);
  const auto& steps = json.at("steps");
  const auto lines = step_lines(text.out);
  REQUIRE(lines.size() == steps.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& step = steps[i];
    const std::string& line = lines[i];
    INFO(line);
    CHECK(std::stoi(line.substr(0, 3)) == step.at("index").get<int>());
    CHECK(step.at("index").get<std::size_t>() == i + 1);
    CHECK_THAT(line, Catch::Contains(expected_direction(step)));
    CHECK_THAT(line, Catch::Contains(step.at("title").get<std::string>()));
    if (step["kind"] != "event") CHECK_THAT(line, Catch::Contains(" " + std::to_string(step.at("bytes").get<std::string>().size() / 2) + " B  "));
    CHECK((line.find("[encrypted]") != std::string::npos) == step.value("protected", false));
  }
  auto first_record = std::find_if(steps.begin(), steps.end(), [](const auto& s) { return s["kind"] == "record"; });
  REQUIRE(first_record != steps.end());
  CHECK((*first_record)["title"] == "ClientHello");
  const auto& negotiated = json.at("negotiated");
  CHECK(negotiated.at("version") == "TLSv1.3");
  CHECK_THAT(text.out, Catch::Contains("Result: handshake complete"));
  CHECK_THAT(text.out, Catch::Contains("version   " + negotiated.at("version").get<std::string>()));
  CHECK_THAT(text.out, Catch::Contains("cipher    " + negotiated.at("cipher").get<std::string>()));
}

TEST_CASE("trace json follows the documented shape") {
  Run run = run_cli("trace --lesson https-443 --seed 7 --format json");
  REQUIRE(run.status == 0);
  auto json = nlohmann::json::parse(run.out);
  REQUIRE(json["steps"].is_array());
  REQUIRE(json["steps"].size() > 5);
  CHECK(json["steps"][0]["index"] == 1);
  const auto& steps = json["steps"];
  auto first_record = std::find_if(steps.begin(), steps.end(), [](auto& s) { return s["kind"] == "record"; });
  REQUIRE(first_record != steps.end());
  const auto& first = *first_record;
  CHECK(first["from"] == "client");
  CHECK(first["title"] == "ClientHello");
  const std::string hex = first["bytes"];
  CHECK(hex.substr(0, 2) == "16");  // handshake record
  REQUIRE(first["fields"].is_array());
  REQUIRE_FALSE(first["fields"].empty());
  for (const auto& field : first["fields"]) {
    CHECK(field.contains("name"));
    CHECK(field.contains("value"));
    CHECK(field.contains("offset"));
    CHECK(field.contains("length"));
    CHECK(field.contains("children"));
  }
  bool saw_protected = false;
  for (const auto& step : json["steps"]) {
    if (!step.value("protected", false)) continue;
    saw_protected = true;
    CHECK_FALSE(std::string(step["plaintext"]).empty());
    CHECK(step["inner_fields"].is_array());
  }
  CHECK(saw_protected);
}

TEST_CASE("seeded traces are identical, different seeds differ") {
  Run a = run_cli("trace --seed 11 --format json");
  Run b = run_cli("trace --seed 11 --format json");
  Run c = run_cli("trace --seed 12 --format json");
  REQUIRE(a.status == 0);
  CHECK(a.out == b.out);
  CHECK(a.out != c.out);
}

TEST_CASE("trace --eavesdropper: STARTTLS hides the credential, starttls=off shows it") {
  Run upgraded = run_cli("trace --lesson submission-587 --seed 3 --eavesdropper --format json");
  Run plain = run_cli("trace --lesson submission-587 --seed 3 --set starttls=off --eavesdropper --format json");
  REQUIRE(upgraded.status == 0);
  REQUIRE(plain.status == 0);
  auto seen_upgraded = nlohmann::json::parse(upgraded.out)["eavesdropper"];
  auto seen_plain = nlohmann::json::parse(plain.out)["eavesdropper"];
  CHECK(seen_upgraded["secrets"].empty());
  CHECK(seen_upgraded["server_name"] == "mail.example.com");
  REQUIRE_FALSE(seen_plain["secrets"].empty());
  CHECK(seen_plain["ciphertext_bytes"] == 0);

  Run text = run_cli("trace --lesson submission-587 --seed 3 --set starttls=off --eavesdropper");
  CHECK_THAT(text.out, Catch::Contains("What an eavesdropper on the network sees"));
}

TEST_CASE("trace of a plaintext port says no TLS ran") {
  Run run = run_cli("trace --lesson imap-143 --set starttls=off --seed 1");
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Catch::Contains("no TLS on this connection"));
  CHECK_THAT(run.out, !Catch::Contains("handshake complete"));
}

TEST_CASE("trace of a failed certificate check says why") {
  Run run = run_cli("trace --seed 1 --set verify-name=wrong.example");
  REQUIRE(run.status == 0);  // the run worked: it recorded a failure, which is the lesson
  CHECK_THAT(run.out, Catch::Contains("Result: failed"));
  CHECK_THAT(run.out, Catch::Contains("bad_certificate"));
}
