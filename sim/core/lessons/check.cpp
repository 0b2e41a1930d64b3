// check_lesson(): runs the lesson's scenario and reads its file once more, so every claim the
// lesson format makes (anchors, links, questions, cited RFCs) fails here rather than in class.
#include "core/lessons/check.hpp"

#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/known_rfcs.hpp"

namespace hl {
namespace {

constexpr std::size_t kMinPortQuestions = 4;

Transcript run_lesson(const Lesson& lesson, bool starttls) {
  Scenario scenario = lesson.scenario;
  scenario.seed = 1;  // checks repeat exactly
  scenario.starttls = starttls;
  return run_scenario(scenario);
}

// A lesson about a broken certificate or an attack caught by TLS must fail, with an alert on
// the wire (expected_outcome(): stripping, injection and a stolen key need no alert).
bool breaks_on_purpose(const Lesson& lesson) { return expected_outcome(lesson.scenario).fails; }

void check_runs(const Lesson& lesson, std::vector<LessonError>& errors) {
  Transcript runs = run_lesson(lesson, true);
  if (expected_outcome(lesson.scenario).alert && failure_cause(runs).alert_step == 0)
    errors.push_back({lesson.path, lesson.id_line, "the lesson breaks TLS on purpose, but its run sends no alert"});
  if (!breaks_on_purpose(lesson) && !runs.failure.empty())
    errors.push_back({lesson.path, lesson.id_line, "the lesson's run fails: " + runs.failure});
  if (lesson.mode == PortMode::starttls) {
    Transcript off = run_lesson(lesson, false);
    if (!off.failure.empty())
      errors.push_back({lesson.path, lesson.id_line, "the lesson's run with starttls=off fails: " + off.failure});
    runs.steps.insert(runs.steps.end(), off.steps.begin(), off.steps.end());
  }
  for (auto& error : validate_anchors(lesson, runs)) errors.push_back(std::move(error));
}

void check_span_links(const Lesson& lesson, const LessonLibrary& library, const std::vector<Span>& spans, int line,
                      std::vector<LessonError>& errors) {
  for (const auto& span : spans) {
    auto id = lesson_link_id(span.link);
    if (!id.empty() && find_lesson(library, id) == nullptr)
      errors.push_back({lesson.path, file_line(lesson, line), "link to unknown lesson '" + std::string(id) + "'"});
  }
}

void check_links(const Lesson& lesson, const LessonLibrary& library, std::vector<LessonError>& errors) {
  for (const auto& block : lesson.body.blocks) {
    check_span_links(lesson, library, block.spans, block.line, errors);
    for (const auto& row : block.rows)
      for (const auto& cell : row.cells) check_span_links(lesson, library, cell, block.line, errors);
  }
}

void check_questions(const Lesson& lesson, std::vector<LessonError>& errors) {
  if (lesson.port && lesson.questions.size() < kMinPortQuestions)
    errors.push_back({lesson.path, lesson.id_line,
                      "a port lesson needs at least " + std::to_string(kMinPortQuestions) + " questions, this one has " +
                          std::to_string(lesson.questions.size())});
  for (const auto& question : lesson.questions)
    for (const auto& choice : question.choices)
      if (choice.feedback.empty())
        errors.push_back({lesson.path, question.line, "choice '" + choice.text + "' has no feedback"});
}

// Each "RFC <number>" in text with the line it first appears on.
std::map<int, int> cited_rfcs(std::string_view text) {
  std::map<int, int> cited;
  int line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
    if (text.compare(i, 4, "RFC ") != 0) continue;
    std::size_t end = i + 4;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == i + 4 || end - i - 4 > 5) continue;
    cited.emplace(std::stoi(std::string(text.substr(i + 4, end - i - 4))), line);
  }
  return cited;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<LessonError> check_rfc_citations(std::string_view text, const std::string& path) {
  std::vector<LessonError> errors;
  const auto cited = cited_rfcs(text);
  for (const auto& [number, line] : cited) {
    const KnownRfc* rfc = find_known_rfc(number);
    if (rfc == nullptr) {
      errors.push_back({path, line, "RFC " + std::to_string(number) + " is not in the known list (core/lessons/known_rfcs.cpp)"});
      continue;
    }
    if (rfc->replaced_by != 0 && !cited.contains(rfc->replaced_by))
      errors.push_back({path, line, "RFC " + std::to_string(number) + " is obsoleted: cite RFC " +
                                        std::to_string(rfc->replaced_by) + " beside it"});
  }
  return errors;
}

std::vector<LessonError> check_lesson(const Lesson& lesson, const LessonLibrary& library) {
  std::vector<LessonError> errors;
  check_runs(lesson, errors);
  check_links(lesson, library, errors);
  check_questions(lesson, errors);
  for (auto& error : check_rfc_citations(read_file(lesson.path), lesson.path)) errors.push_back(std::move(error));
  return errors;
}

}  // namespace hl
