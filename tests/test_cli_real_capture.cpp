// `trace --pcap` and `decode --pcap` on captures the lab did not make: a real `openssl s_client`
// talking to a real `openssl s_server` over loopback, captured by dumpcap, with the client's
// key log (tests/data/real-openssl, remade by tests/tools/make_real_captures.sh). What the test
// asserts is what that script chose: the version, -ciphersuites / -cipher, -groups, and the
// one line each side sent; plus what TLS itself dictates (the message order). A copy cut
// in the middle of a record gives a partial decode that names where reading stopped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_run.hpp"

namespace {

using hl::test::run_cli;
using hl::test::temp_path;
using Json = nlohmann::json;

// The lines tests/tools/make_real_captures.sh sent (s_client and s_server add the newline).
const std::string kClientLine = "GET /real-capture HTTP/1.0\n";
const std::string kServerLine = "HTTP/1.0 200 OK from s_server\n";
constexpr std::uint8_t kApplicationData = 23;

struct RealCapture {
  std::string file, keys;
  std::string version, cipher, group;       // as the script asked for them
  std::vector<std::string> messages;        // every handshake message, in wire order, as "from:type"
};

std::string data_path(const std::string& name) { return std::string(HL_TEST_DATA) + "/real-openssl/" + name; }

// TLS 1.3 (RFC 8446 §2): OpenSSL's server sends two tickets after the client's Finished by default.
RealCapture tls13() {
  return {data_path("tls13.pcapng"), data_path("tls13.keys"), "TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256", "secp384r1",
          {"client:client_hello", "server:server_hello", "server:encrypted_extensions", "server:certificate",
           "server:certificate_verify", "server:finished", "client:finished", "server:new_session_ticket",
           "server:new_session_ticket"}};
}

// TLS 1.2 with ECDHE (RFC 5246 §7.3, RFC 5077 §3.3: the ticket comes before the server's ChangeCipherSpec).
RealCapture tls12() {
  return {data_path("tls12.pcap"), data_path("tls12.keys"), "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "secp384r1",
          {"client:client_hello", "server:server_hello", "server:certificate", "server:server_key_exchange",
           "server:server_hello_done", "client:client_key_exchange", "client:finished", "server:new_session_ticket",
           "server:finished"}};
}

Json run_json(const std::string& args) {
  const auto run = run_cli(args + " --format json");
  INFO(args << "\n" << run.err);
  REQUIRE(run.status == 0);
  return Json::parse(run.out);
}

std::string trace_args(const RealCapture& c) { return "trace --pcap '" + c.file + "' --keylog '" + c.keys + "'"; }

std::vector<std::string> handshake_messages(const Json& trace) {
  std::vector<std::string> out;
  for (const auto& step : trace.at("steps"))
    for (const auto& type : step.at("messages")) out.push_back(step.at("from").get<std::string>() + ":" + type.get<std::string>());
  return out;
}

std::string unhex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

// The application data each side sent, decrypted: TLS 1.3 plaintext is TLSInnerPlaintext
// (content, the real type 23, zero padding), TLS 1.2's is the content itself.
std::vector<std::string> application_data(const Json& trace, const std::string& from) {
  std::vector<std::string> out;
  for (const auto& step : trace.at("steps")) {
    if (step.at("from") != from || !step.contains("plaintext")) continue;
    std::string plain = unhex(step.at("plaintext").get<std::string>());
    if (trace.at("negotiated").at("version") == "TLSv1.3") {
      while (!plain.empty() && plain.back() == '\0') plain.pop_back();
      if (plain.empty() || static_cast<std::uint8_t>(plain.back()) != kApplicationData) continue;
      plain.pop_back();
    } else if (step.at("content_type") != kApplicationData) {
      continue;
    }
    out.push_back(plain);
  }
  return out;
}

std::string read_bytes(const std::string& path) { return hl::test::read_file(path); }

}  // namespace

TEST_CASE("A real openssl capture: the steps, the negotiated suite and group, and the decrypted lines") {
  for (const RealCapture& c : {tls13(), tls12()}) {
    CAPTURE(c.file);
    const Json trace = run_json(trace_args(c));
    CHECK(trace.at("source") == "capture");
    CHECK(trace.at("capture").at("keys") == true);
    CHECK(trace.at("capture").at("warnings").empty());
    CHECK(trace.at("handshake_complete") == true);
    CHECK(trace.at("negotiated").at("version") == c.version);
    CHECK(trace.at("negotiated").at("cipher") == c.cipher);
    CHECK(trace.at("negotiated").at("group") == c.group);
    CHECK(handshake_messages(trace) == c.messages);
    CHECK(application_data(trace, "client") == std::vector<std::string>{kClientLine});
    CHECK(application_data(trace, "server") == std::vector<std::string>{kServerLine});
    for (const auto& step : trace.at("steps")) {  // every protected record opened and checked its tag
      if (!step.contains("protection")) continue;
      CAPTURE(step.at("index"));
      CHECK(step.at("protection").at("opened") == true);
    }
    // Each side ends with a close_notify alert (RFC 8446 §6.1), decrypted.
    const auto& last = trace.at("steps").back();
    CHECK(last.at("title") == "Alert: close_notify");
  }
}

