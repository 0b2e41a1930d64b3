// The learner's progress: lessons opened, questions answered right and questions missed first, kept as JSON in the
// XDG data directory. Reads never destroy a file; writes are atomic (temp file + rename).
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

namespace hl {

/// What one learner did in one lesson.
struct LessonProgress {
  bool opened = false;
  std::set<std::string> correct;  // ids of questions answered right, at the first try or later
  std::set<std::string> missed;   // ids of questions whose first answer was wrong (right later or not yet)

  bool operator==(const LessonProgress&) const = default;
};

/// Progress over every lesson, by lesson id.
struct Progress {
  std::map<std::string, LessonProgress> lessons;

  bool operator==(const Progress&) const = default;
};

/// $XDG_DATA_HOME/handshake-lab/progress.json, else ~/.local/share/handshake-lab/progress.json;
/// an empty path when neither variable gives an absolute directory.
std::filesystem::path default_progress_path();

/// The outcome of reading a progress file.
struct ProgressLoad {
  Progress progress;
  std::string warning;  // empty unless the file was unreadable or corrupt
};

/// Reads progress. A missing file is a fresh start with no warning. A version 1 file (before
/// first tries were recorded) is read as it is: its right answers count as first tries. A
/// corrupt file (not JSON, not the expected shape, or from a newer version) is renamed to
/// <path>.bak (.bak.1, .bak.2... when that exists), and the warning says so: nothing is lost.
ProgressLoad load_progress(const std::filesystem::path& path);

/// Writes progress atomically (a temp file beside it, then rename), creating the directory.
/// Returns false and fills out_error when it cannot.
bool save_progress(const std::filesystem::path& path, const Progress& progress, std::string& out_error);

/// Records that a lesson was opened.
void mark_opened(Progress& progress, const std::string& lesson_id);

/// Records a question answered right.
void mark_correct(Progress& progress, const std::string& lesson_id, const std::string& question_id);

/// Records a wrong answer; it counts only while the question was never answered right.
void mark_wrong(Progress& progress, const std::string& lesson_id, const std::string& question_id);

/// How a learner's answers to one question went.
enum class AnswerOutcome { unanswered, first_try, later, not_yet };

/// The outcome of a question from what was recorded (unanswered for an unknown lesson).
AnswerOutcome answer_outcome(const Progress& progress, const std::string& lesson_id, const std::string& question_id);

/// The words for an outcome: "right on first try", "right later", "not yet right", "not answered".
const char* outcome_name(AnswerOutcome outcome);

}  // namespace hl
