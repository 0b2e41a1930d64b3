// `handshake-lab export`: the files it writes (byte-identical per seed, .pcap with the key log
// beside it) and its refusals: a wrong flag is exit 2, a path it cannot write is exit 1, one line each.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

#include "support/cli_run.hpp"

namespace {

using hl::test::count_lines;
using hl::test::read_file;
using hl::test::run_cli;
using hl::test::temp_path;
using Run = hl::test::CliRun;

}  // namespace

TEST_CASE("a seeded pcapng export is byte-identical twice and names the lesson and seed") {
  const std::string a = temp_path("a.pcapng");
  const std::string b = temp_path("b.pcapng");
  Run first = run_cli("export --lesson submission-587 --seed 3 --out '" + a + "'");
  Run second = run_cli("export --lesson submission-587 --seed 3 --out '" + b + "'");
  INFO(first.err);
  REQUIRE(first.status == 0);
  REQUIRE(second.status == 0);
  CHECK(first.out.empty());
  const std::string bytes = read_file(a);
  CHECK(bytes == read_file(b));
  CHECK(bytes.rfind("\x0a\x0d\x0d\x0a", 0) == 0);
  CHECK(bytes.find("Handshake Lab lesson submission-587, seed 3") != std::string::npos);
  CHECK(bytes.find("KSLT") != std::string::npos);  // the DSB secrets type 0x544c534b, little-endian
  CHECK(bytes.find("EHLO") != std::string::npos);  // the plaintext half of the STARTTLS dialogue
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

TEST_CASE("a pcap export writes the key log beside it") {
  const std::string capture = temp_path("c.pcap");
  const std::string keys = temp_path("c.keys");
  Run run = run_cli("export --lesson https-443 --seed 1 --out '" + capture + "' --keylog '" + keys + "'");
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(read_file(capture).rfind("\xd4\xc3\xb2\xa1", 0) == 0);
  const std::string keylog = read_file(keys);
  CHECK(keylog.rfind("SERVER_HANDSHAKE_TRAFFIC_SECRET ", 0) == 0);
  CHECK(keylog.find("CLIENT_TRAFFIC_SECRET_0 ") != std::string::npos);
  std::filesystem::remove(capture);
  std::filesystem::remove(keys);
}

TEST_CASE("export refuses wrong flags with exit 2 and an unwritable path with exit 1, one line each") {
  struct Case {
    std::string args;
    int status;
    const char* says;
  };
  const std::string out = temp_path("never.pcapng");
  for (const Case& c : {Case{"export --lesson https-443", 2, "--out"},
                        Case{"export --out '" + temp_path("x.txt") + "'", 2, ".pcapng or .pcap"},
                        Case{"export --out '" + temp_path("x.pcap") + "'", 2, "--keylog"},
                        Case{"export --out '" + out + "' --seed -1", 2, "seed"},
                        Case{"export --out '" + out + "' --lesson https-433", 2, "https-443"},
                        Case{"export --out '" + out + "' --set version=1.9", 2, "version"},
                        Case{"export --out /nonexistent-dir/x.pcapng --seed 1", 1, "cannot write /nonexistent-dir/x.pcapng"},
                        Case{"export --seed 1 --out '" + out + "' --keylog /nonexistent-dir/k", 1, "cannot write /nonexistent-dir/k"}}) {
    INFO(c.args);
    Run run = run_cli(c.args);
    INFO(run.err);
    CHECK(run.status == c.status);
    CHECK(count_lines(run.err) == 1);
    CHECK_THAT(run.err, Catch::Contains(c.says));
  }
  std::filesystem::remove(out);
}
