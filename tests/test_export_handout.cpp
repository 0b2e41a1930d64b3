// The handout page (sim/core/export/handout): lesson text through md4c's HTML renderer, every step
// with its fields, questions with or without answers; escaped everywhere; nothing outside the page.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "core/engine/engine.hpp"
#include "core/export/handout.hpp"
#include "core/export/html_text.hpp"
#include "core/export/lesson_html.hpp"
#include "core/lessons/choice_order.hpp"
#include "core/lessons/loader.hpp"

namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Every value of an attribute that can load or link (href, src, ...) in the page's tags (text is
// escaped, so every '<' starts a tag), quoted or not.
std::vector<std::string> references(const std::string& html) {
  static const std::regex tag(R"(<[A-Za-z][^>]*>)");
  static const std::regex ref(R"(\s(?:href|src|srcset|action|data|poster|background)\s*=\s*["']?([^"'\s>]*))",
                              std::regex::icase);
  std::vector<std::string> out;
  for (auto t = std::sregex_iterator(html.begin(), html.end(), tag); t != std::sregex_iterator(); ++t) {
    const std::string text = t->str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), ref); it != std::sregex_iterator(); ++it)
      out.push_back((*it)[1]);
  }
  return out;
}

std::set<std::string> ids(const std::string& html) {
  static const std::regex id(R"(\sid="([^"]*)\")");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), id); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
  return out;
}

// The page loads and links to nothing outside itself: every reference is a fragment it defines.
void check_self_contained(const std::string& html) {
  const std::set<std::string> defined = ids(html);
  for (const auto& target : references(html)) {
    INFO("reference " << target);
    REQUIRE(target.rfind('#', 0) == 0);
    CHECK(defined.count(target.substr(1)) == 1);
  }
  for (const char* loader : {"<script", "<link", "<iframe", "<object", "<embed", "<img", "url(", "@import"}) {
    INFO(loader);
    CHECK(html.find(loader) == std::string::npos);
  }
}

hl::Step record(hl::Side from, std::vector<hl::HandshakeType> messages, std::string title) {
  hl::Step step;
  step.kind = hl::StepKind::record;
  step.from = from;
  step.to = from == hl::Side::client ? hl::Side::server : hl::Side::client;
  step.messages = std::move(messages);
  step.title = std::move(title);
  return step;
}

hl::Step http_line(const std::string& text) {
  hl::Step step;
  step.kind = hl::StepKind::app_line;
  step.protocol = "http";
  step.title = text.substr(0, text.find('\r'));
  step.bytes.assign(text.begin(), text.end());
  return step;
}

hl::Question question(std::string id, std::string prompt, std::vector<hl::Choice> choices, std::size_t answer) {
  hl::Question q;
  q.id = std::move(id);
  q.prompt = std::move(prompt);
  q.choices = std::move(choices);
  q.answer = answer;
  return q;
}

// A lesson with hostile text everywhere a lesson author or a run could put it.
hl::Lesson hostile_lesson() {
  hl::Lesson lesson;
  lesson.id = "odd";
  lesson.title = "Tags <b>& \"quotes\"";
  lesson.summary = "A summary with <i>markup</i>";
  lesson.markdown =
      "# Top\n\nRaw <script>alert(1)</script> and <img src=\"http://evil.example/x.png\"> stay text.\n\n"
      "## The client says hello {step=ClientHello}\n\nSee [the RFC](https://www.rfc-editor.org/rfc/rfc8446?a=1&b=2), "
      "[port 80](lesson:http-80), <https://auto.example/> and ![a diagram](http://img.example/d.png).\n\n"
      "## Never in this run {step=Finished}\n\n```\n## In code {step=ClientHello}\n<not a tag>\n```\n\n"
      "| a | b |\n|---|---|\n| `x<y` | **z** |\n";
  lesson.questions.push_back(question("q1", "Which <one>?",
                                      {{"Right & <true>", "Because <reasons>.", true},
                                       {"Wrong", "No: wrong.", false},
                                       {"Also wrong", "No: also wrong.", false}},
                                      0));
  return lesson;
}

hl::Transcript hostile_run() {
  hl::Transcript t;
  t.steps.push_back(record(hl::Side::client, {hl::HandshakeType::client_hello}, "ClientHello"));
  t.steps.push_back(http_line("GET /<script>alert('x')</script>?a=1&b=2 HTTP/1.1\r\n"));
  t.failure = "stopped <here> & there";
  return t;
}

const hl::LessonLibrary& library() {
  static const hl::LessonLibrary loaded = hl::load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  return loaded;
}

}  // namespace

TEST_CASE("html_escape replaces the five characters that matter and nothing else") {
  CHECK(hl::html_escape("a<b>&\"c'd") == "a&lt;b&gt;&amp;&quot;c&#39;d");
  CHECK(hl::html_escape("plain text, ünïcode ──▶") == "plain text, ünïcode ──▶");
  CHECK(hl::html_escape("") == "");
}

TEST_CASE("Lesson text: raw HTML is shown as text, links and images become text, anchors link to steps") {
  const std::string html = hl::lesson_body_html(hostile_lesson(), hostile_run());
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("&lt;img src=") != std::string::npos);  // the raw tag as text, its src never a real attribute
  CHECK(html.find("<span class=\"link\">the RFC</span> <span class=\"link-target\">"
                  "[https://www.rfc-editor.org/rfc/rfc8446?a=1&amp;b=2]</span>") != std::string::npos);
  CHECK(html.find("<span class=\"link\">port 80</span> <span class=\"link-target\">[lesson http-80]</span>") !=
        std::string::npos);
  CHECK(html.find("[https://auto.example/]") != std::string::npos);
  CHECK(html.find("<span class=\"image\">[image: a diagram]</span>") != std::string::npos);
  CHECK(html.find("The client says hello (<a href=\"#step-1\">step 1</a>)</h2>") != std::string::npos);
  CHECK(html.find("<h2>Never in this run</h2>") != std::string::npos);  // matches no step: the anchor goes
  CHECK(html.find("## In code {step=ClientHello}\n&lt;not a tag&gt;") != std::string::npos);  // code stays as written
  CHECK(html.find("<td><code>x&lt;y</code></td>") != std::string::npos);
  CHECK(count(html, "{step=") == 1);  // only the one inside the code block
  for (const auto& target : references(html)) CHECK(target == "#step-1");
}

