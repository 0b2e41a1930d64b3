// `handshake-lab trace`: runs a lesson's scenario headless and prints every step.
#include <cstdio>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "cli/capture_input.hpp"
#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"
#include "core/capture/capture_import.hpp"
#include "core/engine/engine.hpp"
#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/edit/client_change.hpp"
#include "core/edit/what_if.hpp"
#include "core/export/crypto_text.hpp"
#include "core/engine/event_groups.hpp"
#include "core/export/eavesdropper.hpp"
#include "core/export/trace_json.hpp"
#include "core/export/trace_text.hpp"
#include "core/wire/fields.hpp"

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
  std::string pcap;           // trace a connection of this capture instead of a lesson run
  std::string keylog;         // with pcap: key log lines to decrypt it
  std::size_t stream = 0;     // with pcap: which TCP connection (from 1); 0: the first TLS one
  std::vector<std::string> edits;  // what-if on the wire: STEP:PATH=VALUE or STEP:OFFSET=HEX, Mallory delivers it
  bool keep_lengths = false;       // with edits: leave the lengths inside the record around an edited field wrong
  std::vector<std::string> client_edits;  // what-if by the client: a ClientHello edit as the client's own settings
};

// What a what-if run changed, for the end of the text trace and the JSON's "what_if".
struct WhatIfSummary {
  std::vector<std::string> client_edits;                      // as given
  std::vector<std::pair<std::string, std::string>> settings;  // what they became: scenario keys and values
  std::vector<std::string> notes;                             // where OpenSSL's client differs from them
  std::vector<Bytes> original_bytes;  // per edited step (edited_steps), what its sender wrote
  std::vector<std::size_t> edited_steps;  // the steps Mallory replaced, from 1
  std::vector<std::string> edits;    // as given
  std::vector<std::string> changes;  // what each did, step by step
  std::size_t first_difference = 0;  // the first step that differs from the run without them; 0: none
};

constexpr const char* kEditHelp =
    "What if Mallory delivered this instead (repeatable): STEP:PATH=VALUE edits one field of a record step, "
    "STEP:OFFSET=HEX replaces raw bytes at that offset of the step's bytes. The run is repeated with the same "
    "seed (--seed is required) and the edited record goes on the wire in place of the original; both sides react "
    "for real. PATH names a field of the step's tree: its first name is searched from the top, later names are "
    "children, [i] is the i-th element of a list: cipher_suites[0], legacy_version, extensions.key_share, "
    "extensions.key_share.client_shares[0].group, extensions.server_name.server_name_list[0].host_name. VALUE: a "
    "name from the field's IANA table (TLS_AES_256_GCM_SHA384, x25519, TLS 1.2 as TLS1.2), a number (771, 0x0301), "
    "a whole list as names with commas (cipher_suites=TLS_AES_128_GCM_SHA256,TLS_AES_256_GCM_SHA384), remove (a list "
    "element or an extension), text:www.other.example, or hex (hex:0a0b, or plain digits for byte fields). The "
    "lengths that enclose a change of size (vector, extension, handshake message, record) are fixed up. "
    "Edits name steps of the run as it stands after the edits of earlier steps. A path that names nothing, or a "
    "step that is not a record, is a usage error that lists what exists.";

constexpr const char* kClientEditHelp =
    "What if the client itself sent this (repeatable): the same STEP:PATH=VALUE on the client's ClientHello, read "
    "as the client's own configuration (offered suites, groups and key shares, server_name, ALPN, versions, "
    "signature algorithms), so both sides' transcripts agree and the run shows negotiation, not tampering. The "
    "trace says which --set it became (client-ciphers, groups, server-name and verify-name, alpn, client-versions, "
    "client-sigalgs). A field the client's configuration does not decide (legacy_version, random) is a usage "
    "error: use --edit. Applied before --edit, whose steps then name the changed run.";

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

// Each connection's key exchange and schedule; a run of several connections names each one.
std::string keys_text(const Transcript& transcript) {
  const std::vector<crypto::ConnectionCrypto> connections = crypto::connection_crypto(transcript);
  std::string text;
  for (const auto& [exchange, schedule] : connections) {
    if (connections.size() > 1) text += (text.empty() ? "" : "\n") + std::string("Connection ") + std::to_string(schedule.connection) + "\n\n";
    text += key_exchange_to_text(exchange) + "\n" + key_schedule_to_text(schedule, crypto::open_records(transcript, schedule));
  }
  return text;
}

