#include "cli/lesson_lookup.hpp"

#include "cli/commands.hpp"
#include "core/lessons/loader.hpp"

namespace hl::cli {

Scenario scenario_for_lesson(const std::string& id) {
  // Broken lesson files elsewhere in the folder don't matter here: only the asked-for one does.
  const LessonLibrary library = load_lesson_library(find_lessons_dir());
  const Lesson* lesson = find_lesson(library, id);
  if (lesson == nullptr) throw UsageError{"unknown lesson '" + id + "' (see `handshake-lab lessons`)"};
  Scenario scenario = lesson->scenario;
  scenario.id = lesson->id;
  return scenario;
}

void apply_sets(Scenario& scenario, const std::vector<std::string>& sets) {
  for (const auto& item : sets) {
    auto eq = item.find('=');
    if (eq == std::string::npos) throw UsageError{"--set takes KEY=VALUE, got '" + item + "'"};
    std::string error = set_scenario_field(scenario, item.substr(0, eq), item.substr(eq + 1));
    if (!error.empty()) throw UsageError{"--set: " + error};
  }
}

}  // namespace hl::cli
