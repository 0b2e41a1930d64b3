// parse_lesson(): the front matter read key by key against a table of known keys, the body
// handed to parse_markdown(). Every problem is collected with its file line, so an author
// sees them all at once.
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <functional>

#include "core/engine/scenario_checks.hpp"
#include "core/lessons/front_matter.hpp"
#include "core/lessons/loader.hpp"

namespace hl {
namespace {

// The application protocols the engine's dialogues know (sim/core/protocols).
constexpr std::string_view kProtocols[] = {"http", "smtp", "imap", "pop3", "ftp", "ldap"};

// Collects errors for one file, turning TOML source lines into file lines.
class Reporter {
 public:
  Reporter(const std::string& path, int toml_line, std::vector<LessonError>& errors)
      : path_(path), toml_line_(toml_line), errors_(errors) {}

  void at_file_line(int line, std::string message) {
    errors_.push_back({path_, line, std::move(message)});
    ++num_errors_;
  }
  void at(const toml::source_region& where, std::string message) {
    int line = where.begin.line > 0 ? toml_line_ + static_cast<int>(where.begin.line) - 1 : toml_line_ - 1;
    at_file_line(line, std::move(message));
  }
  int toml_to_file(const toml::source_region& where) const {
    return toml_line_ + static_cast<int>(where.begin.line) - 1;
  }
  int num_errors() const { return num_errors_; }

 private:
  const std::string& path_;
  int toml_line_;
  std::vector<LessonError>& errors_;
  int num_errors_ = 0;
};

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  return std::all_of(id.begin(), id.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; });
}

// A [scenario] value as the text set_scenario_field() expects: strings as written,
// integers in decimal, booleans as on/off, floats (version = 1.2) in shortest form.
bool scenario_value_text(const toml::node& node, std::string& out_text) {
  if (auto s = node.as_string()) return out_text = s->get(), true;
  if (auto i = node.as_integer()) return out_text = std::to_string(i->get()), true;
  if (auto b = node.as_boolean()) return out_text = b->get() ? "on" : "off", true;
  if (auto f = node.as_floating_point()) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, f->get());
    return ec == std::errc() && (out_text.assign(buffer, end), true);
  }
  return false;
}

std::optional<std::string> get_string(const toml::table& table, std::string_view key, Reporter& report,
                                      const toml::source_region& where, bool required) {
  const toml::node* node = table.get(key);
  if (node == nullptr) {
    if (required) report.at(where, "missing '" + std::string(key) + "' (a string)");
    return std::nullopt;
  }
  if (!node->is_string()) {
    report.at(node->source(), "'" + std::string(key) + "' must be a string");
    return std::nullopt;
  }
  return node->as_string()->get();
}

std::optional<int> get_port(const toml::table& table, std::string_view key, Reporter& report) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return std::nullopt;
  auto value = node->value<std::int64_t>();
  if (!node->is_integer() || !value || *value < 1 || *value > 65535) {
    report.at(node->source(), "'" + std::string(key) + "' must be a port number 1..65535");
    return std::nullopt;
  }
  return static_cast<int>(*value);
}

void check_known_keys(const toml::table& table, std::initializer_list<std::string_view> known, std::string_view where,
                      Reporter& report) {
  for (auto&& [key, node] : table) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    std::string list;
    for (auto k : known) list += (list.empty() ? "" : ", ") + std::string(k);
    report.at(key.source(), "unknown " + std::string(where) + " key '" + std::string(key.str()) + "' (known: " + list + ")");
  }
}

void read_header(const toml::table& front, Lesson& lesson, Reporter& report) {
  toml::source_region top{};  // line 0 of the TOML: reported as the opening '+++' line
  lesson.id = get_string(front, "id", report, top, true).value_or("");
  if (const toml::node* id = front.get("id")) lesson.id_line = report.toml_to_file(id->source());
  if (front.contains("id") && front.get("id")->is_string() && !valid_id(lesson.id))
    report.at(front.get("id")->source(), "id '" + lesson.id + "' must be lower-case letters, digits and '-'");
  lesson.title = get_string(front, "title", report, top, true).value_or("");
  lesson.summary = get_string(front, "summary", report, top, false).value_or("");
  lesson.view = get_string(front, "view", report, top, false).value_or("");
  lesson.port = get_port(front, "port", report);
  lesson.twin_port = get_port(front, "twin_port", report);
  lesson.protocol = get_string(front, "protocol", report, top, false).value_or(Scenario{}.protocol);
  if (std::find(std::begin(kProtocols), std::end(kProtocols), lesson.protocol) == std::end(kProtocols))
    report.at(front.get("protocol")->source(), "unknown protocol '" + lesson.protocol +
                                                   "' (known: http, smtp, imap, pop3, ftp, ldap)");
}

