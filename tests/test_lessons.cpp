// The lesson loader: front matter, scenario building, questions, Markdown model, and the
// file:line errors for broken lessons (fixtures in tests/data/lessons/broken).
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/lessons/anchors.hpp"
#include "core/lessons/front_matter.hpp"
#include "core/lessons/loader.hpp"
#include "core/lessons/review.hpp"

namespace {

const std::string kBrokenDir = std::string(HL_TEST_DATA) + "/lessons/broken";

bool parse(const std::string& text, hl::Lesson& lesson, std::vector<hl::LessonError>& errors) {
  return hl::parse_lesson(text, "t.md", lesson, errors);
}

std::string first_error(const std::string& text) {
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  if (parse(text, lesson, errors) || errors.empty()) return "(no error)";
  return hl::to_string(errors.front());
}

std::vector<std::string> error_lines(const hl::LessonLibrary& library) {
  std::vector<std::string> lines;
  for (const auto& e : library.errors) lines.push_back(hl::to_string(e));
  return lines;
}

bool any_error(const hl::LessonLibrary& library, const std::string& file_line, const std::string& words) {
  auto lines = error_lines(library);
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) {
    return l.find(file_line) != std::string::npos && l.find(words) != std::string::npos;
  });
}

const std::string kMinimal = "+++\nid = \"mini\"\ntitle = \"Mini\"\n+++\nHello.\n";

// A handshake record carrying one message: all a step reference looks at.
hl::Step handshake_record(hl::Side from, hl::HandshakeType type) {
  hl::Step step;
  step.kind = hl::StepKind::record;
  step.from = from;
  step.content_type = step.inner_type = 22;
  step.messages = {type};
  return step;
}

}  // namespace

TEST_CASE("split_front_matter finds the TOML and the body with their lines") {
  hl::FrontMatterParts parts;
  hl::FrontMatterError error;
  REQUIRE(hl::split_front_matter("+++\na = 1\nb = 2\n+++\n# Body\n", parts, error));
  CHECK(parts.toml == "a = 1\nb = 2\n");
  CHECK(parts.toml_line == 2);
  CHECK(parts.body == "# Body\n");
  CHECK(parts.body_line == 5);
  // CRLF line endings, a BOM and trailing spaces on the delimiters are fine.
  REQUIRE(hl::split_front_matter("\xEF\xBB\xBF+++  \r\na = 1\r\n+++\r\nx", parts, error));
  CHECK(parts.toml == "a = 1\r\n");
  CHECK(parts.body == "x");
}

TEST_CASE("split_front_matter rejects bad input with a line") {
  hl::FrontMatterParts parts;
  hl::FrontMatterError error;
  CHECK_FALSE(hl::split_front_matter("", parts, error));
  CHECK(error.line == 1);
  CHECK_THAT(error.message, Catch::Contains("empty lesson file"));
  CHECK_FALSE(hl::split_front_matter(" \n\n", parts, error));
  CHECK_THAT(error.message, Catch::Contains("empty lesson file"));
  CHECK_FALSE(hl::split_front_matter("# Just Markdown\n", parts, error));
  CHECK_THAT(error.message, Catch::Contains("must start with a '+++'"));
  CHECK_FALSE(hl::split_front_matter("+++\nid = \"x\"\n# never closed\n", parts, error));
  CHECK(error.line == 1);
  CHECK_THAT(error.message, Catch::Contains("never closed"));
  CHECK_FALSE(hl::split_front_matter("+++\nid = \"x\"\n+++ trailing garbage\nbody\n", parts, error));
  CHECK(error.line == 3);
  CHECK_THAT(error.message, Catch::Contains("unexpected text after '+++'"));
  CHECK_FALSE(hl::split_front_matter("+++toml\nid = \"x\"\n+++\n", parts, error));
  CHECK(error.line == 1);
  CHECK_FALSE(hl::split_front_matter("+++", parts, error));
  CHECK_THAT(error.message, Catch::Contains("never closed"));
}