std::string what_if_text(const WhatIfSummary& what_if) {
  std::string text;
  if (!what_if.client_edits.empty()) {
    text += "\nWhat if the client sent it: the client's own settings changed (both transcripts agree)\n";
    for (const auto& [key, value] : what_if.settings) text += "  --set " + key + "=" + value + "\n";
    for (const auto& note : what_if.notes) text += "  Note: " + note + "\n";
  }
  if (what_if.edits.empty()) return text;
  text += "\nWhat if: " + std::to_string(what_if.edits.size()) + " edit(s) delivered on the wire by Mallory\n";
  for (const auto& change : what_if.changes) text += "  " + change + "\n";
  if (what_if.changes.empty()) text += "  none changed a byte: this run is the original run\n";
  if (what_if.first_difference != 0)
    text += "  The run first differs from the unedited one at step " + std::to_string(what_if.first_difference) + ".\n";
  return text;
}

// The run or capture transcript as text or JSON, with the extras the options ask for.
std::string render(const Transcript& transcript, const TraceOptions& options, const std::string& heading,
                   const TraceHeading& json_heading, const WhatIfSummary* what_if = nullptr) {
  if (options.format == "json") {
    nlohmann::json json = trace_to_json(transcript, json_heading);
    if (options.eavesdropper) json["eavesdropper"] = eavesdropper_to_json(eavesdropper_view(transcript));
    if (what_if) {
      for (std::size_t i = 0; i < what_if->edited_steps.size(); ++i) {  // the steps Mallory replaced
        nlohmann::json& step = json["steps"][what_if->edited_steps[i] - 1];
        step["edited"] = true;
        step["original_bytes"] = wire::to_hex(what_if->original_bytes[i], what_if->original_bytes[i].size());
      }
      nlohmann::json settings = nlohmann::json::array();
      for (const auto& [key, value] : what_if->settings) settings.push_back({{"key", key}, {"value", value}});
      json["what_if"] = {{"client_edits", what_if->client_edits},
                         {"client_settings", std::move(settings)},
                         {"client_notes", what_if->notes},
                         {"edits", what_if->edits},
                         {"changes", what_if->changes},
                         {"first_difference", what_if->first_difference ? nlohmann::json(what_if->first_difference) : nlohmann::json(nullptr)}};
    }
    return json.dump(2) + "\n";
  }
  std::string text = trace_to_text(transcript, heading);
  if (what_if) text += what_if_text(*what_if);
  if (options.eavesdropper) text += "\nWhat an eavesdropper on the network sees\n\n" + eavesdropper_to_text(eavesdropper_view(transcript));
  if (options.keys) text += "\n" + keys_text(transcript);
  return text;
}

// The edits as specs; a malformed one is a usage error.
std::vector<edit::EditSpec> parse_edits(const std::vector<std::string>& texts, bool keep_lengths, const char* option = "--edit") {
  std::vector<edit::EditSpec> specs;
  for (const auto& text : texts) {
    edit::EditSpec spec;
    std::string error;
    if (!edit::parse_edit_spec(text, spec, error)) throw UsageError{std::string(option) + ": " + error};
    spec.keep_lengths = keep_lengths;
    specs.push_back(std::move(spec));
  }
  return specs;
}

// The scenario with the client's edits as its own settings, and its run.
Transcript apply_client_edits(Scenario& scenario, const Transcript& original, const TraceOptions& options, WhatIfSummary& out) {
  const std::vector<edit::EditSpec> specs = parse_edits(options.client_edits, false, "--client-edit");
  edit::ClientChange change;
  std::string error;
  if (!edit::client_change(scenario, original, specs, change, error) || !edit::apply_client_change(change, scenario, error))
    throw UsageError{"--client-edit: " + error};
  out.client_edits = options.client_edits;
  out.settings = change.settings;
  out.notes = change.notes;
  Transcript changed = run_scenario(scenario);
  if (changed.rejected) throw UsageError{"--client-edit: " + edit::settings_text(change) + ": " + changed.failure};
  return changed;
}

// The run with Mallory's edits delivered; the summary says what they changed.
Transcript apply_wire_edits(const Scenario& scenario, Transcript original, const TraceOptions& options, WhatIfSummary& out) {
  const std::vector<edit::EditSpec> specs = parse_edits(options.edits, options.keep_lengths);
  edit::WhatIfRun run;
  std::string error;
  if (!edit::run_wire_edits(scenario, original, specs, run, error)) throw UsageError{error};
  out.edits = options.edits;
  for (const auto& replacement : run.replacements) {
    for (const auto& line : replacement.descriptions) out.changes.push_back("step " + std::to_string(replacement.step) + ", " + line);
    out.edited_steps.push_back(replacement.step);
    out.original_bytes.push_back(replacement.expected);
  }
  out.first_difference = run.first_difference;
  return std::move(run.transcript);
}