// Starts from Scenario defaults, sets what the header says, then the [scenario] overrides.
void build_scenario(const toml::table& front, Lesson& lesson, Reporter& report) {
  Scenario& scenario = lesson.scenario;
  scenario.id = lesson.id;
  scenario.protocol = lesson.protocol;
  if (lesson.port) scenario.port = *lesson.port;
  if (auto mode = get_string(front, "mode", report, {}, false)) {
    std::string problem = set_scenario_field(scenario, "mode", *mode);
    if (!problem.empty()) report.at(front.get("mode")->source(), problem);
  }
  lesson.mode = scenario.mode;

  const toml::node* node = front.get("scenario");
  if (node == nullptr) return;
  const toml::table* overrides = node->as_table();
  if (overrides == nullptr) return report.at(node->source(), "'scenario' must be a table: [scenario]");
  for (auto&& [key, value] : *overrides) {
    std::string text;
    if (!scenario_value_text(value, text)) {
      report.at(key.source(), "scenario key '" + std::string(key.str()) + "' needs a string, number or boolean");
      continue;
    }
    std::string problem = set_scenario_field(scenario, std::string(key.str()), text);
    if (!problem.empty()) {
      report.at(key.source(), problem);
      continue;
    }
    lesson.overrides.emplace_back(std::string(key.str()), text);
  }
  lesson.mode = scenario.mode;
}

// [compare]: the settings the right-hand run of the compare view changes, checked on a copy of
// the lesson's scenario (the keys and values of [scenario]); the result must run honestly.
void read_compare(const toml::table& front, Lesson& lesson, Reporter& report) {
  const toml::node* node = front.get("compare");
  if (node == nullptr) return;
  const toml::table* overrides = node->as_table();
  if (overrides == nullptr) return report.at(node->source(), "'compare' must be a table: [compare]");
  if (overrides->empty()) return report.at(node->source(), "[compare] needs at least one scenario key to change");
  Scenario right = lesson.scenario;
  for (auto&& [key, value] : *overrides) {
    std::string text;
    if (!scenario_value_text(value, text)) {
      report.at(key.source(), "compare key '" + std::string(key.str()) + "' needs a string, number or boolean");
      continue;
    }
    std::string problem = set_scenario_field(right, std::string(key.str()), text);
    if (!problem.empty()) {
      report.at(key.source(), "[compare] " + problem);
      continue;
    }
    lesson.compare.emplace_back(std::string(key.str()), text);
  }
  if (std::string why = scenario_refusal(right); !why.empty()) report.at(node->source(), "[compare] " + why);
}

void read_choice(const toml::table& table, Question& question, Reporter& report) {
  check_known_keys(table, {"text", "feedback", "correct"}, "choice", report);
  Choice choice;
  choice.text = get_string(table, "text", report, table.source(), true).value_or("");
  choice.feedback = get_string(table, "feedback", report, table.source(), true).value_or("");
  if (const toml::node* correct = table.get("correct")) {
    if (!correct->is_boolean()) report.at(correct->source(), "'correct' must be true or false");
    choice.correct = correct->value_or(false);
  }
  question.choices.push_back(std::move(choice));
}

void check_answer(Question& question, const toml::source_region& where, Reporter& report) {
  auto num_correct = std::count_if(question.choices.begin(), question.choices.end(), [](auto& c) { return c.correct; });
  if (question.choices.size() < 2) return report.at(where, "a question needs at least two [[questions.choices]]");
  if (num_correct != 1) return report.at(where, "exactly one choice must have correct = true (found " + std::to_string(num_correct) + ")");
  auto correct = std::find_if(question.choices.begin(), question.choices.end(), [](auto& c) { return c.correct; });
  question.answer = static_cast<std::size_t>(correct - question.choices.begin());
}

