// The fast JSON writers (core/export/json_text, append_trace_json, write_capture_json) must write
// exactly what nlohmann's dump() writes for the same document: scripts and the golden traces rely
// on that text, and the fast path exists only for speed.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/capture/capture_import.hpp"
#include "core/capture/capture_transcript.hpp"
#include "core/engine/engine.hpp"
#include "core/export/capture_file.hpp"
#include "core/export/capture_json.hpp"
#include "core/export/field_json.hpp"
#include "core/export/json_text.hpp"
#include "core/export/trace_json.hpp"
#include "core/wire/decode.hpp"

namespace {

using nlohmann::json;

std::string fast(const json& value, int indent, int depth = 0) {
  std::string out;
  hl::append_json(out, value, indent, depth);
  return out;
}

// What dump(indent) writes, moved in as if the value sat `depth` levels deep.
std::string nested_dump(const json& value, int indent, int depth) {
  const std::string margin(static_cast<std::size_t>(indent * depth), ' ');
  std::string out;
  for (char ch : value.dump(indent)) {
    out.push_back(ch);
    if (ch == '\n') out += margin;
  }
  return out;
}

json odd_document() {
  json doc = {{"quote", "say \"hi\"\\now"},  {"controls", std::string("a\b\f\n\r\t\x01\x1f\x7f" "z")},
              {"utf8", "caf\xc3\xa9 \xe2\x86\x92 ok"}, {"empty_object", json::object()},
              {"empty_array", json::array()},     {"nested", {{"a", json::array({json::object(), json::array(), 1})}}},
              {"negative", -42},                  {"big", std::uint64_t{18446744073709551615ull}},
              {"float", 0.1},                      {"yes", true},
              {"no", false},                       {"nothing", nullptr},
              {"", "empty key"},                   {"Zed", "capital sorts first"}};
  doc["list"] = json::array({"x", 2, json::array({json::array()}), json({{"k", "v"}})});
  return doc;
}

std::string capture_dom_text(const hl::capture::CaptureImport& capture, const std::string& file) {
  json connections = json::array();
  for (std::size_t index : hl::capture::tls_connections(capture))
    connections.push_back(hl::trace_to_json(hl::capture::connection_transcript(capture.connections[index], capture.keys, {file, index + 1}), {}));
  return json{{"capture", file}, {"warnings", capture.warnings}, {"connections", std::move(connections)}}.dump(2);
}

std::string capture_fast_text(const hl::capture::CaptureImport& capture, const std::string& file, std::size_t threads) {
  std::string out;
  hl::write_capture_json(capture, file, [&](std::string_view piece) { out += piece; }, threads);
  return out;
}

hl::Transcript seeded_run(std::vector<std::pair<std::string, std::string>> settings, bool smtp = false) {
  hl::Scenario scenario;
  if (smtp) {
    scenario.protocol = "smtp";
    scenario.port = 587;
    scenario.mode = hl::PortMode::starttls;
  }
  for (const auto& [key, value] : settings) REQUIRE(hl::set_scenario_field(scenario, key, value).empty());
  scenario.seed = 11;
  return hl::run_scenario(scenario);
}

}  // namespace

TEST_CASE("append_json writes what dump() writes, pretty and compact") {
  const json doc = odd_document();
  CHECK(fast(doc, 2) == doc.dump(2));
  CHECK(fast(doc, 4) == doc.dump(4));
  CHECK(fast(doc, -1) == doc.dump());
  CHECK(fast(json::object(), 2) == "{}");
  CHECK(fast(json::array(), 2) == "[]");
  CHECK(fast(json("plain"), 2) == "\"plain\"");
}

TEST_CASE("append_json at a depth indents like the enclosing document would") {
  const json doc = odd_document();
  for (int depth : {1, 2, 5}) {
    CAPTURE(depth);
    CHECK(fast(doc, 2, depth) == nested_dump(doc, 2, depth));
  }
  // And the proof that matters: inside a real enclosing document.
  const json outer = {{"wrapper", json::array({doc})}};
  CHECK("{\n  \"wrapper\": [\n    " + fast(doc, 2, 2) + "\n  ]\n}" == outer.dump(2));
}

TEST_CASE("append_json refuses invalid UTF-8 exactly as dump() does") {
  const json bad = {{"text", std::string("ok\xff\xfe")}};
  std::string out;
  CHECK_THROWS_AS(hl::append_json(out, bad, 2), json::type_error);
  CHECK_THROWS_AS(bad.dump(2), json::type_error);
}

