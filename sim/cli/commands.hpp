// The headless commands. Each command lives in its own sim/cli/cmd_*.cpp (or sim/app for
// the window) and registers itself with a static CommandRegistration, so adding a command
// never edits main.cpp.
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

/// Checks a --seed value: digits only (CLI11 alone would wrap "-1" around to 2^64-1).
inline CLI::Validator seed_validator() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos) return {};
        return "a seed is a whole number from 0 up, got '" + text + "'";
      },
      "N");
}

/// Registers one subcommand on app; its callback stores the exit status in out_status.
using CommandAdder = void (*)(CLI::App& app, int& out_status);

/// What runs when no subcommand is given, with the top-level --lesson value.
using DefaultCommand = int (*)(const std::string& lesson_id);

/// Constructing one (at namespace scope) adds a subcommand; order sorts --help.
struct CommandRegistration {
  CommandRegistration(int order, CommandAdder adder);
};

/// Constructing one offers a default command; the highest priority wins.
struct DefaultRegistration {
  DefaultRegistration(int priority, DefaultCommand command);
};

}  // namespace hl::cli
