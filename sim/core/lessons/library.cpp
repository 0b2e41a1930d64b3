// load_lesson_library(), find_lesson(), find_lessons_dir(): files in, lessons and errors out.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/lessons/loader.hpp"

namespace hl {
namespace {

constexpr std::uintmax_t kMaxLessonBytes = 1 << 20;  // a lesson is a page of text, not a megabyte

bool read_file(const std::filesystem::path& path, std::string& out_text, std::string& out_problem) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return out_problem = "cannot read: " + ec.message(), false;
  if (size > kMaxLessonBytes) return out_problem = "too large for a lesson (" + std::to_string(size) + " bytes)", false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out_problem = "cannot open for reading", false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out_text = buffer.str();
  return true;
}

std::vector<std::filesystem::path> lesson_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const auto& path = entry.path();
    std::string name = path.filename().string();
    if (path.extension() != ".md" || name == "README.md" || name.front() == '.') continue;
    if (entry.is_regular_file(ec)) files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

}  // namespace

LessonLibrary load_lesson_library(const std::filesystem::path& dir) {
  LessonLibrary library;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    library.errors.push_back({dir.string(), 0, "lessons directory not found"});
    return library;
  }
  for (const auto& path : lesson_files(dir)) {
    std::string text, problem;
    if (!read_file(path, text, problem)) {
      library.errors.push_back({path.string(), 0, problem});
      continue;
    }
    Lesson lesson;
    if (!parse_lesson(text, path.string(), lesson, library.errors)) continue;
    if (const Lesson* first = find_lesson(library, lesson.id)) {
      library.errors.push_back({path.string(), lesson.id_line,
                                "duplicate lesson id '" + lesson.id + "' (already used by " + first->path + ")"});
      continue;
    }
    library.lessons.push_back(std::move(lesson));
  }
  return library;
}

const Lesson* find_lesson(const LessonLibrary& library, std::string_view id) {
  auto it = std::find_if(library.lessons.begin(), library.lessons.end(), [&](const Lesson& l) { return l.id == id; });
  return it == library.lessons.end() ? nullptr : &*it;
}

std::filesystem::path find_lessons_dir() {
  if (const char* env = std::getenv("HL_LESSONS_DIR"); env != nullptr && *env != '\0') return env;
  // Relative to the binary, never to the tree it was built from: /usr/bin -> /usr/share/handshake-lab
  // once installed; the build tree links build/share/handshake-lab/lessons to the sources.
  return (executable_dir() / ".." / "share" / "handshake-lab" / "lessons").lexically_normal();
}

}  // namespace hl
