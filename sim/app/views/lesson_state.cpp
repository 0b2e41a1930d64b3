#include "app/views/lesson_state.hpp"

#include <cstdio>

#include "core/lessons/review.hpp"

namespace hl::app {

void LessonState::ensure_loaded() {
  if (loaded_) return;
  loaded_ = true;
  library_ = load_lesson_library(find_lessons_dir());
  for (const auto& error : library_.errors) std::fprintf(stderr, "handshake-lab: %s\n", to_string(error).c_str());
  if (!library_.errors.empty())
    warning_ = std::to_string(library_.errors.size()) + " lesson file problem(s); run `handshake-lab lessons` to see them.";
  if (!use_progress_file_) return;
  progress_path_ = default_progress_path();
  ProgressLoad loaded = load_progress(progress_path_);
  progress_ = std::move(loaded.progress);
  if (!loaded.warning.empty()) {
    std::fprintf(stderr, "handshake-lab: %s\n", loaded.warning.c_str());
    warning_ = loaded.warning;
  }
}

void LessonState::mark_opened(const std::string& lesson_id) {
  if (progress_.lessons[lesson_id].opened) return;
  hl::mark_opened(progress_, lesson_id);
  save();
}

void LessonState::mark_correct(const std::string& lesson_id, const std::string& question_id) {
  if (progress_.lessons[lesson_id].correct.count(question_id) > 0) return;
  hl::mark_correct(progress_, lesson_id, question_id);
  save();
}

void LessonState::mark_wrong(const std::string& lesson_id, const std::string& question_id) {
  const LessonProgress& before = progress_.lessons[lesson_id];
  if (before.correct.count(question_id) > 0 || before.missed.count(question_id) > 0) return;
  hl::mark_wrong(progress_, lesson_id, question_id);
  save();
}

void LessonState::mark_answer(const Lesson& lesson, std::size_t question, std::size_t choice) {
  const Question& asked = lesson.questions[question];
  if (asked.choices[choice].correct) mark_correct(lesson.id, asked.id);
  else mark_wrong(lesson.id, asked.id);
}

void LessonState::reset_progress() {
  progress_ = {};
  save();
}

std::string LessonState::progress_mark(const std::string& lesson_id) const {
  const Lesson* lesson = find_lesson(library_, lesson_id);
  auto it = progress_.lessons.find(lesson_id);
  if (lesson == nullptr || it == progress_.lessons.end()) return {};
  std::string mark = it->second.opened ? "\u2713" : "";
  const AnswerSummary answers = summarize_answers(*lesson, progress_);
  const std::size_t num_answered = lesson->questions.size() - answers.unanswered.size();
  if (num_answered > 0)
    mark += (mark.empty() ? "" : " ") + std::to_string(answers.first_try.size()) + "/" +
            std::to_string(lesson->questions.size());
  return mark;
}

void LessonState::save() {
  if (!use_progress_file_) return;
  std::string error;
  if (!save_progress(progress_path_, progress_, error)) warning_ = error;
}

void open_lesson(ViewContext& context, const Lesson& lesson) {
  if (context.lesson_id == lesson.id) return;
  context.lesson_id = lesson.id;
  context.scenario = lesson.scenario;
  context.scenario.id = lesson.id;
  context.scenario_changed = true;
}

}  // namespace hl::app
