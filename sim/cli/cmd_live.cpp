// `handshake-lab live`: the lab plays a lesson's server (--listen) or client (--connect) against
// real programs on a real socket, and records every connection as a trace.
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <vector>

#include <unistd.h>

#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"
#include "cli/reach.hpp"
#include "core/export/trace_json.hpp"
#include "core/export/trace_text.hpp"
#include "core/live/connector.hpp"
#include "core/live/lab_tls.hpp"
#include "core/live/listener.hpp"

namespace hl::cli {
namespace {

struct LiveOptions {
  std::string listen;
  std::string connect;
  std::string lesson = "https-443";
  std::vector<std::string> sets;
  std::string ca_out;
  std::string client_cert_out;
  std::string ca_file;
  std::string out_dir;
  bool once = false;
  bool allow_remote = false;
  live::Limits limits;
  double handshake_timeout_s = 10;
  double idle_timeout_s = 30;
};

std::atomic<bool> g_stop{false};

void request_stop(int) { g_stop.store(true); }

// Ctrl-C and SIGTERM end the loop cleanly (every open connection is still written out);
// no SA_RESTART, so a poll() in progress returns at once.
void catch_stop_signals() {
  struct sigaction action {};
  action.sa_handler = request_stop;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int to_ms(double seconds) { return static_cast<int>(seconds * 1000.0 + 0.5); }

void check_options(const LiveOptions& options) {
  if (options.listen.empty() == options.connect.empty()) throw UsageError{"give exactly one of --listen and --connect"};
  if (!options.connect.empty() && (options.once || !options.ca_out.empty() || !options.client_cert_out.empty()))
    throw UsageError{"--once, --ca-out and --client-cert-out go with --listen (--connect records one connection)"};
}

Scenario lesson_scenario(const LiveOptions& options) {
  Scenario scenario = scenario_for_lesson(options.lesson);
  apply_sets(scenario, options.sets);
  if (scenario.attack != Attack::none)
    throw UsageError{"live mode plays one side with no attacker in between: lesson '" + options.lesson +
                     "' sets attack; pick a lesson or --set attack=none"};
  // The engine's pump asks after the handshake; a live connection has no pump to do it.
  if (scenario.client_cert == ClientCert::post_handshake)
    throw UsageError{"live mode does not ask for a client certificate after the handshake: use --set client-cert=on "
                     "(asked in the handshake) or off"};
  return scenario;
}

// One finished connection: a JSON file in --out, else the text trace on stdout; a summary line on stderr.
void report(const LiveOptions& options, live::ConnectionResult result) {
  const Transcript& transcript = result.transcript;
  std::string summary = "connection " + std::to_string(result.number) + " with " + result.peer + ": ";
  summary += transcript.handshake_complete ? transcript.negotiated.version + " " + transcript.negotiated.cipher
                                           : "failed: " + transcript.failure;
  summary += " (" + std::to_string(transcript.steps.size()) + " steps)";
  if (!options.out_dir.empty()) {
    const auto path = std::filesystem::path(options.out_dir) / ("connection-" + std::to_string(result.number) + ".json");
    std::ofstream out(path, std::ios::binary);
    out << trace_to_json(transcript, {options.lesson, false, 0}).dump(2) << "\n";
    summary += out ? " -> " + path.string() : " (cannot write " + path.string() + ")";
  } else {
    const std::string text = trace_to_text(
        transcript, "Handshake Lab live connection " + std::to_string(result.number) + " with " + result.peer + " (lesson " + options.lesson + ")");
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
  }
  std::fprintf(stderr, "handshake-lab: %s\n", summary.c_str());
}

std::vector<std::string> names_for(const live::HostPort& where) {
  std::vector<std::string> names = {"localhost", "127.0.0.1", "::1"};
  if (where.host != "0.0.0.0" && where.host != "::") names.push_back(where.host);
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0 && host[0] != '\0') names.push_back(host);
  return names;
}

std::shared_ptr<const ContextPair> contexts_for(const Scenario& scenario, const std::string& ca_file) {
  std::shared_ptr<const ContextPair> contexts;
  std::string error;
  if (!live::live_contexts(scenario, ca_file, contexts, error)) throw UsageError{"the lesson cannot run live: " + error};
  return contexts;
}

// The address of --listen or --connect, read and checked against the loopback rule.
live::HostPort checked_address(const LiveOptions& options) {
  const bool listening = !options.listen.empty();
  live::HostPort where;
  std::string error;
  if (!(listening ? live::parse_listen(options.listen, where, error) : live::parse_connect(options.connect, where, error)))
    throw UsageError{error};
  check_reach(where, listening, options.allow_remote, listening ? "--listen" : "--connect");
  return where;
}

// --client-cert-out: the certificate and key of a client the server accepts, readable by its owner only.
void write_client_identity(const std::string& path, const live::ServeSettings& settings) {
  if (settings.scenario.client_cert != ClientCert::on)
    throw UsageError{"--client-cert-out goes with --set client-cert=on: only then does the lab's server ask for a client certificate"};
  const std::string pem = live::client_identity_pem(*settings.contexts);
  if (pem.empty()) throw std::runtime_error("OpenSSL could not write the client certificate");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << pem;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
  std::filesystem::permissions(path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

int run_listen(const LiveOptions& options) {
  const live::HostPort where = checked_address(options);
  std::string error;
  live::ServeSettings settings{live::live_scenario(lesson_scenario(options), names_for(where)), nullptr, options.limits,
                               options.once};
  settings.contexts = contexts_for(settings.scenario, "");
  if (!options.client_cert_out.empty()) write_client_identity(options.client_cert_out, settings);  // a usage error first
  if (!options.ca_out.empty()) {
    std::ofstream out(options.ca_out, std::ios::binary);
    out << live::root_certificate_pem(*settings.contexts);
    if (!out) throw std::runtime_error("cannot write " + options.ca_out);
  }
  if (!options.out_dir.empty()) std::filesystem::create_directories(options.out_dir);
  live::Listener listener;
  if (!listener.open(where, error)) throw std::runtime_error(error);
  std::fprintf(stderr, "handshake-lab: listening on %s as the server of lesson %s (Ctrl-C stops)\n",
               listener.address().c_str(), options.lesson.c_str());
  catch_stop_signals();
  listener.serve(settings, [&](live::ConnectionResult result) { report(options, std::move(result)); },
                 [](const std::string& line) { std::fprintf(stderr, "handshake-lab: %s\n", line.c_str()); }, g_stop);
  return kOk;
}

int run_connect(const LiveOptions& options) {
  const live::HostPort where = checked_address(options);
  std::string error;
  Scenario scenario = live::live_scenario(lesson_scenario(options), {});
  live::aim_client_at(scenario, where.host);
  const auto contexts = contexts_for(scenario, options.ca_file);
  if (!options.out_dir.empty()) std::filesystem::create_directories(options.out_dir);
  catch_stop_signals();
  live::ConnectionResult result;
  if (!live::connect_and_record(where, scenario, contexts, options.limits, g_stop, result, error))
    throw std::runtime_error(error);
  report(options, std::move(result));
  return kOk;
}

int run_live(LiveOptions options) {
  check_options(options);
  options.limits.handshake_timeout_ms = to_ms(options.handshake_timeout_s);
  options.limits.idle_timeout_ms = to_ms(options.idle_timeout_s);
  return options.listen.empty() ? run_connect(options) : run_listen(options);
}

void add_live_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<LiveOptions>();
  CLI::App* cmd = app.add_subcommand("live", "Play a lesson's server or client against real programs on a real socket");
  cmd->add_option("--listen", options->listen, "Serve on [ADDR:]PORT (ADDR 127.0.0.1 unless given; PORT 0: any free port)")
      ->type_name("[ADDR:]PORT");
  cmd->add_option("--connect", options->connect, "Play the lesson's client against the server at HOST:PORT")
      ->type_name("HOST:PORT");
  cmd->add_option("--lesson", options->lesson, "Lesson id (see `handshake-lab lessons`)")->capture_default_str();
  cmd->add_option("--set", options->sets, "Override one scenario field (repeatable; see `trace --help`)")->type_name("KEY=VALUE");
  cmd->add_option("--ca-out", options->ca_out, "--listen: write the root CA certificate (PEM) that clients should trust");
  cmd->add_option("--client-cert-out", options->client_cert_out,
                  "--listen with --set client-cert=on: write the certificate chain and private key (PEM, a demo key) of a "
                  "client the server accepts: curl --cert FILE --key FILE, or openssl s_client -cert FILE -cert_chain FILE "
                  "-key FILE")
      ->type_name("FILE");
  cmd->add_option("--cafile", options->ca_file, "--connect: also trust the CA certificates (PEM) in this file");
  cmd->add_option("--out", options->out_dir, "Write each connection as DIR/connection-N.json (trace --format json); else the text trace goes to stdout")
      ->type_name("DIR");
  cmd->add_flag("--once", options->once, "--listen: stop after the first connection");
  cmd->add_flag("--allow-remote", options->allow_remote, "Allow a non-loopback address for --listen or --connect");
  cmd->add_option("--max-record", options->limits.max_record_len, "Largest TLS record payload or cleartext unit accepted, in bytes")
      ->check(CLI::Range(std::size_t{512}, std::size_t{1} << 20))
      ->capture_default_str();
  cmd->add_option("--handshake-timeout", options->handshake_timeout_s, "Seconds from connecting until the handshake must be done")
      ->check(CLI::Range(0.001, 86400.0))
      ->capture_default_str();
  cmd->add_option("--idle-timeout", options->idle_timeout_s, "Seconds the peer may stay silent")
      ->check(CLI::Range(0.001, 86400.0))
      ->capture_default_str();
  cmd->add_option("--max-connections", options->limits.max_connections, "Connections served at once; more are closed at once")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))
      ->capture_default_str();
  cmd->callback([options, &out_status] { out_status = run_live(*options); });
}

const CommandRegistration registration{17, add_live_command};

}  // namespace
}  // namespace hl::cli
