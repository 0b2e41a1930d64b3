// `handshake-lab trace`: runs a lesson's scenario headless and prints every step.
#include <cstdio>
#include <fstream>
#include <memory>
#include <vector>

#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"
#include "core/engine/engine.hpp"
#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/export/crypto_text.hpp"
#include "core/engine/event_groups.hpp"
#include "core/export/eavesdropper.hpp"
#include "core/export/trace_json.hpp"
#include "core/export/trace_text.hpp"

namespace hl::cli {
namespace {

struct TraceOptions {
  std::string lesson = "https-443";
  std::uint64_t seed = 0;
  std::vector<std::string> sets;
  std::string format = "text";
  std::string out_path;  // empty: stdout
  bool eavesdropper = false;  // add what a passive observer on the network sees
  bool keys = false;          // text: add the recomputed key schedule and record protection
  bool all_events = false;    // every endpoint event as its own step, not grouped
};

std::string set_help() {
  std::string help = "Override one scenario field (repeatable). Keys:";
  for (const auto& key : scenario_keys()) help += std::string("\n  ") + key.name + "=" + key.values + "  (" + key.help + ")";
  return help;
}

std::string heading_text(const TraceOptions& options, bool seeded) {
  std::string text = "Handshake Lab trace of lesson " + options.lesson;
  if (seeded) text += " (seed " + std::to_string(options.seed) + ")";
  return text;
}

// Writes the rendered trace to --out or stdout; returns the exit status.
int write_output(const std::string& text, const std::string& out_path) {
  if (out_path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kOk;
  }
  std::ofstream out(out_path, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "handshake-lab: cannot write %s\n", out_path.c_str());
    return kFailed;
  }
  return kOk;
}

std::string keys_text(const Transcript& transcript) {
  const crypto::KeyExchange exchange = crypto::key_exchange(transcript);
  const crypto::KeySchedule schedule = crypto::compute_key_schedule(transcript, exchange.secrets());
  return key_exchange_to_text(exchange) + "\n" + key_schedule_to_text(schedule, crypto::open_records(transcript, schedule));
}

int run_trace(const TraceOptions& options, bool seeded) {
  Scenario scenario = scenario_for_lesson(options.lesson);
  apply_sets(scenario, options.sets);
  if (seeded) scenario.seed = options.seed;
  Transcript transcript = run_scenario(scenario);
  if (options.all_events) transcript = expand_events(transcript);
  // Settings OpenSSL refuses (an unknown group, no usable suite) are bad values, not a lesson.
  if (transcript.rejected) throw UsageError{transcript.failure};
  std::string text;
  if (options.format == "json") {
    nlohmann::json json = trace_to_json(transcript, {options.lesson, seeded, options.seed});
    if (options.eavesdropper) json["eavesdropper"] = eavesdropper_to_json(eavesdropper_view(transcript));
    text = json.dump(2) + "\n";
  } else {
    text = trace_to_text(transcript, heading_text(options, seeded));
    if (options.eavesdropper) text += "\nWhat an eavesdropper on the network sees\n\n" + eavesdropper_to_text(eavesdropper_view(transcript));
    if (options.keys) text += "\n" + keys_text(transcript);
  }
  return write_output(text, options.out_path);
}

void add_trace_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<TraceOptions>();
  CLI::App* cmd = app.add_subcommand("trace", "Run a lesson's real TLS handshake headless and print every step");
  cmd->add_option("--lesson", options->lesson, "Lesson id (see `handshake-lab lessons`)")->capture_default_str();
  CLI::Option* seed = cmd->add_option("--seed", options->seed, "Seed: the same seed gives byte-identical runs")
                          ->check(seed_validator());
  cmd->add_option("--set", options->sets, set_help())->type_name("KEY=VALUE");
  cmd->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_option("--out", options->out_path, "Write to this file instead of standard output");
  cmd->add_flag("--all-events", options->all_events, "Every endpoint event as a step of its own (steps number differently)");
  cmd->add_flag("--eavesdropper", options->eavesdropper, "Add what a passive observer on the network sees");
  cmd->add_flag("--keys", options->keys,
                "Add the key schedule recomputed by the lab, its checks and how each protected record is protected "
                "(JSON always carries them)");
  cmd->callback([options, seed, &out_status] { out_status = run_trace(*options, seed->count() > 0); });
}

const CommandRegistration registration{10, add_trace_command};

// Until the window exists, plain `handshake-lab` shows the default lesson's trace.
const DefaultRegistration default_trace{0, [](const std::string& lesson) {
  TraceOptions options;
  options.lesson = lesson;
  return run_trace(options, false);
}};

}  // namespace
}  // namespace hl::cli
