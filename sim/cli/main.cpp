// handshake-lab: the command line. With no subcommand it runs the best default command
// registered (the window when it is built); every subcommand runs headless on sim/core.
#include <algorithm>
#include <cstdio>
#include <exception>
#include <utility>
#include <vector>

#include "cli/commands.hpp"

namespace hl::cli {
namespace {

std::vector<std::pair<int, CommandAdder>>& command_adders() {
  static std::vector<std::pair<int, CommandAdder>> adders;
  return adders;
}

std::pair<int, DefaultCommand>& default_command() {
  static std::pair<int, DefaultCommand> best{-1, nullptr};
  return best;
}

}  // namespace

CommandRegistration::CommandRegistration(int order, CommandAdder adder) {
  command_adders().emplace_back(order, adder);
}

DefaultRegistration::DefaultRegistration(int priority, DefaultCommand command) {
  if (priority > default_command().first) default_command() = {priority, command};
}

namespace {

// Parses and runs one command line; returns the process exit status.
int run(int argc, const char* const* argv) {
  CLI::App app{"Handshake Lab: a real TLS handshake, step by step", "handshake-lab"};
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  std::string lesson_id = "https-443";
  app.add_option("--lesson", lesson_id, "Lesson to open when no command is given")->capture_default_str();
  int status = kOk;

  auto adders = command_adders();
  std::stable_sort(adders.begin(), adders.end(), [](auto& a, auto& b) { return a.first < b.first; });
  for (auto& [order, add] : adders) add(app, status);

  try {
    app.parse(argc, argv);
    if (!app.get_subcommands().empty()) return status;
    if (default_command().second == nullptr) {
      std::printf("%s", app.help().c_str());
      return kOk;
    }
    return default_command().second(lesson_id);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "handshake-lab: %s (see --help)\n", e.what());
    return kUsage;
  } catch (const UsageError& e) {
    // One hint per line: a message that already points somewhere gets no second one.
    const bool hinted = e.message.find("(see ") != std::string::npos || e.message.find("did you mean") != std::string::npos;
    std::fprintf(stderr, "handshake-lab: %s%s\n", e.message.c_str(), hinted ? "" : " (see --help)");
    return kUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "handshake-lab: %s\n", e.what());
    return kFailed;
  }
}

}  // namespace
}  // namespace hl::cli

int main(int argc, char** argv) { return hl::cli::run(argc, argv); }
