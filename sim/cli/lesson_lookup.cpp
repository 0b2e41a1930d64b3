#include "cli/lesson_lookup.hpp"

#include <algorithm>

#include "cli/commands.hpp"
#include "core/engine/scenario_checks.hpp"
#include "core/lessons/loader.hpp"

namespace hl::cli {
namespace {

// Keys that change the application side of a run; every other key changes TLS only.
// server-name is also the host the application names (HTTP's Host header, the greeting).
constexpr const char* kNonTlsKeys[] = {"mode", "starttls", "cookie-secure", "hsts", "redirect", "server-name"};

bool is_tls_key(const std::string& key) {
  return std::none_of(std::begin(kNonTlsKeys), std::end(kNonTlsKeys), [&](const char* k) { return key == k; });
}

// Levenshtein distance, enough to catch a typo in a lesson id.
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_lesson_message(const LessonLibrary& library, const std::string& id) {
  constexpr std::size_t kNearMiss = 2;
  const Lesson* nearest = nullptr;
  std::size_t best = kNearMiss + 1;
  for (const auto& lesson : library.lessons) {
    std::size_t distance = edit_distance(id, lesson.id);
    if (distance < best) best = distance, nearest = &lesson;
  }
  if (nearest != nullptr) return "unknown lesson '" + id + "': did you mean " + nearest->id + "?";
  return "unknown lesson '" + id + "' (see `handshake-lab lessons`)";
}

std::string mode_text(const Scenario& s) {
  return std::string(s.mode == PortMode::plaintext ? "plaintext" : s.mode == PortMode::starttls ? "STARTTLS" : "implicit TLS") +
         " on port " + std::to_string(s.port);
}

// The port lessons that teach this protocol in this mode: "http-80", or "smtp-25 or submission-587".
std::string lessons_for_mode(const Scenario& set) {
  std::string ids;
  for (const auto& lesson : load_lesson_library(find_lessons_dir()).lessons)
    if (lesson.port && lesson.protocol == set.protocol && lesson.mode == set.mode) ids += (ids.empty() ? "" : " or ") + lesson.id;
  return ids;
}

// A setting the lesson cannot honour: the lesson's mode is what makes it that lesson.
std::string lesson_refusal(const Scenario& lesson, const Scenario& set, const std::string& key, const std::string& value) {
  const std::string setting = key + "=" + value;
  if (key == "mode" && set.mode != lesson.mode) {
    const std::string ids = lessons_for_mode(set);
    return setting + ": lesson " + lesson.id + " is " + mode_text(lesson) +
           (ids.empty() ? "; open a lesson in that mode instead (see `handshake-lab lessons`)" : "; use --lesson " + ids);
  }
  if (key == "starttls" && lesson.mode != PortMode::starttls)
    return setting + ": lesson " + lesson.id + " is " + mode_text(lesson) + ", with no STARTTLS to switch";
  if (key == "cookie-secure" && lesson.protocol != "http")
    return setting + ": lesson " + lesson.id + " speaks " + lesson.protocol + ", which has no cookies";
  if ((key == "hsts" || key == "redirect") && lesson.protocol != "http")
    return setting + ": lesson " + lesson.id + " speaks " + lesson.protocol + ", which has no " + key + " header";
  if (is_tls_key(key) && lesson.mode == PortMode::plaintext)
    return setting + ": lesson " + lesson.id + " is " + mode_text(lesson) + ", with no TLS for this setting to change";
  return {};
}

}  // namespace

Lesson lesson_by_id(const std::string& id) {
  // Broken lesson files elsewhere in the folder don't matter here: only the asked-for one does.
  const LessonLibrary library = load_lesson_library(find_lessons_dir());
  const Lesson* lesson = find_lesson(library, id);
  if (lesson == nullptr) throw UsageError{unknown_lesson_message(library, id)};
  return *lesson;
}

Scenario scenario_for_lesson(const std::string& id) {
  Scenario scenario = lesson_by_id(id).scenario;
  scenario.id = id;
  return scenario;
}

void apply_sets(Scenario& scenario, const std::vector<std::string>& sets) {
  const Scenario lesson = scenario;
  for (const auto& item : sets) {
    auto eq = item.find('=');
    if (eq == std::string::npos) throw UsageError{"--set takes KEY=VALUE, got '" + item + "'"};
    const std::string key = item.substr(0, eq), value = item.substr(eq + 1);
    std::string error = set_scenario_field(scenario, key, value);
    if (!error.empty()) throw UsageError{"--set: " + error};
    // A mode the protocol lacks says so first (HTTP has no STARTTLS), before "not this lesson's mode".
    if (key == "mode")
      if (std::string why = scenario_refusal(scenario); !why.empty()) throw UsageError{"--set " + why};
    if (std::string why = lesson_refusal(lesson, scenario, key, value); !why.empty()) throw UsageError{"--set " + why};
  }
  if (std::string why = scenario_refusal(scenario); !why.empty()) throw UsageError{"--set " + why};
}

}  // namespace hl::cli
