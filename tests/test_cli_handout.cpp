// `handshake-lab handout`: a page for every lesson, the same page per seed, answers only when
// asked; usage errors exit 2 and a path it cannot write exits 1, one line on stderr each.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"

namespace {

using hl::test::count_lines;
using hl::test::read_file;
using hl::test::run_cli;
using hl::test::temp_path;
using Run = hl::test::CliRun;

}  // namespace

TEST_CASE("handout writes a page for every lesson") {
  Run list = run_cli("lessons --format json");
  REQUIRE(list.status == 0);
  const auto lessons = nlohmann::json::parse(list.out).at("lessons");
  REQUIRE(lessons.size() >= 20);
  for (const auto& lesson : lessons) {
    const std::string id = lesson.at("id").get<std::string>();
    INFO("lesson " << id);
    const std::string path = temp_path(id + ".html");
    Run run = run_cli("handout --lesson " + id + " --seed 1 --out '" + path + "'");
    INFO(run.err);
    REQUIRE(run.status == 0);
    CHECK(run.out.empty());
    CHECK(run.err.empty());
    const std::string html = read_file(path);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("lesson " + id + "</p>") != std::string::npos);
    CHECK(html.find("<section class=\"step\" id=\"step-1\">") != std::string::npos);
    CHECK(html.find("Answer:") == std::string::npos);
    CHECK(html.rfind("</html>\n") == html.size() - 8);
    std::filesystem::remove(path);
  }
}

TEST_CASE("handout: byte-identical per seed; --answers and --set change the page") {
  const std::string a = temp_path("a.html"), b = temp_path("b.html"), c = temp_path("c.html"), d = temp_path("d.html");
  REQUIRE(run_cli("handout --lesson https-443 --seed 7 --out '" + a + "'").status == 0);
  REQUIRE(run_cli("handout --lesson https-443 --seed 7 --out '" + b + "'").status == 0);
  REQUIRE(run_cli("handout --lesson https-443 --seed 7 --answers --out '" + c + "'").status == 0);
  REQUIRE(run_cli("handout --lesson https-443 --seed 7 --set version=1.2 --out '" + d + "'").status == 0);
  const std::string students = read_file(a), teachers = read_file(c), tls12 = read_file(d);
  CHECK(students == read_file(b));
  CHECK(students.find("7: the same bytes on every screen") != std::string::npos);
  CHECK(students.find("Answer:") == std::string::npos);
  CHECK(teachers.find("Answer:") != std::string::npos);
  CHECK(teachers.find("class=\"correct\"") != std::string::npos);
  CHECK(tls12.find("<td>version=1.2</td>") != std::string::npos);
  CHECK(tls12.find("TLSv1.2") != std::string::npos);
  CHECK(students.find("TLSv1.3") != std::string::npos);
  for (const auto& path : {a, b, c, d}) std::filesystem::remove(path);
}

TEST_CASE("handout refusals: exit 2 for usage, 1 for an unwritable file, one line each") {
  const std::string path = temp_path("never.html");
  Run unknown = run_cli("handout --lesson no-such-lesson --out '" + path + "'");
  CHECK(unknown.status == 2);
  CHECK(unknown.err.find("unknown lesson 'no-such-lesson'") != std::string::npos);
  CHECK(count_lines(unknown.err) == 1);
  CHECK_FALSE(std::filesystem::exists(path));

  Run near_miss = run_cli("handout --lesson https-44 --out '" + path + "'");
  CHECK(near_miss.status == 2);
  CHECK(near_miss.err.find("did you mean https-443?") != std::string::npos);

  Run no_out = run_cli("handout --lesson https-443");
  CHECK(no_out.status == 2);
  CHECK(count_lines(no_out.err) == 1);

  Run bad_set = run_cli("handout --lesson https-443 --set version=9 --out '" + path + "'");
  CHECK(bad_set.status == 2);
  CHECK(count_lines(bad_set.err) == 1);
  CHECK_FALSE(std::filesystem::exists(path));

  Run unwritable = run_cli("handout --lesson https-443 --out /nonexistent-dir/x.html");
  CHECK(unwritable.status == 1);
  CHECK(unwritable.err == "handshake-lab: cannot write /nonexistent-dir/x.html\n");
}