TEST_CASE("parse_lesson reads the header and builds the scenario through set_scenario_field") {
  const std::string text =
      "+++\nid = \"imap-143\"\ntitle = \"IMAP\"\nport = 143\ntwin_port = 993\nprotocol = \"imap\"\nmode = \"starttls\"\n"
      "[scenario]\nversion = 1.2\ntickets = 0\nintermediate = false\nserver-name = \"mail.example.com\"\n+++\nBody.\n";
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  REQUIRE(parse(text, lesson, errors));
  CHECK(errors.empty());
  CHECK(lesson.id == "imap-143");
  CHECK(lesson.port == 143);
  CHECK(lesson.twin_port == 993);
  CHECK(lesson.mode == hl::PortMode::starttls);
  CHECK(lesson.scenario.id == "imap-143");
  CHECK(lesson.scenario.protocol == "imap");
  CHECK(lesson.scenario.port == 143);
  CHECK(lesson.scenario.mode == hl::PortMode::starttls);
  CHECK(lesson.scenario.version == hl::TlsVersion::tls12);  // a TOML float 1.2 reads as "1.2"
  CHECK(lesson.scenario.tickets == 0);
  CHECK_FALSE(lesson.scenario.cert.intermediate);  // a TOML boolean reads as on/off
  CHECK(lesson.scenario.server_name == "mail.example.com");
  CHECK(lesson.scenario.groups == hl::Scenario{}.groups);  // untouched fields keep the defaults
  CHECK(lesson.overrides.size() == 4);
  CHECK(lesson.body_line == 14);
}

TEST_CASE("a topic lesson has no port and runs the default scenario") {
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  REQUIRE(parse(kMinimal, lesson, errors));
  CHECK_FALSE(lesson.port.has_value());
  CHECK(lesson.scenario.protocol == "http");
  CHECK(lesson.scenario.port == 443);
  CHECK(lesson.mode == hl::PortMode::implicit_tls);
}

TEST_CASE("a lesson may name the pane it opens, and needs not") {
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  REQUIRE(parse(kMinimal, lesson, errors));
  CHECK(lesson.view.empty());
  REQUIRE(parse("+++\nid = \"mini\"\ntitle = \"Mini\"\nview = \"Key schedule\"\n+++\nHello.\n", lesson, errors));
  CHECK(lesson.view == "Key schedule");
  CHECK_FALSE(parse("+++\nid = \"mini\"\ntitle = \"Mini\"\nview = 3\n+++\nHello.\n", lesson, errors));
}

TEST_CASE("a lesson may open in the compare view: [compare] names what the right-hand run changes") {
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  REQUIRE(parse(kMinimal, lesson, errors));
  CHECK(lesson.compare.empty());
  REQUIRE(parse("+++\nid = \"v\"\ntitle = \"V\"\n[scenario]\nversion = \"1.2\"\n[compare]\nversion = \"1.3\"\n"
                "resume = \"ticket\"\n+++\nHello.\n",
                lesson, errors));
  REQUIRE(lesson.compare.size() == 2);  // in the order TOML tables keep: by key
  CHECK(lesson.compare[0] == std::pair<std::string, std::string>("resume", "ticket"));
  CHECK(lesson.compare[1] == std::pair<std::string, std::string>("version", "1.3"));
  CHECK(lesson.scenario.version == hl::TlsVersion::tls12);  // the lesson's own run is left as [scenario] says
  // Numbers and booleans read as in [scenario]: version = 1.3 is "1.3", true is "on".
  REQUIRE(parse("+++\nid = \"v\"\ntitle = \"V\"\n[compare]\nversion = 1.2\nclient-cert = true\n+++\nHello.\n", lesson,
                errors));
  CHECK(lesson.compare[0] == std::pair<std::string, std::string>("client-cert", "on"));
  CHECK(lesson.compare[1] == std::pair<std::string, std::string>("version", "1.2"));
}

TEST_CASE("a bad [compare] table is an error at its line") {
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n[compare]\nversion = \"1.4\"\n+++\nBody\n"),
             Catch::StartsWith("t.md:5: [compare] bad value '1.4' for version"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n[compare]\nverzion = \"1.2\"\n+++\nBody\n"),
             Catch::Contains("t.md:5: [compare]"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n[compare]\ngroups = [\"x25519\"]\n+++\nBody\n"),
             Catch::StartsWith("t.md:5: compare key 'groups' needs a string"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n[compare]\n+++\nBody\n"),
             Catch::StartsWith("t.md:4: [compare] needs at least one scenario key"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\ncompare = \"version=1.2\"\n+++\nBody\n"),
             Catch::StartsWith("t.md:4: 'compare' must be a table"));
}

