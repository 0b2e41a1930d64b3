// Progress as JSON: {"version": 1, "lessons": {"imap-143": {"opened": true, "correct": ["q1"]}}}.
#include "core/lessons/progress.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/lessons/atomic_file.hpp"

namespace hl {
namespace {

constexpr int kFormatVersion = 1;

std::filesystem::path absolute_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || value[0] != '/') return {};  // XDG: relative paths are to be ignored
  return value;
}

// Throws nlohmann::json::exception on any shape problem; the caller treats that as corrupt.
Progress from_json(const nlohmann::json& json) {
  if (!json.is_object() || json.at("version").get<int>() != kFormatVersion)
    throw std::runtime_error("not a version 1 progress file");
  Progress progress;
  for (const auto& [id, entry] : json.at("lessons").items()) {
    LessonProgress lesson;
    lesson.opened = entry.at("opened").get<bool>();
    for (const auto& question : entry.at("correct")) lesson.correct.insert(question.get<std::string>());
    progress.lessons[id] = std::move(lesson);
  }
  return progress;
}

nlohmann::json to_json(const Progress& progress) {
  nlohmann::json lessons = nlohmann::json::object();
  for (const auto& [id, lesson] : progress.lessons)
    lessons[id] = {{"opened", lesson.opened}, {"correct", lesson.correct}};
  return {{"version", kFormatVersion}, {"lessons", lessons}};
}

}  // namespace

std::filesystem::path default_progress_path() {
  std::filesystem::path base = absolute_env("XDG_DATA_HOME");
  if (base.empty()) {
    std::filesystem::path home = absolute_env("HOME");
    if (home.empty()) return {};
    base = home / ".local" / "share";
  }
  return base / "handshake-lab" / "progress.json";
}

ProgressLoad load_progress(const std::filesystem::path& path) {
  ProgressLoad result;
  std::ifstream in(path, std::ios::binary);
  if (!in) return result;  // no file yet: a fresh start
  std::ostringstream text;
  text << in.rdbuf();
  in.close();
  try {
    result.progress = from_json(nlohmann::json::parse(text.str()));
    return result;
  } catch (const std::exception& e) {
    result.progress = {};
    std::filesystem::path backup = path;
    backup += ".bak";
    std::error_code ec;
    std::filesystem::rename(path, backup, ec);
    result.warning = "progress file " + path.string() + " is corrupt (" + e.what() + "); " +
                     (ec ? "could not move it aside (" + ec.message() + ")" : "kept it as " + backup.string()) +
                     " and starting fresh";
  }
  return result;
}

bool save_progress(const std::filesystem::path& path, const Progress& progress, std::string& out_error) {
  if (path.empty()) return out_error = "no place to save progress (set XDG_DATA_HOME or HOME)", false;
  std::string error;
  if (write_file_atomically(path, to_json(progress).dump(2) + "\n", error)) return true;
  return out_error = "cannot save progress: " + error, false;
}

void mark_opened(Progress& progress, const std::string& lesson_id) { progress.lessons[lesson_id].opened = true; }

void mark_correct(Progress& progress, const std::string& lesson_id, const std::string& question_id) {
  progress.lessons[lesson_id].correct.insert(question_id);
}

}  // namespace hl