void read_question(const toml::table& table, std::size_t index, Lesson& lesson, Reporter& report) {
  check_known_keys(table, {"id", "kind", "prompt", "step", "choices"}, "question", report);
  Question question;
  question.line = report.toml_to_file(table.source());
  question.id = get_string(table, "id", report, table.source(), false).value_or("q" + std::to_string(index + 1));
  std::string kind = get_string(table, "kind", report, table.source(), false).value_or("choice");
  if (kind != "choice" && kind != "predict") report.at(table.get("kind")->source(), "kind must be \"choice\" or \"predict\"");
  question.kind = kind == "predict" ? QuestionKind::predict : QuestionKind::choice;
  question.prompt = get_string(table, "prompt", report, table.source(), true).value_or("");
  question.step = get_string(table, "step", report, table.source(), question.kind == QuestionKind::predict).value_or("");
  if (question.kind == QuestionKind::choice && table.contains("step"))
    report.at(table.get("step")->source(), "'step' is only for kind = \"predict\"");

  const toml::array* choices = table.contains("choices") ? table.get("choices")->as_array() : nullptr;
  if (choices == nullptr) {
    report.at(table.source(), "missing [[questions.choices]]");
  } else {
    for (const toml::node& choice : *choices) {
      if (const toml::table* t = choice.as_table()) read_choice(*t, question, report);
      else report.at(choice.source(), "each choice must be a table: [[questions.choices]]");
    }
    check_answer(question, table.source(), report);
  }
  for (const auto& earlier : lesson.questions)
    if (earlier.id == question.id) report.at(table.source(), "duplicate question id '" + question.id + "'");
  lesson.questions.push_back(std::move(question));
}

void read_questions(const toml::table& front, Lesson& lesson, Reporter& report) {
  const toml::node* node = front.get("questions");
  if (node == nullptr) return;
  const toml::array* questions = node->as_array();
  if (questions == nullptr) return report.at(node->source(), "'questions' must be an array of tables: [[questions]]");
  for (std::size_t i = 0; i < questions->size(); ++i) {
    const toml::table* table = (*questions)[i].as_table();
    if (table == nullptr) report.at((*questions)[i].source(), "each question must be a table: [[questions]]");
    else read_question(*table, i, lesson, report);
  }
}

void read_body(const FrontMatterParts& parts, Lesson& lesson, Reporter& report) {
  lesson.body_line = parts.body_line;
  if (parts.body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return report.at_file_line(parts.body_line - 1, "the lesson has no text after its front matter");
  lesson.body = parse_markdown(parts.body);
  lesson.markdown = std::string(parts.body);
  for (const auto& anchor : lesson.body.anchors)
    if (anchor.step.empty()) report.at_file_line(file_line(lesson, anchor.line), "empty step anchor: write {step=REF}");
}

}  // namespace

std::string to_string(const LessonError& error) {
  if (error.line <= 0) return error.file + ": " + error.message;
  return error.file + ":" + std::to_string(error.line) + ": " + error.message;
}

bool parse_lesson(std::string_view text, const std::string& path, Lesson& out_lesson,
                  std::vector<LessonError>& out_errors) {
  FrontMatterParts parts;
  FrontMatterError split_error;
  if (!split_front_matter(text, parts, split_error)) {
    out_errors.push_back({path, split_error.line, split_error.message});
    return false;
  }
  Reporter report(path, parts.toml_line, out_errors);
  toml::table front;
  try {
    front = toml::parse(parts.toml, path);
  } catch (const toml::parse_error& e) {
    report.at(e.source(), "bad TOML: " + std::string(e.description()));
    return false;
  }

  Lesson lesson;
  lesson.path = path;
  check_known_keys(front, {"id", "title", "summary", "view", "port", "twin_port", "protocol", "mode", "scenario", "compare",
                           "questions"},
                   "front-matter", report);
  read_header(front, lesson, report);
  build_scenario(front, lesson, report);
  read_compare(front, lesson, report);
  read_questions(front, lesson, report);
  read_body(parts, lesson, report);
  if (report.num_errors() > 0) return false;
  out_lesson = std::move(lesson);
  return true;
}

}  // namespace hl