TEST_CASE("parse_lesson reports each front-matter mistake at its line") {
  CHECK(first_error("+++\ntitle = \"x\"\n+++\nBody\n") == "t.md:1: missing 'id' (a string)");
  CHECK(first_error("+++\nid = \"x\"\n+++\nBody\n") == "t.md:1: missing 'title' (a string)");
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\ntittle = \"t\"\n+++\nBody\n"),
             Catch::StartsWith("t.md:4: unknown front-matter key 'tittle'"));
  CHECK_THAT(first_error("+++\nid = \"X Y\"\ntitle = \"t\"\n+++\nBody\n"), Catch::StartsWith("t.md:2: id 'X Y'"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\nport = 70000\n+++\nBody\n"),
             Catch::StartsWith("t.md:4: 'port' must be a port number"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\nport = \"443\"\n+++\nBody\n"),
             Catch::StartsWith("t.md:4: 'port' must be a port number"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\nmode = \"ssl\"\n+++\nBody\n"),
             Catch::StartsWith("t.md:4: bad value 'ssl' for mode"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\nprotocol = \"gopher\"\n+++\nBody\n"),
             Catch::StartsWith("t.md:4: unknown protocol 'gopher'"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n[scenario]\nversion = \"1.4\"\n+++\nBody\n"),
             Catch::StartsWith("t.md:5: bad value '1.4' for version"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n[scenario]\ngroups = [\"X25519\"]\n+++\nBody\n"),
             Catch::StartsWith("t.md:5: scenario key 'groups' needs a string"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n+++\n\n  \n"),
             Catch::StartsWith("t.md:4: the lesson has no text"));
  CHECK_THAT(first_error("+++\nid = \"x\"\ntitle = \"t\"\n+++\n# Intro\n\n## Bad {step=}\n"),
             Catch::StartsWith("t.md:7: empty step anchor"));
}

TEST_CASE("bad TOML is reported at its line with the parser's reason") {
  std::string error = first_error("+++\nid = \"x\"\ntitle = \"t\"\nport = = 3\n+++\nBody\n");
  CHECK_THAT(error, Catch::StartsWith("t.md:4: bad TOML: "));
  error = first_error("+++\nid = \"x\"\nid = \"y\"\ntitle = \"t\"\n+++\nBody\n");
  CHECK_THAT(error, Catch::StartsWith("t.md:3: bad TOML: "));
}

TEST_CASE("parse_lesson reports every problem, not just the first") {
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  CHECK_FALSE(parse("+++\nport = 0\nmode = \"x\"\n+++\nBody\n", lesson, errors));
  CHECK(errors.size() == 4);  // missing id, missing title, bad port, bad mode
}

TEST_CASE("questions: multiple choice and predict, each choice with feedback") {
  const std::string text = R"(+++
id = "q"
title = "Questions"

[[questions]]
prompt = "Pick one"
  [[questions.choices]]
  text = "wrong"
  feedback = "no, because"
  [[questions.choices]]
  text = "right"
  correct = true
  feedback = "yes, because"

[[questions]]
id = "next"
kind = "predict"
step = "STARTTLS"
prompt = "What does the client send next?"
  [[questions.choices]]
  text = "STARTTLS"
  correct = true
  feedback = "it asks to upgrade"
  [[questions.choices]]
  text = "LOGIN"
  feedback = "not before TLS"
+++
Body.
)";
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  REQUIRE(parse(text, lesson, errors));
  REQUIRE(lesson.questions.size() == 2);
  const auto& first = lesson.questions[0];
  CHECK(first.id == "q1");
  CHECK(first.kind == hl::QuestionKind::choice);
  CHECK(first.line == 5);
  CHECK(first.answer == 1);
  CHECK(first.choices[0].feedback == "no, because");
  const auto& second = lesson.questions[1];
  CHECK(second.id == "next");
  CHECK(second.kind == hl::QuestionKind::predict);
  CHECK(second.step == "STARTTLS");
  CHECK(second.answer == 0);
}

TEST_CASE("bad questions are errors at the question's line") {
  const std::string head = "+++\nid = \"q\"\ntitle = \"t\"\n[[questions]]\nprompt = \"p\"\n";
  const std::string right = "[[questions.choices]]\ntext = \"a\"\nfeedback = \"f\"\ncorrect = true\n";
  const std::string wrong = "[[questions.choices]]\ntext = \"b\"\nfeedback = \"g\"\n";
  CHECK_THAT(first_error(head + wrong + wrong + "+++\nB\n"), Catch::StartsWith("t.md:4: exactly one choice"));
  CHECK_THAT(first_error(head + right + right + "+++\nB\n"), Catch::Contains("found 2"));
  CHECK_THAT(first_error(head + right + "+++\nB\n"), Catch::StartsWith("t.md:4: a question needs at least two"));
  CHECK_THAT(first_error(head + "+++\nB\n"), Catch::StartsWith("t.md:4: missing [[questions.choices]]"));
  CHECK_THAT(first_error(head + right + "[[questions.choices]]\ntext = \"b\"\n+++\nB\n"),
             Catch::Contains("missing 'feedback'"));
  CHECK_THAT(first_error("+++\nid = \"q\"\ntitle = \"t\"\n[[questions]]\nkind = \"predict\"\nprompt = \"p\"\n" + right +
                         wrong + "+++\nB\n"),
             Catch::Contains("missing 'step'"));
  CHECK_THAT(first_error(head + "kind = \"essay\"\n" + right + wrong + "+++\nB\n"),
             Catch::StartsWith("t.md:6: kind must be"));
}

TEST_CASE("the Markdown model keeps headings, styled spans, links, lists, code and tables") {
  const std::string md =
      "# Title\n\nSome *emphasis*, **strong**, `code` and a [link](lesson:imaps-993) &amp; more.\n\n"
      "- one\n- two\n  1. nested\n\n```text\nEHLO client\nSTARTTLS\n```\n\n"
      "| Service | Port |\n|---|---|\n| IMAP | [993](lesson:imaps-993) |\n\n---\n<!-- a note for authors -->\n";
  hl::Document doc = hl::parse_markdown(md);
  REQUIRE(doc.blocks.size() >= 7);
  const auto& title = doc.blocks[0];
  CHECK(title.kind == hl::BlockKind::heading);
  CHECK(title.level == 1);
  CHECK(hl::plain_text(title.spans) == "Title");
  CHECK(title.line == 1);

  const auto& para = doc.blocks[1];
  CHECK(para.kind == hl::BlockKind::paragraph);
  CHECK(para.line == 3);
  CHECK(hl::plain_text(para.spans) == "Some emphasis, strong, code and a link & more.");
  auto find = [&](const std::string& text) {
    return *std::find_if(para.spans.begin(), para.spans.end(), [&](auto& s) { return s.text == text; });
  };
  CHECK(find("emphasis").emphasis);
  CHECK(find("strong").strong);
  CHECK(find("code").code);
  CHECK(find("link").link == "lesson:imaps-993");
  CHECK(hl::lesson_link_id(find("link").link) == "imaps-993");
  CHECK(hl::lesson_link_id("https://example.com").empty());

  CHECK(doc.blocks[2].kind == hl::BlockKind::list_item);
  CHECK(doc.blocks[2].level == 1);
  CHECK(doc.blocks[2].number == 0);
  CHECK(hl::plain_text(doc.blocks[3].spans) == "two");
  CHECK(doc.blocks[4].level == 2);
  CHECK(doc.blocks[4].number == 1);
  CHECK(hl::plain_text(doc.blocks[4].spans) == "nested");

  CHECK(doc.blocks[5].kind == hl::BlockKind::code);
  CHECK(doc.blocks[5].language == "text");
  CHECK(doc.blocks[5].code == "EHLO client\nSTARTTLS\n");

  const auto& table = doc.blocks[6];
  REQUIRE(table.kind == hl::BlockKind::table);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].header);
  CHECK(hl::plain_text(table.rows[0].cells[1]) == "Port");
  CHECK_FALSE(table.rows[1].header);
  CHECK(table.rows[1].cells[1][0].link == "lesson:imaps-993");

  CHECK(doc.blocks.back().kind == hl::BlockKind::rule);  // the HTML comment is not shown
}

