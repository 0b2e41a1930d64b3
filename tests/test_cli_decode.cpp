// `handshake-lab decode`: hex and file input, JSON and text output, exit statuses.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include "support/cli_run.hpp"
#include <unistd.h>

namespace {

using hl::test::run_cli;
using Run = hl::test::CliRun;

const std::string kData = HL_TEST_DATA;

}  // namespace

TEST_CASE("decode --format json gives records with offsets into the input") {
  Run run = run_cli("decode --format json '15 03 03 00 02' 02:28");
  REQUIRE(run.status == 0);
  auto json = nlohmann::json::parse(run.out);
  REQUIRE(json["records"].size() == 1);
  const auto& record = json["records"][0];
  CHECK(record["offset"] == 0);
  CHECK(record["length"] == 7);
  const auto& fragment = record["children"][3];
  CHECK(fragment["offset"] == 5);
  const auto& alert = fragment["children"][0];
  CHECK(alert["children"][1]["value"] == "handshake_failure (0x28)");
  CHECK(alert["children"][1]["explain"].get<std::string>().find("handshake_failure") != std::string::npos);
  CHECK_FALSE(alert.contains("malformed"));
}

TEST_CASE("decode --file reads binary records; consecutive records keep absolute offsets") {
  std::string files = kData + "/illustrated-tls13/clienthello.bin " + kData + "/illustrated-tls13/serverhello.bin";
  std::string path = "/tmp/hl-test-decode-" + std::to_string(getpid()) + ".bin";
  REQUIRE(std::system(("cat " + files + " > " + path).c_str()) == 0);
  Run run = run_cli("decode --format json --file " + path);
  std::remove(path.c_str());
  REQUIRE(run.status == 0);
  auto json = nlohmann::json::parse(run.out);
  REQUIRE(json["records"].size() == 2);
  CHECK(json["records"][1]["offset"] == 253);
  CHECK(run.out.find("example.ulfheim.net") != std::string::npos);
}

TEST_CASE("decode text output is an indented tree; malformed input still prints and exits 0") {
  Run good = run_cli("decode 15030300020228");
  REQUIRE(good.status == 0);
  CHECK(good.out.find("  content_type: alert (0x15)  [0+1]") != std::string::npos);
  CHECK(good.out.find("      description: handshake_failure (0x28)  [6+1]") != std::string::npos);

  Run truncated = run_cli("decode 16030100ff0100");
  CHECK(truncated.status == 0);
  CHECK(truncated.out.find("MALFORMED") != std::string::npos);
  CHECK(truncated.err.empty());
}

TEST_CASE("decode usage errors exit 2 with one line") {
  for (const char* args : {"decode", "decode abc", "decode 0g", "decode --file /nonexistent/records.bin",
                           "decode --format xml 00"}) {
    Run run = run_cli(args);
    INFO(args);
    CHECK(run.status == 2);
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    CHECK(run.out.empty());
  }
}

TEST_CASE("decode --file refuses a directory and an endless file with one clear line") {
  Run directory = run_cli("decode --file /tmp");
  CHECK(directory.status == 2);
  CHECK_THAT(directory.err, Catch::Contains("is a directory"));
  Run endless = run_cli("decode --file /dev/zero");  // would never end without the size cap
  CHECK(endless.status == 2);
  CHECK_THAT(endless.err, Catch::Contains("larger than 16 MiB"));
}
