// `handshake-lab audit --lesson`: the grade and findings as text and JSON, and its usage errors
// (exit 2, one line each).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/cli_run.hpp"

using hl::test::count_lines;
using hl::test::run_cli;

TEST_CASE("audit --lesson audit: the lesson's server gets a D, with its findings") {
  const auto run = run_cli("audit --lesson audit");
  REQUIRE(run.status == 0);
  CHECK(run.err.empty());
  CHECK(run.out.rfind("Handshake Lab audit of lesson audit\n\nGrade D", 0) == 0);
  for (const char* id : {"[high] static-rsa", "[high] no-hsts", "[medium] cbc-suite", "[medium] cert-lifetime", "[low] no-tls13"})
    CHECK(run.out.find(id) != std::string::npos);
  CHECK(run.out.find("Not graded") == std::string::npos);  // OCSP stapling is graded; client certificates are reported
  CHECK(run.out.find("[low] no-ocsp-staple") != std::string::npos);  // the standard client asks; the lesson's server staples nothing
}

TEST_CASE("audit --lesson audit --set ...: the fixed server gets an A") {
  const auto run = run_cli("audit --lesson audit --set version=1.3 --set hsts=on --set cert-days=90 --set ocsp=good");
  REQUIRE(run.status == 0);
  CHECK(run.out.find("Grade A (0 findings)") != std::string::npos);
}

TEST_CASE("audit --format json: {grade, findings: [{id, severity, rule, step, evidence}]}") {
  const auto run = run_cli("audit --lesson audit --format json --seed 3");
  REQUIRE(run.status == 0);
  const auto json = nlohmann::json::parse(run.out);
  CHECK(json.at("grade") == "D");
  REQUIRE(json.at("findings").size() == 6);
  for (const auto& f : json.at("findings")) {
    for (const char* key : {"id", "severity", "rule", "step", "evidence"}) CHECK(f.contains(key));
    CHECK(f.at("step").get<int>() >= 1);
    CHECK_FALSE(f.at("evidence").at("bytes").get<std::string>().empty());
  }
  CHECK(json.at("findings")[0].at("severity") == "high");  // worst first
  CHECK(run_cli("audit --lesson audit --format json --seed 3").out == run.out);  // seeded: byte-identical
}

TEST_CASE("audit usage errors exit 2 with one line") {
  for (const char* args : {"audit", "audit --lesson audit --connect 127.0.0.1:1", "audit --lesson audit --set bogus=1",
                           "audit --lesson audit --set hsts=maybe", "audit --lesson audit --set redirect",
                           "audit --lesson audit --cafile x.pem", "audit --lesson audit --timeout 2",
                           "audit --connect 127.0.0.1:1 --set hsts=off", "audit --lesson http-80",
                           "audit --lesson no-such-lesson", "audit --lesson audit --format xml",
                           "audit --connect nonsense", "trace --lesson smtp-25 --set hsts=off"}) {
    DYNAMIC_SECTION(args) {
      const auto run = run_cli(args);
      CHECK(run.status == 2);
      CHECK(run.out.empty());
      CHECK(count_lines(run.err) == 1);
    }
  }
}
