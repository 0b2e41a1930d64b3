// The progress store: XDG path, JSON round trip, corrupt files kept as .bak, atomic writes.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <fstream>
#include <sstream>

#include "core/lessons/atomic_file.hpp"
#include "core/lessons/progress.hpp"

namespace fs = std::filesystem;

namespace {

// A fresh directory under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "hl-progress-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Sets an environment variable for one scope, restoring the old value after.
struct ScopedEnv {
  std::string name;
  std::optional<std::string> old;
  ScopedEnv(const char* n, const char* value) : name(n) {
    if (const char* v = std::getenv(n)) old = v;
    if (value) ::setenv(n, value, 1);
    else ::unsetenv(n);
  }
  ~ScopedEnv() {
    if (old) ::setenv(name.c_str(), old->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

}  // namespace

TEST_CASE("progress lives in the XDG data directory") {
  {
    ScopedEnv xdg("XDG_DATA_HOME", "/data/xdg");
    ScopedEnv home("HOME", "/home/student");
    CHECK(hl::default_progress_path() == fs::path("/data/xdg/handshake-lab/progress.json"));
  }
  {
    ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    ScopedEnv home("HOME", "/home/student");
    CHECK(hl::default_progress_path() == fs::path("/home/student/.local/share/handshake-lab/progress.json"));
  }
  {
    ScopedEnv xdg("XDG_DATA_HOME", "relative/ignored");  // the XDG spec says relative paths are invalid
    ScopedEnv home("HOME", "/home/student");
    CHECK(hl::default_progress_path() == fs::path("/home/student/.local/share/handshake-lab/progress.json"));
  }
  {
    ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    ScopedEnv home("HOME", nullptr);
    CHECK(hl::default_progress_path().empty());
  }
}

TEST_CASE("progress round-trips through the file, creating its directory") {
  TempDir dir;
  fs::path path = dir.path / "handshake-lab" / "progress.json";
  hl::Progress progress;
  hl::mark_opened(progress, "imap-143");
  hl::mark_correct(progress, "imap-143", "q2");
  hl::mark_correct(progress, "smtps-465", "q1");
  hl::mark_correct(progress, "smtps-465", "q1");  // answering twice counts once
  std::string error;
  REQUIRE(hl::save_progress(path, progress, error));
  CHECK(error.empty());

  hl::ProgressLoad loaded = hl::load_progress(path);
  CHECK(loaded.warning.empty());
  CHECK(loaded.progress == progress);
  CHECK(loaded.progress.lessons.at("imap-143").opened);
  CHECK_FALSE(loaded.progress.lessons.at("smtps-465").opened);
  CHECK(loaded.progress.lessons.at("smtps-465").correct == std::set<std::string>{"q1"});

  // Nothing but the file is left behind: the temp file was renamed over it.
  std::size_t num_files = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(path.parent_path())) ++num_files;
  CHECK(num_files == 1);
}

TEST_CASE("a missing progress file is a quiet fresh start") {
  TempDir dir;
  hl::ProgressLoad loaded = hl::load_progress(dir.path / "progress.json");
  CHECK(loaded.warning.empty());
  CHECK(loaded.progress.lessons.empty());
}

TEST_CASE("a corrupt progress file warns, is kept as .bak, and progress starts fresh") {
  for (const char* corrupt : {"{not json", "", "[]", "{\"version\": 3, \"lessons\": {}}", "{\"version\": 0, \"lessons\": {}}",
                              "{\"version\": 2, \"lessons\": {\"x\": {\"opened\": true, \"correct\": []}}}",
                              "{\"version\": 1, \"lessons\": {\"x\": {\"opened\": \"yes\", \"correct\": []}}}",
                              "{\"version\": 1, \"lessons\": {\"x\": {\"opened\": true, \"correct\": [1]}}}",
                              "{\"version\": 1}"}) {
    TempDir dir;
    fs::path path = dir.path / "progress.json";
    write(path, corrupt);
    hl::ProgressLoad loaded = hl::load_progress(path);
    INFO(corrupt);
    CHECK_THAT(loaded.warning, Catch::Contains("cannot be read") && Catch::Contains("progress.json.bak"));
    CHECK(loaded.progress.lessons.empty());
    CHECK_FALSE(fs::exists(path));
    CHECK(read(dir.path / "progress.json.bak") == corrupt);  // not destroyed

    // The next save writes a good file and leaves the backup alone.
    hl::Progress fresh;
    hl::mark_opened(fresh, "ports");
    std::string error;
    REQUIRE(hl::save_progress(path, fresh, error));
    CHECK(hl::load_progress(path).progress == fresh);
    CHECK(read(dir.path / "progress.json.bak") == corrupt);
  }
}

TEST_CASE("a progress file from a newer version is kept aside and the warning says why") {
  TempDir dir;
  fs::path path = dir.path / "progress.json";
  write(dir.path / "progress.json.bak", "an older backup");
  const std::string newer = "{\"version\": 9, \"lessons\": {}}";
  write(path, newer);
  hl::ProgressLoad loaded = hl::load_progress(path);
  CHECK_THAT(loaded.warning, Catch::Contains("newer handshake-lab") && Catch::Contains("progress.json.bak.1"));
  CHECK(read(dir.path / "progress.json.bak") == "an older backup");  // an earlier backup is never overwritten
  CHECK(read(dir.path / "progress.json.bak.1") == newer);
}

TEST_CASE("a version 1 progress file keeps its right answers and is saved as version 2") {
  TempDir dir;
  fs::path path = dir.path / "progress.json";
  write(path, "{\"version\": 1, \"lessons\": {\"imap-143\": {\"opened\": true, \"correct\": [\"q1\", \"q2\"]}}}");
  hl::ProgressLoad loaded = hl::load_progress(path);
  CHECK(loaded.warning.empty());
  CHECK(fs::exists(path));
  CHECK(loaded.progress.lessons.at("imap-143").correct == std::set<std::string>{"q1", "q2"});
  CHECK(hl::answer_outcome(loaded.progress, "imap-143", "q1") == hl::AnswerOutcome::first_try);
  hl::mark_wrong(loaded.progress, "imap-143", "q3");
  std::string error;
  REQUIRE(hl::save_progress(path, loaded.progress, error));
  CHECK_THAT(read(path), Catch::Contains("\"version\": 2") && Catch::Contains("\"missed\""));
  CHECK(hl::load_progress(path).progress == loaded.progress);
}

TEST_CASE("progress tells a right first answer from a right answer after a wrong one") {
  hl::Progress progress;
  hl::mark_correct(progress, "smtp-25", "q1");
  hl::mark_wrong(progress, "smtp-25", "q1");  // a wrong click after the right one does not undo the first try
  hl::mark_wrong(progress, "smtp-25", "q2");
  hl::mark_correct(progress, "smtp-25", "q2");
  hl::mark_wrong(progress, "smtp-25", "q3");
  CHECK(hl::answer_outcome(progress, "smtp-25", "q1") == hl::AnswerOutcome::first_try);
  CHECK(hl::answer_outcome(progress, "smtp-25", "q2") == hl::AnswerOutcome::later);
  CHECK(hl::answer_outcome(progress, "smtp-25", "q3") == hl::AnswerOutcome::not_yet);
  CHECK(hl::answer_outcome(progress, "smtp-25", "q4") == hl::AnswerOutcome::unanswered);
  CHECK(hl::answer_outcome(progress, "no-such-lesson", "q1") == hl::AnswerOutcome::unanswered);
  CHECK(std::string(hl::outcome_name(hl::AnswerOutcome::later)) == "right later");
}

TEST_CASE("save_progress replaces the old file whole and reports what it cannot do") {
  TempDir dir;
  fs::path path = dir.path / "progress.json";
  hl::Progress big;
  for (int i = 0; i < 50; ++i) hl::mark_correct(big, "lesson-" + std::to_string(i), "q1");
  std::string error;
  REQUIRE(hl::save_progress(path, big, error));
  hl::Progress small;
  hl::mark_opened(small, "ports");
  REQUIRE(hl::save_progress(path, small, error));
  CHECK(hl::load_progress(path).progress == small);  // no tail of the longer file survives

  CHECK_FALSE(hl::save_progress({}, small, error));
  CHECK_THAT(error, Catch::Contains("no place to save progress"));
  write(dir.path / "blocker", "a file where a directory should be");
  CHECK_FALSE(hl::save_progress(dir.path / "blocker" / "progress.json", small, error));
  CHECK_THAT(error, Catch::Contains("cannot create"));
}

TEST_CASE("write_file_atomically: the whole new text or the old file, never a temporary left behind") {
  TempDir dir;
  const fs::path path = dir.path / "sub" / "file.txt";
  std::string error;
  REQUIRE(hl::write_file_atomically(path, "first, and longer\n", error));
  REQUIRE(hl::write_file_atomically(path, "second\n", error));
  CHECK(read(path) == "second\n");
  CHECK(error.empty());

  const fs::path temp = path.string() + ".tmp." + std::to_string(::getpid());
  fs::create_directories(temp);  // the temporary file cannot be opened
  CHECK_FALSE(hl::write_file_atomically(path, "third\n", error));
  CHECK_THAT(error, Catch::StartsWith("cannot write " + temp.string() + ": "));
  CHECK(read(path) == "second\n");
  fs::remove(temp);

  const fs::path occupied = dir.path / "occupied";
  fs::create_directories(occupied / "inside");  // rename cannot replace a non-empty directory
  error.clear();
  CHECK_FALSE(hl::write_file_atomically(occupied, "text\n", error));
  CHECK_THAT(error, Catch::StartsWith("cannot write " + occupied.string() + ": "));
  CHECK_FALSE(fs::exists(occupied.string() + ".tmp." + std::to_string(::getpid())));
  CHECK(fs::is_directory(occupied / "inside"));
}
