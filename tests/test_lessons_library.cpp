// The real lessons in lessons/: all load, the contract ids exist, every port lesson has
// questions and an eavesdropper section, every lesson link and the port table resolve.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "core/lessons/loader.hpp"

namespace {

const std::string kLessonsDir = std::string(HL_SOURCE_DIR) + "/lessons";

const hl::LessonLibrary& library() {
  static const hl::LessonLibrary loaded = hl::load_lesson_library(kLessonsDir);
  return loaded;
}

const std::vector<std::string> kPortLessons = {"http-80",  "https-443", "imap-143",       "imaps-993", "pop3-110",
                                               "pop3s-995", "smtp-25",  "submission-587", "smtps-465", "ftp-21",
                                               "ftps-990",  "ldap-389", "ldaps-636"};
const std::vector<std::string> kTopicLessons = {"ports",          "tls-overview",  "handshake", "tls12-vs-tls13",
                                                "best-practices", "cert-failures", "tampering",     "starttls-stripping",
                                                "key-schedule",   "record-protection",
                                                "forward-secrecy", "mitm",          "resumption",    "audit",
                                                "alpn-sni",       "mtls",          "ocsp-stapling", "zero-rtt",
                                                "what-if"};

std::vector<std::string> all_links(const hl::Document& doc) {
  std::vector<std::string> links;
  auto add = [&](const std::vector<hl::Span>& spans) {
    for (const auto& s : spans)
      if (!s.link.empty()) links.push_back(s.link);
  };
  for (const auto& block : doc.blocks) {
    add(block.spans);
    for (const auto& row : block.rows)
      for (const auto& cell : row.cells) add(cell);
  }
  return links;
}

std::string all_text(const hl::Document& doc) {
  std::string text;
  for (const auto& block : doc.blocks) text += hl::plain_text(block.spans) + "\n" + block.code;
  return text;
}

}  // namespace

TEST_CASE("every lesson in lessons/ loads without error") {
  for (const auto& error : library().errors) FAIL_CHECK(hl::to_string(error));
  CHECK(library().lessons.size() == kPortLessons.size() + kTopicLessons.size());
}

TEST_CASE("the contract ids are all present and unique") {
  std::set<std::string> ids;
  for (const auto& lesson : library().lessons) CHECK(ids.insert(lesson.id).second);
  for (const auto& id : kPortLessons) CHECK(ids.count(id) == 1);
  for (const auto& id : kTopicLessons) CHECK(ids.count(id) == 1);
}

TEST_CASE("each lesson file is named after its id") {
  for (const auto& lesson : library().lessons)
    CHECK(std::filesystem::path(lesson.path).filename() == lesson.id + ".md");
}

TEST_CASE("port lessons: port, mode, at least three questions, and what the eavesdropper sees") {
  for (const auto& id : kPortLessons) {
    const hl::Lesson* lesson = hl::find_lesson(library(), id);
    REQUIRE(lesson != nullptr);
    INFO(id);
    REQUIRE(lesson->port.has_value());
    CHECK(id.substr(id.rfind('-') + 1) == std::to_string(*lesson->port));  // "imaps-993" is on 993
    CHECK(lesson->scenario.port == *lesson->port);
    CHECK(lesson->scenario.protocol == lesson->protocol);
    CHECK(lesson->questions.size() >= 3);
    for (const auto& q : lesson->questions)
      for (const auto& choice : q.choices) CHECK(choice.feedback.size() > 20);  // feedback that explains
    std::string text = all_text(lesson->body);
    CHECK(text.find("What an eavesdropper sees") != std::string::npos);
    if (lesson->mode != hl::PortMode::plaintext) CHECK(text.find("server name") != std::string::npos);
  }
}

TEST_CASE("twins point at each other's lessons") {
  for (const auto& lesson : library().lessons) {
    if (!lesson.twin_port) continue;
    INFO(lesson.id);
    auto twin = std::find_if(library().lessons.begin(), library().lessons.end(), [&](const hl::Lesson& other) {
      return other.port == lesson.twin_port && other.protocol == lesson.protocol;
    });
    REQUIRE(twin != library().lessons.end());
    CHECK(twin->twin_port == lesson.port);
    CHECK(twin->mode != lesson.mode);
  }
}

TEST_CASE("modes follow the standards") {
  auto mode = [](const char* id) { return hl::find_lesson(library(), id)->mode; };
  CHECK(mode("http-80") == hl::PortMode::plaintext);
  for (const char* id : {"https-443", "imaps-993", "pop3s-995", "smtps-465", "ftps-990", "ldaps-636"})
    CHECK(mode(id) == hl::PortMode::implicit_tls);
  for (const char* id : {"imap-143", "pop3-110", "smtp-25", "submission-587", "ftp-21", "ldap-389"})
    CHECK(mode(id) == hl::PortMode::starttls);
}

TEST_CASE("every lesson: link resolves") {
  for (const auto& lesson : library().lessons) {
    for (const auto& link : all_links(lesson.body)) {
      INFO(lesson.id << " links to " << link);
      auto target = hl::lesson_link_id(link);
      REQUIRE_FALSE(target.empty());  // lessons link only to lessons
      CHECK(hl::find_lesson(library(), target) != nullptr);
    }
  }
}

TEST_CASE("the port table in the ports lesson links every port lesson") {
  const hl::Lesson* ports = hl::find_lesson(library(), "ports");
  REQUIRE(ports != nullptr);
  auto table = std::find_if(ports->body.blocks.begin(), ports->body.blocks.end(),
                            [](const hl::Block& b) { return b.kind == hl::BlockKind::table; });
  REQUIRE(table != ports->body.blocks.end());
  REQUIRE(table->rows.size() >= 2);
  CHECK(hl::plain_text(table->rows[0].cells[0]) == "Service");
  std::set<std::string> linked;
  for (const auto& row : table->rows) {
    REQUIRE(row.cells.size() == 4);
    for (const auto& cell : row.cells)
      for (const auto& span : cell)
        if (!span.link.empty()) linked.insert(std::string(hl::lesson_link_id(span.link)));
  }
  for (const auto& id : kPortLessons) CHECK(linked.count(id) == 1);
}

TEST_CASE("find_lessons_dir honours HL_LESSONS_DIR, else looks beside the binary as installed") {
  ::setenv("HL_LESSONS_DIR", "/somewhere/else", 1);
  CHECK(hl::find_lessons_dir() == std::filesystem::path("/somewhere/else"));
  ::unsetenv("HL_LESSONS_DIR");
  const std::filesystem::path found = hl::find_lessons_dir();
  // build/tests/<this test> -> build/share/handshake-lab/lessons, as /usr/bin -> /usr/share once installed
  CHECK(found.filename() == "lessons");
  CHECK(found.parent_path().filename() == "handshake-lab");
  CHECK(found.parent_path().parent_path().filename() == "share");
  CHECK(found.string().find(HL_SOURCE_DIR "/lessons") == std::string::npos);
  CHECK(std::filesystem::equivalent(found, kLessonsDir));  // the build tree's link to the sources
}
