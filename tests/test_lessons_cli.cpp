// `handshake-lab lessons [--format json]`, run as a process: the JSON contract, the table,
// loader errors on stderr as file:line, and exit statuses.
#include <catch2/catch.hpp>

#include "support/cli_run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

using Run = hl::test::CliRun;

// Runs the CLI with HL_LESSONS_DIR=dir and the given arguments (trusted test strings).
Run run_cli(const std::string& dir, const std::string& args) {
  return hl::test::run_cli(args, "HL_LESSONS_DIR='" + dir + "'");
}

const std::string kLessons = std::string(HL_SOURCE_DIR) + "/lessons";
const std::string kBroken = std::string(HL_TEST_DATA) + "/lessons/broken";

}  // namespace

TEST_CASE("lessons --format json lists every lesson with the contract keys") {
  Run run = run_cli(kLessons, "lessons --format json");
  REQUIRE(run.status == 0);
  CHECK(run.err.empty());
  auto json = nlohmann::json::parse(run.out);
  const auto& lessons = json.at("lessons");
  REQUIRE(lessons.size() == 32);
  for (const auto& lesson : lessons) {
    CHECK(lesson.size() == 6);
    for (const char* key : {"id", "title", "port", "twin_port", "mode", "questions"}) CHECK(lesson.contains(key));
  }
  auto find = [&](const std::string& id) {
    for (const auto& lesson : lessons)
      if (lesson.at("id") == id) return lesson;
    FAIL("no lesson " << id);
    return nlohmann::json();
  };
  auto imaps = find("imaps-993");
  CHECK(imaps.at("port") == 993);
  CHECK(imaps.at("twin_port") == 143);
  CHECK(imaps.at("mode") == "implicit-tls");
  CHECK(imaps.at("questions").get<int>() >= 3);
  CHECK(find("submission-587").at("mode") == "starttls");
  CHECK(find("http-80").at("mode") == "plaintext");
  CHECK(find("ports").at("port").is_null());  // topic lessons have no port
}

TEST_CASE("lessons prints a readable table by default") {
  Run run = run_cli(kLessons, "lessons");
  REQUIRE(run.status == 0);
  CHECK_THAT(run.out, Catch::StartsWith("ID"));
  CHECK_THAT(run.out, Catch::Contains("PORT") && Catch::Contains("TWIN") && Catch::Contains("MODE"));
  CHECK_THAT(run.out, Catch::Contains("ldaps-636") && Catch::Contains("implicit-tls"));
  CHECK(std::count(run.out.begin(), run.out.end(), '\n') == 33);  // header + 32 lessons
}

TEST_CASE("broken lessons: file:line errors on stderr, the good ones still listed") {
  Run run = run_cli(kBroken, "lessons --format json");
  CHECK(run.status == 0);
  CHECK_THAT(run.err, Catch::Contains("bad_toml.md:3: bad TOML"));
  CHECK_THAT(run.err, Catch::Contains("missing_id.md:1: missing 'id'"));
  CHECK_THAT(run.err, Catch::Contains("duplicate_id.md:3: duplicate lesson id"));
  CHECK_THAT(run.err, Catch::Contains("unknown_scenario_key.md:7: unknown scenario key 'colour'"));
  auto json = nlohmann::json::parse(run.out);
  CHECK(json.at("lessons").size() == 2);
}

TEST_CASE("lessons: no lessons at all fails, a bad format is a usage error") {
  Run missing = run_cli(kLessons + "/no-such-dir", "lessons");
  CHECK(missing.status == 1);
  CHECK_THAT(missing.err, Catch::Contains("lessons directory not found"));
  Run bad = run_cli(kLessons, "lessons --format xml");
  CHECK(bad.status == 2);
  CHECK_FALSE(bad.err.empty());
}