TEST_CASE("A real openssl capture without its key log stays encrypted and says why") {
  for (const RealCapture& c : {tls13(), tls12()}) {
    CAPTURE(c.file);
    const auto run = run_cli("trace --pcap '" + c.file + "'");
    REQUIRE(run.status == 0);
    CHECK(run.out.find(kClientLine.substr(0, kClientLine.size() - 1)) == std::string::npos);
    CHECK(run.out.find("Encrypted record (no key for it)") != std::string::npos);
    CHECK(run.out.find("no key log for it") != std::string::npos);
    const Json trace = run_json("trace --pcap '" + c.file + "'");
    CHECK(trace.at("capture").at("keys") == false);
    const auto& warnings = trace.at("capture").at("warnings");
    CHECK(std::any_of(warnings.begin(), warnings.end(), [](const Json& w) {
      return w.get<std::string>().find("stay encrypted: no key log line names this connection's client random") != std::string::npos;
    }));
  }
}

TEST_CASE("decode --pcap on a real openssl capture: the trace's steps and every record's fields") {
  for (const RealCapture& c : {tls13(), tls12()}) {
    CAPTURE(c.file);
    const Json decoded = run_json("decode --pcap '" + c.file + "' --keylog '" + c.keys + "'");
    CHECK(decoded.at("warnings").empty());
    REQUIRE(decoded.at("connections").size() == 1);
    CHECK(decoded.at("connections")[0].at("steps") == run_json(trace_args(c)).at("steps"));

    const auto text = run_cli("decode --pcap '" + c.file + "' --keylog '" + c.keys + "'");
    REQUIRE(text.status == 0);
    CHECK(text.out.find("decrypted:") != std::string::npos);
    CHECK(text.out.find("Application Data (" + kServerLine.substr(0, kServerLine.size() - 1) + ")") != std::string::npos);
  }
}

TEST_CASE("A real openssl capture cut in the middle of a record decodes up to the cut and says where it stopped") {
  for (const RealCapture& c : {tls13(), tls12()}) {
    CAPTURE(c.file);
    const Json whole = run_json(trace_args(c));
    // Cut the file halfway through the server's application data record, as it lies in its packet.
    const auto& steps = whole.at("steps");
    std::size_t cut_step = 0;
    for (const auto& step : steps)
      if (step.at("from") == "server" && step.at("title").get<std::string>().rfind("Application Data (", 0) == 0)
        cut_step = step.at("index").get<std::size_t>();
    REQUIRE(cut_step > 0);
    const std::string file = read_bytes(c.file);
    const std::string record = unhex(steps[cut_step - 1].at("bytes").get<std::string>());
    const std::size_t at = file.find(record);
    REQUIRE(at != std::string::npos);
    const std::string cut_path = temp_path("cut-" + std::filesystem::path(c.file).filename().string());
    std::ofstream(cut_path, std::ios::binary) << file.substr(0, at + record.size() / 2);

    const auto run = run_cli("trace --pcap '" + cut_path + "' --keylog '" + c.keys + "' --format json");
    INFO(run.err);
    REQUIRE(run.status == 0);
    const Json cut = Json::parse(run.out);
    // Everything before the cut record is there, decrypted; the cut record and what follows are not.
    REQUIRE(cut.at("steps").size() == cut_step - 1);
    for (std::size_t i = 0; i + 1 < cut_step; ++i) CHECK(cut.at("steps")[i] == steps[i]);
    CHECK(application_data(cut, "client") == std::vector<std::string>{kClientLine});
    CHECK(application_data(cut, "server").empty());
    CHECK(run.err.find("stopped after packet") != std::string::npos);
    CHECK(run.err.find("truncated") != std::string::npos);

    const Json decoded = run_json("decode --pcap '" + cut_path + "' --keylog '" + c.keys + "'");
    const auto& warnings = decoded.at("warnings");
    CHECK(std::any_of(warnings.begin(), warnings.end(), [](const Json& w) { return w.get<std::string>().find("stopped after packet") != std::string::npos; }));
    std::filesystem::remove(cut_path);
  }
}
