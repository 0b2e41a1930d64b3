// `trace --edit` and `--client-edit` as a script uses them: the JSON marks the edited step,
// a bad edit is one line on stderr and exit status 2, naming what exists.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"

namespace hl {
namespace {

using test::count_lines;
using test::run_cli;

nlohmann::json trace_json(const std::string& args) {
  const test::CliRun run = run_cli("trace --lesson https-443 --seed 14 --format json " + args);
  INFO(args << "\n" << run.err);
  REQUIRE(run.status == 0);
  return nlohmann::json::parse(run.out);
}

void check_usage_error(const std::string& args, const std::string& must_say) {
  const test::CliRun run = run_cli("trace --lesson https-443 " + args);
  INFO(args << "\n" << run.err);
  CHECK(run.status == 2);
  CHECK(count_lines(run.err) == 1);
  CHECK(run.err.find(must_say) != std::string::npos);
  CHECK(run.out.empty());
}

}  // namespace

TEST_CASE("trace --edit: the edited step carries edited and original_bytes; the peer reacts for real", "[cli][edit]") {
  const nlohmann::json original = trace_json("");
  const nlohmann::json edited = trace_json("--edit '1:cipher_suites[0]=TLS_AES_128_GCM_SHA256'");
  const auto& step = edited["steps"][0];
  CHECK(step["edited"] == true);
  CHECK(step["original_bytes"] == original["steps"][0]["bytes"]);
  CHECK(step["bytes"] != original["steps"][0]["bytes"]);
  CHECK_FALSE(original["steps"][0].contains("edited"));
  CHECK(edited["failure"]["alert"]["name"] == "bad_record_mac");
  CHECK(edited["failure"]["alert"]["from"] == "client");
  CHECK(edited["what_if"]["first_difference"] == 1);
  CHECK(edited["what_if"]["edits"][0] == "1:cipher_suites[0]=TLS_AES_128_GCM_SHA256");
  CHECK(edited["attacker"]["changed"][0]["step"] == 1);
  // Repeatable, and a raw edit beside a field edit.
  const nlohmann::json two = trace_json("--edit 1:legacy_version=TLS1.0 --edit 1:9=0303");
  CHECK(two["steps"][0]["bytes"] == original["steps"][0]["bytes"]);  // changed back
  CHECK_FALSE(two["steps"][0].contains("edited"));
  CHECK(two["what_if"]["first_difference"].is_null());
  CHECK(two["failure"].is_null());
}

TEST_CASE("trace --edit: bad edits are usage errors that name what exists", "[cli][edit]") {
  check_usage_error("--seed 1 --edit 1:nothing=1", "legacy_version");
  check_usage_error("--seed 1 --edit 3:0=00", "the records are steps 1, 2, 4");
  check_usage_error("--seed 1 --edit 999:0=00", "no step 999");
  check_usage_error("--seed 1 --edit 1:cipher_suites[0]=NOPE", "cipher suite");
  check_usage_error("--seed 1 --edit 1:cipher_suites", "STEP:PATH=VALUE");
  check_usage_error("--seed 1 --edit 'x:a=1'", "step");
  check_usage_error("--seed 1 --edit '1:a[1=1'", "index");
  check_usage_error("--edit 1:legacy_version=TLS1.0", "--seed");
  check_usage_error("--seed 1 --all-events --edit 1:legacy_version=TLS1.0", "--all-events");
  check_usage_error("--seed 1 --edit-keep-lengths", "--edit");
  check_usage_error("--seed 1 --client-edit 1:legacy_version=TLS1.0", "--edit");
  check_usage_error("--seed 1 --client-edit 3:cipher_suites[0]=remove", "ClientHello");
}

TEST_CASE("trace --client-edit: the client's own settings, so both transcripts agree", "[cli][edit]") {
  const nlohmann::json run = trace_json("--client-edit 1:cipher_suites=TLS_AES_128_CCM_SHA256");
  CHECK(run["what_if"]["client_settings"][0]["key"] == "client-ciphers");
  CHECK(run["what_if"]["client_settings"][0]["value"] == "TLS_AES_128_CCM_SHA256");
  CHECK_FALSE(run["steps"][0].contains("edited"));
  CHECK(run["failure"]["alert"]["name"] == "handshake_failure");
  CHECK(run["failure"]["alert"]["from"] == "server");
}

}  // namespace hl
