// Progress as JSON: {"version": 2, "lessons": {"imap-143": {"opened": true, "correct": ["q1"], "missed": ["q2"]}}}.
// Version 1 had no "missed": it reads as is, and the next save writes version 2.
#include "core/lessons/progress.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/lessons/atomic_file.hpp"

namespace hl {
namespace {

constexpr int kFormatVersion = 2;
constexpr int kOldestVersion = 1;

std::filesystem::path absolute_env(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || value[0] != '/') return {};  // XDG: relative paths are to be ignored
  return value;
}

std::set<std::string> id_set(const nlohmann::json& list) {
  std::set<std::string> ids;
  for (const auto& id : list) ids.insert(id.get<std::string>());
  return ids;
}

// Throws on any shape problem; the caller treats that as corrupt.
Progress from_json(const nlohmann::json& json) {
  if (!json.is_object()) throw std::runtime_error("not a JSON object");
  const int version = json.at("version").get<int>();
  if (version > kFormatVersion)
    throw std::runtime_error("written by a newer handshake-lab (format " + std::to_string(version) + ")");
  if (version < kOldestVersion) throw std::runtime_error("unknown format " + std::to_string(version));
  Progress progress;
  for (const auto& [id, entry] : json.at("lessons").items()) {
    LessonProgress lesson;
    lesson.opened = entry.at("opened").get<bool>();
    lesson.correct = id_set(entry.at("correct"));
    if (version >= 2) lesson.missed = id_set(entry.at("missed"));
    progress.lessons[id] = std::move(lesson);
  }
  return progress;
}

// <path>.bak, or the first of <path>.bak.1, .bak.2... that does not exist yet: an older backup stays.
std::filesystem::path free_backup_path(const std::filesystem::path& path) {
  std::filesystem::path backup = path;
  backup += ".bak";
  std::error_code ec;
  for (int n = 1; std::filesystem::exists(backup, ec) && n < 1000; ++n) {
    backup = path;
    backup += ".bak." + std::to_string(n);
  }
  return backup;
}

nlohmann::json to_json(const Progress& progress) {
  nlohmann::json lessons = nlohmann::json::object();
  for (const auto& [id, lesson] : progress.lessons)
    lessons[id] = {{"opened", lesson.opened}, {"correct", lesson.correct}, {"missed", lesson.missed}};
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
    const std::filesystem::path backup = free_backup_path(path);
    std::error_code ec;
    std::filesystem::rename(path, backup, ec);
    result.warning = "progress file " + path.string() + " cannot be read (" + e.what() + "); " +
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

void mark_wrong(Progress& progress, const std::string& lesson_id, const std::string& question_id) {
  LessonProgress& lesson = progress.lessons[lesson_id];
  if (lesson.correct.count(question_id) == 0) lesson.missed.insert(question_id);
}

AnswerOutcome answer_outcome(const Progress& progress, const std::string& lesson_id, const std::string& question_id) {
  auto it = progress.lessons.find(lesson_id);
  if (it == progress.lessons.end()) return AnswerOutcome::unanswered;
  const bool right = it->second.correct.count(question_id) > 0;
  const bool missed = it->second.missed.count(question_id) > 0;
  if (right) return missed ? AnswerOutcome::later : AnswerOutcome::first_try;
  return missed ? AnswerOutcome::not_yet : AnswerOutcome::unanswered;
}

const char* outcome_name(AnswerOutcome outcome) {
  constexpr const char* kNames[] = {"not answered", "right on first try", "right later", "not yet right"};  // by AnswerOutcome
  return kNames[static_cast<int>(outcome)];
}

}  // namespace hl
