// `handshake-lab screenshot --lesson ID --step N --out FILE.png [--size WxH] [--theme NAME]
// [--compare KEY=VALUE ...] [--edit | --client-edit STEP:PATH=VALUE]`: renders the real window, hidden, at one step and writes a PNG
// (needs a display: xvfb-run). With --compare (or a lesson with a [compare] table) the window
// shows the compare view, the lesson's run beside one with those settings changed.
#ifdef HL_HAVE_APP
#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "app/window.hpp"
#include "cli/capture_input.hpp"
#include "cli/commands.hpp"
#include "cli/lesson_lookup.hpp"
#include "core/edit/client_change.hpp"
#include "core/edit/edit_spec.hpp"
#include "core/edit/what_if.hpp"
#include "core/engine/engine.hpp"

namespace hl::cli {
namespace {

struct ScreenshotArgs {
  std::string lesson = "https-443";
  std::size_t step = 1;
  std::string out_path;
  std::string size = "1600x1000";
  std::string theme = "light";
  float font_size = 0;  // 0: the default
  bool presenter = false;
  std::optional<std::size_t> select_byte;
  std::string view;
  std::string bytes = "wire";
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  std::vector<std::string> compare;  // KEY=VALUE for the right-hand run
  bool one_run = false;              // --no-compare: one run even for a lesson with [compare]
  std::string edit;                  // what if: STEP:PATH=VALUE or STEP:OFFSET=HEX, Mallory delivers it (as trace --edit)
  std::string client_edit;           // what if: STEP:PATH=VALUE of the ClientHello, the client sends it (as trace --client-edit)
  bool edit_keep_lengths = false;
  app::CaptureStart capture;   // --pcap, --keylog, --stream
  CLI::App* command = nullptr;  // to tell a given --keylog from none
};

// "WxH" with both sides in [320, 7680]; false on anything else.
bool parse_size(const std::string& text, int& out_width, int& out_height) {
  int width = 0, height = 0;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%dx%d%c", &width, &height, &tail) != 2) return false;
  if (width < 320 || height < 240 || width > 7680 || height > 4320) return false;
  out_width = width;
  out_height = height;
  return true;
}

// An unknown --view is a usage error listing the names, found before any window opens.
void check_view(const std::string& view) {
  if (view.empty()) return;
  if (!app::view_title_for(view).empty()) return;
  const auto titles = app::view_titles();
  std::string names;
  for (const auto& title : titles) names += (names.empty() ? "" : ", ") + title;
  throw UsageError{"unknown view '" + view + "': the views are " + names};
}

// --edit or --client-edit: parsed, then tried on the run the window will show, so a step that is
// not a record or a path that names nothing is exit 2 before any window opens (and without a display).
void check_edit(const ScreenshotArgs& args, app::ScreenshotOptions& options) {
  if (args.edit_keep_lengths && args.edit.empty()) throw UsageError{"--edit-keep-lengths needs --edit"};
  if (args.edit.empty() && args.client_edit.empty()) return;
  const bool by_client = !args.client_edit.empty();
  const char* option = by_client ? "--client-edit" : "--edit";
  if (!args.edit.empty() && by_client) throw UsageError{"--edit and --client-edit: one what-if at a time"};
  if (!args.seed) throw UsageError{std::string(option) + " needs --seed: the rerun must match the run up to the edited step"};
  if (!args.compare.empty() || !args.capture.pcap.empty())
    throw UsageError{std::string(option) + " shows its own comparison: not with --compare or --pcap"};
  edit::EditSpec spec;
  std::string error;
  if (!edit::parse_edit_spec(by_client ? args.client_edit : args.edit, spec, error)) throw UsageError{std::string(option) + ": " + error};
  spec.keep_lengths = args.edit_keep_lengths;
  const Transcript original = run_scenario(options.scenario);  // events grouped: steps numbered as trace numbers them
  if (original.rejected) throw UsageError{original.failure};
  const std::span<const edit::EditSpec> specs(&spec, 1);
  if (by_client) {
    edit::ClientChange change;
    if (!edit::client_change(options.scenario, original, specs, change, error)) throw UsageError{"--client-edit: " + error};
  } else {
    edit::WhatIfRun rerun;
    if (!edit::run_wire_edits(options.scenario, original, specs, rerun, error)) throw UsageError{"--edit: " + error};
  }
  options.edit = spec;
  options.edit_by_client = by_client;
}

// Every option is checked before the window opens, so a bad one is exit 2 even without a display.
int run(const ScreenshotArgs& args) {
  app::ScreenshotOptions options;
  if (!parse_size(args.size, options.width, options.height)) {
    throw UsageError{"--size takes WxH between 320x240 and 7680x4320, got '" + args.size + "'"};
  }
  if (args.step == 0) throw UsageError{"--step counts from 1"};
  check_view(args.view);
  const Lesson lesson = lesson_by_id(args.lesson);
  options.scenario = lesson.scenario;
  options.scenario.id = lesson.id;
  options.lesson_id = args.lesson;
  options.step = args.step;
  options.out_path = args.out_path;
  options.theme = args.theme;
  if (args.font_size > 0) options.font_size = args.font_size;
  options.presenter = args.presenter;
  options.select_byte = args.select_byte;
  options.view = args.view;
  options.hex_mode = args.bytes == "wire" ? 0 : args.bytes == "decrypted" ? 1 : 2;
  if (args.seed) options.scenario.seed = args.seed;
  apply_sets(options.scenario, args.sets);
  for (const char* capture_only : {"--keylog", "--stream"})
    if (args.capture.pcap.empty() && args.command->count(capture_only) > 0) throw UsageError{std::string(capture_only) + " needs --pcap FILE"};
  if (!args.capture.pcap.empty()) check_capture_path(args.capture.pcap);
  options.capture = args.capture;
  if (!args.compare.empty() && args.one_run) throw UsageError{"--compare and --no-compare exclude each other"};
  for (const auto& item : args.compare) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError{"--compare takes KEY=VALUE, got '" + item + "'"};
    options.compare.emplace_back(item.substr(0, eq), item.substr(eq + 1));
  }
  check_edit(args, options);
  // A lesson that opens in the compare view is pictured in it, unless asked otherwise.
  if (args.compare.empty() && !args.one_run && args.capture.pcap.empty() && !options.edit)
    options.compare.assign(lesson.compare.begin(), lesson.compare.end());
  return app::take_screenshot(options);
}

void add_screenshot(CLI::App& app, int& out_status) {
  auto args = std::make_shared<ScreenshotArgs>();
  CLI::App* command = app.add_subcommand("screenshot", "Render the window at one step into a PNG (needs a display; "
                                                       "use xvfb-run on a headless machine)");
  command->add_option("--lesson", args->lesson, "Lesson to show")->capture_default_str();
  command->add_option("--step", args->step, "Step to show, from 1 as in \"step n of m\"")->required();
  command->add_option("--out", args->out_path, "PNG file to write")->required();
  command->add_option("--size", args->size, "Window size WxH")->capture_default_str();
  command->add_option("--theme", args->theme, "light | dark | high-contrast")
      ->check(CLI::IsMember({"light", "dark", "high-contrast"}))
      ->capture_default_str();
  command->add_option("--font-size", args->font_size, "Text size in pixels (default 20)")->check(CLI::Range(10.0f, 48.0f));
  command->add_option("--select-byte", args->select_byte, "Select the field under this byte (0-based) of the step's bytes");
  command->add_option("--view", args->view, "Bring this pane's tab to the front (e.g. Scenario, Certs, keyschedule; case, spaces and dashes ignored)");
  command->add_option("--bytes", args->bytes, "Hex pane: wire | decrypted | both")
      ->check(CLI::IsMember({"wire", "decrypted", "both"}))
      ->capture_default_str();
  command->add_option("--seed", args->seed, "Seed the run: the same bytes every time")->check(seed_validator());
  command->add_option("--set", args->sets, "Override one scenario field, KEY=VALUE (as in trace; repeatable)");
  command->add_flag("--presenter", args->presenter, "Presenter mode: big fonts, lesson and ladder only");
  command->add_option("--compare", args->compare,
                      "The compare view: the lesson's run beside the same run with these settings changed, KEY=VALUE "
                      "as --set takes them (e.g. version=1.2 resume=ticket client-cert=on); --step counts its rows")
      ->expected(1, -1);
  command->add_flag("--no-compare", args->one_run, "One run, even for a lesson that opens in the compare view");
  command->add_option("--edit", args->edit,
                      "What if: STEP:PATH=VALUE or STEP:OFFSET=HEX as trace --edit takes it (needs --seed); the window "
                      "shows the original run beside the edited one, on the row where they part");
  command->add_option("--client-edit", args->client_edit,
                      "What if, by the client: STEP:PATH=VALUE of its ClientHello as trace --client-edit takes it (needs "
                      "--seed); the client itself sends it, and the window shows both runs side by side");
  command->add_flag("--edit-keep-lengths", args->edit_keep_lengths,
                    "With --edit: leave the lengths around the edited field as they were (malformed input)");
  add_capture_flags(*command, args->capture.pcap, args->capture.keylog, args->capture.stream,
                    "Show a connection of this pcap or pcapng capture instead of the lesson's run (--step counts its steps)");
  args->command = command;
  command->callback([args, &out_status] { out_status = run(*args); });
}

const CommandRegistration kScreenshot(60, add_screenshot);

}  // namespace
}  // namespace hl::cli
#endif
