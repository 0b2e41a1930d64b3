// `handshake-lab lessons [--format json]`: every lesson that loads, as a table or as JSON
// {"lessons": [{id, title, port, twin_port, mode, questions}]}. Broken lesson files are
// reported on stderr as file:line lines; the good lessons are listed all the same.
// `handshake-lab lessons --check` runs every lesson and checks it (core/lessons/check.hpp):
// exit 0 when all are sound, else 1 with one file:line line per problem.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/commands.hpp"
#include "core/lessons/check.hpp"
#include "core/lessons/loader.hpp"

namespace hl::cli {
namespace {

nlohmann::json optional_port(const std::optional<int>& port) { return port ? nlohmann::json(*port) : nlohmann::json(); }

std::string port_text(const std::optional<int>& port) { return port ? std::to_string(*port) : "-"; }

std::string lessons_json(const LessonLibrary& library) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& lesson : library.lessons) {
    list.push_back({{"id", lesson.id},
                    {"title", lesson.title},
                    {"port", optional_port(lesson.port)},
                    {"twin_port", optional_port(lesson.twin_port)},
                    {"mode", port_mode_name(lesson.mode)},
                    {"questions", lesson.questions.size()}});
  }
  return nlohmann::json{{"lessons", list}}.dump(2) + "\n";
}

std::string pad(const std::string& text, std::size_t width) {
  return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
}

std::string lessons_table(const LessonLibrary& library) {
  std::size_t id_width = 2;
  for (const auto& lesson : library.lessons) id_width = std::max(id_width, lesson.id.size());
  std::string out = pad("ID", id_width) + "  PORT   TWIN   MODE          Q  TITLE\n";
  for (const auto& lesson : library.lessons) {
    out += pad(lesson.id, id_width) + "  " + pad(port_text(lesson.port), 5) + "  " + pad(port_text(lesson.twin_port), 5) +
           "  " + pad(port_mode_name(lesson.mode), 12) + "  " + pad(std::to_string(lesson.questions.size()), 2) + " " +
           lesson.title + "\n";
  }
  return out;
}

int run_lessons(const std::string& format) {
  const auto dir = find_lessons_dir();
  const LessonLibrary library = load_lesson_library(dir);
  for (const auto& error : library.errors) std::fprintf(stderr, "%s\n", to_string(error).c_str());
  std::string text = format == "json" ? lessons_json(library) : lessons_table(library);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return library.lessons.empty() ? kFailed : kOk;
}

int check_lessons() {
  const LessonLibrary library = load_lesson_library(find_lessons_dir());
  std::vector<LessonError> errors = library.errors;
  for (const auto& lesson : library.lessons)
    for (auto& error : check_lesson(lesson, library)) errors.push_back(std::move(error));
  for (const auto& error : errors) std::fprintf(stderr, "%s\n", to_string(error).c_str());
  if (library.lessons.empty() || !errors.empty()) return kFailed;
  std::printf("%zu lessons checked: anchors, links, questions and cited RFCs are sound\n", library.lessons.size());
  return kOk;
}

void add_lessons_command(CLI::App& app, int& out_status) {
  auto format = std::make_shared<std::string>("text");
  auto check = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("lessons", "List the lessons (from $HL_LESSONS_DIR or the installed lessons/)");
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  cmd->add_flag("--check", *check, "Run every lesson and check its anchors, links, questions and cited RFCs");
  cmd->callback([format, check, &out_status] { out_status = *check ? check_lessons() : run_lessons(*format); });
}

const CommandRegistration registration{5, add_lessons_command};

}  // namespace
}  // namespace hl::cli
