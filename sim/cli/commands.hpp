// The headless commands. Each add_*_command() registers one CLI11 subcommand whose
// callback stores the command's exit status in out_status (0 ok, 1 failed, 2 usage).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace hl::cli {

/// Exit statuses shared by every command (DESIGN.md §3).
enum Status : int { kOk = 0, kFailed = 1, kUsage = 2 };

/// A usage error found after parsing (a bad --set value, odd-length hex): main prints it, exits 2.
struct UsageError {
  std::string message;
};




}  // namespace hl::cli