TEST_CASE("loose list items keep their paragraph text") {
  hl::Document doc = hl::parse_markdown("- first\n\n- second\n");
  REQUIRE(doc.blocks.size() == 2);
  CHECK(hl::plain_text(doc.blocks[0].spans) == "first");
  CHECK(doc.blocks[1].kind == hl::BlockKind::list_item);
}

TEST_CASE("step anchors cover their heading's section") {
  const std::string md =
      "# Intro\n\nalways\n\n## Hello {step=ClientHello}\n\nat hello\n\n### detail\n\nstill hello\n\n"
      "## Keys {step=EncryptedExtensions, Certificate, CertificateVerify, Finished}\n\nat flight\n\n## After\n\nfree\n";
  hl::Document doc = hl::parse_markdown(md);
  REQUIRE(doc.anchors.size() == 2);
  CHECK(doc.anchors[0].step == "ClientHello");
  CHECK(doc.anchors[0].line == 5);
  CHECK(doc.anchors[1].step == "EncryptedExtensions, Certificate, CertificateVerify, Finished");
  std::vector<std::pair<std::string, int>> seen;
  for (const auto& b : doc.blocks) seen.emplace_back(hl::plain_text(b.spans), b.anchor);
  CHECK(seen == std::vector<std::pair<std::string, int>>{{"Intro", -1},  {"always", -1},  {"Hello", 0},
                                                         {"at hello", 0}, {"detail", 0},   {"still hello", 0},
                                                         {"Keys", 1},     {"at flight", 1}, {"After", -1},
                                                         {"free", -1}});
}

