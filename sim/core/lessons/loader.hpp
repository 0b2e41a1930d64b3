// Loading lessons: one file (parse_lesson) or a whole directory (load_lesson_library).
// Loading is pure: it reads files and never runs a scenario (see anchors.hpp for that check).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/lessons/lesson.hpp"

namespace hl {

/// One problem in one lesson file.
struct LessonError {
  std::string file;
  int line = 0;  // 1-based; 0 when the problem is not at a line (an unreadable file)
  std::string message;
};

/// "file:line: message" (or "file: message" without a line), the form every tool prints.
std::string to_string(const LessonError& error);

/// Parses one lesson file's text. On any problem returns false and appends every problem
/// found (each with its line) to out_errors; out_lesson is then unspecified.
bool parse_lesson(std::string_view text, const std::string& path, Lesson& out_lesson,
                  std::vector<LessonError>& out_errors);

/// Every lesson that loaded, and every problem met. A broken file costs only its own lesson.
struct LessonLibrary {
  std::vector<Lesson> lessons;  // ordered by file name
  std::vector<LessonError> errors;
};

/// Loads every *.md in dir except README.md. A later file repeating an earlier id is skipped
/// with an error naming both files. A missing directory gives one error and no lessons.
LessonLibrary load_lesson_library(const std::filesystem::path& dir);

/// The lesson with this id, or nullptr.
const Lesson* find_lesson(const LessonLibrary& library, std::string_view id);

/// Where lessons live at run time: $HL_LESSONS_DIR if set; else <executable dir>/../share/handshake-lab/lessons
/// (the installed layout, which the build tree mirrors with a link to the sources).
std::filesystem::path find_lessons_dir();

}  // namespace hl
