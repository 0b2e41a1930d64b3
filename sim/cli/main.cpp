// handshake-lab: the command line. With no subcommand it opens the window
// (once the app is built); every subcommand runs headless on sim/core.
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"

namespace {

// Parses and runs one command line; returns the process exit status.
int run(int argc, const char* const* argv) {
  CLI::App app{"Handshake Lab: a real TLS handshake, step by step", "handshake-lab"};
  app.set_help_all_flag("--help-all", "Show help for every subcommand");
  int status = hl::cli::kOk;

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "handshake-lab: %s (see --help)\n", e.what());
    return hl::cli::kUsage;
  } catch (const hl::cli::UsageError& e) {
    std::fprintf(stderr, "handshake-lab: %s (see --help)\n", e.message.c_str());
    return hl::cli::kUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "handshake-lab: %s\n", e.what());
    return hl::cli::kFailed;
  }
  if (app.get_subcommands().empty()) {
    std::printf("%s", app.help().c_str());
    return hl::cli::kOk;
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) { return run(argc, argv); }
