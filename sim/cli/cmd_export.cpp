// `handshake-lab export`: runs a lesson's scenario headless and writes it as a capture file
// that Wireshark opens and decrypts (.pcapng with the key log inside, or .pcap plus --keylog).
#include <cstdio>
#include <memory>
#include <vector>

#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"
#include "core/engine/engine.hpp"
#include "core/export/export_file.hpp"

namespace hl::cli {
namespace {

struct ExportOptions {
  std::string lesson = "https-443";
  std::uint64_t seed = 0;
  std::vector<std::string> sets;
  std::string out_path;
  std::string keylog_path;  // empty: none beside the capture
};

void check_paths(const ExportOptions& options) {
  const auto kind = export_kind_for(options.out_path);
  if (kind != ExportKind::pcapng && kind != ExportKind::pcap)
    throw UsageError{"--out must end in .pcapng or .pcap, got '" + options.out_path + "'"};
  if (kind == ExportKind::pcap && options.keylog_path.empty())
    throw UsageError{"a .pcap file holds no key log: add --keylog FILE (or write .pcapng)"};
}

int run_export(const ExportOptions& options, bool seeded) {
  check_paths(options);
  Scenario scenario = scenario_for_lesson(options.lesson);
  apply_sets(scenario, options.sets);
  if (seeded) scenario.seed = options.seed;
  const Transcript transcript = run_scenario(scenario);
  if (transcript.rejected) throw UsageError{transcript.failure};
  std::string error;
  if (!write_capture_export(transcript, scenario, options.lesson, options.out_path, options.keylog_path, error)) {
    std::fprintf(stderr, "handshake-lab: %s\n", error.c_str());
    return kFailed;
  }
  return kOk;
}

void add_export_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Write a lesson's run as a capture file that Wireshark decrypts");
  cmd->add_option("--lesson", options->lesson, "Lesson id (see `handshake-lab lessons`)")->capture_default_str();
  CLI::Option* seed = cmd->add_option("--seed", options->seed, "Seed: the same seed gives a byte-identical file")
                          ->check(seed_validator());
  cmd->add_option("--set", options->sets, "Override one scenario field (repeatable; see `trace --help`)")
      ->type_name("KEY=VALUE");
  cmd->add_option("--out", options->out_path, "Capture file: FILE.pcapng (key log inside) or FILE.pcap")->required();
  cmd->add_option("--keylog", options->keylog_path, "Also write the NSS key log here (needed with .pcap)");
  cmd->callback([options, seed, &out_status] { out_status = run_export(*options, seed->count() > 0); });
}

const CommandRegistration registration{15, add_export_command};

}  // namespace
}  // namespace hl::cli