TEST_CASE("append_json_object merges spliced members in key order, replacing a key it shares") {
  const json object = {{"b", 1}, {"d", 2}};
  const hl::SplicedMember spliced[] = {{"a", [](std::string& out, int) { out += "\"first\""; }},
                                       {"c", [](std::string& out, int) { out += "true"; }},
                                       {"d", [](std::string& out, int) { out += "[]"; }},
                                       {"e", [](std::string& out, int) { out += "null"; }}};
  std::string out;
  hl::append_json_object(out, object, 2, 0, spliced);
  CHECK(out == json{{"a", "first"}, {"b", 1}, {"c", true}, {"d", json::array()}, {"e", nullptr}}.dump(2));
  std::string empty;
  hl::append_json_object(empty, json::object(), 2, 0, {});
  CHECK(empty == "{}");
}

TEST_CASE("append_fields_json writes the field trees fields_to_json() builds") {
  const hl::Transcript t = seeded_run({});
  const auto decoded = hl::wire::decode_transcript(t);
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    CAPTURE(i + 1);
    std::string out;
    hl::append_fields_json(out, decoded[i].fields, 2, 3);
    CHECK(out == fast(hl::fields_to_json(decoded[i].fields), 2, 3));
  }
  hl::Field broken{"length", "0x7fff", 3, 2, "", true, "needs 32767 bytes, 4 left", {}};
  std::string out;
  hl::append_fields_json(out, {broken}, 2, 0);
  CHECK(out == hl::fields_to_json({broken}).dump(2));
  CHECK(out.find("\"malformed\": true") != std::string::npos);
}

TEST_CASE("append_trace_json writes trace_to_json() for every kind of run") {
  const std::vector<std::vector<std::pair<std::string, std::string>>> runs = {
      {},
      {{"version", "1.2"}},
      {{"resume", "ticket"}},
      {{"attack", "mitm"}},
      {{"attack", "tamper"}},
      {{"cert-fault", "expired"}},
  };
  for (const auto& settings : runs) {
    CAPTURE(settings.empty() ? std::string("defaults") : settings.front().first + "=" + settings.front().second);
    const hl::Transcript t = seeded_run(settings);
    const hl::TraceHeading heading{"https-443", true, 11};
    std::string out;
    hl::append_trace_json(out, t, heading, 2, 0);
    CHECK(out == hl::trace_to_json(t, heading).dump(2));
  }
  const hl::Transcript smtp = seeded_run({}, true);  // plaintext lines, then TLS
  std::string out;
  hl::append_trace_json(out, smtp, {"submission-587", true, 11}, 2, 1);
  CHECK(out == fast(hl::trace_to_json(smtp, {"submission-587", true, 11}), 2, 1));
}

TEST_CASE("write_capture_json writes the whole document dump() would, whatever the thread count") {
  hl::Scenario scenario;
  REQUIRE(hl::set_scenario_field(scenario, "resume", "ticket").empty());
  scenario.seed = 3;
  const hl::Transcript run = hl::run_scenario(scenario);
  const hl::capture::CaptureImport capture =
      hl::capture::import_capture(hl::capture_file(run, scenario, "https-443", hl::CaptureFormat::pcapng));
  REQUIRE(capture.error.empty());
  REQUIRE(hl::capture::tls_connections(capture).size() == 2);
  const std::string expected = capture_dom_text(capture, "run.pcapng");
  for (std::size_t threads : {1, 2, 3, 8}) {
    CAPTURE(threads);
    CHECK(capture_fast_text(capture, "run.pcapng", threads) == expected);
  }
}

TEST_CASE("write_capture_json of a capture with no TLS connection and with warnings") {
  hl::capture::CaptureImport empty;
  empty.warnings = {"3 packets were not TCP", "a \"quoted\" warning"};
  CHECK(capture_fast_text(empty, "none.pcap", 2) == capture_dom_text(empty, "none.pcap"));
  hl::capture::CaptureImport nothing;
  CHECK(capture_fast_text(nothing, "empty.pcap", 2) == capture_dom_text(nothing, "empty.pcap"));
}

TEST_CASE("write_capture_json of a real OpenSSL capture with its key log") {
  hl::capture::CaptureImport capture = hl::capture::import_capture_file(HL_TEST_DATA "/real-openssl/tls13.pcapng");
  REQUIRE(capture.error.empty());
  REQUIRE(!hl::capture::tls_connections(capture).empty());
  CHECK(capture_fast_text(capture, "tls13.pcapng", 2) == capture_dom_text(capture, "tls13.pcapng"));
}

TEST_CASE("write_capture_json: a sink that fails stops the workers and the error comes back") {
  hl::capture::CaptureImport capture = hl::capture::import_capture_file(HL_TEST_DATA "/real-openssl/tls13.pcapng");
  REQUIRE(capture.error.empty());
  std::size_t pieces = 0;
  auto failing = [&](std::string_view) {
    if (++pieces == 3) throw std::runtime_error("disk full");
  };
  CHECK_THROWS_WITH(hl::write_capture_json(capture, "tls13.pcapng", failing, 2), "disk full");
}
