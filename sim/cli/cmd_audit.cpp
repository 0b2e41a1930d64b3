// `handshake-lab audit`: grades a lesson's server (--lesson, with --set) or a real server on a
// socket (--connect) against RFC 9325 and the web rules, each finding tied to its bytes.
#include <atomic>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <vector>

#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"
#include "cli/reach.hpp"
#include "core/audit/audit_format.hpp"
#include "core/audit/live_audit.hpp"
#include "core/audit/scenario_audit.hpp"

namespace hl::cli {
namespace {

struct AuditOptions {
  std::string lesson;
  std::vector<std::string> sets;
  std::uint64_t seed = 0;
  std::string connect;
  std::string ca_file;
  bool allow_remote = false;
  double timeout_s = 10;
  std::string format = "text";
};

// The lesson the live client plays: HTTPS, so it asks for "/" and reads the headers.
constexpr const char* kLiveLesson = "https-443";

void check_options(const AuditOptions& options, CLI::App& cmd) {
  if (options.lesson.empty() == options.connect.empty()) throw UsageError{"give exactly one of --lesson and --connect"};
  const bool live = !options.connect.empty();
  for (const char* lesson_only : {"--set", "--seed"})
    if (live && cmd.count(lesson_only) > 0) throw UsageError{std::string(lesson_only) + " changes a lesson's server; it cannot go with --connect"};
  for (const char* live_only : {"--cafile", "--allow-remote", "--timeout"})
    if (!live && cmd.count(live_only) > 0) throw UsageError{std::string(live_only) + " goes with --connect HOST:PORT"};
}

int print(const audit::AuditReport& report, const AuditOptions& options, const std::string& heading) {
  const std::string text = options.format == "json" ? audit::report_to_json(report).dump(2) + "\n"
                                                      : audit::report_to_text(report, heading);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kOk;
}

int run_lesson_audit(const AuditOptions& options, bool seeded) {
  Scenario scenario = scenario_for_lesson(options.lesson);
  apply_sets(scenario, options.sets);
  if (seeded) scenario.seed = options.seed;
  if (scenario.mode == PortMode::plaintext)
    throw UsageError{"lesson " + options.lesson + " runs without TLS, so there is no server setup to grade; try --lesson audit"};
  audit::AuditReport report = audit::audit_scenario(scenario);
  if (!report.runs.empty() && report.runs.front().transcript.rejected)
    throw UsageError{report.runs.front().transcript.failure};
  return print(report, options, "Handshake Lab audit of lesson " + options.lesson);
}

int run_live_audit(const AuditOptions& options) {
  audit::LiveTarget target;
  std::string error;
  if (!live::parse_connect(options.connect, target.where, error)) throw UsageError{error};
  check_reach(target.where, false, options.allow_remote, "--connect");
  target.lesson = scenario_for_lesson(kLiveLesson);
  target.ca_file = options.ca_file;
  target.timeout_ms = static_cast<int>(options.timeout_s * 1000.0 + 0.5);
  const std::atomic<bool> never{false};
  audit::AuditReport report;
  if (!audit::audit_live(target, never, report, error)) throw std::runtime_error(error);
  return print(report, options, "Handshake Lab audit of " + options.connect);
}

void add_audit_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<AuditOptions>();
  CLI::App* cmd = app.add_subcommand("audit", "Grade a server's TLS setup against RFC 9325, every finding tied to its bytes");
  cmd->add_option("--lesson", options->lesson, "Grade this lesson's server (try `--lesson audit`)");
  cmd->add_option("--set", options->sets, "With --lesson: override one scenario field (repeatable; see `trace --help`)")
      ->type_name("KEY=VALUE");
  CLI::Option* seed = cmd->add_option("--seed", options->seed, "With --lesson: seed the runs (byte-identical output)")
                          ->check(seed_validator());
  cmd->add_option("--connect", options->connect, "Grade the real server at HOST:PORT (at most five handshakes)")
      ->type_name("HOST:PORT");
  cmd->add_option("--cafile", options->ca_file, "With --connect: also trust the CA certificates (PEM) in this file");
  cmd->add_flag("--allow-remote", options->allow_remote, "With --connect: allow a non-loopback address");
  cmd->add_option("--timeout", options->timeout_s, "With --connect: seconds each connection may take to connect, shake hands, or stay silent")
      ->check(CLI::Range(0.1, 600.0))
      ->capture_default_str();
  cmd->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->callback([options, seed, cmd, &out_status] {
    check_options(*options, *cmd);
    out_status = options->connect.empty() ? run_lesson_audit(*options, seed->count() > 0) : run_live_audit(*options);
  });
}

const CommandRegistration registration{19, add_audit_command};

}  // namespace
}  // namespace hl::cli
