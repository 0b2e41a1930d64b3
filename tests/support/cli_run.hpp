// Runs the built handshake-lab binary the way a script would, for the CLI tests.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace hl::test {

/// What one command line produced.
struct CliRun {
  int status = -1;   // exit status; -1 when the process did not exit normally
  std::string out;
  std::string err;
};

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// A path in the temp directory for a file a test writes, unique to this test process.
inline std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("hl-cli-test-" + std::to_string(::getpid()) + "-" + name)).string();
}

/// The number of lines in `text` (its newlines): CLI errors are one line each.
inline int count_lines(const std::string& text) {
  int count = 0;
  for (char c : text) count += c == '\n';
  return count;
}

/// Runs `env_prefix handshake-lab args` (args and env_prefix already shell-quoted),
/// capturing stdout and stderr separately.
inline CliRun run_cli(const std::string& args, const std::string& env_prefix = "") {
  static int counter = 0;
  const std::filesystem::path base = std::filesystem::temp_directory_path() /
                                     ("hl-cli-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  const std::string out_path = base.string() + ".out";
  const std::string err_path = base.string() + ".err";
  const std::string command =
      env_prefix + " '" + HL_CLI_PATH + "' " + args + " >'" + out_path + "' 2>'" + err_path + "' </dev/null";
  CliRun run;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_file(out_path);
  run.err = read_file(err_path);
  std::filesystem::remove(out_path);
  std::filesystem::remove(err_path);
  return run;
}

}  // namespace hl::test