TEST_CASE("odd Markdown never breaks the model") {
  for (const char* md : {"", "```\nunclosed fence", "*unclosed emphasis", "[broken](", "| a |\n|--", "&#xFFFFFFFF; &#0;",
                         "# {step=", "- \n-\n-", "\0\0\0"}) {
    hl::Document doc = hl::parse_markdown(md);
    for (const auto& b : doc.blocks) CHECK(b.anchor < static_cast<int>(doc.anchors.size()));
  }
}

TEST_CASE("a broken lesson directory loads the good lesson and names each broken file:line") {
  hl::LessonLibrary library = hl::load_lesson_library(kBrokenDir);
  INFO(Catch::Detail::stringify(error_lines(library)));
  REQUIRE(library.lessons.size() == 2);  // a_good.md and bad_anchor.md (whose problem needs a run)
  CHECK(hl::find_lesson(library, "fixture-good") != nullptr);
  CHECK(hl::find_lesson(library, "fixture-bad-anchor") != nullptr);
  CHECK(hl::find_lesson(library, "nope") == nullptr);
  CHECK(any_error(library, "bad_toml.md:3:", "bad TOML"));
  CHECK(any_error(library, "duplicate_id.md:3:", "duplicate lesson id 'fixture-good'"));
  CHECK(any_error(library, "duplicate_id.md:3:", "a_good.md"));
  CHECK(any_error(library, "missing_id.md:1:", "missing 'id'"));
  CHECK(any_error(library, "unknown_scenario_key.md:7:", "unknown scenario key 'colour'"));
  CHECK(library.errors.size() == 4);

  const hl::Lesson& good = *hl::find_lesson(library, "fixture-good");
  CHECK(good.scenario.version == hl::TlsVersion::tls12);
  CHECK(good.scenario.port == 993);
  REQUIRE(good.body.anchors.size() == 1);
  CHECK(hl::file_line(good, good.body.anchors[0].line) == 27);
}

TEST_CASE("a missing lessons directory is one error") {
  hl::LessonLibrary library = hl::load_lesson_library(kBrokenDir + "/no-such-dir");
  CHECK(library.lessons.empty());
  REQUIRE(library.errors.size() == 1);
  CHECK_THAT(hl::to_string(library.errors[0]), Catch::EndsWith("no-such-dir: lessons directory not found"));
}

