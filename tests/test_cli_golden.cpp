// Golden transcripts: the seeded JSON trace of every lesson, compared byte for byte with
// tests/data/golden/<lesson>.json. A change to the engine, the decoder or the JSON shows up
// here as a failing test and, after `make golden` (HL_UPDATE_GOLDEN=1 runs this test as a
// writer), as a reviewable diff of the files.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_run.hpp"

namespace {

namespace fs = std::filesystem;
using hl::test::run_cli;

const fs::path kGoldenDir = fs::path(HL_TEST_DATA) / "golden";
const std::string kLessonsEnv = "HL_LESSONS_DIR='" + std::string(HL_SOURCE_DIR) + "/lessons'";
constexpr const char* kSeed = "1";

// The command line whose output a golden file holds.
std::string trace_args(const std::string& lesson) { return "trace --lesson " + lesson + " --seed " + kSeed + " --format json"; }

std::vector<std::string> lesson_ids() {
  const auto run = run_cli("lessons --format json", kLessonsEnv);
  REQUIRE(run.status == 0);
  const auto json = nlohmann::json::parse(run.out);  // named: a loop over a temporary's member would dangle
  std::vector<std::string> ids;
  for (const auto& lesson : json.at("lessons")) ids.push_back(lesson.at("id"));
  return ids;
}

bool updating() {
  const char* flag = std::getenv("HL_UPDATE_GOLDEN");
  return flag && std::string(flag) == "1";
}

void write_golden(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  REQUIRE(out.good());
}

// "line N: <got> | <golden>" for the first line that differs, or "none".
std::string first_difference(const std::string& got, const std::string& golden) {
  std::istringstream got_lines(got), golden_lines(golden);
  std::string a, b;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(got_lines, a));
    const bool more_b = static_cast<bool>(std::getline(golden_lines, b));
    if (!more_a && !more_b) return "none";
    if (more_a != more_b || a != b) return "line " + std::to_string(line) + ": " + a.substr(0, 120) + " | " + b.substr(0, 120);
  }
}

}  // namespace

TEST_CASE("every lesson's seeded JSON trace matches its golden file byte for byte") {
  const auto ids = lesson_ids();
  REQUIRE(ids.size() >= 10);
  if (updating()) fs::create_directories(kGoldenDir);
  for (const auto& id : ids) {
    INFO("lesson " << id << " (after an intended change: make golden, then review the diff)");
    const auto run = run_cli(trace_args(id), kLessonsEnv);
    REQUIRE(run.status == 0);
    REQUIRE(run.err.empty());
    const fs::path path = kGoldenDir / (id + ".json");
    if (updating()) write_golden(path, run.out);
    REQUIRE(fs::exists(path));
    const std::string golden = hl::test::read_file(path);
    INFO("first difference: " << first_difference(run.out, golden));
    const bool identical = run.out == golden;  // a bool, so a failure does not print two whole traces
    CHECK(identical);
  }
}

TEST_CASE("every golden file belongs to a lesson") {
  const auto ids = lesson_ids();
  const std::set<std::string> known(ids.begin(), ids.end());
  REQUIRE(fs::is_directory(kGoldenDir));
  for (const auto& entry : fs::directory_iterator(kGoldenDir)) {
    INFO(entry.path().string() << " (a lesson was renamed or removed: make golden, then delete the stale file)");
    CHECK(entry.path().extension() == ".json");
    CHECK(known.count(entry.path().stem().string()) == 1);
  }
}
