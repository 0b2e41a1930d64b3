// `handshake-lab handout`: runs a lesson and writes it as one self-contained HTML page to print
// or post: the lesson text, every step with its decoded fields, the questions (--answers: with answers).
#include <cstdio>
#include <memory>
#include <vector>

#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"
#include "core/engine/engine.hpp"
#include "core/export/export_file.hpp"
#include "core/export/handout.hpp"

namespace hl::cli {
namespace {

struct HandoutCommandOptions {
  std::string lesson;
  std::uint64_t seed = 0;
  std::vector<std::string> sets;
  std::string out_path;
  bool answers = false;
};

int run_handout(const HandoutCommandOptions& options, bool seeded) {
  const Lesson lesson = lesson_by_id(options.lesson);
  Scenario scenario = lesson.scenario;
  scenario.id = lesson.id;
  apply_sets(scenario, options.sets);
  if (seeded) scenario.seed = options.seed;
  const Transcript transcript = run_scenario(scenario);
  if (transcript.rejected) throw UsageError{transcript.failure};
  HandoutOptions handout{seeded ? std::optional(options.seed) : std::nullopt, options.sets, options.answers};
  const std::string html = handout_html(lesson, transcript, handout);
  std::string error;
  if (!write_whole_file(options.out_path, html, error)) {
    std::fprintf(stderr, "handshake-lab: %s\n", error.c_str());
    return kFailed;
  }
  return kOk;
}

void add_handout_command(CLI::App& app, int& out_status) {
  auto options = std::make_shared<HandoutCommandOptions>();
  CLI::App* cmd = app.add_subcommand("handout", "Write a lesson and its run as one self-contained HTML page to print");
  cmd->add_option("--lesson", options->lesson, "Lesson id (see `handshake-lab lessons`)")->required();
  CLI::Option* seed = cmd->add_option("--seed", options->seed, "Seed: the same seed gives the same bytes on every copy")
                          ->check(seed_validator());
  cmd->add_option("--set", options->sets, "Override one scenario field (repeatable; see `trace --help`)")
      ->type_name("KEY=VALUE");
  cmd->add_option("--out", options->out_path, "HTML file to write")->required();
  cmd->add_flag("--answers", options->answers, "Mark each question's answer and add every choice's feedback");
  cmd->callback([options, seed, &out_status] { out_status = run_handout(*options, seed->count() > 0); });
}

const CommandRegistration registration{17, add_handout_command};

}  // namespace
}  // namespace hl::cli