int run_trace(const TraceOptions& options, bool seeded) {
  Scenario scenario = scenario_for_lesson(options.lesson);
  apply_sets(scenario, options.sets);
  if (seeded) scenario.seed = options.seed;
  const bool wire_edits = !options.edits.empty();
  const bool what_if = wire_edits || !options.client_edits.empty();
  if (what_if && options.all_events)
    throw UsageError{"--edit and --client-edit number steps as the trace shows them without --all-events; leave one out"};
  if (wire_edits && !seeded) throw UsageError{"--edit needs --seed N: the edited run repeats the original byte for byte up to the edit"};
  if (options.keep_lengths && !wire_edits) throw UsageError{"--edit-keep-lengths goes with --edit"};
  (void)parse_edits(options.edits, options.keep_lengths);  // a malformed edit fails before any run
  (void)parse_edits(options.client_edits, false, "--client-edit");
  Transcript transcript = run_scenario(scenario);
  // Settings OpenSSL refuses (an unknown group, no usable suite) are bad values, not a lesson.
  if (transcript.rejected) throw UsageError{transcript.failure};
  WhatIfSummary summary;
  if (!options.client_edits.empty()) transcript = apply_client_edits(scenario, transcript, options, summary);
  if (wire_edits) transcript = apply_wire_edits(scenario, std::move(transcript), options, summary);
  if (options.all_events) transcript = expand_events(transcript);
  return write_output(render(transcript, options, heading_text(options, seeded), {options.lesson, seeded, options.seed},
                             what_if ? &summary : nullptr),
                      options.out_path);
}

// The connection --stream names, or the first TLS one (the others listed on stderr).
std::size_t chosen_stream(const capture::CaptureImport& capture, const TraceOptions& options) {
  if (options.stream > 0) {
    if (options.stream > capture.connections.size())
      throw UsageError{"--stream " + std::to_string(options.stream) + ": the capture has " +
                       std::to_string(capture.connections.size()) + " TCP connections"};
    return options.stream - 1;
  }
  const std::vector<std::size_t> tls = capture::tls_connections(capture);
  if (tls.empty())
    throw std::runtime_error(options.pcap + ": no TLS connection among its " + std::to_string(capture.connections.size()) +
                             " TCP connections (give --stream N to see one anyway)");
  if (tls.size() > 1) {
    std::fprintf(stderr, "handshake-lab: tracing %s; the capture has %zu TLS connections, also:\n",
                 stream_label(capture, tls[0]).c_str(), tls.size());
    for (std::size_t i = 1; i < tls.size(); ++i) std::fprintf(stderr, "  --stream %zu  %s\n", tls[i] + 1, connection_endpoints(capture, tls[i]).c_str());
  }
  return tls[0];
}

int run_capture_trace(const TraceOptions& options) {
  const capture::CaptureImport capture = load_capture(options.pcap, options.keylog);
  for (const auto& warning : capture.warnings) std::fprintf(stderr, "handshake-lab: %s: %s\n", options.pcap.c_str(), warning.c_str());
  const std::size_t index = chosen_stream(capture, options);
  Transcript transcript = capture::connection_transcript(capture.connections[index], capture.keys, {options.pcap, index + 1});
  const std::string heading = "Handshake Lab trace of " + options.pcap + ", " + stream_label(capture, index);
  return write_output(render(transcript, options, heading, {}), options.out_path);
}

// --pcap replaces the lesson run: the options that shape a run make no sense with it, and --stream needs it.
void check_capture_options(const TraceOptions& options, CLI::App& cmd) {
  const bool capture = !options.pcap.empty();
  for (const char* run_only : {"--lesson", "--seed", "--set", "--all-events", "--edit", "--edit-keep-lengths", "--client-edit"})
    if (capture && cmd.count(run_only) > 0) throw UsageError{std::string(run_only) + " runs a lesson; it cannot go with --pcap"};
  for (const char* capture_only : {"--keylog", "--stream"})
    if (!capture && cmd.count(capture_only) > 0) throw UsageError{std::string(capture_only) + " needs --pcap FILE"};
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
  cmd->add_option("--edit", options->edits, kEditHelp)->type_name("STEP:PATH=VALUE");
  cmd->add_option("--client-edit", options->client_edits, kClientEditHelp)->type_name("STEP:PATH=VALUE");
  cmd->add_flag("--edit-keep-lengths", options->keep_lengths,
                "With --edit: leave the lengths inside the record that enclose an edited field as they were (malformed "
                "input; the record header's length still frames the record)");
  cmd->add_flag("--all-events", options->all_events, "Every endpoint event as a step of its own (steps number differently)");
  cmd->add_flag("--eavesdropper", options->eavesdropper, "Add what a passive observer on the network sees");
  cmd->add_flag("--keys", options->keys,
                "Add the key schedule recomputed by the lab, its checks and how each protected record is protected "
                "(JSON always carries them)");
  add_capture_flags(*cmd, options->pcap, options->keylog, options->stream,
                    "Trace one TCP connection of this pcap or pcapng capture instead of a lesson run");
  cmd->callback([options, seed, cmd, &out_status] {
    check_capture_options(*options, *cmd);
    out_status = options->pcap.empty() ? run_trace(*options, seed->count() > 0) : run_capture_trace(*options);
  });
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
