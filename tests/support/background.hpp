// A program run in the background by a test (a lab server, openssl s_server), its output in
// files, killed when the test ends.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>

#include "support/cli_run.hpp"

namespace hl::test {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Runs a shell command line in the background, its output in files of `dir`.
class Background {
 public:
  Background(const std::string& command, const fs::path& dir, const std::string& name)
      : out_(dir / (name + ".out")), err_(dir / (name + ".err")) {
    const std::string line = "exec " + command + " >'" + out_.string() + "' 2>'" + err_.string() + "' </dev/null";
    pid_ = ::fork();
    if (pid_ == 0) {
      ::execl("/bin/sh", "sh", "-c", line.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
  }
  ~Background() {
    if (pid_ > 0 && exit_status_ == kRunning) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  // Waits up to `timeout` for a line of the error (or output) stream to match `pattern`; its first group.
  std::string wait_for(const std::regex& pattern, bool in_stdout = false, std::chrono::milliseconds timeout = 10s) {
    for (auto end = Clock::now() + timeout; Clock::now() < end; std::this_thread::sleep_for(20ms)) {
      std::smatch match;
      const std::string text = hl::test::read_file(in_stdout ? out_ : err_);
      if (std::regex_search(text, match, pattern)) return match[1];
    }
    return {};
  }
  bool alive() {
    if (exit_status_ != kRunning) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == 0) return true;
    exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return false;
  }
  // The exit status once it has exited within `timeout`; -2 if it had to be killed.
  int wait_exit(std::chrono::milliseconds timeout = 10s) {
    for (auto end = Clock::now() + timeout; Clock::now() < end; std::this_thread::sleep_for(10ms))
      if (!alive()) return exit_status_;
    return -2;
  }
  int terminate() {
    if (alive()) ::kill(pid_, SIGTERM);
    return wait_exit();
  }
  std::string out() const { return hl::test::read_file(out_); }
  std::string err() const { return hl::test::read_file(err_); }

 private:
  static constexpr int kRunning = -100;
  fs::path out_, err_;
  pid_t pid_ = -1;
  int exit_status_ = kRunning;
};

}  // namespace hl::test
