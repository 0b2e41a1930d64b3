// What the lesson pane and the lesson browser share: the loaded lessons and the learner's
// progress. One per window: make_views() hands the same one to both; neither view calls the other.
#pragma once

#include <filesystem>
#include <string>

#include "core/lessons/loader.hpp"
#include "core/lessons/progress.hpp"
#include "app/views/view.hpp"

namespace hl::app {

class LessonState {
 public:
  /// use_progress_file false: progress starts empty and is never saved (screenshots look the same for everyone).
  explicit LessonState(bool use_progress_file = true) : use_progress_file_(use_progress_file) {}
  /// Loads the lessons and (when used) the progress file the first time it is called.
  void ensure_loaded();
  /// The loaded lessons, one of them by id (nullptr when unknown), and the learner's progress.
  const LessonLibrary& library() const { return library_; }
  const Lesson* lesson(const std::string& id) const { return find_lesson(library_, id); }
  const Progress& progress() const { return progress_; }
  /// One line for the learner when something went wrong loading (corrupt progress, broken lessons).
  const std::string& warning() const { return warning_; }

  /// Records an opened lesson, a right or a wrong answer, and saves the progress file at once (when used).
  void mark_opened(const std::string& lesson_id);
  void mark_correct(const std::string& lesson_id, const std::string& question_id);
  void mark_wrong(const std::string& lesson_id, const std::string& question_id);
  /// Records an answer: right or wrong by the choice picked.
  void mark_answer(const Lesson& lesson, std::size_t question, std::size_t choice);
  /// Forgets every lesson's progress (the teacher's reset) and saves the empty progress.
  void reset_progress();

  /// "✓ 2/4": opened mark and questions answered right at the first try, for the browser and lesson links.
  std::string progress_mark(const std::string& lesson_id) const;

 private:
  void save();

  bool use_progress_file_;
  bool loaded_ = false;
  LessonLibrary library_;
  Progress progress_;
  std::filesystem::path progress_path_;
  std::string warning_;
};

/// Opens another lesson: its scenario replaces the current one and reruns.
void open_lesson(ViewContext& context, const Lesson& lesson);

}  // namespace hl::app