TEST_CASE("validate_anchors names anchors and predictions that match no step") {
  hl::LessonLibrary library = hl::load_lesson_library(kBrokenDir);
  const hl::Lesson* lesson = hl::find_lesson(library, "fixture-bad-anchor");
  REQUIRE(lesson != nullptr);
  hl::Transcript transcript;
  for (auto type : {hl::HandshakeType::client_hello, hl::HandshakeType::server_hello, hl::HandshakeType::finished})
    transcript.steps.push_back(handshake_record(hl::Side::client, type));
  auto errors = hl::validate_anchors(*lesson, transcript);
  REQUIRE(errors.size() == 1);
  CHECK_THAT(hl::to_string(errors[0]), Catch::EndsWith("bad_anchor.md:13: step anchor 'NoSuchStep' matches no step of this lesson's run"));

  // An application-protocol unit of that name is what the anchor resolves to.
  transcript.steps[1] = hl::Step{};
  transcript.steps[1].kind = hl::StepKind::app_line;
  transcript.steps[1].app_unit = "NoSuchStep";
  CHECK(hl::validate_anchors(*lesson, transcript).empty());
  CHECK(hl::anchor_at_step(*lesson, transcript, 0) == 0);
  CHECK(hl::anchor_at_step(*lesson, transcript, 1) == 1);
  CHECK(hl::anchor_at_step(*lesson, transcript, 2) == 1);   // no anchor at Finished: the last one stays
  CHECK(hl::anchor_at_step(*lesson, transcript, 99) == 1);  // past the end: clamped
  CHECK(hl::anchor_at_step(*lesson, hl::Transcript{}, 0) == -1);
}

TEST_CASE("a step the lesson has no section for falls back to the other lesson's section for its type") {
  std::vector<hl::LessonError> errors;
  hl::Lesson port, handshake;
  REQUIRE(parse("+++\nid = \"port\"\ntitle = \"t\"\n+++\n## Hello {step=ClientHello}\nx\n", port, errors));
  REQUIRE(parse("+++\nid = \"handshake\"\ntitle = \"h\"\n+++\n## One {step=ClientHello}\na\n"
                "## Two {step=CertificateVerify}\nb\n",
                handshake, errors));
  hl::Transcript transcript;
  for (auto type : {hl::HandshakeType::client_hello, hl::HandshakeType::certificate_verify, hl::HandshakeType::finished})
    transcript.steps.push_back(handshake_record(hl::Side::server, type));
  const hl::StepSection first = hl::section_at_step(port, &handshake, transcript, 0);
  CHECK(first.lesson == &port);  // its own section wins where both have one
  CHECK(first.anchor == 0);
  CHECK_FALSE(first.from_fallback);
  const hl::StepSection verify = hl::section_at_step(port, &handshake, transcript, 1);
  CHECK(verify.lesson == &handshake);
  CHECK(verify.anchor == 1);
  CHECK(verify.from_fallback);
  CHECK(hl::section_at_step(port, &handshake, transcript, 2).anchor == 1);  // nobody covers Finished: the latest stays
  CHECK(hl::section_at_step(port, nullptr, transcript, 1).lesson == &port);  // no fallback: the old rule
  CHECK(hl::section_at_step(port, &handshake, hl::Transcript{}, 0).lesson == nullptr);
}

TEST_CASE("predict questions are asked before the first step they name") {
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  REQUIRE(parse("+++\nid = \"p\"\ntitle = \"t\"\n[[questions]]\nkind = \"predict\"\nstep = \"Finished\"\nprompt = \"p\"\n"
                "[[questions.choices]]\ntext = \"a\"\nfeedback = \"f\"\ncorrect = true\n"
                "[[questions.choices]]\ntext = \"b\"\nfeedback = \"g\"\n+++\nBody\n",
                lesson, errors));
  hl::Transcript transcript;
  for (auto type : {hl::HandshakeType::client_hello, hl::HandshakeType::finished, hl::HandshakeType::finished})
    transcript.steps.push_back(handshake_record(hl::Side::server, type));
  CHECK(hl::questions_before_step(lesson, transcript, 0).empty());
  CHECK(hl::questions_before_step(lesson, transcript, 1) == std::vector<std::size_t>{0});
  CHECK(hl::questions_before_step(lesson, transcript, 2).empty());
  CHECK(hl::questions_before_step(lesson, transcript, 7).empty());
  CHECK(hl::validate_anchors(lesson, transcript).empty());
  transcript.steps.pop_back();
  transcript.steps.pop_back();
  auto missing = hl::validate_anchors(lesson, transcript);
  REQUIRE(missing.size() == 1);
  CHECK_THAT(hl::to_string(missing[0]), Catch::Contains("t.md:4: question 'q1' predicts step 'Finished'"));
}

