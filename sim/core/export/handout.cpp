// handout_html(): header, lesson text, steps, questions; every piece of text escaped on its way in.
#include "core/export/handout.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/export/field_text.hpp"
#include "core/export/html_text.hpp"
#include "core/export/lesson_html.hpp"
#include "core/export/trace_text.hpp"
#include "core/lessons/anchors.hpp"
#include "core/lessons/choice_order.hpp"
#include "core/wire/decode.hpp"

namespace hl {
namespace {

// Screen and paper alike; fonts the lab already depends on; questions start a new printed page.
constexpr const char* kStyle = R"(
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; max-width: 50em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.9em; margin: 0.1em 0 0.3em; }
h2 { border-bottom: 2px solid #2f5d8c; padding-bottom: 0.15em; margin-top: 2em; }
h3 { margin: 1.4em 0 0.3em; break-after: avoid; }
code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 0.85em; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f5f8; border: 1px solid #d3d9e1;
      border-radius: 4px; padding: 0.6em 0.8em; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #b8c0cc; padding: 0.25em 0.6em; vertical-align: top; text-align: left; }
a { color: #1f4f80; }
.kicker { color: #555; text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.8em; margin: 0; }
table.facts th, table.facts td { border: none; padding: 0.05em 1em 0.05em 0; }
.link-target, .when { color: #555; font-size: 0.9em; }
.choices li { margin: 0.25em 0; }
.choices li.correct { font-weight: bold; }
.feedback { font-weight: normal; color: #333; margin: 0.15em 0 0.5em; }
.answer { margin: 0.3em 0 1em; }
.question { margin-bottom: 1.2em; }
@media print {
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
  pre { background: none; }
  .questions { break-before: page; }
}
)";

std::string port_text(const Lesson& lesson) {
  if (!lesson.port) return "none (a topic lesson)";
  std::string text = std::to_string(*lesson.port) + " (" + lesson.protocol + ")";
  if (lesson.twin_port) text += ", twin " + std::to_string(*lesson.twin_port);
  return text;
}

std::string seed_text(const HandoutOptions& options) {
  if (!options.seed) return "none: a fresh run, its random values differ from any other";
  return std::to_string(*options.seed) + ": the same bytes on every screen that runs this seed";
}

std::string settings_text(const HandoutOptions& options) {
  if (options.settings.empty()) return "the lesson's own";
  std::string text;
  for (const auto& setting : options.settings) text += (text.empty() ? "" : ", ") + setting;
  return text;
}

std::string header_html(const Lesson& lesson, const HandoutOptions& options) {
  std::string html = "<header>\n<p class=\"kicker\">Handshake Lab &middot; lesson " + html_escape(lesson.id) + "</p>\n";
  html += "<h1>" + html_escape(lesson.title) + "</h1>\n";
  if (!lesson.summary.empty()) html += "<p>" + html_escape(lesson.summary) + "</p>\n";
  html += "<table class=\"facts\">\n";
  html += "<tr><th>Port</th><td>" + html_escape(port_text(lesson)) + "</td></tr>\n";
  html += "<tr><th>Seed</th><td>" + html_escape(seed_text(options)) + "</td></tr>\n";
  html += "<tr><th>Settings</th><td>" + html_escape(settings_text(options)) + "</td></tr>\n";
  if (options.answers) html += "<tr><th>Answers</th><td>included (teacher's copy)</td></tr>\n";
  return html + "</table>\n</header>\n";
}

// One step: its trace line (and event details), then its decoded fields and, when it was
// encrypted, the fields of what it decrypts to.
std::string step_html(std::size_t index, const Step& step, const wire::DecodedStep& decoded) {
  std::string text = trace_step_text(index, step);
  if (!decoded.fields.empty()) text += "\n" + fields_to_text(decoded.fields, 1);
  if (!decoded.inner_fields.empty()) text += "\n  Decrypted:\n" + fields_to_text(decoded.inner_fields, 2);
  return fmt::format("<section class=\"step\" id=\"step-{}\">\n<h3>Step {}: {}</h3>\n<pre>{}</pre>\n</section>\n", index,
                     index, html_escape(step.title), html_escape(text));
}

std::string run_html(const Transcript& transcript) {
  const auto decoded = wire::decode_transcript(transcript);
  std::string html = "<section class=\"run\">\n<h2>The run, step by step</h2>\n";
  html += fmt::format("<p>{} steps, numbered from 1 as in the lab's window. Each shows what went on the wire, decoded field "
                      "by field: name, value and [offset+length] in the step's bytes.</p>\n",
                      transcript.steps.size());
  for (std::size_t i = 0; i < transcript.steps.size(); ++i) html += step_html(i + 1, transcript.steps[i], decoded[i]);
  return html + "<h3>Result</h3>\n<pre>" + html_escape(trace_result_text(transcript)) + "</pre>\n</section>\n";
}

std::string choice_html(const Choice& choice, bool answers) {
  if (!answers) return "<li>" + html_escape(choice.text) + "</li>\n";
  return std::string(choice.correct ? "<li class=\"correct\">" : "<li>") + html_escape(choice.text) +
         (choice.correct ? " &#10004;" : "") + "\n<p class=\"feedback\">" + html_escape(choice.feedback) + "</p></li>\n";
}

// A predict question is asked just before its step: say which one, by number where the run has it.
std::string when_html(const Question& question, const Transcript& transcript) {
  if (question.kind != QuestionKind::predict) return "";
  std::string where = html_escape(question.step);
  for (std::size_t i = 0; i < transcript.steps.size(); ++i)
    if (step_matches(transcript.steps[i], question.step)) {
      where = fmt::format("<a href=\"#step-{0}\">step {0}</a> ({1})", i + 1, where);
      break;
    }
  return "<p class=\"when\">Answer before looking at " + where + ".</p>\n";
}

std::string question_html(const Lesson& lesson, const Question& question, const Transcript& transcript, bool answers) {
  std::string html = "<li class=\"question\">\n<p>" + html_escape(question.prompt) + "</p>\n" + when_html(question, transcript);
  html += "<ol class=\"choices\" type=\"a\">\n";
  const std::vector<std::size_t> order = choice_order(lesson, question);
  for (std::size_t index : order) html += choice_html(question.choices[index], answers);
  html += "</ol>\n";
  const auto letter = std::find(order.begin(), order.end(), question.answer) - order.begin();
  if (answers && question.answer < question.choices.size())
    html += fmt::format("<p class=\"answer\"><strong>Answer: ({})</strong> {}</p>\n", static_cast<char>('a' + letter),
                        html_escape(question.choices[question.answer].text));
  return html + "</li>\n";
}

std::string questions_html(const Lesson& lesson, const Transcript& transcript, bool answers) {
  if (lesson.questions.empty()) return "";
  std::string html = "<section class=\"questions\">\n<h2>Questions</h2>\n<ol>\n";
  for (const auto& question : lesson.questions) html += question_html(lesson, question, transcript, answers);
  return html + "</ol>\n</section>\n";
}

}  // namespace

std::string handout_html(const Lesson& lesson, const Transcript& transcript, const HandoutOptions& options) {
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<title>" + html_escape(lesson.title) + " &middot; Handshake Lab handout</title>\n";
  html += std::string("<style>") + kStyle + "</style>\n</head>\n<body>\n";
  html += header_html(lesson, options);
  html += "<main>\n<section class=\"lesson\">\n" + lesson_body_html(lesson, transcript) + "</section>\n";
  html += run_html(transcript);
  html += questions_html(lesson, transcript, options.answers);
  return html + "</main>\n</body>\n</html>\n";
}

}  // namespace hl