TEST_CASE("Handout: title, fields and result escaped; the page is self-contained") {
  const std::string html = hl::handout_html(hostile_lesson(), hostile_run(), {});
  CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
  CHECK(html.find("<title>Tags &lt;b&gt;&amp; &quot;quotes&quot; &middot; Handshake Lab handout</title>") != std::string::npos);
  CHECK(html.find("<p>A summary with &lt;i&gt;markup&lt;/i&gt;</p>") != std::string::npos);
  // The request line's field value, decoded from the step's bytes, escaped inside its <pre>.
  CHECK(html.find("GET /&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;?a=1&amp;b=2") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("stopped &lt;here&gt; &amp; there") != std::string::npos);
  CHECK(html.find("<section class=\"step\" id=\"step-1\">") != std::string::npos);
  CHECK(html.find("<section class=\"step\" id=\"step-2\">") != std::string::npos);
  CHECK(html.find("<p>Which &lt;one&gt;?</p>") != std::string::npos);
  CHECK(html.find("<li>Right &amp; &lt;true&gt;</li>") != std::string::npos);
  check_self_contained(html);
}

TEST_CASE("Handout answers: absent by default, present with answers, the choices in the same order") {
  const hl::Lesson lesson = hostile_lesson();
  const std::string students = hl::handout_html(lesson, hostile_run(), {});
  hl::HandoutOptions teacher_options;
  teacher_options.answers = true;
  const std::string teachers = hl::handout_html(lesson, hostile_run(), teacher_options);

  CHECK(students.find("Answer:") == std::string::npos);
  CHECK(students.find("class=\"correct\"") == std::string::npos);
  for (const char* feedback : {"Because &lt;reasons&gt;.", "No: wrong.", "No: also wrong."}) {
    CHECK(students.find(feedback) == std::string::npos);
    CHECK(teachers.find(feedback) != std::string::npos);
  }
  CHECK(count(teachers, "class=\"correct\"") == 1);
  CHECK(teachers.find("<li class=\"correct\">Right &amp; &lt;true&gt; &#10004;") != std::string::npos);

  // The letter the teacher's copy gives is the position of the right choice in the students' list.
  const std::regex answer(R"(Answer: \(([a-c])\)</strong> Right &amp; &lt;true&gt;)");
  std::smatch match;
  REQUIRE(std::regex_search(teachers, match, answer));
  const std::size_t letter = static_cast<std::size_t>(match[1].str()[0] - 'a');
  std::vector<std::size_t> positions;
  for (const char* text : {"<li>Right &amp;", "<li>Wrong</li>", "<li>Also wrong</li>"}) positions.push_back(students.find(text));
  std::vector<std::size_t> sorted = positions;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::find(sorted.begin(), sorted.end(), positions[0]) - sorted.begin() == static_cast<long>(letter));
  CHECK(hl::handout_html(lesson, hostile_run(), {}) == students);  // the same order every time
}

TEST_CASE("Handout lists the choices in choice_order, the order the window shows them in") {
  const hl::Lesson lesson = hostile_lesson();
  const std::string html = hl::handout_html(lesson, hostile_run(), {});
  const std::vector<std::string> items = {"<li>Right &amp; &lt;true&gt;</li>", "<li>Wrong</li>", "<li>Also wrong</li>"};
  const std::vector<std::size_t> order = hl::choice_order(lesson, lesson.questions[0]);
  REQUIRE(order.size() == items.size());
  std::size_t previous = 0;
  for (std::size_t shown = 0; shown < order.size(); ++shown) {
    const std::size_t at = html.find(items[order[shown]]);
    INFO(items[order[shown]]);
    REQUIRE(at != std::string::npos);
    CHECK(at > previous);
    previous = at;
  }
}

TEST_CASE("Handout of every lesson: its title, every step, every question, nothing outside the page") {
  REQUIRE(library().lessons.size() >= 20);
  std::set<char> answer_letters;
  for (const hl::Lesson& lesson : library().lessons) {
    INFO("lesson " << lesson.id);
    hl::Scenario scenario = lesson.scenario;
    scenario.seed = 1;
    const hl::Transcript run = hl::run_scenario(scenario);
    hl::HandoutOptions options;
    options.seed = 1;
    options.answers = true;
    const std::string html = hl::handout_html(lesson, run, options);
    CHECK(html.find("<h1>" + hl::html_escape(lesson.title) + "</h1>") != std::string::npos);
    CHECK(count(html, "<section class=\"step\"") == run.steps.size());
    CHECK(count(html, "<li class=\"question\">") == lesson.questions.size());
    CHECK(count(html, "class=\"correct\"") == lesson.questions.size());
    CHECK(html.find("{step=") == std::string::npos);
    check_self_contained(html);
    static const std::regex answer(R"(Answer: \(([a-f])\))");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), answer); it != std::sregex_iterator(); ++it)
      answer_letters.insert((*it)[1].str()[0]);
  }
  CHECK(answer_letters.size() >= 3);  // on paper the right answer is not always (a)
}