TEST_CASE("a step reference may name the side when both sides send the same message") {
  hl::Step server_finished = handshake_record(hl::Side::server, hl::HandshakeType::finished);
  hl::Step client_finished = handshake_record(hl::Side::client, hl::HandshakeType::finished);
  CHECK(hl::step_matches(server_finished, "Finished"));
  CHECK(hl::step_matches(client_finished, "Finished"));
  CHECK(hl::step_matches(server_finished, "server: Finished"));
  CHECK_FALSE(hl::step_matches(client_finished, "server: Finished"));
  CHECK(hl::step_matches(client_finished, "client: Finished"));
  CHECK_FALSE(hl::step_matches(client_finished, "client:Finished"));  // the space is part of the prefix
  CHECK_FALSE(hl::step_matches(client_finished, "Finished "));

  hl::Document doc = hl::parse_markdown("## S {step=server: Finished}\n\ns\n\n## C {step=client: Finished}\n\nc\n");
  hl::Lesson lesson;
  lesson.body = doc;
  hl::Transcript transcript;
  transcript.steps = {server_finished, client_finished};
  CHECK(hl::validate_anchors(lesson, transcript).empty());
  CHECK(hl::anchor_at_step(lesson, transcript, 0) == 0);
  CHECK(hl::anchor_at_step(lesson, transcript, 1) == 1);
  transcript.steps.pop_back();
  CHECK(hl::validate_anchors(lesson, transcript).size() == 1);
}

TEST_CASE("step references resolve to types, whatever the title says") {
  // A record carrying several messages matches each of them; its title plays no part.
  hl::Step flight = handshake_record(hl::Side::server, hl::HandshakeType::server_hello);
  flight.messages.push_back(hl::HandshakeType::certificate);
  flight.messages.push_back(hl::HandshakeType::server_hello_done);
  flight.title = "anything at all";
  CHECK(hl::step_matches(flight, "ServerHello"));
  CHECK(hl::step_matches(flight, "Certificate"));
  CHECK(hl::step_matches(flight, "server_hello_done"));  // the IANA name works too
  CHECK_FALSE(hl::step_matches(flight, "Finished"));
  hl::Step retry = handshake_record(hl::Side::server, hl::HandshakeType::hello_retry_request);
  CHECK(hl::step_matches(retry, "HelloRetryRequest"));
  CHECK_FALSE(hl::step_matches(retry, "ServerHello"));
  // Record types and application units.
  hl::Step ccs;
  ccs.kind = hl::StepKind::record;
  ccs.from = hl::Side::client;
  ccs.content_type = ccs.inner_type = 20;
  CHECK(hl::step_matches(ccs, "client: ChangeCipherSpec"));
  CHECK_FALSE(hl::step_matches(ccs, "server: ChangeCipherSpec"));
  hl::Step get;
  get.kind = hl::StepKind::record;
  get.content_type = get.inner_type = 23;
  get.app_unit = "GET /";
  CHECK(hl::step_matches(get, "Application Data (GET /)"));
  CHECK(hl::step_matches(get, "Application Data"));
  CHECK_FALSE(hl::step_matches(get, "GET /"));  // in the clear it would be an app line
  hl::Step starttls;
  starttls.kind = hl::StepKind::app_line;
  starttls.app_unit = "STARTTLS";
  starttls.title = "Client asks to upgrade";
  CHECK(hl::step_matches(starttls, "STARTTLS"));
  CHECK_FALSE(hl::step_matches(starttls, "Client asks to upgrade"));
  CHECK(hl::resolve_step_ref("server: Finished").side == hl::Side::server);
  CHECK(hl::resolve_step_ref("Finished").what == hl::StepKey::What::handshake);
}

