#include "app/run_export.hpp"

#include "core/export/export_file.hpp"
#include "core/export/handout.hpp"
#include "core/lessons/loader.hpp"

namespace hl::app {
namespace {

bool write_handout(const RunData& run, const std::string& lesson_id, const std::string& path, std::string& out_error) {
  const LessonLibrary library = load_lesson_library(find_lessons_dir());
  for (const Lesson& lesson : library.lessons) {
    if (lesson.id != lesson_id) continue;
    const HandoutOptions options{run.scenario.seed, changed_settings(lesson.scenario, run.scenario), false};
    return write_whole_file(path, handout_html(lesson, run.transcript, options), out_error);
  }
  out_error = "no lesson '" + lesson_id + "' to write a handout of";
  return false;
}

}  // namespace

std::vector<std::string> changed_settings(const Scenario& lesson, const Scenario& run) {
  std::vector<std::string> changed;
  for (const ScenarioKey& key : scenario_keys()) {
    const std::string value = scenario_value(run, key.name);
    if (value != scenario_value(lesson, key.name)) changed.push_back(std::string(key.name) + "=" + value);
  }
  return changed;
}

bool export_run_file(const RunData& run, const std::string& lesson_id, const std::string& path, std::string& out_status,
                     std::string& out_error) {
  if (run.transcript.capture) return out_error = "Export writes a lesson's run; the run on screen is a capture already.", false;
  const auto kind = export_kind_for(path);
  if (!kind) return out_error = "Export to a name ending in .pcapng, .pcap or .html, not " + path, false;
  std::string error;
  if (kind == ExportKind::handout) {
    if (!write_handout(run, lesson_id, path, error)) return out_error = "Cannot export: " + error, false;
    out_status = "Exported the handout to " + path;
    return true;
  }
  const std::string keylog = kind == ExportKind::pcap ? keylog_path_beside(path) : "";
  if (!write_capture_export(run.transcript, run.scenario, lesson_id, path, keylog, error))
    return out_error = "Cannot export: " + error, false;
  out_status = "Exported to " + path + (keylog.empty() ? "" : " and its key log to " + keylog);
  return true;
}

}  // namespace hl::app