TEST_CASE("an anchor or prediction that resolves to no step of the run is reported at file:line") {
  hl::Lesson lesson;
  std::vector<hl::LessonError> errors;
  REQUIRE(parse("+++\nid = \"p\"\ntitle = \"t\"\n[[questions]]\nkind = \"predict\"\nstep = \"server: KeyUpdate\"\n"
                "prompt = \"p\"\n[[questions.choices]]\ntext = \"a\"\nfeedback = \"f\"\ncorrect = true\n"
                "[[questions.choices]]\ntext = \"b\"\nfeedback = \"g\"\n+++\nBody\n\n## Bye {step=client: NewSessionTicket}\n\nx\n",
                lesson, errors));
  hl::Transcript transcript;
  transcript.steps = {handshake_record(hl::Side::server, hl::HandshakeType::new_session_ticket),
                      handshake_record(hl::Side::client, hl::HandshakeType::key_update)};
  auto missing = hl::validate_anchors(lesson, transcript);
  REQUIRE(missing.size() == 2);
  CHECK_THAT(hl::to_string(missing[0]),
             Catch::EndsWith("t.md:18: step anchor 'client: NewSessionTicket' matches no step of this lesson's run"));
  CHECK_THAT(hl::to_string(missing[1]), Catch::Contains("t.md:4: question 'q1' predicts step 'server: KeyUpdate'"));
}

TEST_CASE("random Markdown and lesson text never crash the parsers") {
  // A fixed-seed generator over the characters Markdown and TOML care about.
  const std::string alphabet = "#*_`[]()<>!-+|=\"'{}:.\n \t0123456789abcstep&;\\";
  std::uint32_t state = 12345;
  auto next = [&] { return state = state * 1664525u + 1013904223u; };
  for (int i = 0; i < 500; ++i) {
    std::string text;
    const std::size_t len = next() % 200;
    for (std::size_t j = 0; j < len; ++j) text += alphabet[next() % alphabet.size()];
    hl::Document doc = hl::parse_markdown(text);
    for (const auto& b : doc.blocks) CHECK(b.anchor < static_cast<int>(doc.anchors.size()));
    hl::Lesson lesson;
    std::vector<hl::LessonError> errors;
    if (!hl::parse_lesson("+++\n" + text + "\n+++\n" + text, "r.md", lesson, errors)) CHECK_FALSE(errors.empty());
  }
}

TEST_CASE("the answer summary and the review list sort questions by how the answers went") {
  hl::LessonLibrary library;
  std::vector<hl::LessonError> errors;
  const std::string question = "[[questions]]\nprompt = \"p\"\n[[questions.choices]]\ntext = \"a\"\nfeedback = \"f\"\n"
                               "correct = true\n[[questions.choices]]\ntext = \"b\"\nfeedback = \"g\"\n";
  for (const char* id : {"one", "two"}) {
    hl::Lesson lesson;
    REQUIRE(parse("+++\nid = \"" + std::string(id) + "\"\ntitle = \"t\"\n" + question + question + question + question +
                      "+++\nBody\n",
                  lesson, errors));
    library.lessons.push_back(std::move(lesson));
  }
  hl::Progress progress;
  hl::mark_correct(progress, "one", "q1");
  hl::mark_wrong(progress, "one", "q2");
  hl::mark_correct(progress, "one", "q2");
  hl::mark_wrong(progress, "one", "q3");
  hl::mark_wrong(progress, "two", "q4");

  const hl::AnswerSummary one = hl::summarize_answers(library.lessons[0], progress);
  CHECK(one.first_try == std::vector<std::size_t>{0});
  CHECK(one.later == std::vector<std::size_t>{1});
  CHECK(one.not_yet == std::vector<std::size_t>{2});
  CHECK(one.unanswered == std::vector<std::size_t>{3});
  CHECK(hl::summary_line(one) == "1 right on first try, 1 right later, 1 not yet right, 1 not answered");

  const auto review = hl::questions_to_review(library, progress);
  REQUIRE(review.size() == 3);
  CHECK((review[0].lesson->id == "one" && review[0].question == 2 && review[0].outcome == hl::AnswerOutcome::not_yet));
  CHECK((review[1].lesson->id == "two" && review[1].question == 3 && review[1].outcome == hl::AnswerOutcome::not_yet));
  CHECK((review[2].lesson->id == "one" && review[2].question == 1 && review[2].outcome == hl::AnswerOutcome::later));
}
